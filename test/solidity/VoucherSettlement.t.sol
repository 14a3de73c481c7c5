// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IFinancing} from "../../contracts/interfaces/IFinancing.sol";
import {IInvoiceRegistry} from "../../contracts/interfaces/IInvoiceRegistry.sol";
import {IVoucherSettlement} from "../../contracts/interfaces/IVoucherSettlement.sol";
import {IVoucherToken} from "../../contracts/interfaces/IVoucherToken.sol";
import {ParticipantRoles} from "../../contracts/ParticipantRoles.sol";
import {MoneyFixture} from "./utils/MoneyFixture.sol";

contract VoucherSettlementTest is MoneyFixture {
    uint8 internal constant ACTIVE = uint8(IVoucherToken.VoucherStatus.Active);
    uint8 internal constant DEFAULTED = uint8(IVoucherToken.VoucherStatus.Defaulted);
    uint8 internal constant PAID = uint8(IVoucherToken.VoucherStatus.Paid);

    uint256 internal voucherId;

    function setUp() public override {
        super.setUp();
        voucherId = issueVoucher(1, FACE);
        mintCash(buyer, 10 * uint256(FACE));
    }

    function _defaultableAt(uint256 id) private view returns (uint256) {
        return uint256(vouchers.voucherOf(id).maturity) + compliance.gracePeriod();
    }

    // ================================================================ pay

    function test_pay_wholeVoucherPaysTheHolderAndMarksItPaid() public {
        uint256 buyerBefore = cash.balanceOf(buyer);

        vmExtra.expectEmit(address(settlement));
        emit IVoucherSettlement.PartPaid(voucherId, voucherId, supplier, FACE, address(0), 0);
        vmExtra.expectEmit(address(vouchers));
        emit IVoucherToken.VoucherStatusChanged(voucherId, IVoucherToken.VoucherStatus.Paid);
        payParts(voucherId, one(voucherId));

        assertEq(cash.balanceOf(supplier), FACE, "holder paid the face value");
        assertEq(cash.balanceOf(buyer), buyerBefore - FACE, "debtor paid the face value");
        assertEq(holderOf(voucherId), address(0), "part redeemed");
        assertEq(vouchers.outstandingOf(voucherId), 0, "nothing outstanding");
        assertEq(vouchers.voucherOf(voucherId).redeemed, FACE, "redeemed in full");
        assertEq(voucherStatus(voucherId), PAID, "paid");
    }

    function test_pay_revertsIfCallerIsNotTheDebtor() public {
        mintCash(supplier, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementNotDebtor.selector, voucherId, supplier));
        vm.prank(supplier);
        settlement.pay(voucherId, one(voucherId));

        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementNotDebtor.selector, voucherId, bank));
        vm.prank(bank);
        settlement.pay(voucherId, one(voucherId));

        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementNotDebtor.selector, voucherId, outsider));
        vm.prank(outsider);
        settlement.pay(voucherId, one(voucherId));
    }

    function test_pay_revertsForAnAccountOfAnotherCoreEnterprise() public {
        // Being a debtor somewhere is not enough: it must be this voucher's debtor.
        address otherBuyer = address(0xB2E7);
        vm.prank(operator);
        registry.onboard(bytes16(uint128(0x0e)), ParticipantRoles.CORE_ENTERPRISE, one(otherBuyer));
        mintCash(otherBuyer, FACE);

        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementNotDebtor.selector, voucherId, otherBuyer));
        vm.prank(otherBuyer);
        settlement.pay(voucherId, one(voucherId));
    }

    function test_pay_revertsIfTheDebtorIsSuspended() public {
        vm.prank(regulator);
        registry.suspend(BUYER_ORG);

        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementNotDebtor.selector, voucherId, buyer));
        vm.prank(buyer);
        settlement.pay(voucherId, one(voucherId));
    }

    function test_pay_anyAccountOfTheDebtorMayPay() public {
        address treasury = address(0xB1E8);
        vm.prank(operator);
        registry.addAccount(BUYER_ORG, treasury);
        mintCash(treasury, FACE);

        vm.prank(treasury);
        settlement.pay(voucherId, one(voucherId));

        assertEq(cash.balanceOf(treasury), 0, "the paying account's cash");
        assertEq(cash.balanceOf(supplier), FACE, "holder paid");
        assertEq(voucherStatus(voucherId), PAID, "paid");
    }

    function test_pay_revertsForAPartOfAnotherVoucher() public {
        uint256 other = issueVoucher(2, FACE);

        vm.expectRevert(
            abi.encodeWithSelector(IVoucherSettlement.SettlementPartNotOfVoucher.selector, voucherId, other)
        );
        payParts(voucherId, one(other));
    }

    function test_pay_revertsForAPartOfAnotherVoucherAfterValidOnesAndPaysNothing() public {
        // One foreign part spoils the batch: the valid part before it is not paid either.
        uint256 other = issueVoucher(2, FACE);
        uint256 childId = splitPart(supplier, voucherId, 30_000_00, subSupplier);

        vm.expectRevert(
            abi.encodeWithSelector(IVoucherSettlement.SettlementPartNotOfVoucher.selector, voucherId, other)
        );
        payParts(voucherId, two(childId, other));

        assertEq(holderOf(childId), subSupplier, "child not redeemed");
        assertEq(cash.balanceOf(subSupplier), 0, "nobody paid");
    }

    function test_pay_revertsForAnUnknownPart() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementPartNotOfVoucher.selector, voucherId, 999));
        payParts(voucherId, one(999));
    }

    function test_pay_revertsForAnEmptyList() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementNothingToPay.selector, voucherId));
        payParts(voucherId, new uint256[](0));
    }

    function test_pay_revertsForAPaidVoucher() public {
        payParts(voucherId, one(voucherId));

        vm.expectRevert(
            abi.encodeWithSelector(IVoucherSettlement.SettlementVoucherStatusInvalid.selector, voucherId, PAID)
        );
        payParts(voucherId, one(voucherId));
    }

    function test_pay_revertsForAnUnknownVoucher() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementVoucherStatusInvalid.selector, 999, 0));
        payParts(999, one(999));
    }

    function test_pay_revertsForAFrozenVoucher() public {
        vm.prank(regulator);
        vouchers.freeze(voucherId);

        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        payParts(voucherId, one(voucherId));
    }

    function test_pay_revertsForAVoucherFrozenByAVoidedInvoice() public {
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, FACE);

        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        payParts(voucherId, one(voucherId));
    }

    function test_pay_worksAgainOnceUnfrozen() public {
        vm.prank(regulator);
        vouchers.freeze(voucherId);
        vm.prank(regulator);
        vouchers.unfreeze(voucherId);

        payParts(voucherId, one(voucherId));
        assertEq(voucherStatus(voucherId), PAID, "paid");
    }

    function test_pay_revertsForAPartAlreadyPaid() public {
        uint256 childId = splitPart(supplier, voucherId, 30_000_00, subSupplier);
        payParts(voucherId, one(childId));

        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, childId));
        payParts(voucherId, one(childId));
    }

    function test_pay_revertsForAPartListedTwice() public {
        uint256 childId = splitPart(supplier, voucherId, 30_000_00, subSupplier);

        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, childId));
        payParts(voucherId, two(childId, childId));
        assertEq(cash.balanceOf(subSupplier), 0, "not paid twice, not paid at all");
    }

    function test_pay_revertsForAFullySplitParent() public {
        // The parent's value now lives in its children; paying the empty parent would pay nothing real.
        splitPart(supplier, voucherId, FACE, subSupplier);

        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, voucherId));
        payParts(voucherId, one(voucherId));
    }

    function test_pay_revertsIfDebtorLacksCashAndRedeemsNothing() public {
        address treasury = address(0xB1E8);
        vm.prank(operator);
        registry.addAccount(BUYER_ORG, treasury);
        mintCash(treasury, FACE - 1);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, treasury, FACE - 1, FACE)
        );
        vm.prank(treasury);
        settlement.pay(voucherId, one(voucherId));

        assertEq(holderOf(voucherId), supplier, "part not redeemed");
        assertEq(vouchers.outstandingOf(voucherId), FACE, "still outstanding");
    }

    function test_pay_revertsForAPartHeldBySuspendedHolder() public {
        // A suspended participant can neither send nor receive value, redemption included.
        vm.prank(regulator);
        registry.suspend(SUPPLIER_ORG);

        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherSenderNotVerified.selector, supplier));
        payParts(voucherId, one(voucherId));
    }

    function test_pay_paysEachHolderOfSplitPartsTheirAmount() public {
        uint256 toSub = splitPart(supplier, voucherId, 30_000_00, subSupplier);
        uint256 toOther = splitPart(supplier, voucherId, 20_000_00, otherBank);
        uint256 grandChild = splitPart(subSupplier, toSub, 5_000_00, guarantor);
        uint256 otherBankBefore = cash.balanceOf(otherBank);

        vmExtra.expectEmit(address(settlement));
        emit IVoucherSettlement.PartPaid(voucherId, toSub, subSupplier, 25_000_00, address(0), 0);
        payParts(voucherId, three(voucherId, toSub, toOther));
        payParts(voucherId, one(grandChild));

        assertEq(cash.balanceOf(supplier), 50_000_00, "supplier paid its remainder");
        assertEq(cash.balanceOf(subSupplier), 25_000_00, "tier 2 paid its part");
        assertEq(cash.balanceOf(otherBank) - otherBankBefore, 20_000_00, "other bank paid its part");
        assertEq(cash.balanceOf(guarantor), 5_000_00, "tier 3 paid its part");
        assertEq(voucherStatus(voucherId), PAID, "paid once all parts are redeemed");
    }

    function test_pay_heldPartPaysTheBeneficiaryFirst() public {
        vm.prank(supplier);
        vouchers.pledge(voucherId, otherBank, 40_000_00);
        uint256 otherBankBefore = cash.balanceOf(otherBank);

        vmExtra.expectEmit(address(settlement));
        emit IVoucherSettlement.PartPaid(voucherId, voucherId, supplier, 60_000_00, otherBank, 40_000_00);
        payParts(voucherId, one(voucherId));

        assertEq(cash.balanceOf(otherBank) - otherBankBefore, 40_000_00, "beneficiary paid the held value");
        assertEq(cash.balanceOf(supplier), 60_000_00, "holder paid the rest");
        assertEq(vouchers.partOf(voucherId).heldAmount, 0, "hold released on redemption");
    }

    function test_pay_fullyHeldPartPaysOnlyTheBeneficiary() public {
        vm.prank(supplier);
        vouchers.pledge(voucherId, otherBank, FACE);
        uint256 otherBankBefore = cash.balanceOf(otherBank);

        vmExtra.expectEmit(address(settlement));
        emit IVoucherSettlement.PartPaid(voucherId, voucherId, supplier, 0, otherBank, FACE);
        payParts(voucherId, one(voucherId));

        assertEq(cash.balanceOf(otherBank) - otherBankBefore, FACE, "beneficiary paid everything");
        assertEq(cash.balanceOf(supplier), 0, "holder paid nothing");
    }

    function test_pay_settlesTheFactoringOfARedeemedPart() public {
        uint256 financingId = factor(voucherId, 97_000_00, false);
        uint256 bankBefore = cash.balanceOf(bank);

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingSettled(financingId, voucherId);
        payParts(voucherId, one(voucherId));

        assertEq(cash.balanceOf(bank), bankBefore + FACE, "the bank, as holder, is paid");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Settled), "settled");
        assertEq(bankExposure(), 0, "exposure released");
        assertEq(financing.activeFinancingOfPart(voucherId), 0, "no active financing");
    }

    function test_pay_settlesAPledgeLoanPayingTheBankItsRepayment() public {
        uint256 financingId = borrow(voucherId, 80_000_00, 70_000_00, 75_000_00);
        uint256 bankBefore = cash.balanceOf(bank);

        vmExtra.expectEmit(address(settlement));
        emit IVoucherSettlement.PartPaid(voucherId, voucherId, supplier, FACE - 75_000_00, bank, 75_000_00);
        payParts(voucherId, one(voucherId));

        assertEq(cash.balanceOf(bank), bankBefore + 75_000_00, "bank repaid from the debtor's cash");
        assertEq(cash.balanceOf(supplier), 70_000_00 + FACE - 75_000_00, "borrower keeps advance and surplus");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Settled), "settled");
        assertEq(bankExposure(), 0, "exposure released");
    }

    function test_pay_settlesTheFinancingOfAPartTheBankSplitEntirely() public {
        // The bank sells its factored part on in pieces; the financed value is then paid through the
        // pieces. Once it is all paid the financing must not stay Active with its exposure booked.
        uint256 financingId = factor(voucherId, 97_000_00, false);
        uint256 piece = splitPart(bank, voucherId, 40_000_00, otherBank);
        uint256 rest = splitPart(bank, voucherId, FACE - 40_000_00, bank);

        payParts(voucherId, two(piece, rest));
        assertEq(voucherStatus(voucherId), PAID, "the voucher is paid");
        // The financed part itself was never redeemed, so settlement cannot see the financing end; anyone
        // (the backend, after indexing the payment) closes it once the voucher is Paid.
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Active), "not seen by settlement");

        vmExtra.expectEmit(address(financing));
        emit IFinancing.FinancingSettled(financingId, voucherId);
        vm.prank(outsider);
        financing.settlePaid(financingId);

        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Settled), "financing settled");
        assertEq(bankExposure(), 0, "exposure released");
    }

    function test_settlePaid_revertsWhileTheVoucherIsUnpaid() public {
        uint256 financingId = factor(voucherId, 97_000_00, false);
        vm.expectRevert(abi.encodeWithSelector(IFinancing.FinancingVoucherNotPaid.selector, voucherId));
        financing.settlePaid(financingId);
    }

    function test_settlePaid_revertsOnceSettled() public {
        uint256 financingId = factor(voucherId, 97_000_00, false);
        payParts(voucherId, one(voucherId));
        vm.expectRevert(
            abi.encodeWithSelector(
                IFinancing.FinancingStatusInvalid.selector, financingId, IFinancing.FinancingStatus.Settled
            )
        );
        financing.settlePaid(financingId);
    }

    function test_pay_partialPaymentLeavesTheRestOutstandingAndVisible() public {
        uint256 childId = splitPart(supplier, voucherId, 30_000_00, subSupplier);
        uint256 financingId = factor(voucherId, 65_000_00, false); // the remaining 70,000.00, with the bank

        payParts(voucherId, one(childId));

        assertEq(voucherStatus(voucherId), ACTIVE, "still active");
        assertEq(vouchers.outstandingOf(voucherId), FACE - 30_000_00, "the unpaid part is outstanding");
        assertEq(vouchers.voucherOf(voucherId).redeemed, 30_000_00, "what was paid is recorded");
        assertEq(holderOf(voucherId), bank, "unpaid part still held");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Active), "unpaid financing active");

        payParts(voucherId, one(voucherId));
        assertEq(voucherStatus(voucherId), PAID, "paid once nothing is outstanding");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Settled), "settled");
    }

    function testFuzz_pay_splitParts_paysEachHolderExactly(uint256 face, uint256 a, uint256 b) public {
        face = bound(face, 2, DEFAULT_EXPOSURE_LIMIT);
        a = bound(a, 1, face - 1);
        b = bound(b, 1, face - a); // b == face - a closes the parent: all value is in the children
        uint256 fuzzVoucher = issueVoucher(2, uint128(face));
        uint256 partA = splitPart(supplier, fuzzVoucher, a, subSupplier);
        uint256 partB = splitPart(supplier, fuzzVoucher, b, otherBank);
        uint256 rest = face - a - b;
        mintCash(buyer, face);

        uint256 buyerBefore = cash.balanceOf(buyer);
        uint256 supplierBefore = cash.balanceOf(supplier);
        uint256 subBefore = cash.balanceOf(subSupplier);
        uint256 otherBankBefore = cash.balanceOf(otherBank);
        uint256 supplyBefore = cash.totalSupply();

        payParts(fuzzVoucher, one(partA));
        assertEq(vouchers.outstandingOf(fuzzVoucher), face - a, "after the first part, the rest is outstanding");
        assertEq(voucherStatus(fuzzVoucher), ACTIVE, "not paid yet");

        payParts(fuzzVoucher, rest == 0 ? one(partB) : two(partB, fuzzVoucher));

        assertEq(cash.balanceOf(subSupplier) - subBefore, a, "holder of a paid a");
        assertEq(cash.balanceOf(otherBank) - otherBankBefore, b, "holder of b paid b");
        assertEq(cash.balanceOf(supplier) - supplierBefore, rest, "holder of the rest paid the rest");
        assertEq(buyerBefore - cash.balanceOf(buyer), face, "debtor paid exactly the face value");
        assertEq(cash.totalSupply(), supplyBefore, "no cash created or destroyed");
        assertEq(vouchers.outstandingOf(fuzzVoucher), 0, "nothing outstanding");
        assertEq(voucherStatus(fuzzVoucher), PAID, "paid");
    }

    // ================================================================ declareDefault

    function test_declareDefault_revertsBeforeMaturityPlusGrace() public {
        uint256 defaultableAt = _defaultableAt(voucherId);

        vm.warp(vouchers.voucherOf(voucherId).maturity);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherSettlement.SettlementNotYetDefaultable.selector, voucherId, defaultableAt)
        );
        settlement.declareDefault(voucherId);

        // The last second of the grace period still belongs to the debtor.
        vm.warp(defaultableAt);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherSettlement.SettlementNotYetDefaultable.selector, voucherId, defaultableAt)
        );
        settlement.declareDefault(voucherId);
    }

    function test_declareDefault_anyoneDeclaresOnceGraceRunsOut() public {
        vm.warp(_defaultableAt(voucherId) + 1);

        vmExtra.expectEmit(address(settlement));
        emit IVoucherSettlement.VoucherDefaulted(voucherId, FACE);
        vm.prank(outsider);
        settlement.declareDefault(voucherId);

        assertEq(voucherStatus(voucherId), DEFAULTED, "defaulted");
    }

    function test_declareDefault_reportsOnlyWhatIsOutstanding() public {
        uint256 childId = splitPart(supplier, voucherId, 30_000_00, subSupplier);
        payParts(voucherId, one(childId));
        vm.warp(_defaultableAt(voucherId) + 1);

        vmExtra.expectEmit(address(settlement));
        emit IVoucherSettlement.VoucherDefaulted(voucherId, FACE - 30_000_00);
        settlement.declareDefault(voucherId);
    }

    function test_declareDefault_followsTheRegulatorsGracePeriod() public {
        vm.prank(regulator);
        compliance.setGracePeriod(30 days);
        uint256 defaultableAt = uint256(vouchers.voucherOf(voucherId).maturity) + 30 days;

        vm.warp(uint256(vouchers.voucherOf(voucherId).maturity) + GRACE_PERIOD + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherSettlement.SettlementNotYetDefaultable.selector, voucherId, defaultableAt)
        );
        settlement.declareDefault(voucherId);

        vm.warp(defaultableAt + 1);
        settlement.declareDefault(voucherId);
        assertEq(voucherStatus(voucherId), DEFAULTED, "defaulted after the longer grace");
    }

    function test_declareDefault_revertsForAPaidVoucher() public {
        payParts(voucherId, one(voucherId));
        vm.warp(_defaultableAt(voucherId) + 1);

        vm.expectRevert(
            abi.encodeWithSelector(IVoucherSettlement.SettlementVoucherStatusInvalid.selector, voucherId, PAID)
        );
        settlement.declareDefault(voucherId);
    }

    function test_declareDefault_revertsTwice() public {
        defaultVoucher(voucherId);

        vm.expectRevert(
            abi.encodeWithSelector(IVoucherSettlement.SettlementVoucherStatusInvalid.selector, voucherId, DEFAULTED)
        );
        settlement.declareDefault(voucherId);
    }

    function test_declareDefault_revertsForAnUnknownVoucher() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherSettlement.SettlementVoucherStatusInvalid.selector, 999, 0));
        settlement.declareDefault(999);
    }

    function test_pay_lateAfterDefaultStillPaysAndMarksPaid() public {
        defaultVoucher(voucherId);

        payParts(voucherId, one(voucherId));

        assertEq(cash.balanceOf(supplier), FACE, "holder paid late");
        assertEq(voucherStatus(voucherId), PAID, "paid after default");
    }

    function test_pay_partialLatePaymentKeepsTheDefault() public {
        uint256 childId = splitPart(supplier, voucherId, 30_000_00, subSupplier);
        defaultVoucher(voucherId);

        payParts(voucherId, one(childId));
        assertEq(voucherStatus(voucherId), DEFAULTED, "still in default while value is outstanding");
        assertEq(vouchers.outstandingOf(voucherId), FACE - 30_000_00, "outstanding");

        payParts(voucherId, one(voucherId));
        assertEq(voucherStatus(voucherId), PAID, "paid");
    }
}
