// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ParticipantRoles} from "../../contracts/ParticipantRoles.sol";
import {IInvoiceRegistry} from "../../contracts/interfaces/IInvoiceRegistry.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {IVoucherToken} from "../../contracts/interfaces/IVoucherToken.sol";
import {VoucherTokenBase} from "./utils/VoucherTokenBase.sol";

/// @notice Unit tests of VoucherToken: every function, its happy paths and every revert with its exact error.
contract VoucherTokenTest is VoucherTokenBase {
    // ================================================================ issue

    function test_issue_storesVoucherAndRootPart() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        uint64 maturity = uint64(block.timestamp) + MATURITY_DELAY;
        uint256 expectedId = vouchers.nextPartId();

        vm.prank(buyer);
        uint256 voucherId = vouchers.issue(issuanceOf(key, supplier, FACE));

        assertEq(voucherId, expectedId, "voucher id is the next part id");
        assertEq(vouchers.nextPartId(), expectedId + 1, "next part id advanced");
        IVoucherToken.Voucher memory voucher = vouchers.voucherOf(voucherId);
        assertEq(voucher.invoiceKey, key, "invoice key");
        assertEq(bytes32(voucher.debtorOrganisation), bytes32(BUYER_ORG), "debtor");
        assertEq(voucher.faceValue, FACE, "face value");
        assertEq(voucher.redeemed, 0, "nothing redeemed");
        assertEq(voucher.maturity, maturity, "maturity");
        assertStatus(voucherId, IVoucherToken.VoucherStatus.Active, "status Active");
        assertFalse(voucher.frozen, "not frozen");
        assertFalse(voucher.invoiceInvalid, "invoice valid");
        // The root part is the voucher itself: tier 1, no parent, its own root.
        assertPart(voucherId, supplier, voucherId, 0, 1, FACE, "root part");
        assertHold(voucherId, address(0), 0, "root part");
        assertEq(vouchers.outstandingOf(voucherId), FACE, "outstanding is face value");
        assertEq(invoices.invoiceOf(key).voucherId, voucherId, "invoice bound to the voucher");
    }

    function test_issue_emitsTransferFromZeroAndVoucherIssued() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        uint256 expectedId = vouchers.nextPartId();
        uint64 maturity = uint64(block.timestamp) + MATURITY_DELAY;

        vm.expectEmit();
        emit IVoucherToken.Transfer(address(0), supplier, expectedId);
        vm.expectEmit();
        emit IVoucherToken.VoucherIssued(expectedId, key, BUYER_ORG, supplier, FACE, maturity);
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, supplier, FACE));
    }

    function test_issue_acceptsAnyAccountOfTheSeller() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        vm.prank(buyer);
        uint256 voucherId = vouchers.issue(issuanceOf(key, supplierClerk, FACE));
        assertEq(vouchers.partOf(voucherId).holder, supplierClerk, "second seller account holds it");
    }

    function test_issue_acceptsFaceValueBelowAttestedAmount() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        vm.prank(buyer);
        uint256 voucherId = vouchers.issue(issuanceOf(key, supplier, FACE - 1));
        assertEq(vouchers.voucherOf(voucherId).faceValue, FACE - 1, "face value below attested amount");
    }

    function test_issue_revertsIfCallerNotCoreEnterprise() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, supplier, ParticipantRoles.CORE_ENTERPRISE
            )
        );
        vm.prank(supplier);
        vouchers.issue(issuanceOf(key, supplier, FACE));
    }

    function test_issue_revertsIfCallerIsOutsider() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, outsider, ParticipantRoles.CORE_ENTERPRISE
            )
        );
        vm.prank(outsider);
        vouchers.issue(issuanceOf(key, supplier, FACE));
    }

    function test_issue_revertsIfDebtorSuspended() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        suspend(BUYER_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, buyer, ParticipantRoles.CORE_ENTERPRISE
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, supplier, FACE));
    }

    function test_issue_revertsIfCallerNotTheInvoiceDebtor() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE); // owed by BUYER_ORG
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherNotDebtor.selector, key, otherBuyer));
        vm.prank(otherBuyer);
        vouchers.issue(issuanceOf(key, supplier, FACE));
        // The failed attempt must not have consumed the invoice.
        assertEq(invoices.invoiceOf(key).voucherId, 0, "invoice still unbound");
    }

    function test_issue_revertsIfHolderNotAnAccountOfTheSeller() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHolderNotSeller.selector, key, subSupplier));
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, subSupplier, FACE));
    }

    function test_issue_revertsIfHolderIsOutsiderOrZero() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHolderNotSeller.selector, key, outsider));
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, outsider, FACE));
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHolderNotSeller.selector, key, address(0)));
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, address(0), FACE));
    }

    function test_issue_revertsIfSellerSuspended() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, supplier));
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, supplier, FACE));
    }

    function test_issue_revertsIfFaceValueZero() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        uint256 wouldBeId = vouchers.nextPartId();
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, wouldBeId));
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, supplier, 0));
    }

    function test_issue_revertsIfFaceValueExceedsAttestedAmount() public {
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherFaceValueExceedsInvoice.selector, key, FACE, uint256(FACE) + 1)
        );
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, supplier, FACE + 1));
    }

    function test_issue_revertsIfMaturityInPast() public {
        vm.warp(1_700_000_000);
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        IVoucherToken.Issuance memory issuance = issuanceOf(key, supplier, FACE);
        issuance.maturity = uint64(block.timestamp) - 1;
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherMaturityInPast.selector, issuance.maturity, block.timestamp)
        );
        vm.prank(buyer);
        vouchers.issue(issuance);
    }

    function test_issue_revertsIfMaturityIsNow() public {
        vm.warp(1_700_000_000);
        bytes32 key = invoiceKey(1);
        registerAndAttest(key, FACE);
        IVoucherToken.Issuance memory issuance = issuanceOf(key, supplier, FACE);
        issuance.maturity = uint64(block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherMaturityInPast.selector, issuance.maturity, block.timestamp)
        );
        vm.prank(buyer);
        vouchers.issue(issuance);
    }

    function test_issue_revertsIfInvoiceOnlyRegistered() public {
        bytes32 key = invoiceKey(1);
        vm.prank(supplier);
        invoices.register(oneKey(key), oneOrg(BUYER_ORG));
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceStatusInvalid.selector, key, IInvoiceRegistry.InvoiceStatus.Registered
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, supplier, FACE));
    }

    function test_issue_revertsIfInvoiceUnknown() public {
        bytes32 key = invoiceKey(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceStatusInvalid.selector, key, IInvoiceRegistry.InvoiceStatus.Unknown
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, supplier, FACE));
    }

    function test_issue_revertsIfInvoiceVoidedOrReversed() public {
        bytes32 voided = invoiceKey(1);
        bytes32 reversed = invoiceKey(2);
        registerAndAttest(voided, FACE);
        registerAndAttest(reversed, FACE);
        attest(voided, IInvoiceRegistry.InvoiceStatus.Voided, FACE);
        attest(reversed, IInvoiceRegistry.InvoiceStatus.Reversed, FACE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceStatusInvalid.selector, voided, IInvoiceRegistry.InvoiceStatus.Voided
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuanceOf(voided, supplier, FACE));
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvoiceRegistry.InvoiceStatusInvalid.selector, reversed, IInvoiceRegistry.InvoiceStatus.Reversed
            )
        );
        vm.prank(buyer);
        vouchers.issue(issuanceOf(reversed, supplier, FACE));
    }

    function test_issue_revertsIfInvoiceAlreadyBacksAVoucher() public {
        uint256 voucherId = issueVoucher(1, FACE);
        bytes32 key = invoiceKey(1);
        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceAlreadyBacksVoucher.selector, key, voucherId));
        vm.prank(buyer);
        vouchers.issue(issuanceOf(key, supplier, FACE));
    }

    // ================================================================ issueBatch

    function test_issueBatch_issuesFiftyConsecutiveVouchers() public {
        uint256 count = 50;
        bytes32[] memory keys = registerAndAttestMany(100, count, FACE);
        IVoucherToken.Issuance[] memory batch = new IVoucherToken.Issuance[](count);
        for (uint256 i = 0; i < count; ++i) {
            batch[i] = issuanceOf(keys[i], supplier, uint128(FACE - i));
        }
        uint256 expectedFirst = vouchers.nextPartId();

        vm.prank(buyer);
        uint256 firstVoucherId = vouchers.issueBatch(batch);

        assertEq(firstVoucherId, expectedFirst, "first voucher id");
        assertEq(vouchers.nextPartId(), expectedFirst + count, "one id per voucher");
        for (uint256 i = 0; i < count; ++i) {
            uint256 voucherId = firstVoucherId + i;
            assertEq(vouchers.voucherOf(voucherId).invoiceKey, keys[i], "voucher backed by its own invoice");
            assertEq(vouchers.voucherOf(voucherId).faceValue, FACE - i, "face value of the item");
            assertPart(voucherId, supplier, voucherId, 0, 1, FACE - i, "root part");
            assertEq(invoices.invoiceOf(keys[i]).voucherId, voucherId, "invoice bound");
        }
    }

    function test_issueBatch_emitsOneVoucherIssuedPerItem() public {
        bytes32[] memory keys = registerAndAttestMany(100, 2, FACE);
        IVoucherToken.Issuance[] memory batch = new IVoucherToken.Issuance[](2);
        batch[0] = issuanceOf(keys[0], supplier, FACE);
        batch[1] = issuanceOf(keys[1], supplierClerk, FACE - 1);
        uint256 first = vouchers.nextPartId();
        uint64 maturity = batch[0].maturity;

        vm.expectEmit();
        emit IVoucherToken.VoucherIssued(first, keys[0], BUYER_ORG, supplier, FACE, maturity);
        vm.expectEmit();
        emit IVoucherToken.VoucherIssued(first + 1, keys[1], BUYER_ORG, supplierClerk, FACE - 1, maturity);
        vm.prank(buyer);
        vouchers.issueBatch(batch);
    }

    function test_issueBatch_revertsWholeBatchIfOneItemInvalid() public {
        uint256 count = 50;
        bytes32[] memory keys = registerAndAttestMany(100, count, FACE);
        IVoucherToken.Issuance[] memory batch = new IVoucherToken.Issuance[](count);
        for (uint256 i = 0; i < count; ++i) {
            batch[i] = issuanceOf(keys[i], supplier, FACE);
        }
        // A late item, so that many vouchers were already written when it fails.
        batch[37].faceValue = FACE + 1;
        uint256 nextBefore = vouchers.nextPartId();

        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherFaceValueExceedsInvoice.selector, keys[37], FACE, uint256(FACE) + 1
            )
        );
        vm.prank(buyer);
        vouchers.issueBatch(batch);

        assertEq(vouchers.nextPartId(), nextBefore, "next part id unchanged");
        for (uint256 i = 0; i < count; ++i) {
            assertEq(invoices.invoiceOf(keys[i]).voucherId, 0, "invoice still unbound");
            assertEq(vouchers.partOf(nextBefore + i).holder, address(0), "no part written");
            assertStatus(nextBefore + i, IVoucherToken.VoucherStatus.None, "no voucher written");
        }
    }

    function test_issueBatch_revertsWholeBatchIfAnInvoiceRepeats() public {
        bytes32[] memory keys = registerAndAttestMany(100, 3, FACE);
        IVoucherToken.Issuance[] memory batch = new IVoucherToken.Issuance[](3);
        batch[0] = issuanceOf(keys[0], supplier, FACE);
        batch[1] = issuanceOf(keys[1], supplier, FACE);
        batch[2] = issuanceOf(keys[0], supplier, FACE);
        uint256 first = vouchers.nextPartId();

        vm.expectRevert(abi.encodeWithSelector(IInvoiceRegistry.InvoiceAlreadyBacksVoucher.selector, keys[0], first));
        vm.prank(buyer);
        vouchers.issueBatch(batch);
        assertEq(vouchers.nextPartId(), first, "next part id unchanged");
        assertEq(invoices.invoiceOf(keys[0]).voucherId, 0, "first invoice still unbound");
    }

    function test_issueBatch_revertsIfCallerNotCoreEnterprise() public {
        bytes32[] memory keys = registerAndAttestMany(100, 1, FACE);
        IVoucherToken.Issuance[] memory batch = new IVoucherToken.Issuance[](1);
        batch[0] = issuanceOf(keys[0], supplier, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, bank, ParticipantRoles.CORE_ENTERPRISE
            )
        );
        vm.prank(bank);
        vouchers.issueBatch(batch);
    }

    function test_issueBatch_revertsIfCallerNotTheInvoiceDebtor() public {
        bytes32[] memory keys = registerAndAttestMany(100, 1, FACE);
        IVoucherToken.Issuance[] memory batch = new IVoucherToken.Issuance[](1);
        batch[0] = issuanceOf(keys[0], supplier, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherNotDebtor.selector, keys[0], otherBuyer));
        vm.prank(otherBuyer);
        vouchers.issueBatch(batch);
    }

    function test_issueBatch_emptyBatchIssuesNothing() public {
        uint256 nextBefore = vouchers.nextPartId();
        vm.prank(buyer);
        uint256 first = vouchers.issueBatch(new IVoucherToken.Issuance[](0));
        assertEq(first, nextBefore, "first id is the next id");
        assertEq(vouchers.nextPartId(), nextBefore, "nothing issued");
    }

    // ================================================================ split

    function test_split_createsChildOneTierDownAndKeepsRemainderInParent() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 expectedChild = vouchers.nextPartId();

        uint256 childId = splitOne(voucherId, supplier, 30_000_00, subSupplier);

        assertEq(childId, expectedChild, "child id is the next part id");
        assertPart(childId, subSupplier, voucherId, voucherId, 2, 30_000_00, "child");
        assertPart(voucherId, supplier, voucherId, 0, 1, FACE - 30_000_00, "parent keeps the rest");
        assertEq(vouchers.outstandingOf(voucherId), FACE, "splitting redeems nothing");
    }

    function test_split_emitsPartSplitAndTransferFromParentHolder() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 childId = vouchers.nextPartId();

        // Per IVoucherToken.Transfer: a split child's value comes from the parent's holder.
        vm.expectEmit();
        emit IVoucherToken.Transfer(supplier, subSupplier, childId);
        vm.expectEmit();
        emit IVoucherToken.PartSplit(voucherId, childId, subSupplier, 30_000_00, 2);
        splitOne(voucherId, supplier, 30_000_00, subSupplier);
    }

    function test_split_closesParentSplitInFull() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 childId = vouchers.nextPartId();

        vm.expectEmit();
        emit IVoucherToken.Transfer(supplier, address(0), voucherId);
        vm.expectEmit();
        emit IVoucherToken.PartSplit(voucherId, childId, subSupplier, FACE, 2);
        splitOne(voucherId, supplier, FACE, subSupplier);

        // The closed parent stays in storage for the lineage, with no holder and no value.
        assertPart(voucherId, address(0), voucherId, 0, 1, 0, "closed parent");
        assertPart(childId, subSupplier, voucherId, voucherId, 2, FACE, "child holds everything");
        assertEq(liveValueOf(voucherId), FACE, "value conserved");
    }

    function test_split_closedParentCanNoLongerBeUsed() public {
        uint256 voucherId = issueVoucher(1, FACE);
        splitOne(voucherId, supplier, FACE, subSupplier);

        bytes memory inactive = abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, voucherId);
        vm.expectRevert(inactive);
        splitOne(voucherId, supplier, 1, subSupplier);
        vm.expectRevert(inactive);
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
        vm.expectRevert(inactive);
        pledgeAs(supplier, voucherId, bank, 1);
        vm.expectRevert(inactive);
        vouchers.operatorRedeem(voucherId);
    }

    function test_split_toSeveralRecipientsInOneCall() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 expectedFirst = vouchers.nextPartId();

        vm.expectEmit();
        emit IVoucherToken.PartSplit(voucherId, expectedFirst, subSupplier, 10_000_00, 2);
        vm.expectEmit();
        emit IVoucherToken.PartSplit(voucherId, expectedFirst + 1, bank, 25_000_00, 2);
        vm.prank(supplier);
        uint256 firstChildId = vouchers.split(voucherId, two(10_000_00, 25_000_00), two(subSupplier, bank));

        assertEq(firstChildId, expectedFirst, "first child id");
        assertPart(firstChildId, subSupplier, voucherId, voucherId, 2, 10_000_00, "first child");
        assertPart(firstChildId + 1, bank, voucherId, voucherId, 2, 25_000_00, "second child");
        assertPart(voucherId, supplier, voucherId, 0, 1, FACE - 35_000_00, "parent keeps the rest");
        assertEq(vouchers.nextPartId(), expectedFirst + 2, "consecutive child ids");
    }

    function test_split_toSeveralRecipientsCanCloseParent() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.prank(supplier);
        uint256 firstChildId = vouchers.split(voucherId, two(40_000_00, 60_000_00), two(subSupplier, supplier));
        assertEq(vouchers.partOf(voucherId).holder, address(0), "parent closed");
        assertEq(vouchers.partOf(firstChildId + 1).holder, supplier, "a holder may keep a child for itself");
        assertEq(liveValueOf(voucherId), FACE, "value conserved");
    }

    function test_split_ofAChildCreatesTierThree() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 childId = splitOne(voucherId, supplier, 40_000_00, subSupplier);
        uint256 grandchildId = vouchers.nextPartId();

        vm.expectEmit();
        emit IVoucherToken.PartSplit(childId, grandchildId, bank, 15_000_00, 3);
        splitOne(childId, subSupplier, 15_000_00, bank);

        // The grandchild points at its parent and at the voucher's root.
        assertPart(grandchildId, bank, voucherId, childId, 3, 15_000_00, "grandchild");
        assertPart(childId, subSupplier, voucherId, voucherId, 2, 25_000_00, "child keeps the rest");
        assertEq(liveValueOf(voucherId), FACE, "value conserved");
    }

    function test_split_revertsIfCallerNotHolder() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherNotHolder.selector, voucherId, bank, supplier));
        splitOne(voucherId, bank, 1, bank);
    }

    function test_split_revertsIfCallerIsAnotherAccountOfTheHolderOrganisation() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherNotHolder.selector, voucherId, supplierClerk, supplier)
        );
        splitOne(voucherId, supplierClerk, 1, bank);
    }

    function test_split_revertsIfPartNeverExisted() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, 999));
        splitOne(999, supplier, 1, bank);
    }

    function test_split_revertsIfArraysHaveDifferentLengths() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, voucherId));
        vm.prank(supplier);
        vouchers.split(voucherId, two(1, 2), one(bank));
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, voucherId));
        vm.prank(supplier);
        vouchers.split(voucherId, one(1), two(bank, subSupplier));
    }

    function test_split_revertsIfArraysEmpty() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, voucherId));
        vm.prank(supplier);
        vouchers.split(voucherId, new uint256[](0), new address[](0));
    }

    function test_split_revertsIfAmountZero() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, voucherId));
        splitOne(voucherId, supplier, 0, bank);
        // A zero item among valid ones fails the whole call.
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, voucherId));
        vm.prank(supplier);
        vouchers.split(voucherId, two(1, 0), two(bank, subSupplier));
    }

    function test_split_revertsIfAmountExceedsPartValue() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, FACE, uint256(FACE) + 1
            )
        );
        splitOne(voucherId, supplier, uint256(FACE) + 1, bank);
    }

    function test_split_revertsIfAmountExceedsUnheldValue() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 70_000_00);
        // Only amount - held is available.
        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, FACE - 70_000_00, 30_000_01
            )
        );
        splitOne(voucherId, supplier, 30_000_01, subSupplier);
    }

    function test_split_revertsIfItemsTogetherExceedPartValue() public {
        uint256 voucherId = issueVoucher(1, FACE);
        // The first item leaves 40_000_00; the second asks for more and undoes the first.
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, 40_000_00, 50_000_00)
        );
        vm.prank(supplier);
        vouchers.split(voucherId, two(60_000_00, 50_000_00), two(subSupplier, bank));
        assertPart(voucherId, supplier, voucherId, 0, 1, FACE, "parent untouched");
    }

    function test_split_revertsIfAnItemFollowsTheOneThatClosedTheParent() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, voucherId));
        vm.prank(supplier);
        vouchers.split(voucherId, two(FACE, 1), two(subSupplier, bank));
    }

    function test_split_revertsIfRecipientOutsider() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, outsider));
        splitOne(voucherId, supplier, 1, outsider);
    }

    function test_split_revertsIfRecipientZero() public {
        // A child held by nobody would take value out of the voucher without redemption.
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, address(0)));
        splitOne(voucherId, supplier, 1, address(0));
    }

    function test_split_revertsIfRecipientSuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(SUB_SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, subSupplier));
        splitOne(voucherId, supplier, 1, subSupplier);
    }

    function test_split_revertsIfVoucherFrozen() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        splitOne(voucherId, supplier, 1, subSupplier);
    }

    function test_split_revertsIfSenderSuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherSenderNotVerified.selector, supplier));
        splitOne(voucherId, supplier, 1, subSupplier);
    }

    // ================================================================ transfer

    function test_transfer_movesWholePart() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectEmit();
        emit IVoucherToken.Transfer(supplier, subSupplier, voucherId);
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
        assertPart(voucherId, subSupplier, voucherId, 0, 1, FACE, "part moved whole, lineage kept");
    }

    function test_transfer_movesAChildPart() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 childId = splitOne(voucherId, supplier, 30_000_00, subSupplier);
        vm.prank(subSupplier);
        vouchers.transfer(childId, bank);
        assertPart(childId, bank, voucherId, voucherId, 2, 30_000_00, "child moved");
        assertPart(voucherId, supplier, voucherId, 0, 1, FACE - 30_000_00, "parent untouched");
    }

    function test_transfer_revertsIfCallerNotHolder() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherNotHolder.selector, voucherId, subSupplier, supplier)
        );
        vm.prank(subSupplier);
        vouchers.transfer(voucherId, subSupplier);
    }

    function test_transfer_revertsIfRecipientOutsider() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, outsider));
        vm.prank(supplier);
        vouchers.transfer(voucherId, outsider);
    }

    function test_transfer_revertsIfRecipientZero() public {
        // Moving a part to nobody would destroy its value without redemption.
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, address(0)));
        vm.prank(supplier);
        vouchers.transfer(voucherId, address(0));
    }

    function test_transfer_revertsIfRecipientSuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(SUB_SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, subSupplier));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
    }

    function test_transfer_revertsIfSenderSuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherSenderNotVerified.selector, supplier));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
    }

    function test_transfer_revertsIfSenderAccountRemoved() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.prank(operator);
        registry.removeAccount(supplier);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherSenderNotVerified.selector, supplier));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
    }

    function test_transfer_revertsIfVoucherFrozen() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
    }

    function test_transfer_revertsIfPartHeld() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 1);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartHeld.selector, voucherId, 1));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
    }

    function test_transfer_revertsIfPartInactive() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vouchers.operatorRedeem(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, voucherId));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, 999));
        vm.prank(supplier);
        vouchers.transfer(999, subSupplier);
    }

    // ================================================================ pledge

    function test_pledge_placesHold() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectEmit();
        emit IVoucherToken.HoldPlaced(voucherId, bank, 60_000_00);
        pledgeAs(supplier, voucherId, bank, 60_000_00);
        assertHold(voucherId, bank, 60_000_00, "hold");
        // A pledge does not move the part.
        assertPart(voucherId, supplier, voucherId, 0, 1, FACE, "part");
    }

    function test_pledge_canLockTheWholePart() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, FACE);
        assertHold(voucherId, bank, FACE, "whole part held");
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, 0, 1)
        );
        splitOne(voucherId, supplier, 1, subSupplier);
    }

    function test_pledge_heldValueCannotBeSplitButFreeValueCan() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 60_000_00);

        uint256 childId = splitOne(voucherId, supplier, 40_000_00, subSupplier);

        assertPart(childId, subSupplier, voucherId, voucherId, 2, 40_000_00, "free value split off");
        assertHold(childId, address(0), 0, "child carries no hold");
        assertPart(voucherId, supplier, voucherId, 0, 1, 60_000_00, "parent keeps the held value");
        assertHold(voucherId, bank, 60_000_00, "hold unchanged");
        // The child is unencumbered, so it moves freely; nothing more can leave the parent.
        vm.prank(subSupplier);
        vouchers.transfer(childId, otherBank);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, 0, 1)
        );
        splitOne(voucherId, supplier, 1, subSupplier);
    }

    function test_pledge_blocksTransferWhileHeld() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 60_000_00);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartHeld.selector, voucherId, 60_000_00));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
    }

    function test_pledge_revertsIfCallerNotHolder() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherNotHolder.selector, voucherId, bank, supplier));
        pledgeAs(bank, voucherId, bank, 1);
    }

    function test_pledge_revertsIfPartInactive() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, 999));
        pledgeAs(supplier, 999, bank, 1);
    }

    function test_pledge_revertsIfHoldExists() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 10_000_00);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHoldExists.selector, voucherId, bank));
        pledgeAs(supplier, voucherId, otherBank, 10_000_00);
    }

    function test_pledge_revertsIfBeneficiaryOutsider() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, outsider));
        pledgeAs(supplier, voucherId, outsider, 1);
    }

    function test_pledge_revertsIfBeneficiaryZero() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, address(0)));
        pledgeAs(supplier, voucherId, address(0), 1);
    }

    function test_pledge_revertsIfBeneficiarySuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(BANK_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, bank));
        pledgeAs(supplier, voucherId, bank, 1);
    }

    function test_pledge_revertsIfHolderSuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherSenderNotVerified.selector, supplier));
        pledgeAs(supplier, voucherId, bank, 1);
    }

    function test_pledge_revertsIfAmountExceedsPart() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, FACE, uint256(FACE) + 1
            )
        );
        pledgeAs(supplier, voucherId, bank, uint256(FACE) + 1);
    }

    function test_pledge_revertsIfAmountZero() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, voucherId));
        pledgeAs(supplier, voucherId, bank, 0);
    }

    function test_pledge_revertsIfVoucherFrozen() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        pledgeAs(supplier, voucherId, bank, 1);
    }

    // ================================================================ releaseHold

    function test_releaseHold_byBeneficiaryFreesThePart() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 60_000_00);

        vm.expectEmit();
        emit IVoucherToken.HoldReleased(voucherId, bank, 60_000_00);
        vm.prank(bank);
        vouchers.releaseHold(voucherId);

        assertHold(voucherId, address(0), 0, "hold lifted");
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
        assertEq(vouchers.partOf(voucherId).holder, subSupplier, "part moves once released");
    }

    function test_releaseHold_byPlatform() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 60_000_00);
        vouchers.releaseHold(voucherId);
        assertHold(voucherId, address(0), 0, "hold lifted by a platform contract");
    }

    function test_releaseHold_revertsIfCallerNotBeneficiary() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 60_000_00);
        // Not even the holder can lift a pledge it gave.
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherNotHoldBeneficiary.selector, voucherId, supplier));
        vm.prank(supplier);
        vouchers.releaseHold(voucherId);
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherNotHoldBeneficiary.selector, voucherId, otherBank)
        );
        vm.prank(otherBank);
        vouchers.releaseHold(voucherId);
    }

    function test_releaseHold_revertsIfNoHold() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHoldMissing.selector, voucherId));
        vm.prank(bank);
        vouchers.releaseHold(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHoldMissing.selector, voucherId));
        vouchers.releaseHold(voucherId);
    }

    function test_releaseHold_revertsIfAlreadyReleased() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 1);
        vm.prank(bank);
        vouchers.releaseHold(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHoldMissing.selector, voucherId));
        vm.prank(bank);
        vouchers.releaseHold(voucherId);
    }

    // ================================================================ freeze / unfreeze

    function test_freeze_byRegulator() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectEmit();
        emit IVoucherToken.VoucherFrozen(voucherId, regulator);
        freezeVoucher(voucherId);
        assertTrue(vouchers.voucherOf(voucherId).frozen, "frozen");
        assertFalse(vouchers.voucherOf(voucherId).invoiceInvalid, "invoice still valid");
    }

    function test_freeze_coversEveryPartOfTheVoucher() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 childId = splitOne(voucherId, supplier, 30_000_00, subSupplier);
        uint256 grandchildId = splitOne(childId, subSupplier, 10_000_00, bank);
        freezeVoucher(voucherId);

        bytes memory frozen = abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId);
        vm.expectRevert(frozen);
        vm.prank(subSupplier);
        vouchers.transfer(childId, bank);
        vm.expectRevert(frozen);
        splitOne(grandchildId, bank, 1, otherBank);
        vm.expectRevert(frozen);
        pledgeAs(bank, grandchildId, otherBank, 1);
        vm.expectRevert(frozen);
        vouchers.operatorRedeem(grandchildId);
    }

    function test_freeze_doesNotTouchOtherVouchers() public {
        uint256 frozenId = issueVoucher(1, FACE);
        uint256 otherId = issueVoucher(2, FACE);
        freezeVoucher(frozenId);
        vm.prank(supplier);
        vouchers.transfer(otherId, subSupplier);
        assertEq(vouchers.partOf(otherId).holder, subSupplier, "other voucher still moves");
    }

    function test_freeze_revertsIfCallerNotRegulator() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnauthorized.selector, operator));
        vm.prank(operator);
        vouchers.freeze(voucherId);
        // The platform role is not the regulator either.
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnauthorized.selector, address(this)));
        vouchers.freeze(voucherId);
    }

    function test_freeze_revertsIfRegulatorSuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(REGULATOR_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnauthorized.selector, regulator));
        vm.prank(regulator);
        vouchers.freeze(voucherId);
    }

    function test_freeze_revertsIfAlreadyFrozen() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherFreezeUnchanged.selector, voucherId, true));
        vm.prank(regulator);
        vouchers.freeze(voucherId);
    }

    function test_freeze_revertsIfVoucherUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnknown.selector, 999));
        vm.prank(regulator);
        vouchers.freeze(999);
    }

    function test_freeze_revertsForAChildPartId() public {
        // Freezing works on vouchers; a child part id is not a voucher.
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 childId = splitOne(voucherId, supplier, 1, subSupplier);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnknown.selector, childId));
        vm.prank(regulator);
        vouchers.freeze(childId);
    }

    function test_unfreeze_liftsFreeze() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        vm.expectEmit();
        emit IVoucherToken.VoucherUnfrozen(voucherId, regulator);
        vm.prank(regulator);
        vouchers.unfreeze(voucherId);
        assertFalse(vouchers.voucherOf(voucherId).frozen, "unfrozen");
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);
        assertEq(vouchers.partOf(voucherId).holder, subSupplier, "moves again");
    }

    function test_unfreeze_revertsIfCallerNotRegulator() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnauthorized.selector, buyer));
        vm.prank(buyer);
        vouchers.unfreeze(voucherId);
    }

    function test_unfreeze_revertsIfNotFrozen() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherFreezeUnchanged.selector, voucherId, false));
        vm.prank(regulator);
        vouchers.unfreeze(voucherId);
    }

    function test_unfreeze_revertsIfVoucherUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnknown.selector, 999));
        vm.prank(regulator);
        vouchers.unfreeze(999);
    }

    function test_unfreeze_revertsIfInvoiceInvalid() public {
        uint256 voucherId = issueVoucher(1, FACE);
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvoiceInvalid.selector, voucherId));
        vm.prank(regulator);
        vouchers.unfreeze(voucherId);
    }

    // ================================================================ freezeForInvalidInvoice

    function test_freezeForInvalidInvoice_freezesWhenInvoiceVoided() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectEmit();
        emit IVoucherToken.VoucherFrozen(voucherId, address(invoices));
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, FACE);
        assertTrue(vouchers.voucherOf(voucherId).frozen, "frozen");
        assertTrue(vouchers.voucherOf(voucherId).invoiceInvalid, "invoice marked invalid");
    }

    function test_freezeForInvalidInvoice_freezesWhenInvoiceReversed() public {
        uint256 voucherId = issueVoucher(1, FACE);
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Reversed, FACE);
        assertTrue(vouchers.voucherOf(voucherId).frozen, "frozen");
        assertTrue(vouchers.voucherOf(voucherId).invoiceInvalid, "invoice marked invalid");
    }

    function test_freezeForInvalidInvoice_marksAVoucherTheRegulatorFroze() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        // Already frozen: no second freeze, but the invoice flag makes the freeze permanent.
        attest(invoiceKey(1), IInvoiceRegistry.InvoiceStatus.Voided, FACE);
        assertTrue(vouchers.voucherOf(voucherId).frozen, "still frozen");
        assertTrue(vouchers.voucherOf(voucherId).invoiceInvalid, "invoice marked invalid");
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvoiceInvalid.selector, voucherId));
        vm.prank(regulator);
        vouchers.unfreeze(voucherId);
    }

    function test_freezeForInvalidInvoice_revertsIfCallerNotInvoiceRegistry() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnauthorized.selector, regulator));
        vm.prank(regulator);
        vouchers.freezeForInvalidInvoice(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnauthorized.selector, address(this)));
        vouchers.freezeForInvalidInvoice(voucherId);
    }

    function test_freezeForInvalidInvoice_revertsIfVoucherUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnknown.selector, 999));
        vm.prank(address(invoices));
        vouchers.freezeForInvalidInvoice(999);
    }

    // ================================================================ operatorTransfer

    function test_operatorTransfer_movesWholePart() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectEmit();
        emit IVoucherToken.Transfer(supplier, bank, voucherId);
        vouchers.operatorTransfer(voucherId, bank);
        assertPart(voucherId, bank, voucherId, 0, 1, FACE, "moved by the platform");
    }

    function test_operatorTransfer_followsTheTransferRules() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, outsider));
        vouchers.operatorTransfer(voucherId, outsider);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, address(0)));
        vouchers.operatorTransfer(voucherId, address(0));

        pledgeAs(supplier, voucherId, bank, 1);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartHeld.selector, voucherId, 1));
        vouchers.operatorTransfer(voucherId, bank);
        vm.prank(bank);
        vouchers.releaseHold(voucherId);

        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        vouchers.operatorTransfer(voucherId, bank);
    }

    function test_operatorTransfer_revertsIfHolderSuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherSenderNotVerified.selector, supplier));
        vouchers.operatorTransfer(voucherId, bank);
    }

    function test_operatorTransfer_revertsIfPartInactive() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, 999));
        vouchers.operatorTransfer(999, bank);
    }

    function test_operatorTransfer_revertsIfCallerLacksPlatformRole() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, supplier, platformRole)
        );
        vm.prank(supplier);
        vouchers.operatorTransfer(voucherId, bank);
    }

    // ================================================================ operatorSplit

    function test_operatorSplit_wholeAmountMovesTheSamePart() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 nextBefore = vouchers.nextPartId();
        uint256 received = vouchers.operatorSplit(voucherId, FACE, bank);
        assertEq(received, voucherId, "same part id");
        assertPart(voucherId, bank, voucherId, 0, 1, FACE, "part moved whole");
        assertEq(vouchers.nextPartId(), nextBefore, "no child created");
    }

    function test_operatorSplit_partialAmountCreatesAChild() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 expectedChild = vouchers.nextPartId();
        vm.expectEmit();
        emit IVoucherToken.PartSplit(voucherId, expectedChild, bank, 30_000_00, 2);
        uint256 received = vouchers.operatorSplit(voucherId, 30_000_00, bank);
        assertEq(received, expectedChild, "child id returned");
        assertPart(received, bank, voucherId, voucherId, 2, 30_000_00, "child");
        assertPart(voucherId, supplier, voucherId, 0, 1, FACE - 30_000_00, "parent keeps the rest");
    }

    function test_operatorSplit_revertsIfAmountExceedsUnheldValue() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 70_000_00);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, FACE - 70_000_00, 40_000_00
            )
        );
        vouchers.operatorSplit(voucherId, 40_000_00, otherBank);
        // The whole amount of a held part cannot move either.
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartHeld.selector, voucherId, 70_000_00));
        vouchers.operatorSplit(voucherId, FACE, otherBank);
    }

    function test_operatorSplit_revertsIfAmountZeroOrRecipientInvalid() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, voucherId));
        vouchers.operatorSplit(voucherId, 0, bank);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, outsider));
        vouchers.operatorSplit(voucherId, 1, outsider);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, address(0)));
        vouchers.operatorSplit(voucherId, 1, address(0));
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, address(0)));
        vouchers.operatorSplit(voucherId, FACE, address(0));
    }

    function test_operatorSplit_revertsIfPartInactive() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, 999));
        vouchers.operatorSplit(999, 1, bank);
    }

    function test_operatorSplit_revertsIfCallerLacksPlatformRole() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, supplier, platformRole)
        );
        vm.prank(supplier);
        vouchers.operatorSplit(voucherId, 1, bank);
    }

    // ================================================================ operatorPlaceHold

    function test_operatorPlaceHold_placesHoldWithoutTheHolder() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectEmit();
        emit IVoucherToken.HoldPlaced(voucherId, bank, 50_000_00);
        vouchers.operatorPlaceHold(voucherId, bank, 50_000_00);
        assertHold(voucherId, bank, 50_000_00, "hold");
    }

    function test_operatorPlaceHold_followsThePledgeRules() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherInvalidAmount.selector, voucherId));
        vouchers.operatorPlaceHold(voucherId, bank, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, FACE, uint256(FACE) + 1
            )
        );
        vouchers.operatorPlaceHold(voucherId, bank, uint256(FACE) + 1);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherRecipientNotVerified.selector, outsider));
        vouchers.operatorPlaceHold(voucherId, outsider, 1);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, 999));
        vouchers.operatorPlaceHold(999, bank, 1);

        vouchers.operatorPlaceHold(voucherId, bank, 1);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHoldExists.selector, voucherId, bank));
        vouchers.operatorPlaceHold(voucherId, otherBank, 1);
    }

    function test_operatorPlaceHold_revertsIfVoucherFrozen() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        vouchers.operatorPlaceHold(voucherId, bank, 1);
    }

    function test_operatorPlaceHold_revertsIfCallerLacksPlatformRole() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bank, platformRole)
        );
        vm.prank(bank);
        vouchers.operatorPlaceHold(voucherId, bank, 1);
    }

    // ================================================================ operatorSeizeHold

    function test_operatorSeizeHold_wholePartMovesToBeneficiary() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, FACE);
        uint256 nextBefore = vouchers.nextPartId();

        vm.expectEmit();
        emit IVoucherToken.HoldReleased(voucherId, bank, FACE);
        vm.expectEmit();
        emit IVoucherToken.Transfer(supplier, bank, voucherId);
        uint256 seized = vouchers.operatorSeizeHold(voucherId);

        assertEq(seized, voucherId, "same part");
        assertPart(voucherId, bank, voucherId, 0, 1, FACE, "beneficiary holds the part");
        assertHold(voucherId, address(0), 0, "hold lifted");
        assertEq(vouchers.nextPartId(), nextBefore, "no child created");
    }

    function test_operatorSeizeHold_partialHoldSplitsHeldValueToBeneficiary() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 40_000_00);
        uint256 expectedChild = vouchers.nextPartId();

        vm.expectEmit();
        emit IVoucherToken.HoldReleased(voucherId, bank, 40_000_00);
        vm.expectEmit();
        emit IVoucherToken.PartSplit(voucherId, expectedChild, bank, 40_000_00, 2);
        uint256 seized = vouchers.operatorSeizeHold(voucherId);

        assertEq(seized, expectedChild, "child returned");
        assertPart(seized, bank, voucherId, voucherId, 2, 40_000_00, "beneficiary holds exactly the held value");
        assertPart(voucherId, supplier, voucherId, 0, 1, FACE - 40_000_00, "holder keeps the free value");
        assertHold(voucherId, address(0), 0, "hold lifted");
        assertEq(liveValueOf(voucherId), FACE, "value conserved");
    }

    function test_operatorSeizeHold_revertsIfNoHold() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherHoldMissing.selector, voucherId));
        vouchers.operatorSeizeHold(voucherId);
    }

    function test_operatorSeizeHold_revertsIfPartInactive() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, 999));
        vouchers.operatorSeizeHold(999);
    }

    function test_operatorSeizeHold_revertsIfVoucherFrozen() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 40_000_00);
        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        vouchers.operatorSeizeHold(voucherId);
    }

    function test_operatorSeizeHold_revertsIfCallerLacksPlatformRole() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 40_000_00);
        // The beneficiary itself cannot seize: enforcement goes through the financing contract.
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bank, platformRole)
        );
        vm.prank(bank);
        vouchers.operatorSeizeHold(voucherId);
    }

    // ================================================================ operatorRedeem

    function test_operatorRedeem_returnsWhatThePartWasWorth() public {
        uint256 voucherId = issueVoucher(1, FACE);
        uint256 childId = splitOne(voucherId, supplier, 30_000_00, subSupplier);

        (address holder, uint128 amount, address holdBeneficiary, uint128 heldAmount) =
            vouchers.operatorRedeem(childId);

        assertEq(holder, subSupplier, "holder");
        assertEq(amount, 30_000_00, "amount");
        assertEq(holdBeneficiary, address(0), "no hold beneficiary");
        assertEq(heldAmount, 0, "no held amount");
        assertEq(vouchers.voucherOf(voucherId).redeemed, 30_000_00, "redeemed grows");
        assertEq(vouchers.outstandingOf(voucherId), FACE - 30_000_00, "outstanding shrinks");
        assertEq(vouchers.partOf(childId).holder, address(0), "part inactive");
        assertEq(liveValueOf(voucherId), vouchers.outstandingOf(voucherId), "live value equals outstanding");
    }

    function test_operatorRedeem_returnsAndClearsTheHold() public {
        uint256 voucherId = issueVoucher(1, FACE);
        pledgeAs(supplier, voucherId, bank, 60_000_00);

        vm.expectEmit();
        emit IVoucherToken.HoldReleased(voucherId, bank, 60_000_00);
        vm.expectEmit();
        emit IVoucherToken.Transfer(supplier, address(0), voucherId);
        vm.expectEmit();
        emit IVoucherToken.PartRedeemed(voucherId, voucherId, supplier, FACE);
        (address holder, uint128 amount, address holdBeneficiary, uint128 heldAmount) =
            vouchers.operatorRedeem(voucherId);

        assertEq(holder, supplier, "holder");
        assertEq(amount, FACE, "amount");
        assertEq(holdBeneficiary, bank, "hold beneficiary is owed first");
        assertEq(heldAmount, 60_000_00, "held amount");
        assertHold(voucherId, address(0), 0, "hold cleared");
        assertEq(vouchers.voucherOf(voucherId).redeemed, FACE, "fully redeemed");
        assertEq(vouchers.outstandingOf(voucherId), 0, "nothing outstanding");
    }

    function test_operatorRedeem_partInactiveAfterwards() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vouchers.operatorRedeem(voucherId);
        bytes memory inactive = abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, voucherId);
        vm.expectRevert(inactive);
        vouchers.operatorRedeem(voucherId);
        vm.expectRevert(inactive);
        splitOne(voucherId, supplier, 1, subSupplier);
        vm.expectRevert(inactive);
        vouchers.operatorTransfer(voucherId, bank);
    }

    function test_operatorRedeem_revertsIfVoucherFrozen() public {
        uint256 voucherId = issueVoucher(1, FACE);
        freezeVoucher(voucherId);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherIsFrozen.selector, voucherId));
        vouchers.operatorRedeem(voucherId);
    }

    function test_operatorRedeem_revertsIfHolderSuspended() public {
        uint256 voucherId = issueVoucher(1, FACE);
        suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherSenderNotVerified.selector, supplier));
        vouchers.operatorRedeem(voucherId);
    }

    function test_operatorRedeem_revertsIfCallerLacksPlatformRole() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, buyer, platformRole)
        );
        vm.prank(buyer);
        vouchers.operatorRedeem(voucherId);
    }

    // ================================================================ operatorSetStatus

    function test_operatorSetStatus_setsStatus() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectEmit();
        emit IVoucherToken.VoucherStatusChanged(voucherId, IVoucherToken.VoucherStatus.Defaulted);
        vouchers.operatorSetStatus(voucherId, IVoucherToken.VoucherStatus.Defaulted);
        assertStatus(voucherId, IVoucherToken.VoucherStatus.Defaulted, "Defaulted");
        vouchers.operatorSetStatus(voucherId, IVoucherToken.VoucherStatus.Paid);
        assertStatus(voucherId, IVoucherToken.VoucherStatus.Paid, "Paid");
    }

    function test_operatorSetStatus_revertsUnlessDefaultedOrPaid() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherStatusInvalid.selector, voucherId, IVoucherToken.VoucherStatus.None
            )
        );
        vouchers.operatorSetStatus(voucherId, IVoucherToken.VoucherStatus.None);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherStatusInvalid.selector, voucherId, IVoucherToken.VoucherStatus.Active
            )
        );
        vouchers.operatorSetStatus(voucherId, IVoucherToken.VoucherStatus.Active);
    }

    function test_operatorSetStatus_revertsIfVoucherUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherUnknown.selector, 999));
        vouchers.operatorSetStatus(999, IVoucherToken.VoucherStatus.Defaulted);
    }

    function test_operatorSetStatus_revertsIfCallerLacksPlatformRole() public {
        uint256 voucherId = issueVoucher(1, FACE);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, regulator, platformRole)
        );
        vm.prank(regulator);
        vouchers.operatorSetStatus(voucherId, IVoucherToken.VoucherStatus.Defaulted);
    }

    // ================================================================ views

    function test_views_unknownIdsReadAsEmpty() public view {
        assertStatus(999, IVoucherToken.VoucherStatus.None, "unknown voucher");
        assertEq(vouchers.partOf(999).holder, address(0), "unknown part");
        assertEq(vouchers.outstandingOf(999), 0, "nothing outstanding");
        assertEq(vouchers.nextPartId(), 1, "part ids start at 1");
    }

    // ---------------------------------------------------------------- helpers

    function oneKey(bytes32 value) internal pure returns (bytes32[] memory values) {
        values = new bytes32[](1);
        values[0] = value;
    }

    function oneOrg(bytes16 value) internal pure returns (bytes16[] memory values) {
        values = new bytes16[](1);
        values[0] = value;
    }
}
