// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ParticipantRoles} from "../../../contracts/ParticipantRoles.sol";
import {IFinancing} from "../../../contracts/interfaces/IFinancing.sol";
import {IGuarantees} from "../../../contracts/interfaces/IGuarantees.sol";
import {IVoucherToken} from "../../../contracts/interfaces/IVoucherToken.sol";
import {SuiteFixture} from "../utils/SuiteFixture.sol";
import {Actors, ReceivablesHandler, Suite} from "./ReceivablesHandler.sol";

/// @notice The suite, a third supplier (so value can travel down and across tiers), money in every
/// participant's account, a guarantor with capacity, and a second bank with a tight limit on the buyer (so
/// exposure limits bite during the campaign). The handler drives it all.
abstract contract ReceivablesSetup is SuiteFixture {
    bytes16 internal constant THIRD_SUPPLIER_ORG = bytes16(uint128(0x3e));
    address internal thirdSupplier = address(0x5333);

    uint256 internal constant GUARANTOR_CAPACITY = 2_000_000_00;
    uint256 internal constant OTHER_BANK_LIMIT_ON_BUYER = 300_000_00;
    uint256 internal constant SEED_CASH = 5_000_000_00;

    ReceivablesHandler internal handler;

    function setUp() public virtual override {
        super.setUp();
        vm.prank(operator);
        registry.onboard(THIRD_SUPPLIER_ORG, ParticipantRoles.SUPPLIER, one(thirdSupplier));
        vm.startPrank(regulator);
        compliance.setGuarantorCapacity(GUARANTOR_ORG, GUARANTOR_CAPACITY);
        compliance.setExposureLimit(OTHER_BANK_ORG, BUYER_ORG, OTHER_BANK_LIMIT_ON_BUYER);
        vm.stopPrank();

        address[6] memory funded = [buyer, bank, otherBank, guarantor, supplier, subSupplier];
        for (uint256 i = 0; i < funded.length; ++i) {
            mintCash(funded[i], SEED_CASH);
        }

        handler = new ReceivablesHandler(
            Suite(registry, invoices, vouchers, cash, compliance, financing, guarantees, settlement),
            Actors({
                operator: operator,
                regulator: regulator,
                taxAuthority: taxAuthority,
                buyer: buyer,
                supplier: supplier,
                subSupplier: subSupplier,
                thirdSupplier: thirdSupplier,
                bank: bank,
                otherBank: otherBank,
                guarantor: guarantor,
                outsider: outsider
            }),
            funded.length * SEED_CASH
        );
    }
}

