// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IFinancing} from "../../contracts/interfaces/IFinancing.sol";
import {IGuarantees} from "../../contracts/interfaces/IGuarantees.sol";
import {IVoucherSettlement} from "../../contracts/interfaces/IVoucherSettlement.sol";
import {IVoucherToken} from "../../contracts/interfaces/IVoucherToken.sol";
import {MoneyFixture} from "./utils/MoneyFixture.sol";

/// @notice One receivable walked from issue to late payment, through every money flow that can touch it.
contract ReceivableLifecycleTest is MoneyFixture {
    uint128 internal constant TIER2 = 30_000_00;
    uint128 internal constant FINANCED = FACE - TIER2;
    uint128 internal constant ADVANCE = 66_500_00;
    uint128 internal constant COVER = 50_000_00;
    uint128 internal constant FEE = 700_00;
    uint256 internal constant GUARANTOR_CASH = 500_000_00;

    function test_lifecycle_issueSplitFactorGuaranteeDefaultSubrogateAndLatePayment() public {
        setCapacity(COVER);
        mintCash(guarantor, GUARANTOR_CASH);
        mintCash(buyer, FACE);
        uint256 supply = cash.totalSupply();

        // 1. The debtor confirms the invoice: a voucher for the supplier.
        uint256 voucherId = issueVoucher(1, FACE);

        // 2. The supplier pays its own supplier with part of the voucher.
        uint256 tier2Part = splitPart(supplier, voucherId, TIER2, subSupplier);
        assertEq(vouchers.partOf(tier2Part).tier, 2, "tier-2 part");

        // 3. The supplier factors what it kept.
        uint256 financingId = requestFactoring(supplier, voucherId, BANK_ORG, false, 65_000_00);
        vm.prank(bank);
        financing.approveFactoring(financingId, ADVANCE, 900);
        assertEq(cash.balanceOf(supplier), ADVANCE, "supplier financed");
        assertEq(holderOf(voucherId), bank, "bank holds the financed part");
        assertEq(bankExposure(), FINANCED, "exposure booked");

        // 4. A guarantor covers part of the bank's risk for a fee.
        uint256 guaranteeId = offerGuarantee(financingId, COVER, FEE);
        vm.prank(bank);
        guarantees.accept(guaranteeId);
        assertEq(capacityUsed(), COVER, "capacity in use");

        // 5. The debtor does not pay; after the grace period anyone declares the default.
        vm.warp(uint256(vouchers.voucherOf(voucherId).maturity) + GRACE_PERIOD + 1);
        vm.expectEmit();
        emit IVoucherSettlement.VoucherDefaulted(voucherId, FACE);
        vm.prank(outsider);
        settlement.declareDefault(voucherId);

        // 6. The bank claims; the guarantor pays and takes over the covered value (subrogation).
        vm.prank(bank);
        guarantees.claim(guaranteeId);
        vm.prank(guarantor);
        uint256 subrogatedPart = guarantees.payClaim(guaranteeId);
        IVoucherToken.Part memory subrogated = vouchers.partOf(subrogatedPart);
        assertEq(subrogated.holder, guarantor, "guarantor holds the covered claim");
        assertEq(subrogated.amount, COVER, "worth the cover");
        assertEq(subrogated.parent, voucherId, "carved from the bank's part");
        assertEq(vouchers.partOf(voucherId).amount, FINANCED - COVER, "bank keeps the uncovered claim");
        assertEq(capacityUsed(), 0, "capacity released on payment");
        assertEq(uint256(guarantees.guaranteeOf(guaranteeId).status), uint256(IGuarantees.GuaranteeStatus.Paid), "paid");

        // 7. The debtor pays late, every part at once: each holder gets exactly its part.
        assertEq(vouchers.outstandingOf(voucherId), FACE, "all of it still owed");
        vm.expectEmit();
        emit IVoucherSettlement.PartPaid(voucherId, subrogatedPart, guarantor, COVER, address(0), 0);
        payParts(voucherId, three(voucherId, tier2Part, subrogatedPart));

        assertEq(voucherStatus(voucherId), uint256(IVoucherToken.VoucherStatus.Paid), "voucher paid");
        assertEq(vouchers.outstandingOf(voucherId), 0, "nothing outstanding");
        assertEq(financingStatus(financingId), uint256(IFinancing.FinancingStatus.Settled), "financing settled");
        assertEq(bankExposure(), 0, "exposure released");

        // Who ended up with what.
        assertEq(cash.balanceOf(buyer), 0, "debtor paid the face value");
        assertEq(cash.balanceOf(supplier), ADVANCE, "supplier kept its advance");
        assertEq(cash.balanceOf(subSupplier), TIER2, "tier 2 paid in full");
        assertEq(
            cash.balanceOf(bank),
            BANK_CASH - ADVANCE - FEE + COVER + (FINANCED - COVER),
            "bank: advance and fee out; cover and uncovered value in"
        );
        assertEq(cash.balanceOf(guarantor), GUARANTOR_CASH + FEE, "guarantor: fee earned, claim recovered");
        assertEq(cash.totalSupply(), supply, "no cash created or destroyed along the way");
    }
}
