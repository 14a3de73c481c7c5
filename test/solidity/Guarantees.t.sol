// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IComplianceRules} from "../../contracts/interfaces/IComplianceRules.sol";
import {IFinancing} from "../../contracts/interfaces/IFinancing.sol";
import {IGuarantees} from "../../contracts/interfaces/IGuarantees.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {IVoucherToken} from "../../contracts/interfaces/IVoucherToken.sol";
import {ParticipantRoles} from "../../contracts/ParticipantRoles.sol";
import {MoneyFixture} from "./utils/MoneyFixture.sol";

contract GuaranteesTest is MoneyFixture {
    uint128 internal constant ADVANCE = 97_000_00;
    uint128 internal constant COVER = 60_000_00;
    uint128 internal constant FEE = 1_200_00;
    uint256 internal constant CAPACITY = 2 * uint256(FACE);

    uint256 internal voucherId;
    uint256 internal financingId; // supplier factored the whole voucher to `bank`, without recourse

    function setUp() public override {
        super.setUp();
        voucherId = issueVoucher(1, FACE);
        financingId = factor(voucherId, ADVANCE, false);
        setCapacity(CAPACITY);
        mintCash(guarantor, FACE);
    }

    /// @dev An offer of `covered` for `fee` on the factoring, accepted by the bank.
    function _issued(uint256 covered, uint256 fee) private returns (uint256 guaranteeId) {
        guaranteeId = offerGuarantee(financingId, covered, fee);
        vm.prank(bank);
        guarantees.accept(guaranteeId);
    }

    /// @dev An accepted guarantee on a voucher now in default, claimed by the bank.
    function _claimed(uint256 covered) private returns (uint256 guaranteeId) {
        guaranteeId = _issued(covered, FEE);
        defaultVoucher(voucherId);
        vm.prank(bank);
        guarantees.claim(guaranteeId);
    }

    // ================================================================ offer

    function test_offer_recordsAnOfferOnAnActiveFinancing() public {
        vmExtra.expectEmit(address(guarantees));
        emit IGuarantees.GuaranteeOffered(1, financingId, guarantor, COVER, FEE);
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);

        assertEq(guaranteeId, 1, "first id is 1");
        IGuarantees.Guarantee memory g = guarantees.guaranteeOf(guaranteeId);
        assertEq(g.financingId, financingId, "financing");
        assertEq(g.guarantor, guarantor, "guarantor");
        assertEq(bytes32(g.guarantorOrganisation), bytes32(GUARANTOR_ORG), "guarantor organisation");
        assertEq(uint256(g.status), uint256(IGuarantees.GuaranteeStatus.Offered), "offered");
        assertEq(g.coveredAmount, COVER, "cover");
        assertEq(g.fee, FEE, "fee");
        assertEq(g.beneficiary, bank, "the financing's bank account");

        assertEq(capacityUsed(), 0, "an offer uses no capacity");
        assertEq(cash.balanceOf(guarantor), FACE, "no fee yet");
    }

    function test_offer_coversUpToTheFinancedAmount() public {
        uint256 guaranteeId = offerGuarantee(financingId, FACE, 0);
        assertEq(guarantees.guaranteeOf(guaranteeId).coveredAmount, FACE, "full cover");
    }

    function test_offer_revertsForANonGuarantor() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, bank, ParticipantRoles.GUARANTOR)
        );
        vm.prank(bank);
        guarantees.offer(financingId, COVER, FEE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, outsider, ParticipantRoles.GUARANTOR
            )
        );
        vm.prank(outsider);
        guarantees.offer(financingId, COVER, FEE);
    }

    function test_offer_revertsForASuspendedGuarantor() public {
        vm.prank(regulator);
        registry.suspend(GUARANTOR_ORG);

        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, guarantor, ParticipantRoles.GUARANTOR
            )
        );
        vm.prank(guarantor);
        guarantees.offer(financingId, COVER, FEE);
    }

    function test_offer_revertsIfFinancingIsOnlyRequested() public {
        uint256 other = issueVoucher(2, FACE);
        uint256 requested = requestFactoring(supplier, other, BANK_ORG, false, 0);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeFinancingNotActive.selector, requested));
        vm.prank(guarantor);
        guarantees.offer(requested, COVER, FEE);
    }

    function test_offer_revertsForUnknownFinancing() public {
        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeFinancingNotActive.selector, 99));
        vm.prank(guarantor);
        guarantees.offer(99, COVER, FEE);
    }

    function test_offer_revertsOnceFinancingSettled() public {
        mintCash(buyer, FACE);
        payParts(voucherId, one(voucherId));

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeFinancingNotActive.selector, financingId));
        vm.prank(guarantor);
        guarantees.offer(financingId, COVER, FEE);
    }

    function test_offer_revertsIfCoverIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeCoverOutOfRange.selector, financingId, 0, FACE));
        vm.prank(guarantor);
        guarantees.offer(financingId, 0, FEE);
    }

    function test_offer_revertsIfCoverExceedsTheFinancedAmount() public {
        vm.expectRevert(
            abi.encodeWithSelector(IGuarantees.GuaranteeCoverOutOfRange.selector, financingId, uint256(FACE) + 1, FACE)
        );
        vm.prank(guarantor);
        guarantees.offer(financingId, uint256(FACE) + 1, FEE);
    }

    function test_offer_loanCoverIsBoundedByThePledge() public {
        uint256 other = issueVoucher(2, FACE);
        uint256 loan = borrow(other, 80_000_00, 70_000_00, 75_000_00);

        vm.expectRevert(
            abi.encodeWithSelector(IGuarantees.GuaranteeCoverOutOfRange.selector, loan, 80_000_00 + 1, 80_000_00)
        );
        vm.prank(guarantor);
        guarantees.offer(loan, 80_000_00 + 1, FEE);
    }

    function test_offer_revertsIfFeeDoesNotFit128Bits() public {
        uint256 fee = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, fee));
        vm.prank(guarantor);
        guarantees.offer(financingId, COVER, fee);
    }

    // ================================================================ withdraw

    function test_withdraw_guarantorWithdrawsItsOffer() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);

        vmExtra.expectEmit(address(guarantees));
        emit IGuarantees.GuaranteeWithdrawn(guaranteeId);
        vm.prank(guarantor);
        guarantees.withdraw(guaranteeId);

        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Withdrawn), "withdrawn");
    }

    function test_withdraw_revertsIfCallerIsNotTheGuarantor() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeUnauthorized.selector, guaranteeId, bank));
        vm.prank(bank);
        guarantees.withdraw(guaranteeId);
    }

    function test_withdraw_revertsOnceAccepted() public {
        uint256 guaranteeId = _issued(COVER, FEE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Active
            )
        );
        vm.prank(guarantor);
        guarantees.withdraw(guaranteeId);
    }

    function test_withdraw_revertsForUnknownGuarantee() public {
        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeUnknown.selector, 5));
        vm.prank(guarantor);
        guarantees.withdraw(5);
    }

    // ================================================================ accept

    function test_accept_bankPaysFeeAndCapacityIsBooked() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);
        uint256 bankBefore = cash.balanceOf(bank);

        vmExtra.expectEmit(address(guarantees));
        emit IGuarantees.GuaranteeIssued(guaranteeId, bank, FEE);
        vm.prank(bank);
        guarantees.accept(guaranteeId);

        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Active), "active");
        assertEq(cash.balanceOf(bank), bankBefore - FEE, "bank paid the fee");
        assertEq(cash.balanceOf(guarantor), uint256(FACE) + FEE, "guarantor got the fee");
        assertEq(capacityUsed(), COVER, "cover booked against capacity");
    }

    function test_accept_withoutFeeMovesNoCash() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, 0);
        uint256 bankBefore = cash.balanceOf(bank);

        vm.prank(bank);
        guarantees.accept(guaranteeId);

        assertEq(cash.balanceOf(bank), bankBefore, "no fee");
        assertEq(cash.balanceOf(guarantor), FACE, "no fee");
        assertEq(capacityUsed(), COVER, "cover booked");
    }

    function test_accept_revertsIfCallerIsNotTheBeneficiary() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeUnauthorized.selector, guaranteeId, otherBank));
        vm.prank(otherBank);
        guarantees.accept(guaranteeId);

        // The seller cannot accept cover on the bank's behalf (and make the bank pay the fee).
        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeUnauthorized.selector, guaranteeId, supplier));
        vm.prank(supplier);
        guarantees.accept(guaranteeId);
    }

    function test_accept_revertsBeyondCapacityAndMovesNothing() public {
        setCapacity(COVER - 1);
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);
        uint256 bankBefore = cash.balanceOf(bank);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceGuarantorCapacityExceeded.selector, GUARANTOR_ORG, 0, COVER, COVER - 1
            )
        );
        vm.prank(bank);
        guarantees.accept(guaranteeId);

        assertEq(cash.balanceOf(bank), bankBefore, "fee not paid");
        assertEq(capacityUsed(), 0, "nothing booked");
        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Offered), "still offered");
    }

    function test_accept_revertsWhenEarlierCoverFillsTheCapacity() public {
        setCapacity(FACE);
        _issued(COVER, FEE);
        uint256 other = issueVoucher(2, FACE);
        uint256 secondFinancing = factor(other, ADVANCE, false);
        uint256 second = offerGuarantee(secondFinancing, 50_000_00, FEE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceGuarantorCapacityExceeded.selector, GUARANTOR_ORG, COVER, 50_000_00, FACE
            )
        );
        vm.prank(bank);
        guarantees.accept(second);
    }

    function test_accept_revertsIfRegulatorSetNoCapacity() public {
        setCapacity(0);
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceGuarantorCapacityExceeded.selector, GUARANTOR_ORG, 0, COVER, 0
            )
        );
        vm.prank(bank);
        guarantees.accept(guaranteeId);
    }

    function test_accept_revertsForAWithdrawnOffer() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);
        vm.prank(guarantor);
        guarantees.withdraw(guaranteeId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Withdrawn
            )
        );
        vm.prank(bank);
        guarantees.accept(guaranteeId);
    }

    function test_accept_revertsIfFinancingEndedSinceTheOffer() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);
        mintCash(buyer, FACE);
        payParts(voucherId, one(voucherId));

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeFinancingNotActive.selector, financingId));
        vm.prank(bank);
        guarantees.accept(guaranteeId);
    }

    function test_accept_revertsIfBankLacksCashForTheFeeAndBooksNothing() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);
        uint256 balance = cash.balanceOf(bank);
        vm.prank(bank);
        cash.transfer(otherBank, balance - (FEE - 1));

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bank, FEE - 1, FEE)
        );
        vm.prank(bank);
        guarantees.accept(guaranteeId);
        assertEq(capacityUsed(), 0, "capacity not booked without the fee");
    }

    function test_accept_revertsTwice() public {
        uint256 guaranteeId = _issued(COVER, FEE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Active
            )
        );
        vm.prank(bank);
        guarantees.accept(guaranteeId);
    }

    // ================================================================ claim

    function test_claim_beneficiaryClaimsAfterDefault() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        defaultVoucher(voucherId);

        vmExtra.expectEmit(address(guarantees));
        emit IGuarantees.GuaranteeClaimed(guaranteeId, bank);
        vm.prank(bank);
        guarantees.claim(guaranteeId);

        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Claimed), "claimed");
        assertEq(holderOf(voucherId), bank, "a claim moves nothing");
        assertEq(capacityUsed(), COVER, "capacity still in use while claimed");
    }

    function test_claim_revertsBeforeDefault() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        vm.warp(vouchers.voucherOf(voucherId).maturity + 1);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeVoucherNotDefaulted.selector, voucherId));
        vm.prank(bank);
        guarantees.claim(guaranteeId);
    }

    function test_claim_revertsIfCallerIsNotTheBeneficiary() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeUnauthorized.selector, guaranteeId, otherBank));
        vm.prank(otherBank);
        guarantees.claim(guaranteeId);
    }

    function test_claim_revertsForAnOfferNotAccepted() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);
        defaultVoucher(voucherId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Offered
            )
        );
        vm.prank(bank);
        guarantees.claim(guaranteeId);
    }

    function test_claim_revertsIfBeneficiaryNoLongerHoldsThePart() public {
        // A bank that sold the claim on cannot also be paid for it by the guarantor.
        uint256 guaranteeId = _issued(COVER, FEE);
        vm.prank(bank);
        vouchers.transfer(voucherId, otherBank);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeClaimNotHeld.selector, guaranteeId, voucherId));
        vm.prank(bank);
        guarantees.claim(guaranteeId);
    }

    function test_claim_revertsIfBeneficiaryHoldsLessThanTheCover() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        splitPart(bank, voucherId, FACE - COVER + 1, otherBank);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeClaimNotHeld.selector, guaranteeId, voucherId));
        vm.prank(bank);
        guarantees.claim(guaranteeId);
    }

    function test_claim_succeedsIfBeneficiaryHoldsExactlyTheCover() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        splitPart(bank, voucherId, FACE - COVER, otherBank);
        defaultVoucher(voucherId);

        vm.prank(bank);
        guarantees.claim(guaranteeId);
        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Claimed), "claimed");
    }

    function test_claim_revertsOnceRecourseEndedTheFinancing() public {
        uint256 other = issueVoucher(2, FACE);
        uint256 withRecourse = factor(other, ADVANCE, true);
        uint256 guaranteeId = offerGuarantee(withRecourse, COVER, FEE);
        vm.prank(bank);
        guarantees.accept(guaranteeId);
        defaultVoucher(other);
        mintCash(supplier, FACE);
        vm.prank(bank);
        financing.exerciseRecourse(withRecourse);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeFinancingNotActive.selector, withRecourse));
        vm.prank(bank);
        guarantees.claim(guaranteeId);
    }

    function test_claim_loanRequiresThePledgeToBeEnforcedFirst() public {
        uint256 other = issueVoucher(2, FACE);
        uint256 loan = borrow(other, FACE, 70_000_00, 75_000_00);
        uint256 guaranteeId = offerGuarantee(loan, 75_000_00, FEE);
        vm.prank(bank);
        guarantees.accept(guaranteeId);
        defaultVoucher(other);

        // The borrower still holds the pledged part, so the bank holds no claim yet.
        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeClaimNotHeld.selector, guaranteeId, other));
        vm.prank(bank);
        guarantees.claim(guaranteeId);

        vm.prank(bank);
        financing.enforcePledge(loan);
        vm.prank(bank);
        guarantees.claim(guaranteeId);
        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Claimed), "claimed");
    }

    function test_claim_loanRevertsIfTheSeizedValueIsBelowTheCover() public {
        // Cover may go up to the pledge, but only the repayment amount is seized.
        uint256 other = issueVoucher(2, FACE);
        uint256 loan = borrow(other, FACE, 70_000_00, 75_000_00);
        uint256 guaranteeId = offerGuarantee(loan, 80_000_00, FEE);
        vm.prank(bank);
        guarantees.accept(guaranteeId);
        defaultVoucher(other);
        vm.prank(bank);
        uint256 seized = financing.enforcePledge(loan);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeClaimNotHeld.selector, guaranteeId, seized));
        vm.prank(bank);
        guarantees.claim(guaranteeId);
    }

    function test_claim_revertsTwice() public {
        uint256 guaranteeId = _claimed(COVER);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Claimed
            )
        );
        vm.prank(bank);
        guarantees.claim(guaranteeId);
    }

    // ================================================================ payClaim

    function test_payClaim_fullCoverHandsTheWholePartToTheGuarantor() public {
        uint256 guaranteeId = _claimed(FACE);
        uint256 bankBefore = cash.balanceOf(bank);
        uint256 guarantorBefore = cash.balanceOf(guarantor);

        vmExtra.expectEmit(address(guarantees));
        emit IGuarantees.GuaranteePaid(guaranteeId, guarantor, FACE, voucherId);
        vm.prank(guarantor);
        uint256 subrogated = guarantees.payClaim(guaranteeId);

        assertEq(subrogated, voucherId, "the whole part, not a child");
        assertEq(holderOf(voucherId), guarantor, "guarantor stands in the bank's place");
        assertEq(vouchers.partOf(voucherId).amount, FACE, "whole value");
        assertEq(cash.balanceOf(bank), bankBefore + FACE, "bank paid the cover");
        assertEq(cash.balanceOf(guarantor), guarantorBefore - FACE, "guarantor paid the cover");
        assertEq(capacityUsed(), 0, "capacity released");
        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Paid), "paid");
    }

    function test_payClaim_partialCoverSplitsAChildPartToTheGuarantor() public {
        uint256 guaranteeId = _claimed(COVER);
        uint256 expectedChild = vouchers.nextPartId();
        uint256 bankBefore = cash.balanceOf(bank);

        vmExtra.expectEmit(address(guarantees));
        emit IGuarantees.GuaranteePaid(guaranteeId, guarantor, COVER, expectedChild);
        vm.prank(guarantor);
        uint256 subrogated = guarantees.payClaim(guaranteeId);

        assertEq(subrogated, expectedChild, "a new child part");
        IVoucherToken.Part memory child = vouchers.partOf(subrogated);
        assertEq(child.holder, guarantor, "guarantor holds the covered value");
        assertEq(child.amount, COVER, "worth the cover");
        assertEq(child.parent, voucherId, "carved from the bank's part");
        IVoucherToken.Part memory rest = vouchers.partOf(voucherId);
        assertEq(rest.holder, bank, "bank keeps the uncovered value");
        assertEq(rest.amount, FACE - COVER, "uncovered value");
        assertEq(cash.balanceOf(bank), bankBefore + COVER, "bank paid the cover");
        assertEq(capacityUsed(), 0, "capacity released");
    }

    function test_payClaim_revertsIfCallerIsNotTheGuarantor() public {
        uint256 guaranteeId = _claimed(COVER);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeUnauthorized.selector, guaranteeId, bank));
        vm.prank(bank);
        guarantees.payClaim(guaranteeId);
    }

    function test_payClaim_revertsBeforeAClaim() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        defaultVoucher(voucherId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Active
            )
        );
        vm.prank(guarantor);
        guarantees.payClaim(guaranteeId);
    }

    function test_payClaim_revertsIfGuarantorLacksCashAndMovesNothing() public {
        uint256 guaranteeId = _claimed(COVER);
        uint256 balance = cash.balanceOf(guarantor);
        vm.prank(guarantor);
        cash.transfer(otherBank, balance - (COVER - 1));
        uint256 bankBefore = cash.balanceOf(bank);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, guarantor, COVER - 1, COVER)
        );
        vm.prank(guarantor);
        guarantees.payClaim(guaranteeId);

        assertEq(holderOf(voucherId), bank, "no subrogation without payment");
        assertEq(vouchers.partOf(voucherId).amount, FACE, "part not split");
        assertEq(cash.balanceOf(bank), bankBefore, "bank not paid");
        assertEq(capacityUsed(), COVER, "capacity still in use");
        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Claimed), "still claimed");
    }

    function test_payClaim_revertsIfBeneficiarySoldThePartAfterClaiming() public {
        uint256 guaranteeId = _claimed(COVER);
        vm.prank(bank);
        vouchers.transfer(voucherId, otherBank);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeClaimNotHeld.selector, guaranteeId, voucherId));
        vm.prank(guarantor);
        guarantees.payClaim(guaranteeId);
    }

    function test_payClaim_revertsTwice() public {
        uint256 guaranteeId = _claimed(COVER);
        vm.prank(guarantor);
        guarantees.payClaim(guaranteeId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Paid
            )
        );
        vm.prank(guarantor);
        guarantees.payClaim(guaranteeId);
    }

    function test_payClaim_loanAfterEnforcementSubrogatesTheSeizedPart() public {
        uint256 other = issueVoucher(2, FACE);
        uint256 loan = borrow(other, FACE, 70_000_00, 75_000_00);
        uint256 guaranteeId = offerGuarantee(loan, 75_000_00, FEE);
        vm.prank(bank);
        guarantees.accept(guaranteeId);
        defaultVoucher(other);
        vm.prank(bank);
        uint256 seized = financing.enforcePledge(loan);
        vm.prank(bank);
        guarantees.claim(guaranteeId);

        vm.prank(guarantor);
        uint256 subrogated = guarantees.payClaim(guaranteeId);

        assertEq(subrogated, seized, "cover equals the seized value: the whole seized part moves");
        assertEq(holderOf(seized), guarantor, "guarantor holds the seized claim");
        assertEq(holderOf(other), supplier, "borrower keeps its unpledged rest");
    }

    function testFuzz_payClaim_movesExactlyTheCoveredValue(uint256 covered) public {
        covered = bound(covered, 1, FACE);
        uint256 guaranteeId = _claimed(covered);
        uint256 bankBefore = cash.balanceOf(bank);
        uint256 guarantorBefore = cash.balanceOf(guarantor);
        uint256 supplyBefore = cash.totalSupply();

        vm.prank(guarantor);
        uint256 subrogated = guarantees.payClaim(guaranteeId);

        assertEq(cash.balanceOf(bank), bankBefore + covered, "bank gains the cover");
        assertEq(cash.balanceOf(guarantor), guarantorBefore - covered, "guarantor pays the cover");
        assertEq(cash.totalSupply(), supplyBefore, "no cash created");
        assertEq(holderOf(subrogated), guarantor, "guarantor holds the subrogated part");
        assertEq(vouchers.partOf(subrogated).amount, covered, "worth exactly the cover");
        if (covered < FACE) {
            assertEq(holderOf(voucherId), bank, "bank keeps the rest");
            assertEq(vouchers.partOf(voucherId).amount, FACE - covered, "rest of the value");
        }
        assertEq(vouchers.outstandingOf(voucherId), FACE, "value conserved: nothing redeemed");
        assertEq(capacityUsed(), 0, "capacity released");
    }

    // ================================================================ release

    function test_release_anyoneFreesCapacityOnceTheVoucherIsPaid() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        mintCash(buyer, FACE);
        payParts(voucherId, one(voucherId));

        vmExtra.expectEmit(address(guarantees));
        emit IGuarantees.GuaranteeReleased(guaranteeId);
        vm.prank(outsider);
        guarantees.release(guaranteeId);

        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Released), "released");
        assertEq(capacityUsed(), 0, "capacity freed");
    }

    function test_release_freesAClaimMadeMootByLatePayment() public {
        // The debtor paid the bank in full before the guarantor paid the claim: the claim can no longer
        // be paid (the part is redeemed), so releasing it is the only way to free the capacity.
        uint256 guaranteeId = _claimed(COVER);
        mintCash(buyer, FACE);
        payParts(voucherId, one(voucherId));

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeClaimNotHeld.selector, guaranteeId, voucherId));
        vm.prank(guarantor);
        guarantees.payClaim(guaranteeId);

        vmExtra.expectEmit(address(guarantees));
        emit IGuarantees.GuaranteeReleased(guaranteeId);
        guarantees.release(guaranteeId);
        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Released), "released");
        assertEq(capacityUsed(), 0, "capacity freed");
    }

    function test_release_revertsForAClaimWhileFinancingIsActive() public {
        uint256 guaranteeId = _claimed(COVER);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeStillNeeded.selector, guaranteeId));
        guarantees.release(guaranteeId);
    }

    function test_release_revertsWhileFinancingIsActive() public {
        uint256 guaranteeId = _issued(COVER, FEE);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeStillNeeded.selector, guaranteeId));
        guarantees.release(guaranteeId);
    }

    function test_release_revertsAfterDefaultWhileFinancingIsActive() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeStillNeeded.selector, guaranteeId));
        guarantees.release(guaranteeId);
    }

    function test_release_afterALoanIsRepaid() public {
        uint256 other = issueVoucher(2, FACE);
        uint256 loan = borrow(other, FACE, 70_000_00, 75_000_00);
        uint256 guaranteeId = offerGuarantee(loan, 75_000_00, FEE);
        vm.prank(bank);
        guarantees.accept(guaranteeId);
        mintCash(supplier, 5_000_00);
        vm.prank(supplier);
        financing.repayLoan(loan);

        guarantees.release(guaranteeId);
        assertEq(capacityUsed(), 0, "capacity freed");
    }

    function test_release_afterRecourseWasExercised() public {
        uint256 other = issueVoucher(2, FACE);
        uint256 withRecourse = factor(other, ADVANCE, true);
        uint256 guaranteeId = offerGuarantee(withRecourse, COVER, FEE);
        vm.prank(bank);
        guarantees.accept(guaranteeId);
        defaultVoucher(other);
        mintCash(supplier, FACE);
        vm.prank(bank);
        financing.exerciseRecourse(withRecourse);

        guarantees.release(guaranteeId);
        assertEq(guaranteeStatus(guaranteeId), uint256(IGuarantees.GuaranteeStatus.Released), "released");
    }

    function test_release_revertsForAnOffer() public {
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);
        mintCash(buyer, FACE);
        payParts(voucherId, one(voucherId));

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Offered
            )
        );
        guarantees.release(guaranteeId);
    }

    function test_release_revertsTwice() public {
        uint256 guaranteeId = _issued(COVER, FEE);
        mintCash(buyer, FACE);
        payParts(voucherId, one(voucherId));
        guarantees.release(guaranteeId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Released
            )
        );
        guarantees.release(guaranteeId);
    }

    function test_release_revertsForAPaidClaim() public {
        uint256 guaranteeId = _claimed(COVER);
        vm.prank(guarantor);
        guarantees.payClaim(guaranteeId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGuarantees.GuaranteeStatusInvalid.selector, guaranteeId, IGuarantees.GuaranteeStatus.Paid
            )
        );
        guarantees.release(guaranteeId);
    }

    function test_release_revertsForUnknownGuarantee() public {
        vm.expectRevert(abi.encodeWithSelector(IGuarantees.GuaranteeUnknown.selector, 9));
        guarantees.release(9);
    }

    // ================================================================ views

    function test_guaranteeOf_unknownIsEmpty() public view {
        IGuarantees.Guarantee memory g = guarantees.guaranteeOf(42);
        assertEq(uint256(g.status), uint256(IGuarantees.GuaranteeStatus.None), "none");
        assertEq(g.guarantor, address(0), "no guarantor");
    }

    function test_financing_staysActiveAfterSubrogationUntilThePartIsPaid() public {
        // The bank's exposure is on the debtor's paper, whoever holds it now; it ends at settlement.
        uint256 guaranteeId = _claimed(FACE);
        vm.prank(guarantor);
        guarantees.payClaim(guaranteeId);
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Active), "active");

        mintCash(buyer, FACE);
        payParts(voucherId, one(voucherId));
        assertEq(cash.balanceOf(guarantor), uint256(FACE) + FEE, "guarantor recovered its payment");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Settled), "settled");
        assertEq(bankExposure(), 0, "exposure released");
    }
}