/// @notice Properties of the whole suite that must hold after any sequence of participant actions.
/// @dev The fuzzer needs the handler's artifact, which Hardhat writes only for files it builds as roots: the
/// full `npx hardhat test solidity` does; to run this file alone, name the handler's file too
/// (`npx hardhat test solidity test/solidity/invariants/ReceivablesHandler.sol <this file>`), or every
/// invariant fails with "No contracts to fuzz".
/// Each invariant runs 100 calls deep rather than the project's 40: the flows that broke before (a loan,
/// its hold lifted or enforced, the part pledged again, then repaid) need several steps in the right order.
/// The whole file still runs in well under a minute.
contract ReceivablesInvariantsTest is ReceivablesSetup {
    function setUp() public override {
        super.setUp();
        // Every run starts with a few receivables in the market, one per supplier, maturing at different times.
        for (uint256 i = 0; i < 3; ++i) {
            handler.issueVoucher(i, 50_000_00 * (i + 1), 10 days * (i + 1));
        }
        assertEq(handler.voucherIds().length, 3, "seed vouchers issued");
    }

    /// @dev Only the handler is fuzzed: the suite's contracts are reached through it, as participants.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice Splitting never creates or destroys value and redemption removes exactly what it pays.
    /// hardhat-config: invariant.depth = 100
    function invariant_livePartsAddUpToOutstanding() public view {
        uint256[] memory voucherIds = handler.voucherIds();
        uint256[] memory partIds = handler.partIds();
        for (uint256 v = 0; v < voucherIds.length; ++v) {
            uint256 voucherId = voucherIds[v];
            IVoucherToken.Voucher memory voucher = vouchers.voucherOf(voucherId);
            uint256 live;
            for (uint256 p = 0; p < partIds.length; ++p) {
                IVoucherToken.Part memory part = vouchers.partOf(partIds[p]);
                if (part.holder != address(0) && part.root == voucherId) live += part.amount;
            }
            assertEq(live, voucher.faceValue - voucher.redeemed, "live parts != face value - redeemed");
            assertEq(voucher.redeemed, handler.ghostRedeemed(voucherId), "redeemed != what the debtor paid");
            assertEq(
                voucher.status == IVoucherToken.VoucherStatus.Paid,
                voucher.redeemed == voucher.faceValue,
                "Paid exactly when nothing is outstanding"
            );
        }
    }

    /// @notice An invoice backs one voucher, ever.
    /// hardhat-config: invariant.depth = 100
    function invariant_noInvoiceBacksTwoVouchers() public view {
        assertFalse(handler.ghostDoubleIssueSucceeded(), "a consumed invoice was used again");
        uint256[] memory voucherIds = handler.voucherIds();
        for (uint256 v = 0; v < voucherIds.length; ++v) {
            bytes32 key = vouchers.voucherOf(voucherIds[v]).invoiceKey;
            assertEq(invoices.invoiceOf(key).voucherId, voucherIds[v], "invoice bound to another voucher");
        }
    }

    /// @notice Only banks create or destroy cash, and every flow moves exactly the agreed amount.
    /// hardhat-config: invariant.depth = 100
    function invariant_cashIsConserved() public view {
        uint256 supply = cash.totalSupply();
        assertEq(supply, handler.ghostMinted() - handler.ghostBurned(), "supply != minted - burned");
        address[] memory holders = handler.knownHolders();
        uint256 sum;
        for (uint256 i = 0; i < holders.length; ++i) {
            sum += cash.balanceOf(holders[i]);
        }
        assertEq(sum, supply, "balances of known holders != total supply");
        assertFalse(handler.ghostCashMismatch(), "a payment moved other than the agreed amount");
    }

    /// @notice Frozen, pledged or financed value stays where it is until the freeze or hold is lifted.
    /// hardhat-config: invariant.depth = 100
    function invariant_frozenOrHeldValueCannotMove() public view {
        assertFalse(handler.ghostStuckValueMoved(), "a held part or a part of a frozen voucher moved");
        assertFalse(handler.ghostInvalidInvoiceUnfrozen(), "a voucher with a void invoice was unfrozen");
        assertFalse(handler.ghostForeignHoldTouched(), "a loan released or seized another beneficiary's hold");

        uint256[] memory partIds = handler.partIds();
        for (uint256 p = 0; p < partIds.length; ++p) {
            IVoucherToken.Part memory part = vouchers.partOf(partIds[p]);
            if (part.holder != address(0) && part.heldAmount != 0) {
                assertEq(part.holder, handler.ghostHoldHolder(partIds[p]), "held part changed holder");
            }
        }

        uint256[] memory voucherIds = handler.voucherIds();
        for (uint256 v = 0; v < voucherIds.length; ++v) {
            uint256 voucherId = voucherIds[v];
            IVoucherToken.Voucher memory voucher = vouchers.voucherOf(voucherId);
            if (handler.ghostInvoiceInvalid(voucherId)) {
                assertTrue(voucher.frozen && voucher.invoiceInvalid, "void invoice left its voucher unfrozen");
            }
            if (voucher.frozen) _assertFrozenPartsUnchanged(voucherId, partIds);
        }
    }

    /// @notice Value only ever reaches accounts of onboarded organisations.
    /// hardhat-config: invariant.depth = 100
    function invariant_onlyParticipantsHoldValue() public view {
        assertFalse(handler.ghostOutsiderReceived(), "an outsider received a part or cash");
        uint256[] memory partIds = handler.partIds();
        for (uint256 p = 0; p < partIds.length; ++p) {
            IVoucherToken.Part memory part = vouchers.partOf(partIds[p]);
            if (part.holder != address(0)) {
                assertTrue(registry.organisationOf(part.holder) != bytes16(0), "part held outside the registry");
            }
            if (part.holdBeneficiary != address(0)) {
                assertTrue(
                    registry.organisationOf(part.holdBeneficiary) != bytes16(0), "hold for an account outside the registry"
                );
            }
        }
        address[] memory holders = handler.knownHolders();
        for (uint256 i = 0; i < holders.length; ++i) {
            if (cash.balanceOf(holders[i]) != 0) {
                assertTrue(registry.organisationOf(holders[i]) != bytes16(0), "cash held outside the registry");
            }
        }
    }

    /// @notice Each bank's booked exposure to the debtor is exactly what it has in Active financings.
    /// hardhat-config: invariant.depth = 100
    function invariant_exposureMatchesActiveFinancings() public view {
        uint256[] memory financingIds = handler.financingIds();
        bytes16[2] memory banks = [BANK_ORG, OTHER_BANK_ORG];
        for (uint256 b = 0; b < banks.length; ++b) {
            uint256 active;
            for (uint256 i = 0; i < financingIds.length; ++i) {
                IFinancing.Financing memory f = financing.financingOf(financingIds[i]);
                if (f.status == IFinancing.FinancingStatus.Active && f.bankOrganisation == banks[b]) {
                    assertEq(f.debtorOrganisation, BUYER_ORG, "financing against another debtor");
                    active += f.amount;
                }
            }
            assertEq(compliance.exposureOf(banks[b], BUYER_ORG), active, "exposure != Active financings");
            // Limits are only checked when exposure is booked, but none is lowered during the campaign.
            assertLe(active, compliance.exposureLimitOf(banks[b], BUYER_ORG), "exposure over the limit");
        }
    }

    /// @notice A hold never locks more than the part is worth.
    /// hardhat-config: invariant.depth = 100
    function invariant_holdNeverExceedsPartAmount() public view {
        uint256[] memory partIds = handler.partIds();
        for (uint256 p = 0; p < partIds.length; ++p) {
            IVoucherToken.Part memory part = vouchers.partOf(partIds[p]);
            assertLe(part.heldAmount, part.amount, "held amount > part amount");
            assertEq(part.heldAmount == 0, part.holdBeneficiary == address(0), "hold without beneficiary or amount");
        }
    }

    /// @notice A guarantor's capacity in use is exactly the cover of its Active and Claimed guarantees.
    /// hardhat-config: invariant.depth = 100
    function invariant_guarantorCapacityMatchesOpenGuarantees() public view {
        uint256[] memory guaranteeIds = handler.guaranteeIds();
        uint256 open;
        for (uint256 i = 0; i < guaranteeIds.length; ++i) {
            IGuarantees.Guarantee memory g = guarantees.guaranteeOf(guaranteeIds[i]);
            if (g.status == IGuarantees.GuaranteeStatus.Active || g.status == IGuarantees.GuaranteeStatus.Claimed) {
                open += g.coveredAmount;
            }
        }
        (uint256 capacity, uint256 used) = compliance.guarantorCapacityOf(GUARANTOR_ORG);
        assertEq(used, open, "capacity used != open cover");
        assertLe(used, capacity, "cover beyond capacity");
    }

    /// @notice A part has at most one Active financing, and the financing contract knows which.
    /// hardhat-config: invariant.depth = 100
    function invariant_atMostOneActiveFinancingPerPart() public view {
        uint256[] memory financingIds = handler.financingIds();
        for (uint256 i = 0; i < financingIds.length; ++i) {
            IFinancing.Financing memory f = financing.financingOf(financingIds[i]);
            if (f.status == IFinancing.FinancingStatus.Active) {
                assertEq(financing.activeFinancingOfPart(f.partId), financingIds[i], "Active financing not on record");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    function _assertFrozenPartsUnchanged(uint256 voucherId, uint256[] memory partIds) private view {
        assertTrue(handler.ghostFrozenSnapshotTaken(voucherId), "voucher frozen outside the handler's view");
        ReceivablesHandler.PartSnapshot[] memory snapshot = handler.frozenSnapshot(voucherId);
        for (uint256 i = 0; i < snapshot.length; ++i) {
            IVoucherToken.Part memory part = vouchers.partOf(snapshot[i].partId);
            assertEq(part.holder, snapshot[i].holder, "part of a frozen voucher changed holder");
            assertEq(part.amount, snapshot[i].amount, "part of a frozen voucher changed amount");
        }
        uint256 live;
        for (uint256 p = 0; p < partIds.length; ++p) {
            IVoucherToken.Part memory part = vouchers.partOf(partIds[p]);
            if (part.holder != address(0) && part.root == voucherId) ++live;
        }
        assertEq(live, snapshot.length, "a frozen voucher gained or lost parts");
    }
}

/// @notice The handler must not be vacuous: a scripted walk through the lifecycle gets every action through
/// at least once, so the invariants above are checked against states that matter.
contract ReceivablesHandlerTest is ReceivablesSetup {
    function test_handler_reachesEveryAction() public {
        handler.issueVoucher(0, 100_000_00, 30 days); // voucher 1, to supplier
        handler.issueVoucher(1, 50_000_00, 60 days); // voucher 2, to subSupplier
        handler.split(0, 40_000_00, 1, false); // part 3: 40k of voucher 1 to subSupplier
        handler.split(0, 10_000_00, 2, true); // parts 4 and 5 out of voucher 1
        handler.transfer(2, 5); // part 3 to the guarantor
        handler.pledge(0, 1, 5_000_00); // a hold on voucher 1's root for subSupplier...
        handler.releaseHold(0); // ...lifted again
        handler.requestAndApproveFactoring(0, 0, 30_000_00); // financing 1: voucher 1's root sold, with recourse
        handler.requestAndApproveLoan(1, 0, 20_000_00); // financing 2: loan against voucher 2
        handler.repayLoan(1, true); // closed by the bank
        handler.requestAndApproveLoan(1, 0, 20_000_00); // financing 3
        handler.repayLoan(2, false); // repaid by the seller
        handler.requestAndApproveLoan(1, 0, 20_000_00); // financing 4, left to default
        handler.offerAndAcceptGuarantee(0, 10_000_00, false); // guarantee 1 on the factoring
        handler.offerAndAcceptGuarantee(3, 5_000_00, false); // guarantee 2 on the last loan
        handler.toggleFreeze(1); // frozen
        handler.tryMoveFrozenOrHeld(0, 0);
        handler.toggleFreeze(1); // unfrozen
        handler.tryIssueTwice(0, 100_000_00, false); // re-attests at the same amount: no freeze
        handler.tryIssueTwice(0, 100_000_00, true);
        handler.tryTransferToOutsider(0, 0);
        handler.mintCash(0, 1_000_00);
        handler.burnCash(0, 1_000_00);
        handler.transferCash(0, 1, 1_000_00);
        handler.toggleSuspension(1);
        handler.toggleSuspension(1);

        for (uint256 i = 0; i < 4; ++i) {
            handler.warp(20 days);
        }
        handler.declareDefault(0);
        handler.declareDefault(1);
        handler.enforcePledge(0); // the bank takes voucher 2's pledged value
        handler.claimAndPayGuarantee(0); // guarantee 1: the guarantor takes over 10k of voucher 1's root
        handler.exerciseRecourse(0); // the supplier buys the rest of the root back
        handler.pay(1, type(uint256).max); // voucher 2 paid in full: the loan settles
        handler.releaseGuarantee(0); // guarantee 2 is no longer needed
        handler.pay(0, 1); // one part of voucher 1
        handler.voidInvoice(0, false);

        string[30] memory actions = [
            "issueVoucher",
            "tryIssueTwice",
            "split",
            "transfer",
            "pledge",
            "releaseHold",
            "approveFactoring",
            "approveLoan",
            "repayLoan",
            "closeLoan",
            "enforcePledge",
            "exerciseRecourse",
            "freeze",
            "unfreeze",
            "voidInvoice",
            "suspend",
            "reinstate",
            "warp",
            "declareDefault",
            "pay",
            "offerGuarantee",
            "acceptGuarantee",
            "claimGuarantee",
            "payClaim",
            "releaseGuarantee",
            "mintCash",
            "burnCash",
            "transferCash",
            "tryMoveFrozenOrHeld",
            "tryTransferToOutsider"
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            assertGe(handler.successes(bytes32(bytes(actions[i]))), 1, actions[i]);
        }
    }
}

/// @notice The campaign's counterexamples, replayed step by step. Each states the property that failed,
/// not the fix, so it holds whichever way the contracts are repaired.
contract ReceivablesCounterexamplesTest is ReceivablesSetup {
    uint128 internal constant FACE_VALUE = 100_000_00;

    /// @dev A bank that factored a part sells it on to another bank: the first financing must not stay
    /// Active (with its exposure booked) after the part is paid.
    function test_approveFactoring_refinancingLeavesNoExposureAfterPayment() public {
        uint256 voucherId = issueVoucher(1, FACE_VALUE);
        vm.prank(supplier);
        uint256 first = financing.request(voucherId, BANK_ORG, IFinancing.FinancingKind.Factoring, false, 0, 0);
        vm.prank(bank);
        financing.approveFactoring(first, 95_000_00, 500);

        vm.prank(bank);
        try financing.request(voucherId, OTHER_BANK_ORG, IFinancing.FinancingKind.Factoring, false, 0, 0) returns (
            uint256 second
        ) {
            vm.prank(otherBank);
            try financing.approveFactoring(second, 97_000_00, 300) {} catch {}
        } catch {}

        mintCash(buyer, FACE_VALUE);
        vm.prank(buyer);
        settlement.pay(voucherId, one(voucherId));

        assertEq(compliance.exposureOf(BANK_ORG, BUYER_ORG), 0, "first bank's exposure still booked");
        assertEq(compliance.exposureOf(OTHER_BANK_ORG, BUYER_ORG), 0, "second bank's exposure still booked");
        assertTrue(financing.financingOf(first).status != IFinancing.FinancingStatus.Active, "first still Active");
    }

    /// @dev The bank lifts its loan hold itself, the holder pledges the part to someone else: repaying the
    /// loan must not wipe that other pledge.
    function test_repayLoan_neverReleasesAnotherBeneficiarysHold() public {
        (uint256 voucherId, uint256 financingId) = _loanWaivedAndRepledged();

        vm.prank(supplier);
        try financing.repayLoan(financingId) {} catch {}

        _assertRepledgeIntact(voucherId);
    }

    /// @dev Same start, after default: enforcing the loan must not seize the other beneficiary's pledge.
    function test_enforcePledge_neverSeizesAnotherBeneficiarysHold() public {
        (uint256 voucherId, uint256 financingId) = _loanWaivedAndRepledged();
        vm.warp(vouchers.voucherOf(voucherId).maturity + GRACE_PERIOD + 1);
        settlement.declareDefault(voucherId);

        vm.prank(bank);
        try financing.enforcePledge(financingId) {} catch {}

        _assertRepledgeIntact(voucherId);
    }

    /// @dev Once the bank has seized the pledged value, the seller must not also pay the loan back (nor can
    /// its repayment lift a pledge the bank has since given on the seized part).
    function test_repayLoan_impossibleAfterEnforcement() public {
        uint256 voucherId = issueVoucher(1, FACE_VALUE);
        uint256 financingId = _approvedLoan(voucherId);
        vm.warp(vouchers.voucherOf(voucherId).maturity + GRACE_PERIOD + 1);
        settlement.declareDefault(voucherId);
        vm.prank(bank);
        uint256 seizedPartId = financing.enforcePledge(financingId);
        vm.prank(bank);
        vouchers.pledge(seizedPartId, guarantor, 10_000_00);

        mintCash(supplier, 60_000_00);
        uint256 sellerCash = cash.balanceOf(supplier);
        vm.prank(supplier);
        try financing.repayLoan(financingId) {} catch {}

        assertEq(cash.balanceOf(supplier), sellerCash, "seller paid a loan whose pledge was already enforced");
        assertEq(vouchers.partOf(seizedPartId).holdBeneficiary, guarantor, "the bank's own pledge was lifted");
    }

    function _approvedLoan(uint256 voucherId) private returns (uint256 financingId) {
        vm.prank(supplier);
        financingId = financing.request(voucherId, BANK_ORG, IFinancing.FinancingKind.PledgeLoan, false, 60_000_00, 0);
        vm.prank(bank);
        financing.approveLoan(financingId, 50_000_00, 600, 55_000_00);
    }

    function _loanWaivedAndRepledged() private returns (uint256 voucherId, uint256 financingId) {
        voucherId = issueVoucher(1, FACE_VALUE);
        financingId = _approvedLoan(voucherId);
        vm.prank(bank);
        vouchers.releaseHold(voucherId); // the bank waives its collateral, as a hold beneficiary may
        vm.prank(supplier);
        vouchers.pledge(voucherId, subSupplier, 30_000_00);
        mintCash(supplier, 60_000_00);
    }

    function _assertRepledgeIntact(uint256 voucherId) private view {
        IVoucherToken.Part memory part = vouchers.partOf(voucherId);
        assertEq(part.holder, supplier, "the pledged part changed holder");
        assertEq(part.amount, FACE_VALUE, "value left the pledged part");
        assertEq(part.holdBeneficiary, subSupplier, "the other beneficiary lost its hold");
        assertEq(part.heldAmount, 30_000_00, "the other beneficiary's hold changed");
    }
}
