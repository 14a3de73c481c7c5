// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SuiteFixture} from "./utils/SuiteFixture.sol";
import {InvoiceRegistry} from "../../contracts/InvoiceRegistry.sol";
import {ParticipantRoles} from "../../contracts/ParticipantRoles.sol";
import {IInvoiceRegistry} from "../../contracts/interfaces/IInvoiceRegistry.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {IVoucherToken} from "../../contracts/interfaces/IVoucherToken.sol";

contract InvoiceRegistryTest is SuiteFixture {
    uint128 internal constant AMOUNT = 100_000_00;

    // ---------------------------------------------------------------- helpers

    function register(address seller, bytes32 key, bytes16 debtor) internal {
        bytes32[] memory keys = new bytes32[](1);
        keys[0] = key;
        bytes16[] memory debtors = new bytes16[](1);
        debtors[0] = debtor;
        vm.prank(seller);
        invoices.register(keys, debtors);
    }

    function keysAndDebtors(uint256 count) internal pure returns (bytes32[] memory keys, bytes16[] memory debtors) {
        keys = new bytes32[](count);
        debtors = new bytes16[](count);
        for (uint256 i = 0; i < count; ++i) {
            keys[i] = invoiceKey(i + 1);
            debtors[i] = BUYER_ORG;
        }
    }

    function attestation(bytes32 key, IInvoiceRegistry.InvoiceStatus status, uint128 amount)
        internal
        pure
        returns (IInvoiceRegistry.Attestation[] memory batch)
    {
        batch = new IInvoiceRegistry.Attestation[](1);
        batch[0] = IInvoiceRegistry.Attestation({invoiceKey: key, status: status, amount: amount});
    }

    function issuance(bytes32 key, uint128 faceValue) internal view returns (IVoucherToken.Issuance memory) {
        return IVoucherToken.Issuance({
            invoiceKey: key, holder: supplier, faceValue: faceValue, maturity: uint64(block.timestamp) + MATURITY_DELAY
        });
    }

    function assertStatus(bytes32 key, IInvoiceRegistry.InvoiceStatus expected) internal view {
        assertEq(uint256(invoices.invoiceOf(key).status), uint256(expected), "invoice status");
    }

    // ---------------------------------------------------------------- register

    function test_register_recordsSellerDebtorAndStatus() public {
        bytes32 key = invoiceKey(1);
        vm.expectEmit();
        emit IInvoiceRegistry.InvoiceRegistered(key, SUPPLIER_ORG, BUYER_ORG);
        register(supplier, key, BUYER_ORG);

        IInvoiceRegistry.Invoice memory invoice = invoices.invoiceOf(key);
        assertEq(invoice.sellerOrganisation, SUPPLIER_ORG, "seller");
        assertEq(invoice.debtorOrganisation, BUYER_ORG, "debtor");
        assertEq(uint256(invoice.status), uint256(IInvoiceRegistry.InvoiceStatus.Registered), "status");
        assertEq(uint256(invoice.attestedAmount), 0, "not attested yet");
        assertEq(invoice.voucherId, 0, "backs no voucher");
    }

    function test_register_recordsWholeBatch() public {
        (bytes32[] memory keys, bytes16[] memory debtors) = keysAndDebtors(3);
        debtors[1] = BANK_ORG; // the registry does not judge who the debtor is; issuance does
        for (uint256 i = 0; i < 3; ++i) {
            vm.expectEmit();
            emit IInvoiceRegistry.InvoiceRegistered(keys[i], SUPPLIER_ORG, debtors[i]);
        }
        vm.prank(supplier);
        invoices.register(keys, debtors);

        for (uint256 i = 0; i < 3; ++i) {
            IInvoiceRegistry.Invoice memory invoice = invoices.invoiceOf(keys[i]);
            assertEq(invoice.sellerOrganisation, SUPPLIER_ORG, "seller");
            assertEq(invoice.debtorOrganisation, debtors[i], "debtor");
            assertEq(uint256(invoice.status), uint256(IInvoiceRegistry.InvoiceStatus.Registered), "status");
        }
    }

    function test_register_revertsIfCallerNotSupplier() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, buyer, ParticipantRoles.SUPPLIER)
        );
        register(buyer, invoiceKey(1), BUYER_ORG);
    }

    function test_register_revertsIfCallerOutsider() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, outsider, ParticipantRoles.SUPPLIER
            )
        );
        register(outsider, invoiceKey(1), BUYER_ORG);
    }

    function test_register_revertsIfSupplierSuspended() public {
        vm.prank(regulator);
        registry.suspend(SUPPLIER_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, supplier, ParticipantRoles.SUPPLIER
            )
        );
        register(supplier, invoiceKey(1), BUYER_ORG);
    }

    function test_register_revertsIfKeyZero() public {
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceInvalidInput.selector, bytes32(0)));
        register(supplier, bytes32(0), BUYER_ORG);
    }

    function test_register_revertsIfDebtorZero() public {
        bytes32 key = invoiceKey(1);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceInvalidInput.selector, key));
        register(supplier, key, bytes16(0));
    }

    function test_register_revertsIfLengthsDiffer() public {
        (bytes32[] memory keys,) = keysAndDebtors(2);
        (, bytes16[] memory debtors) = keysAndDebtors(1);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceInvalidInput.selector, bytes32(0)));
        vm.prank(supplier);
        invoices.register(keys, debtors);
    }

    function test_register_revertsIfKeyAlreadyRegistered() public {
        bytes32 key = invoiceKey(1);
        register(supplier, key, BUYER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceAlreadyRegistered.selector, key));
        register(supplier, key, BUYER_ORG);
    }

    function test_register_revertsIfKeyRegisteredByAnotherSupplier() public {
        // The key identifies the invoice network-wide: a second seller cannot claim it.
        bytes32 key = invoiceKey(1);
        register(supplier, key, BUYER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceAlreadyRegistered.selector, key));
        register(subSupplier, key, BUYER_ORG);
        assertEq(invoices.invoiceOf(key).sellerOrganisation, SUPPLIER_ORG, "first seller keeps it");
    }

    function test_register_revertsIfKeyAlreadyAttested() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceAlreadyRegistered.selector, key));
        register(subSupplier, key, BUYER_ORG);
    }

    function test_register_revertsIfKeyRepeatedInBatch() public {
        (bytes32[] memory keys, bytes16[] memory debtors) = keysAndDebtors(2);
        keys[1] = keys[0];
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceAlreadyRegistered.selector, keys[0]));
        vm.prank(supplier);
        invoices.register(keys, debtors);
    }

    function test_register_batchIsAtomic() public {
        (bytes32[] memory keys, bytes16[] memory debtors) = keysAndDebtors(2);
        debtors[1] = bytes16(0);
        vm.prank(supplier);
        try invoices.register(keys, debtors) {
            revert AssertionFailed("register should have reverted");
        } catch {}
        assertStatus(keys[0], IInvoiceRegistry.InvoiceStatus.Unknown);
    }

    // ---------------------------------------------------------------- attest

    function test_attest_recordsValidStatusAndAmount() public {
        bytes32 key = invoiceKey(1);
        register(supplier, key, BUYER_ORG);
        vm.expectEmit();
        emit IInvoiceRegistry.InvoiceAttested(key, IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT);
        attest(key, IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT);

        IInvoiceRegistry.Invoice memory invoice = invoices.invoiceOf(key);
        assertEq(uint256(invoice.status), uint256(IInvoiceRegistry.InvoiceStatus.Valid), "status");
        assertEq(uint256(invoice.attestedAmount), AMOUNT, "amount");
    }

    function test_attest_recordsVoidedAndReversed() public {
        register(supplier, invoiceKey(1), BUYER_ORG);
        register(supplier, invoiceKey(2), BUYER_ORG);
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT);
        attest(invoiceKey(2), IInvoiceRegistry.InvoiceStatus.Reversed, AMOUNT);
        assertStatus(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided);
        assertStatus(invoiceKey(2), IInvoiceRegistry.InvoiceStatus.Reversed);
    }

    function test_attest_validCanBeVoidedLater() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        attest(key, IInvoiceRegistry.InvoiceStatus.Voided, 0);
        assertStatus(key, IInvoiceRegistry.InvoiceStatus.Voided);
        assertEq(uint256(invoices.invoiceOf(key).attestedAmount), 0, "amount follows the attestation");
    }

    function test_attest_reattestingValidUpdatesAmount() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        vm.expectEmit();
        emit IInvoiceRegistry.InvoiceAttested(key, IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT - 1);
        attest(key, IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT - 1);
        assertStatus(key, IInvoiceRegistry.InvoiceStatus.Valid);
        assertEq(uint256(invoices.invoiceOf(key).attestedAmount), AMOUNT - 1, "amount updated");
    }

    function test_attest_reattestingValidDoesNotFreezeVoucher() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT);
        assertFalse(vouchers.voucherOf(voucherId).frozen, "still tradable");
    }

    function test_attest_batchOfHundred() public {
        uint256 count = 100;
        (bytes32[] memory keys, bytes16[] memory debtors) = keysAndDebtors(count);
        vm.prank(supplier);
        invoices.register(keys, debtors);

        IInvoiceRegistry.Attestation[] memory batch = new IInvoiceRegistry.Attestation[](count);
        for (uint256 i = 0; i < count; ++i) {
            batch[i] = IInvoiceRegistry.Attestation({
                invoiceKey: keys[i], status: IInvoiceRegistry.InvoiceStatus.Valid, amount: uint128(1_000_00 + i)
            });
        }
        vm.prank(taxAuthority);
        invoices.attest(batch);

        for (uint256 i = 0; i < count; ++i) {
            IInvoiceRegistry.Invoice memory invoice = invoices.invoiceOf(keys[i]);
            assertEq(uint256(invoice.status), uint256(IInvoiceRegistry.InvoiceStatus.Valid), "status");
            assertEq(uint256(invoice.attestedAmount), 1_000_00 + i, "amount");
        }
    }

    function test_attest_batchIsAtomic() public {
        register(supplier, invoiceKey(1), BUYER_ORG);
        IInvoiceRegistry.Attestation[] memory batch = new IInvoiceRegistry.Attestation[](2);
        batch[0] = IInvoiceRegistry.Attestation(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT);
        batch[1] = IInvoiceRegistry.Attestation(invoiceKey(2), IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceNotRegistered.selector, invoiceKey(2)));
        vm.prank(taxAuthority);
        invoices.attest(batch);
        assertStatus(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Registered);
    }

    function test_attest_revertsIfCallerNotTaxAuthority() public {
        bytes32 key = invoiceKey(1);
        register(supplier, key, BUYER_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, supplier, ParticipantRoles.TAX_AUTHORITY
            )
        );
        vm.prank(supplier);
        invoices.attest(attestation(key, IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT));
    }

    function test_attest_revertsIfTaxAuthoritySuspended() public {
        bytes32 key = invoiceKey(1);
        register(supplier, key, BUYER_ORG);
        vm.prank(regulator);
        registry.suspend(TAX_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, taxAuthority, ParticipantRoles.TAX_AUTHORITY
            )
        );
        vm.prank(taxAuthority);
        invoices.attest(attestation(key, IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT));
    }

    function test_attest_revertsIfNotRegistered() public {
        bytes32 key = invoiceKey(1);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceNotRegistered.selector, key));
        vm.prank(taxAuthority);
        invoices.attest(attestation(key, IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT));
    }

    function test_attest_revertsIfTargetStatusUnknown() public {
        bytes32 key = invoiceKey(1);
        register(supplier, key, BUYER_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceAttestationStatusInvalid.selector, key, IInvoiceRegistry.InvoiceStatus.Unknown
            )
        );
        vm.prank(taxAuthority);
        invoices.attest(attestation(key, IInvoiceRegistry.InvoiceStatus.Unknown, AMOUNT));
    }

    function test_attest_revertsIfTargetStatusRegistered() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceAttestationStatusInvalid.selector,
                key,
                IInvoiceRegistry.InvoiceStatus.Registered
            )
        );
        vm.prank(taxAuthority);
        invoices.attest(attestation(key, IInvoiceRegistry.InvoiceStatus.Registered, AMOUNT));
    }

    function test_attest_revertsIfVoidedIsFinal() public {
        bytes32 key = invoiceKey(1);
        register(supplier, key, BUYER_ORG);
        attest(key, IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceAttestationFinal.selector, key, IInvoiceRegistry.InvoiceStatus.Voided
            )
        );
        vm.prank(taxAuthority);
        invoices.attest(attestation(key, IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT));
    }

    function test_attest_revertsIfReversedIsFinal() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        attest(key, IInvoiceRegistry.InvoiceStatus.Reversed, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceAttestationFinal.selector, key, IInvoiceRegistry.InvoiceStatus.Reversed
            )
        );
        vm.prank(taxAuthority);
        invoices.attest(attestation(key, IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT));
    }

    // ---------------------------------------------------------------- consume (through VoucherToken.issue)

    function test_consume_bindsInvoiceToVoucher() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        vm.expectEmit();
        emit IInvoiceRegistry.InvoiceConsumed(key, 1);
        vm.prank(buyer);
        uint256 voucherId = vouchers.issue(issuance(key, AMOUNT));

        assertEq(voucherId, 1, "first part id");
        assertEq(invoices.invoiceOf(key).voucherId, voucherId, "invoice bound to the voucher");
        assertEq(vouchers.voucherOf(voucherId).invoiceKey, key, "voucher points back at the invoice");
    }

    function test_consume_revertsIfCallerNotVoucherToken() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(InvoiceRegistry.InvoiceCallerNotVoucherToken.selector, buyer));
        vm.prank(buyer);
        invoices.consume(key, 1);
    }

    function test_consume_revertsIfCallerIsAdmin() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(InvoiceRegistry.InvoiceCallerNotVoucherToken.selector, address(this)));
        invoices.consume(key, 1);
    }

    function test_issue_revertsIfInvoiceAlreadyBacksVoucher() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(IInvoiceRegistry.InvoiceAlreadyBacksVoucher.selector, invoiceKey(1), voucherId)
        );
        vm.prank(buyer);
        vouchers.issue(issuance(invoiceKey(1), 1));
    }

    function test_issue_revertsIfSameInvoiceTwiceInBatch() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        IVoucherToken.Issuance[] memory batch = new IVoucherToken.Issuance[](2);
        batch[0] = issuance(key, AMOUNT / 2);
        batch[1] = issuance(key, AMOUNT / 2);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceAlreadyBacksVoucher.selector, key, 1));
        vm.prank(buyer);
        vouchers.issueBatch(batch);
    }

    function test_issue_revertsIfInvoiceOnlyRegistered() public {
        bytes32 key = invoiceKey(1);
        register(supplier, key, BUYER_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceStatusInvalid.selector, key, IInvoiceRegistry.InvoiceStatus.Registered
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuance(key, AMOUNT));
    }

    function test_issue_revertsIfInvoiceVoided() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        attest(key, IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceStatusInvalid.selector, key, IInvoiceRegistry.InvoiceStatus.Voided
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuance(key, AMOUNT));
    }

    function test_issue_revertsIfInvoiceReversed() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        attest(key, IInvoiceRegistry.InvoiceStatus.Reversed, AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceStatusInvalid.selector, key, IInvoiceRegistry.InvoiceStatus.Reversed
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuance(key, AMOUNT));
    }

    function test_issue_revertsIfInvoiceUnknown() public {
        bytes32 key = invoiceKey(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceStatusInvalid.selector, key, IInvoiceRegistry.InvoiceStatus.Unknown
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuance(key, AMOUNT));
    }

    function test_issue_failedIssueLeavesInvoiceUnbound() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, AMOUNT);
        vm.prank(buyer);
        try vouchers.issue(issuance(key, AMOUNT + 1)) {
            revert AssertionFailed("issue above the attested amount should revert");
        } catch {}
        assertEq(invoices.invoiceOf(key).voucherId, 0, "binding rolled back");

        vm.prank(buyer);
        uint256 voucherId = vouchers.issue(issuance(key, AMOUNT));
        assertEq(invoices.invoiceOf(key).voucherId, voucherId, "invoice still usable");
    }

    // ---------------------------------------------------------------- voiding freezes the voucher

    function test_attest_voidingFreezesBackedVoucher() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        vm.expectEmit();
        emit IInvoiceRegistry.InvoiceAttested(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT);
        vm.expectEmit();
        emit IVoucherToken.VoucherFrozen(voucherId, address(invoices));
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT);

        IVoucherToken.Voucher memory voucher = vouchers.voucherOf(voucherId);
        assertTrue(voucher.frozen, "frozen");
        assertTrue(voucher.invoiceInvalid, "invoice marked invalid");
    }

    function test_attest_loweringAmountFreezesBackedVoucherForGood() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        vm.expectEmit();
        emit IVoucherToken.VoucherFrozen(voucherId, address(invoices));
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT - 1);

        IVoucherToken.Voucher memory voucher = vouchers.voucherOf(voucherId);
        assertTrue(voucher.frozen, "frozen");
        assertTrue(voucher.invoiceInvalid, "the regulator cannot unfreeze it");
    }

    function test_attest_raisingAmountLeavesBackedVoucherTradable() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Valid, AMOUNT + 1);
        assertFalse(vouchers.voucherOf(voucherId).frozen, "still tradable");
    }

    function test_attest_reversingFreezesBackedVoucher() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        vm.expectEmit();
        emit IVoucherToken.VoucherFrozen(voucherId, address(invoices));
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Reversed, AMOUNT);

        IVoucherToken.Voucher memory voucher = vouchers.voucherOf(voucherId);
        assertTrue(voucher.frozen, "frozen");
        assertTrue(voucher.invoiceInvalid, "invoice marked invalid");
    }

    function test_attest_voidedVoucherCannotBeUnfrozenByRegulator() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvoiceInvalid.selector, voucherId));
        vm.prank(regulator);
        vouchers.unfreeze(voucherId);
    }

    function test_attest_voidingAlreadyFrozenVoucherMakesFreezePermanent() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        vm.prank(regulator);
        vouchers.freeze(voucherId);

        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT);
        assertTrue(vouchers.voucherOf(voucherId).invoiceInvalid, "invoice marked invalid");

        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvoiceInvalid.selector, voucherId));
        vm.prank(regulator);
        vouchers.unfreeze(voucherId);
    }

    function test_attest_voidedVoucherCannotMove() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
    }

    function test_freezeForInvalidInvoice_revertsIfCallerNotInvoiceRegistry() public {
        uint256 voucherId = issueVoucher(1, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnauthorized.selector, taxAuthority));
        vm.prank(taxAuthority);
        vouchers.freezeForInvalidInvoice(voucherId);
    }

    // ---------------------------------------------------------------- setVoucherToken

    function test_setVoucherToken_setsOnce() public {
        InvoiceRegistry fresh = new InvoiceRegistry(registry, address(this));
        fresh.setVoucherToken(vouchers);
        assertEq(address(fresh.voucherToken()), address(vouchers), "wired");
    }

    function test_setVoucherToken_revertsIfAlreadySet() public {
        vm.expectRevert(
            abi.encodeWithSelector(InvoiceRegistry.InvoiceVoucherTokenAlreadySet.selector, address(vouchers))
        );
        invoices.setVoucherToken(IVoucherToken(address(0xBEEF)));
    }

    function test_setVoucherToken_revertsIfCallerNotAdmin() public {
        InvoiceRegistry fresh = new InvoiceRegistry(registry, address(this));
        bytes32 adminRole = fresh.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, operator, adminRole)
        );
        vm.prank(operator);
        fresh.setVoucherToken(vouchers);
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_attest_recordsAnyAmount(uint256 amountSeed) public {
        uint128 amount = uint128(bound(amountSeed, 0, type(uint128).max));
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, amount);
        assertEq(uint256(invoices.invoiceOf(key).attestedAmount), amount, "attested amount");
    }

    function testFuzz_issue_faceValueUpToAttestedAmount(uint256 amountSeed, uint256 faceSeed) public {
        uint128 attested = uint128(bound(amountSeed, 1, type(uint128).max));
        uint128 faceValue = uint128(bound(faceSeed, 1, attested));
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, attested);
        vm.prank(buyer);
        uint256 voucherId = vouchers.issue(issuance(key, faceValue));
        assertEq(invoices.invoiceOf(key).voucherId, voucherId, "bound");
        assertEq(uint256(vouchers.voucherOf(voucherId).faceValue), faceValue, "face value");
    }
}
