// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SuiteFixture} from "./utils/SuiteFixture.sol";
import {ParticipantRoles} from "../../contracts/ParticipantRoles.sol";
import {ICashToken} from "../../contracts/interfaces/ICashToken.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";

contract CashTokenTest is SuiteFixture {
    uint256 internal constant AMOUNT = 50_000_00;

    // ---------------------------------------------------------------- metadata

    function test_decimals_isTwo() public view {
        assertEq(uint256(cash.decimals()), 2, "minor units");
    }

    // ---------------------------------------------------------------- mint

    function test_mint_creditsRecipientAndSupply() public {
        vm.expectEmit();
        emit IERC20.Transfer(address(0), supplier, AMOUNT);
        vm.expectEmit();
        emit ICashToken.CashMinted(bank, supplier, AMOUNT);
        mintCash(supplier, AMOUNT);

        assertEq(cash.balanceOf(supplier), AMOUNT, "recipient balance");
        assertEq(cash.totalSupply(), AMOUNT, "total supply");
    }

    function test_mint_revertsIfCallerNotBank() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, supplier, ParticipantRoles.BANK)
        );
        vm.prank(supplier);
        cash.mint(supplier, AMOUNT);
    }

    function test_mint_revertsIfCallerOutsider() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, outsider, ParticipantRoles.BANK)
        );
        vm.prank(outsider);
        cash.mint(supplier, AMOUNT);
    }

    function test_mint_revertsIfBankSuspended() public {
        vm.prank(regulator);
        registry.suspend(BANK_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, bank, ParticipantRoles.BANK)
        );
        vm.prank(bank);
        cash.mint(supplier, AMOUNT);
    }

    function test_mint_revertsIfAmountZero() public {
        vm.expectRevert(ICashToken.CashInvalidAmount.selector);
        vm.prank(bank);
        cash.mint(supplier, 0);
    }

    function test_mint_revertsIfRecipientOutsider() public {
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashRecipientNotVerified.selector, outsider));
        vm.prank(bank);
        cash.mint(outsider, AMOUNT);
    }

    function test_mint_revertsIfRecipientSuspended() public {
        vm.prank(regulator);
        registry.suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashRecipientNotVerified.selector, supplier));
        vm.prank(bank);
        cash.mint(supplier, AMOUNT);
    }

    function test_mint_revertsIfRecipientZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(bank);
        cash.mint(address(0), AMOUNT);
    }

    // ---------------------------------------------------------------- burn

    function test_burn_debitsBankAndSupply() public {
        mintCash(bank, AMOUNT);
        vm.expectEmit();
        emit IERC20.Transfer(bank, address(0), AMOUNT - 1);
        vm.expectEmit();
        emit ICashToken.CashBurned(bank, AMOUNT - 1);
        vm.prank(bank);
        cash.burn(AMOUNT - 1);

        assertEq(cash.balanceOf(bank), 1, "bank balance");
        assertEq(cash.totalSupply(), 1, "total supply");
    }

    function test_burn_revertsIfCallerNotBank() public {
        mintCash(supplier, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, supplier, ParticipantRoles.BANK)
        );
        vm.prank(supplier);
        cash.burn(AMOUNT);
    }

    function test_burn_revertsIfBankSuspended() public {
        mintCash(bank, AMOUNT);
        vm.prank(regulator);
        registry.suspend(BANK_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, bank, ParticipantRoles.BANK)
        );
        vm.prank(bank);
        cash.burn(AMOUNT);
    }

    function test_burn_revertsIfAmountZero() public {
        mintCash(bank, AMOUNT);
        vm.expectRevert(ICashToken.CashInvalidAmount.selector);
        vm.prank(bank);
        cash.burn(0);
    }

    function test_burn_revertsIfAmountExceedsBalance() public {
        mintCash(bank, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bank, AMOUNT, AMOUNT + 1)
        );
        vm.prank(bank);
        cash.burn(AMOUNT + 1);
    }

    // ---------------------------------------------------------------- transfer

    function test_transfer_movesCashBetweenActiveParticipants() public {
        mintCash(supplier, AMOUNT);
        vm.expectEmit();
        emit IERC20.Transfer(supplier, subSupplier, AMOUNT / 4);
        vm.prank(supplier);
        assertTrue(cash.transfer(subSupplier, AMOUNT / 4), "transfer returns true");

        assertEq(cash.balanceOf(supplier), AMOUNT - AMOUNT / 4, "sender balance");
        assertEq(cash.balanceOf(subSupplier), AMOUNT / 4, "recipient balance");
        assertEq(cash.totalSupply(), AMOUNT, "supply unchanged");
    }

    function test_transfer_revertsIfRecipientOutsider() public {
        mintCash(supplier, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashRecipientNotVerified.selector, outsider));
        vm.prank(supplier);
        cash.transfer(outsider, AMOUNT);
    }

    function test_transfer_revertsIfRecipientSuspended() public {
        mintCash(supplier, AMOUNT);
        vm.prank(regulator);
        registry.suspend(SUB_SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashRecipientNotVerified.selector, subSupplier));
        vm.prank(supplier);
        cash.transfer(subSupplier, AMOUNT);
    }

    function test_transfer_revertsIfSenderSuspended() public {
        mintCash(supplier, AMOUNT);
        vm.prank(regulator);
        registry.suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashSenderNotVerified.selector, supplier));
        vm.prank(supplier);
        cash.transfer(subSupplier, AMOUNT);
    }

    function test_transfer_revertsIfSenderAccountRemoved() public {
        mintCash(supplier, AMOUNT);
        vm.prank(operator);
        registry.removeAccount(supplier);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashSenderNotVerified.selector, supplier));
        vm.prank(supplier);
        cash.transfer(subSupplier, AMOUNT);
    }

    function test_transfer_revertsIfRecipientZero() public {
        mintCash(supplier, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(supplier);
        cash.transfer(address(0), AMOUNT);
    }

    function test_transfer_revertsIfAmountExceedsBalance() public {
        mintCash(supplier, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, supplier, AMOUNT, AMOUNT + 1)
        );
        vm.prank(supplier);
        cash.transfer(subSupplier, AMOUNT + 1);
    }

    function test_transfer_worksAgainAfterReinstatement() public {
        mintCash(supplier, AMOUNT);
        vm.startPrank(regulator);
        registry.suspend(SUPPLIER_ORG);
        registry.reinstate(SUPPLIER_ORG);
        vm.stopPrank();
        vm.prank(supplier);
        cash.transfer(subSupplier, AMOUNT);
        assertEq(cash.balanceOf(subSupplier), AMOUNT, "moved");
    }

    // ---------------------------------------------------------------- transferFrom

    function test_transferFrom_spendsAllowance() public {
        mintCash(supplier, AMOUNT);
        vm.prank(supplier);
        cash.approve(bank, AMOUNT);
        vm.prank(bank);
        cash.transferFrom(supplier, subSupplier, AMOUNT / 2);

        assertEq(cash.balanceOf(subSupplier), AMOUNT / 2, "recipient balance");
        assertEq(cash.allowance(supplier, bank), AMOUNT - AMOUNT / 2, "allowance spent");
    }

    function test_transferFrom_revertsIfRecipientOutsider() public {
        mintCash(supplier, AMOUNT);
        vm.prank(supplier);
        cash.approve(bank, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashRecipientNotVerified.selector, outsider));
        vm.prank(bank);
        cash.transferFrom(supplier, outsider, AMOUNT);
    }

    function test_transferFrom_revertsIfSenderSuspended() public {
        mintCash(supplier, AMOUNT);
        vm.prank(supplier);
        cash.approve(bank, AMOUNT);
        vm.prank(regulator);
        registry.suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashSenderNotVerified.selector, supplier));
        vm.prank(bank);
        cash.transferFrom(supplier, subSupplier, AMOUNT);
    }

    function test_transferFrom_revertsIfAllowanceTooLow() public {
        mintCash(supplier, AMOUNT);
        vm.prank(supplier);
        cash.approve(bank, AMOUNT - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bank, AMOUNT - 1, AMOUNT)
        );
        vm.prank(bank);
        cash.transferFrom(supplier, subSupplier, AMOUNT);
    }

    // ---------------------------------------------------------------- operatorTransfer

    function test_operatorTransfer_movesCashForPlatformContract() public {
        mintCash(supplier, AMOUNT);
        vm.expectEmit();
        emit IERC20.Transfer(supplier, bank, AMOUNT);
        vm.prank(address(financing));
        cash.operatorTransfer(supplier, bank, AMOUNT);
        assertEq(cash.balanceOf(bank), AMOUNT, "moved without allowance");
    }

    function test_operatorTransfer_revertsIfCallerLacksPlatformRole() public {
        mintCash(supplier, AMOUNT);
        bytes32 platform = cash.PLATFORM_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bank, platform)
        );
        vm.prank(bank);
        cash.operatorTransfer(supplier, bank, AMOUNT);
    }

    function test_operatorTransfer_revertsIfCallerIsAdminOnly() public {
        // The admin can grant the role but does not hold it.
        mintCash(supplier, AMOUNT);
        bytes32 platform = cash.PLATFORM_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(this), platform)
        );
        cash.operatorTransfer(supplier, bank, AMOUNT);
    }

    function test_operatorTransfer_revertsIfRecipientOutsider() public {
        mintCash(supplier, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashRecipientNotVerified.selector, outsider));
        vm.prank(address(financing));
        cash.operatorTransfer(supplier, outsider, AMOUNT);
    }

    function test_operatorTransfer_revertsIfSenderSuspended() public {
        mintCash(supplier, AMOUNT);
        vm.prank(regulator);
        registry.suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashSenderNotVerified.selector, supplier));
        vm.prank(address(financing));
        cash.operatorTransfer(supplier, bank, AMOUNT);
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_transfer_conservesSupplyAndBalances(
        uint256 mintSupplier,
        uint256 mintSubSupplier,
        uint256 first,
        uint256 second,
        uint256 third
    ) public {
        mintSupplier = bound(mintSupplier, 1, type(uint128).max);
        mintSubSupplier = bound(mintSubSupplier, 1, type(uint128).max);
        mintCash(supplier, mintSupplier);
        mintCash(subSupplier, mintSubSupplier);
        uint256 minted = mintSupplier + mintSubSupplier;

        first = bound(first, 0, cash.balanceOf(supplier));
        vm.prank(supplier);
        cash.transfer(subSupplier, first);

        second = bound(second, 0, cash.balanceOf(subSupplier));
        vm.prank(subSupplier);
        cash.transfer(bank, second);

        third = bound(third, 0, cash.balanceOf(bank));
        vm.prank(address(financing));
        cash.operatorTransfer(bank, supplier, third);

        uint256 sum = cash.balanceOf(supplier) + cash.balanceOf(subSupplier) + cash.balanceOf(bank);
        assertEq(cash.totalSupply(), minted, "transfers create or destroy nothing");
        assertEq(sum, minted, "balances add up to supply");
        assertEq(cash.balanceOf(supplier), mintSupplier - first + third, "supplier balance");
        assertEq(cash.balanceOf(subSupplier), mintSubSupplier + first - second, "sub-supplier balance");
        assertEq(cash.balanceOf(bank), second - third, "bank balance");
    }

    function testFuzz_burn_supplyIsMintedMinusBurned(uint256 minted, uint256 burned) public {
        minted = bound(minted, 1, type(uint256).max);
        burned = bound(burned, 1, minted);
        mintCash(bank, minted);
        vm.prank(bank);
        cash.burn(burned);
        assertEq(cash.totalSupply(), minted - burned, "supply");
        assertEq(cash.balanceOf(bank), minted - burned, "bank balance");
    }

    function testFuzz_transfer_revertsForOutsiderWhateverTheAmount(uint256 amount) public {
        amount = bound(amount, 0, AMOUNT);
        mintCash(supplier, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(ICashToken.CashRecipientNotVerified.selector, outsider));
        vm.prank(supplier);
        cash.transfer(outsider, amount);
    }
}
