// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IComplianceRules} from "../../contracts/interfaces/IComplianceRules.sol";
import {IFinancing} from "../../contracts/interfaces/IFinancing.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {IVoucherToken} from "../../contracts/interfaces/IVoucherToken.sol";
import {ParticipantRoles} from "../../contracts/ParticipantRoles.sol";
import {MoneyFixture} from "./utils/MoneyFixture.sol";

contract FinancingTest is MoneyFixture {
    uint128 internal constant ADVANCE = 97_000_00;
    uint128 internal constant MIN_ADVANCE = 95_000_00;

    uint256 internal voucherId;

    function setUp() public override {
        super.setUp();
        voucherId = issueVoucher(1, FACE);
    }

    // ================================================================ request

    function test_request_factoringRecordsTheWholePartAndMovesNothing() public {
        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingRequested(1, voucherId, BANK_ORG, supplier, FACTORING, true, FACE, MIN_ADVANCE);
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, true, MIN_ADVANCE);

        assertEq(financingId, 1, "first id is 1");
        IFinancing.Financing memory f = financing.financingOf(financingId);
        assertEq(f.partId, voucherId, "part");
        assertEq(f.seller, supplier, "seller");
        assertEq(uint256(f.kind), uint256(FACTORING), "kind");
        assertTrue(f.recourse, "recourse");
        assertEq(uint256(f.status), uint256(IFinancing.FinancingStatus.Requested), "status");
        assertEq(bytes32(f.bankOrganisation), bytes32(BANK_ORG), "bank organisation");
        assertEq(bytes32(f.debtorOrganisation), bytes32(BUYER_ORG), "debtor organisation");
        assertEq(f.amount, FACE, "factoring amount is the part's value");
        assertEq(f.minAdvance, MIN_ADVANCE, "min advance");
        assertEq(f.bank, address(0), "no bank yet");
        assertEq(f.advance, 0, "no advance yet");

        assertEq(holderOf(voucherId), supplier, "part not moved");
        assertEq(cash.balanceOf(supplier), 0, "no cash moved");
        assertEq(bankExposure(), 0, "no exposure on request");
        assertEq(financing.activeFinancingOfPart(voucherId), 0, "not active");
    }

    function test_request_loanRecordsThePledgedAmount() public {
        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingRequested(1, voucherId, BANK_ORG, supplier, LOAN, false, 60_000_00, 50_000_00);
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, 60_000_00, 50_000_00);

        IFinancing.Financing memory f = financing.financingOf(financingId);
        assertEq(uint256(f.kind), uint256(LOAN), "kind");
        assertEq(f.amount, 60_000_00, "loan amount is the pledge");
        assertEq(f.minAdvance, 50_000_00, "min advance");
        assertEq(vouchers.partOf(voucherId).heldAmount, 0, "no hold on request");
    }

    function test_request_revertsIfFactoringNamesAPledgeAmount() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, FACTORING, false, 1, 0);
    }

    function test_request_revertsIfLoanPledgesNothing() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, LOAN, false, 0, 0);
    }

    function test_request_revertsIfLoanPledgesMoreThanThePart() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, LOAN, false, uint256(FACE) + 1, 0);
    }

    function test_request_loanMayPledgeExactlyTheUnheldValue() public {
        vm.prank(supplier);
        vouchers.pledge(voucherId, otherBank, 40_000_00);

        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, 60_000_00, 0);
        assertEq(financing.financingOf(financingId).amount, 60_000_00, "pledge up to the unheld value");
    }

    function test_request_revertsIfLoanPledgesMoreThanTheUnheldValue() public {
        // Value already pledged elsewhere cannot be pledged again.
        vm.prank(supplier);
        vouchers.pledge(voucherId, otherBank, 40_000_00);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, LOAN, false, 60_000_00 + 1, 0);
    }

    function test_request_revertsIfFactoringMinAdvanceExceedsTheAmount() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, FACTORING, false, 0, uint256(FACE) + 1);
    }

    function test_request_revertsIfLoanMinAdvanceExceedsThePledge() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, LOAN, false, 50_000_00, 50_000_00 + 1);
    }

    function test_request_acceptsMinAdvanceEqualToTheAmount() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, FACE);
        assertEq(financing.financingOf(financingId).minAdvance, FACE, "min advance at the cap");
    }

    function test_request_revertsIfCallerDoesNotHoldThePart() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, 0, outsider));
        vm.prank(outsider);
        financing.request(voucherId, BANK_ORG, FACTORING, false, 0, 0);

        // A verified participant that is not the holder is refused the same way.
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, 0, bank));
        vm.prank(bank);
        financing.request(voucherId, BANK_ORG, FACTORING, false, 0, 0);
    }

    function test_request_revertsForAPartThatWasFullySplit() public {
        // A parent split down to nothing has no holder, so nobody can finance it any more.
        splitPart(supplier, voucherId, FACE, subSupplier);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, 0, supplier));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, FACTORING, false, 0, 0);
    }

    function test_request_revertsForAnUnknownPart() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, 0, supplier));
        vm.prank(supplier);
        financing.request(999, BANK_ORG, FACTORING, false, 0, 0);
    }

    function test_request_revertsIfBankOrganisationUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, bytes16(uint128(0xdead)), FACTORING, false, 0, 0);
    }

    function test_request_revertsIfOrganisationIsNotABank() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, GUARANTOR_ORG, FACTORING, false, 0, 0);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BUYER_ORG, LOAN, false, 1, 0);
    }

    function test_request_revertsIfVoucherFrozen() public {
        vm.prank(regulator);
        vouchers.freeze(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingVoucherNotFinanceable.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, FACTORING, false, 0, 0);
    }

    function test_request_revertsOnceVoucherMatured() public {
        vm.warp(vouchers.voucherOf(voucherId).maturity);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingVoucherNotFinanceable.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, FACTORING, false, 0, 0);
    }

    function test_request_acceptedOneSecondBeforeMaturity() public {
        vm.warp(vouchers.voucherOf(voucherId).maturity - 1);
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Requested), "requested");
    }

    function test_request_revertsIfVoucherDefaulted() public {
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingVoucherNotFinanceable.selector, voucherId));
        vm.prank(supplier);
        financing.request(voucherId, BANK_ORG, LOAN, false, 1, 0);
    }

    function test_request_childPartIsFinanceableByItsHolder() public {
        uint256 childId = splitPart(supplier, voucherId, 30_000_00, subSupplier);

        uint256 financingId = requestFactoring(subSupplier, childId, OTHER_BANK_ORG, false, 0);
        IFinancing.Financing memory f = financing.financingOf(financingId);
        assertEq(f.partId, childId, "child part");
        assertEq(f.seller, subSupplier, "tier-2 seller");
        assertEq(f.amount, 30_000_00, "child's value");
        assertEq(bytes32(f.debtorOrganisation), bytes32(BUYER_ORG), "debtor of the root voucher");
    }

    function test_request_samePartMayBeOfferedToSeveralBanks() public {
        uint256 first = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        uint256 second = requestFactoring(supplier, voucherId, OTHER_BANK_ORG, false, 0);
        assertEq(first, 1, "first id");
        assertEq(second, 2, "ids increase");
    }

    function test_request_revertsIfThePartAlreadyHasAnActiveFinancing() public {
        // A bank that bought a part and refinances it elsewhere would give the part a second Active
        // financing; the first one would then never be settled and its exposure never released.
        factor(voucherId, ADVANCE, false);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(bank);
        financing.request(voucherId, OTHER_BANK_ORG, FACTORING, false, 0, 0);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(bank);
        financing.request(voucherId, OTHER_BANK_ORG, LOAN, false, FACE, 0);
    }

    // ================================================================ withdraw

    function test_withdraw_sellerWithdrawsARequest() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingWithdrawn(financingId);
        vm.prank(supplier);
        financing.withdraw(financingId);

        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Withdrawn), "withdrawn");
    }

    function test_withdraw_revertsIfCallerIsNotTheSeller() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, bank));
        vm.prank(bank);
        financing.withdraw(financingId);
    }

    function test_withdraw_revertsForUnknownFinancing() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnknown.selector, 42));
        vm.prank(supplier);
        financing.withdraw(42);
    }

    function test_withdraw_revertsOnceApproved() public {
        uint256 financingId = factor(voucherId, ADVANCE, false);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Active
            )
        );
        vm.prank(supplier);
        financing.withdraw(financingId);
    }

    function test_withdraw_revertsTwice() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.prank(supplier);
        financing.withdraw(financingId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Withdrawn
            )
        );
        vm.prank(supplier);
        financing.withdraw(financingId);
    }

    function test_withdraw_blocksALaterApproval() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.prank(supplier);
        financing.withdraw(financingId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Withdrawn
            )
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    // ================================================================ reject

    function test_reject_addressedBankRejects() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingRejected(financingId, bank, "credit");
        vm.prank(bank);
        financing.reject(financingId, "credit");

        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Rejected), "rejected");
    }

    function test_reject_revertsForAnotherBank() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, otherBank));
        vm.prank(otherBank);
        financing.reject(financingId, "credit");
    }

    function test_reject_revertsForANonBank() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, supplier, ParticipantRoles.BANK
            )
        );
        vm.prank(supplier);
        financing.reject(financingId, "self");
    }

    function test_reject_revertsForUnknownFinancing() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnknown.selector, 7));
        vm.prank(bank);
        financing.reject(7, "credit");
    }

    function test_reject_revertsAfterWithdrawal() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.prank(supplier);
        financing.withdraw(financingId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Withdrawn
            )
        );
        vm.prank(bank);
        financing.reject(financingId, "credit");
    }

    function test_reject_blocksALaterApproval() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.prank(bank);
        financing.reject(financingId, "credit");

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Rejected
            )
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    // ================================================================ approveFactoring

    function test_approveFactoring_movesCashAndPartAtomically() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, true, MIN_ADVANCE);

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingApproved(financingId, bank, voucherId, ADVANCE, RATE, FACE);
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);

        assertEq(holderOf(voucherId), bank, "bank holds the part");
        assertEq(cash.balanceOf(supplier), ADVANCE, "seller got the advance");
        assertEq(cash.balanceOf(bank), BANK_CASH - ADVANCE, "bank paid the advance");
        assertEq(bankExposure(), FACE, "exposure booked at face value");

        IFinancing.Financing memory f = financing.financingOf(financingId);
        assertEq(uint256(f.status), uint256(IFinancing.FinancingStatus.Active), "active");
        assertEq(f.bank, bank, "approving bank account");
        assertEq(f.advance, ADVANCE, "advance");
        assertEq(f.rateBps, RATE, "rate");
        assertEq(financing.activeFinancingOfPart(voucherId), financingId, "part's active financing");
    }

    function test_approveFactoring_acceptsAdvanceAtMinimumAndAtFaceValue() public {
        uint256 atMinimum = requestFactoring(supplier, voucherId, BANK_ORG, false, MIN_ADVANCE);
        vm.prank(bank);
        financing.approveFactoring(atMinimum, MIN_ADVANCE, RATE);
        assertEq(cash.balanceOf(supplier), MIN_ADVANCE, "advance at the minimum");

        uint256 other = issueVoucher(2, FACE);
        uint256 atFace = requestFactoring(supplier, other, BANK_ORG, false, 0);
        vm.prank(bank);
        financing.approveFactoring(atFace, FACE, 0);
        assertEq(cash.balanceOf(supplier), uint256(MIN_ADVANCE) + FACE, "advance at face value");
        assertEq(bankExposure(), 2 * uint256(FACE), "exposure adds up over financings");
    }

    function test_approveFactoring_revertsForALoanRequest() public {
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, FACE, 0);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingKindMismatch.selector, financingId, LOAN));
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsForAnotherBank() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, otherBank));
        vm.prank(otherBank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsForANonBank() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, outsider, ParticipantRoles.BANK)
        );
        vm.prank(outsider);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsForUnknownFinancing() public {
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnknown.selector, 3));
        vm.prank(bank);
        financing.approveFactoring(3, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsIfAdvanceBelowMinimum() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, MIN_ADVANCE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingAdvanceOutOfRange.selector, financingId, MIN_ADVANCE - 1, MIN_ADVANCE, FACE
            )
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, MIN_ADVANCE - 1, RATE);
    }

    function test_approveFactoring_revertsIfAdvanceAboveTheAmount() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, MIN_ADVANCE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingAdvanceOutOfRange.selector, financingId, uint256(FACE) + 1, MIN_ADVANCE, FACE
            )
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, uint256(FACE) + 1, RATE);
    }

    function test_approveFactoring_revertsIfAdvanceIsZero() public {
        // Even a seller that accepts any advance does not give the part away for nothing.
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(
            abi.encodeWithSelector(IFinancing.FinancingAdvanceOutOfRange.selector, financingId, 0, 0, FACE)
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, 0, RATE);
    }

    function test_approveFactoring_revertsIfSellerTransferredThePart() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);

        vm.expectRevert(
            abi.encodeWithSelector(IFinancing.FinancingSellerNoLongerHolds.selector, financingId, voucherId)
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsIfSellerSplitThePartAfterRequesting() public {
        // The bank priced the whole part; a smaller part is not what it agreed to buy.
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        splitPart(supplier, voucherId, 10_000_00, subSupplier);

        vm.expectRevert(
            abi.encodeWithSelector(IFinancing.FinancingSellerNoLongerHolds.selector, financingId, voucherId)
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsIfExposureLimitExceededAndMovesNothing() public {
        vm.prank(regulator);
        compliance.setExposureLimit(BANK_ORG, BUYER_ORG, FACE - 1);
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceExposureLimitExceeded.selector, BANK_ORG, BUYER_ORG, 0, FACE, FACE - 1
            )
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);

        assertEq(holderOf(voucherId), supplier, "part not moved");
        assertEq(cash.balanceOf(supplier), 0, "no advance paid");
        assertEq(cash.balanceOf(bank), BANK_CASH, "bank cash untouched");
        assertEq(bankExposure(), 0, "no exposure booked");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Requested), "still requested");
    }

    function test_approveFactoring_revertsIfExistingExposurePlusThisExceedsTheLimit() public {
        vm.prank(regulator);
        compliance.setExposureLimit(BANK_ORG, BUYER_ORG, FACE + FACE / 2);
        factor(voucherId, ADVANCE, false);
        uint256 second = issueVoucher(2, FACE);
        uint256 financingId = requestFactoring(supplier, second, BANK_ORG, false, 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceExposureLimitExceeded.selector,
                BANK_ORG,
                BUYER_ORG,
                FACE,
                FACE,
                FACE + FACE / 2
            )
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);

        // The limit is per bank: the other bank may still finance the same debtor.
        uint256 elsewhere = requestFactoring(supplier, second, OTHER_BANK_ORG, false, 0);
        vm.prank(otherBank);
        financing.approveFactoring(elsewhere, ADVANCE, RATE);
        assertEq(compliance.exposureOf(OTHER_BANK_ORG, BUYER_ORG), FACE, "other bank's exposure");
    }

    function test_approveFactoring_revertsIfRegulatorForbidsThePair() public {
        vm.prank(regulator);
        compliance.setExposureLimit(BANK_ORG, BUYER_ORG, 0);
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceExposureLimitExceeded.selector, BANK_ORG, BUYER_ORG, 0, FACE, 0
            )
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsIfBankLacksCashAndMovesNothing() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.prank(bank);
        cash.transfer(otherBank, BANK_CASH - (ADVANCE - 1));

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bank, ADVANCE - 1, ADVANCE)
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);

        assertEq(holderOf(voucherId), supplier, "part not delivered without payment");
        assertEq(cash.balanceOf(supplier), 0, "no advance");
        assertEq(bankExposure(), 0, "no exposure booked");
        assertEq(financing.activeFinancingOfPart(voucherId), 0, "not active");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Requested), "still requested");
    }

    function test_approveFactoring_revertsIfSellerSuspendedAndMovesNothing() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.prank(regulator);
        registry.suspend(SUPPLIER_ORG);

        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherSenderNotVerified.selector, supplier));
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);

        assertEq(holderOf(voucherId), supplier, "part not moved");
        assertEq(cash.balanceOf(bank), BANK_CASH, "bank cash untouched");
        assertEq(bankExposure(), 0, "no exposure booked");
    }

    function test_approveFactoring_secondBankFailsOnceTheFirstApproved() public {
        uint256 first = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        uint256 second = requestFactoring(supplier, voucherId, OTHER_BANK_ORG, false, 0);
        vm.prank(bank);
        financing.approveFactoring(first, ADVANCE, RATE);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingSellerNoLongerHolds.selector, second, voucherId));
        vm.prank(otherBank);
        financing.approveFactoring(second, ADVANCE, RATE);

        assertEq(cash.balanceOf(supplier), ADVANCE, "seller paid once");
        assertEq(cash.balanceOf(otherBank), BANK_CASH, "other bank paid nothing");
        assertEq(compliance.exposureOf(OTHER_BANK_ORG, BUYER_ORG), 0, "no exposure for the other bank");
    }

    function test_approveFactoring_revertsIfVoucherFrozenAfterTheRequest() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.prank(regulator);
        vouchers.freeze(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingVoucherNotFinanceable.selector, voucherId));
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsIfVoucherMaturedAfterTheRequest() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        vm.warp(vouchers.voucherOf(voucherId).maturity);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingVoucherNotFinanceable.selector, voucherId));
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsIfThePartGainedAnActiveFinancingSinceTheRequest() public {
        // A loan was approved and its bank lifted the hold directly on the voucher token: the part looks
        // free again, but it still carries the loan. Approving a sale on top would orphan the loan.
        uint256 factoringId = requestFactoring(supplier, voucherId, OTHER_BANK_ORG, false, 0);
        borrow(voucherId, 50_000_00, 40_000_00, 45_000_00);
        vm.prank(bank);
        vouchers.releaseHold(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingInvalidRequest.selector, voucherId));
        vm.prank(otherBank);
        financing.approveFactoring(factoringId, ADVANCE, RATE);
    }

    function test_approveFactoring_revertsTwice() public {
        uint256 financingId = factor(voucherId, ADVANCE, false);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Active
            )
        );
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, RATE);
    }

    function testFuzz_approveFactoring_conservesCash(uint256 advance, uint256 face) public {
        face = bound(face, 1, DEFAULT_EXPOSURE_LIMIT);
        advance = bound(advance, 1, face);
        uint256 fuzzVoucher = issueVoucher(2, uint128(face));
        uint256 financingId = requestFactoring(supplier, fuzzVoucher, BANK_ORG, false, 0);
        mintCash(bank, face); // enough for any advance, whatever the face value
        mintCash(supplier, 1); // the seller's existing balance must be preserved, not overwritten

        uint256 supplyBefore = cash.totalSupply();
        uint256 sumBefore = _sumOfBalances();
        uint256 sellerBefore = cash.balanceOf(supplier);
        uint256 bankBefore = cash.balanceOf(bank);

        vm.prank(bank);
        financing.approveFactoring(financingId, advance, RATE);

        assertEq(cash.totalSupply(), supplyBefore, "no cash created or destroyed");
        assertEq(_sumOfBalances(), sumBefore, "sum of balances unchanged");
        assertEq(cash.balanceOf(supplier), sellerBefore + advance, "seller gains exactly the advance");
        assertEq(cash.balanceOf(bank), bankBefore - advance, "bank loses exactly the advance");
        assertEq(holderOf(fuzzVoucher), bank, "part delivered");
        assertEq(bankExposure(), face, "exposure is the face value");
    }

    // ================================================================ approveLoan

    function test_approveLoan_placesHoldAndPaysAdvance() public {
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, 80_000_00, 60_000_00);

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingApproved(financingId, bank, voucherId, 70_000_00, RATE, 75_000_00);
        vm.prank(bank);
        financing.approveLoan(financingId, 70_000_00, RATE, 75_000_00);

        IVoucherToken.Part memory part = vouchers.partOf(voucherId);
        assertEq(part.holder, supplier, "the part stays with the borrower");
        assertEq(part.heldAmount, 75_000_00, "repayment amount held");
        assertEq(part.holdBeneficiary, bank, "held for the bank");
        assertEq(cash.balanceOf(supplier), 70_000_00, "advance paid");
        assertEq(cash.balanceOf(bank), BANK_CASH - 70_000_00, "bank paid");
        assertEq(bankExposure(), 80_000_00, "exposure booked at the pledged amount");

        IFinancing.Financing memory f = financing.financingOf(financingId);
        assertEq(uint256(f.status), uint256(IFinancing.FinancingStatus.Active), "active");
        assertEq(f.bank, bank, "bank");
        assertEq(f.advance, 70_000_00, "advance");
        assertEq(vouchers.partOf(voucherId).heldAmount, 75_000_00, "the hold secures the repayment");
        assertEq(financing.activeFinancingOfPart(voucherId), financingId, "part's active financing");
    }

    function test_approveLoan_acceptsRepaymentEqualToAdvanceOrToPledge() public {
        uint256 atAdvance = requestLoan(supplier, voucherId, BANK_ORG, 50_000_00, 0);
        vm.prank(bank);
        financing.approveLoan(atAdvance, 40_000_00, 0, 40_000_00);
        assertEq(vouchers.partOf(voucherId).heldAmount, 40_000_00, "interest-free loan");

        uint256 other = issueVoucher(2, FACE);
        uint256 atPledge = requestLoan(supplier, other, BANK_ORG, 50_000_00, 0);
        vm.prank(bank);
        financing.approveLoan(atPledge, 40_000_00, RATE, 50_000_00);
        assertEq(vouchers.partOf(other).heldAmount, 50_000_00, "hold up to the pledge");
    }

    function test_approveLoan_revertsIfRepaymentBelowAdvance() public {
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, 80_000_00, 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingRepaymentOutOfRange.selector, financingId, 70_000_00 - 1, 70_000_00, 80_000_00
            )
        );
        vm.prank(bank);
        financing.approveLoan(financingId, 70_000_00, RATE, 70_000_00 - 1);
    }

    function test_approveLoan_revertsIfRepaymentAbovePledge() public {
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, 80_000_00, 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingRepaymentOutOfRange.selector, financingId, 80_000_00 + 1, 70_000_00, 80_000_00
            )
        );
        vm.prank(bank);
        financing.approveLoan(financingId, 70_000_00, RATE, 80_000_00 + 1);
    }

    function test_approveLoan_revertsIfAdvanceOutOfRange() public {
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, 80_000_00, 60_000_00);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingAdvanceOutOfRange.selector, financingId, 60_000_00 - 1, 60_000_00, 80_000_00
            )
        );
        vm.prank(bank);
        financing.approveLoan(financingId, 60_000_00 - 1, RATE, 70_000_00);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingAdvanceOutOfRange.selector, financingId, 80_000_00 + 1, 60_000_00, 80_000_00
            )
        );
        vm.prank(bank);
        financing.approveLoan(financingId, 80_000_00 + 1, RATE, 80_000_00);
    }

    function test_approveLoan_revertsForAFactoringRequest() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingKindMismatch.selector, financingId, FACTORING));
        vm.prank(bank);
        financing.approveLoan(financingId, ADVANCE, RATE, FACE);
    }

    function test_approveLoan_revertsForAnotherBank() public {
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, FACE, 0);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, otherBank));
        vm.prank(otherBank);
        financing.approveLoan(financingId, ADVANCE, RATE, FACE);
    }

    function test_approveLoan_revertsIfPartWasPledgedElsewhereAfterRequest() public {
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, 50_000_00, 0);
        vm.prank(supplier);
        vouchers.pledge(voucherId, otherBank, 10_000_00);

        vm.expectRevert(
            abi.encodeWithSelector(IFinancing.FinancingSellerNoLongerHolds.selector, financingId, voucherId)
        );
        vm.prank(bank);
        financing.approveLoan(financingId, 40_000_00, RATE, 50_000_00);
    }

    function test_approveLoan_secondBankFailsOnceTheFirstApproved() public {
        uint256 first = requestLoan(supplier, voucherId, BANK_ORG, 50_000_00, 0);
        uint256 second = requestLoan(supplier, voucherId, OTHER_BANK_ORG, 50_000_00, 0);
        vm.prank(bank);
        financing.approveLoan(first, 40_000_00, RATE, 45_000_00);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingSellerNoLongerHolds.selector, second, voucherId));
        vm.prank(otherBank);
        financing.approveLoan(second, 40_000_00, RATE, 45_000_00);
    }

    function test_approveLoan_revertsIfHoldExceedsAPartThatShrankAfterRequest() public {
        // The seller split value off after asking: the bank cannot take a hold bigger than what is left.
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, FACE, 0);
        splitPart(supplier, voucherId, 30_000_00, subSupplier);

        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, FACE - 30_000_00, FACE
            )
        );
        vm.prank(bank);
        financing.approveLoan(financingId, ADVANCE, RATE, FACE);
        assertEq(cash.balanceOf(supplier), 0, "no advance without the hold");
    }

    function test_approveLoan_revertsIfExposureLimitExceeded() public {
        vm.prank(regulator);
        compliance.setExposureLimit(BANK_ORG, BUYER_ORG, 50_000_00 - 1);
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, 50_000_00, 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceExposureLimitExceeded.selector,
                BANK_ORG,
                BUYER_ORG,
                0,
                50_000_00,
                50_000_00 - 1
            )
        );
        vm.prank(bank);
        financing.approveLoan(financingId, 40_000_00, RATE, 45_000_00);
        assertEq(vouchers.partOf(voucherId).heldAmount, 0, "no hold placed");
    }

    // ================================================================ repayLoan

    function test_repayLoan_sellerPaysAndHoldIsLifted() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        mintCash(supplier, 5_000_00); // the interest on top of the advance it received

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingRepaid(financingId, 75_000_00);
        vm.prank(supplier);
        financing.repayLoan(financingId);

        assertEq(cash.balanceOf(supplier), 0, "seller paid the repayment amount");
        assertEq(cash.balanceOf(bank), BANK_CASH - 70_000_00 + 75_000_00, "bank got principal and interest");
        IVoucherToken.Part memory part = vouchers.partOf(voucherId);
        assertEq(part.heldAmount, 0, "hold lifted");
        assertEq(part.holdBeneficiary, address(0), "no beneficiary");
        assertEq(bankExposure(), 0, "exposure released");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Repaid), "repaid");
        assertEq(financing.activeFinancingOfPart(voucherId), 0, "no active financing");

        // The part is free again.
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
        assertEq(holderOf(voucherId), subSupplier, "unpledged part moves");
    }

    function test_repayLoan_revertsIfCallerIsNotTheSeller() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, bank));
        vm.prank(bank);
        financing.repayLoan(financingId);
    }

    function test_repayLoan_revertsIfSellerLacksCash() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, supplier, 70_000_00, 75_000_00)
        );
        vm.prank(supplier);
        financing.repayLoan(financingId);
        assertEq(vouchers.partOf(voucherId).heldAmount, 75_000_00, "hold stays until paid");
    }

    function test_repayLoan_revertsForFactoring() public {
        uint256 financingId = factor(voucherId, ADVANCE, false);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingKindMismatch.selector, financingId, FACTORING));
        vm.prank(supplier);
        financing.repayLoan(financingId);
    }

    function test_repayLoan_revertsBeforeApproval() public {
        uint256 financingId = requestLoan(supplier, voucherId, BANK_ORG, FACE, 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Requested
            )
        );
        vm.prank(supplier);
        financing.repayLoan(financingId);
    }

    function test_repayLoan_revertsOnceThePledgeWasEnforced() public {
        // The bank already took the pledged value; it must not also be repaid in cash.
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        defaultVoucher(voucherId);
        vm.prank(bank);
        uint256 seized = financing.enforcePledge(financingId);
        mintCash(supplier, 5_000_00);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingHoldMissing.selector, financingId, seized));
        vm.prank(supplier);
        financing.repayLoan(financingId);
    }

    // ================================================================ closeLoan

    function test_closeLoan_bankLiftsHoldWithoutCash() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingRepaid(financingId, 75_000_00);
        vm.prank(bank);
        financing.closeLoan(financingId);

        assertEq(vouchers.partOf(voucherId).heldAmount, 0, "hold lifted");
        assertEq(cash.balanceOf(supplier), 70_000_00, "no cash moved on close");
        assertEq(bankExposure(), 0, "exposure released");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Repaid), "repaid");
    }

    function test_closeLoan_worksAfterTheBankLiftedItsHoldDirectly() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        vm.prank(bank);
        vouchers.releaseHold(voucherId);

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingRepaid(financingId, 0);
        vm.prank(bank);
        financing.closeLoan(financingId);
        assertEq(uint256(financing.financingOf(financingId).status), uint256(IFinancing.FinancingStatus.Repaid), "closed");
        assertEq(bankExposure(), 0, "exposure released");
    }

    function test_repayLoan_revertsAfterTheBankLiftedItsHoldDirectly() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        vm.prank(bank);
        vouchers.releaseHold(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingHoldMissing.selector, financingId, voucherId));
        vm.prank(supplier);
        financing.repayLoan(financingId);
    }

    function test_closeLoan_revertsIfCallerIsNotTheBank() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, supplier));
        vm.prank(supplier);
        financing.closeLoan(financingId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, otherBank));
        vm.prank(otherBank);
        financing.closeLoan(financingId);
    }

    function test_closeLoan_revertsOnceRepaid() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        vm.prank(bank);
        financing.closeLoan(financingId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Repaid
            )
        );
        vm.prank(bank);
        financing.closeLoan(financingId);
    }

    function test_closeLoan_revertsForFactoring() public {
        uint256 financingId = factor(voucherId, ADVANCE, false);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingKindMismatch.selector, financingId, FACTORING));
        vm.prank(bank);
        financing.closeLoan(financingId);
    }

    // ================================================================ enforcePledge

    function test_enforcePledge_revertsBeforeDefault() public {
        uint256 financingId = borrow(voucherId, FACE, 70_000_00, 75_000_00);
        // Maturity alone is not default: the grace period has to run out and someone has to declare it.
        vm.warp(uint256(vouchers.voucherOf(voucherId).maturity) + GRACE_PERIOD + 1);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingVoucherNotDefaulted.selector, voucherId));
        vm.prank(bank);
        financing.enforcePledge(financingId);
    }

    function test_enforcePledge_revertsIfCallerIsNotTheBank() public {
        uint256 financingId = borrow(voucherId, FACE, 70_000_00, 75_000_00);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, supplier));
        vm.prank(supplier);
        financing.enforcePledge(financingId);
    }

    function test_enforcePledge_revertsForFactoring() public {
        uint256 financingId = factor(voucherId, ADVANCE, false);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingKindMismatch.selector, financingId, FACTORING));
        vm.prank(bank);
        financing.enforcePledge(financingId);
    }

    function test_enforcePledge_wholeHoldMovesThePartToTheBank() public {
        uint256 financingId = borrow(voucherId, FACE, 90_000_00, FACE);
        defaultVoucher(voucherId);

        vmExtra.expectEmit(address(financing));
        emit IFinancing.PledgeEnforced(financingId, voucherId);
        vm.prank(bank);
        uint256 seized = financing.enforcePledge(financingId);

        assertEq(seized, voucherId, "the whole part was seized");
        IVoucherToken.Part memory part = vouchers.partOf(voucherId);
        assertEq(part.holder, bank, "bank holds the part");
        assertEq(part.heldAmount, 0, "hold consumed");
        assertEq(financing.financingOf(financingId).partId, voucherId, "financing still on the part");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Active), "still active");
        assertEq(bankExposure(), FACE, "exposure stays until paid");
    }

    function test_enforcePledge_partialHoldSplitsTheHeldValueToTheBank() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        defaultVoucher(voucherId);
        uint256 expectedChild = vouchers.nextPartId();

        vm.prank(bank);
        uint256 seized = financing.enforcePledge(financingId);

        assertEq(seized, expectedChild, "a new part carved from the pledged one");
        IVoucherToken.Part memory seizedPart = vouchers.partOf(seized);
        assertEq(seizedPart.holder, bank, "bank holds the seized part");
        assertEq(seizedPart.amount, 75_000_00, "worth the repayment amount");
        assertEq(seizedPart.parent, voucherId, "lineage kept");
        IVoucherToken.Part memory rest = vouchers.partOf(voucherId);
        assertEq(rest.holder, supplier, "borrower keeps the rest");
        assertEq(rest.amount, FACE - 75_000_00, "rest of the value");
        assertEq(rest.heldAmount, 0, "no hold left");

        // The financing follows the seized part.
        assertEq(financing.financingOf(financingId).partId, seized, "financing moved to the seized part");
        assertEq(financing.activeFinancingOfPart(seized), financingId, "seized part carries the financing");
        assertEq(financing.activeFinancingOfPart(voucherId), 0, "the borrower's part is free");
    }

    function test_enforcePledge_financingFollowsTheSeizedPartToSettlement() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        defaultVoucher(voucherId);
        vm.prank(bank);
        uint256 seized = financing.enforcePledge(financingId);
        mintCash(buyer, FACE);

        // Paying the borrower's remaining part does not touch the bank's financing.
        payParts(voucherId, one(voucherId));
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Active), "still active");
        assertEq(cash.balanceOf(supplier), 70_000_00 + FACE - 75_000_00, "borrower paid its rest");

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingSettled(financingId, seized);
        payParts(voucherId, one(seized));

        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Settled), "settled");
        assertEq(bankExposure(), 0, "exposure released");
        assertEq(cash.balanceOf(bank), BANK_CASH - 70_000_00 + 75_000_00, "bank recovered the repayment");
    }

    function test_enforcePledge_revertsTwice() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        defaultVoucher(voucherId);
        vm.prank(bank);
        uint256 seized = financing.enforcePledge(financingId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingHoldMissing.selector, financingId, seized));
        vm.prank(bank);
        financing.enforcePledge(financingId);
    }

    // ================================================================ exerciseRecourse

    function test_exerciseRecourse_sellerBuysThePartBack() public {
        uint256 financingId = factor(voucherId, ADVANCE, true);
        defaultVoucher(voucherId);
        mintCash(supplier, FACE - ADVANCE); // the advance alone does not cover the face value

        vmExtra.expectEmit(address(financing));
        emit IFinancing.RecourseExercised(financingId, supplier, FACE);
        vm.prank(bank);
        financing.exerciseRecourse(financingId);

        assertEq(holderOf(voucherId), supplier, "part back with the seller");
        assertEq(cash.balanceOf(supplier), 0, "seller paid the part's value");
        assertEq(cash.balanceOf(bank), BANK_CASH - ADVANCE + FACE, "bank made whole");
        assertEq(bankExposure(), 0, "exposure released");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.RecourseExercised), "bought back");
        assertEq(financing.activeFinancingOfPart(voucherId), 0, "no active financing");
    }

    function test_exerciseRecourse_chargesOnlyWhatTheBankStillHolds() public {
        // The bank sold 40% of the part on; recourse covers the value it kept.
        uint256 financingId = factor(voucherId, ADVANCE, true);
        splitPart(bank, voucherId, 40_000_00, otherBank);
        defaultVoucher(voucherId);

        vm.prank(bank);
        financing.exerciseRecourse(financingId);

        assertEq(cash.balanceOf(supplier), ADVANCE - 60_000_00, "seller paid 60,000.00");
        assertEq(holderOf(voucherId), supplier, "the kept part goes back");
    }

    function test_exerciseRecourse_revertsWithoutRecourse() public {
        uint256 financingId = factor(voucherId, ADVANCE, false);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, bank));
        vm.prank(bank);
        financing.exerciseRecourse(financingId);
    }

    function test_exerciseRecourse_revertsIfCallerIsNotTheBank() public {
        uint256 financingId = factor(voucherId, ADVANCE, true);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, otherBank));
        vm.prank(otherBank);
        financing.exerciseRecourse(financingId);
    }

    function test_exerciseRecourse_revertsBeforeDefault() public {
        uint256 financingId = factor(voucherId, ADVANCE, true);
        vm.warp(vouchers.voucherOf(voucherId).maturity + 1);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingVoucherNotDefaulted.selector, voucherId));
        vm.prank(bank);
        financing.exerciseRecourse(financingId);
    }

    function test_exerciseRecourse_revertsForALoan() public {
        uint256 financingId = borrow(voucherId, FACE, 70_000_00, 75_000_00);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingKindMismatch.selector, financingId, LOAN));
        vm.prank(bank);
        financing.exerciseRecourse(financingId);
    }

    function test_exerciseRecourse_revertsIfBankNoLongerHoldsThePart() public {
        uint256 financingId = factor(voucherId, ADVANCE, true);
        vm.prank(bank);
        vouchers.transfer(voucherId, otherBank);
        defaultVoucher(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingUnauthorized.selector, financingId, bank));
        vm.prank(bank);
        financing.exerciseRecourse(financingId);
    }

    function test_exerciseRecourse_revertsIfSellerLacksCashAndMovesNothing() public {
        uint256 financingId = factor(voucherId, ADVANCE, true);
        defaultVoucher(voucherId);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, supplier, ADVANCE, FACE)
        );
        vm.prank(bank);
        financing.exerciseRecourse(financingId);

        assertEq(holderOf(voucherId), bank, "part stays with the bank");
        assertEq(bankExposure(), FACE, "exposure still booked");
    }

    function test_exerciseRecourse_revertsTwice() public {
        uint256 financingId = factor(voucherId, ADVANCE, true);
        defaultVoucher(voucherId);
        mintCash(supplier, FACE);
        vm.prank(bank);
        financing.exerciseRecourse(financingId);

        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.RecourseExercised
            )
        );
        vm.prank(bank);
        financing.exerciseRecourse(financingId);
    }

    // ================================================================ onPartRedeemed

    function test_onPartRedeemed_revertsForANonPlatformCaller() public {
        factor(voucherId, ADVANCE, false);
        bytes32 platformRole = financing.PLATFORM_ROLE();

        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bank, platformRole)
        );
        vm.prank(bank);
        financing.onPartRedeemed(voucherId);

        // Not even the debtor can close a financing by claiming the part was redeemed.
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, buyer, platformRole)
        );
        vm.prank(buyer);
        financing.onPartRedeemed(voucherId);
    }

    function test_onPartRedeemed_settlesTheActiveFinancing() public {
        uint256 financingId = factor(voucherId, ADVANCE, false);
        financing.grantRole(financing.PLATFORM_ROLE(), address(this));

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingSettled(financingId, voucherId);
        financing.onPartRedeemed(voucherId);

        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Settled), "settled");
        assertEq(bankExposure(), 0, "exposure released");
        assertEq(financing.activeFinancingOfPart(voucherId), 0, "no active financing");
    }

    function test_onPartRedeemed_ignoresAPartWithoutActiveFinancing() public {
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 0);
        financing.grantRole(financing.PLATFORM_ROLE(), address(this));

        financing.onPartRedeemed(voucherId);

        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Requested), "request untouched");
        assertEq(bankExposure(), 0, "nothing released");
    }

    // ================================================================ helpers

    function _sumOfBalances() private view returns (uint256 sum) {
        address[10] memory accounts =
            [operator, regulator, taxAuthority, buyer, supplier, subSupplier, bank, otherBank, guarantor, outsider];
        for (uint256 i = 0; i < accounts.length; ++i) {
            sum += cash.balanceOf(accounts[i]);
        }
        sum += cash.balanceOf(address(financing)) + cash.balanceOf(address(this));
    }
}
