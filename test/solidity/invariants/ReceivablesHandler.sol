// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {CashToken} from "../../../contracts/CashToken.sol";
import {ComplianceRules} from "../../../contracts/ComplianceRules.sol";
import {Financing} from "../../../contracts/Financing.sol";
import {Guarantees} from "../../../contracts/Guarantees.sol";
import {InvoiceRegistry} from "../../../contracts/InvoiceRegistry.sol";
import {ParticipantRegistry} from "../../../contracts/ParticipantRegistry.sol";
import {VoucherSettlement} from "../../../contracts/VoucherSettlement.sol";
import {VoucherToken} from "../../../contracts/VoucherToken.sol";
import {IFinancing} from "../../../contracts/interfaces/IFinancing.sol";
import {IGuarantees} from "../../../contracts/interfaces/IGuarantees.sol";
import {IInvoiceRegistry} from "../../../contracts/interfaces/IInvoiceRegistry.sol";
import {IVoucherToken} from "../../../contracts/interfaces/IVoucherToken.sol";
import {Test} from "../utils/Test.sol";

/// @notice The deployed suite the handler drives.
struct Suite {
    ParticipantRegistry registry;
    InvoiceRegistry invoices;
    VoucherToken vouchers;
    CashToken cash;
    ComplianceRules compliance;
    Financing financing;
    Guarantees guarantees;
    VoucherSettlement settlement;
}

/// @notice The signing accounts the handler acts as (one per onboarded organisation, plus an outsider).
struct Actors {
    address operator;
    address regulator;
    address taxAuthority;
    address buyer;
    address supplier;
    address subSupplier;
    address thirdSupplier;
    address bank;
    address otherBank;
    address guarantor;
    address outsider;
}

/// @notice The fuzzer's only target. Every public non-view function is one participant action, driven
/// through `vm.prank` so the suite sees real participants; inputs are mapped with `bound` onto values that
/// usually succeed. The handler never reverts on purpose: a revert would roll back the ghost flags, so
/// "this must revert" checks use try/catch and record a failure in a ghost variable instead.
contract ReceivablesHandler is Test {
    enum PartFilter {
        Live,
        Unheld, // live and carrying no hold: can be sold or pledged
        Held, // live and carrying a hold
        Stuck // live and either held or of a frozen voucher: must not move
    }

    /// @dev One live part of a voucher as it stood when the voucher was frozen.
    struct PartSnapshot {
        uint256 partId;
        address holder;
        uint128 amount;
    }

    Suite internal s;
    Actors internal a;
    bytes16 public immutable buyerOrganisation;

    // ---------------------------------------------------------------- tracked ids

    uint256[] internal _voucherIds;
    uint256[] internal _partIds; // every part ever created (ids are dense); live ones have a holder
    uint256[] internal _financingIds;
    uint256[] internal _guaranteeIds;
    address[] internal _knownHolders; // every account that could ever hold cash or parts, and some that must not

    // ---------------------------------------------------------------- ghost state

    uint256 public ghostMinted;
    uint256 public ghostBurned;
    bool public ghostDoubleIssueSucceeded;
    bool public ghostStuckValueMoved; // a held part, or a part of a frozen voucher, changed hands or was split
    bool public ghostOutsiderReceived; // a part or cash reached an account outside the registry
    bool public ghostInvalidInvoiceUnfrozen; // a voucher with a voided or reversed invoice was unfrozen
    bool public ghostCashMismatch; // a DvP, repayment, claim or settlement moved other than the agreed cash
    bool public ghostForeignHoldTouched; // a loan's repayment, closing or enforcement acted on someone else's hold

    mapping(uint256 partId => address holder) public ghostHoldHolder; // the holder when its current hold was placed
    mapping(uint256 voucherId => uint256 amount) public ghostRedeemed; // what the debtor paid for it
    mapping(uint256 voucherId => address seller) public ghostSellerOf;
    mapping(uint256 voucherId => bool) public ghostInvoiceInvalid;
    mapping(uint256 voucherId => PartSnapshot[]) internal _frozenSnapshot;
    mapping(uint256 voucherId => bool) public ghostFrozenSnapshotTaken;
    mapping(bytes32 action => uint256 count) public successes; // how often each action got through

    uint256 public currentTime;
    uint256 internal _invoiceCounter;
    bytes16 internal _suspendedOrganisation;

    constructor(Suite memory suite, Actors memory actors, uint256 seededCash) {
        s = suite;
        a = actors;
        buyerOrganisation = suite.registry.organisationOf(actors.buyer);
        ghostMinted = seededCash;
        currentTime = block.timestamp;
        address[13] memory holders = [
            actors.operator,
            actors.regulator,
            actors.taxAuthority,
            actors.buyer,
            actors.supplier,
            actors.subSupplier,
            actors.thirdSupplier,
            actors.bank,
            actors.otherBank,
            actors.guarantor,
            actors.outsider,
            address(this),
            msg.sender
        ];
        for (uint256 i = 0; i < holders.length; ++i) {
            _knownHolders.push(holders[i]);
        }
    }

    /// @dev Every action runs at the handler's clock (so a warp is never lost between calls) and records the
    /// parts it created (splits, seizures, subrogation all take fresh ids from the same counter).
    modifier action() {
        vm.warp(currentTime);
        _;
        _syncParts();
    }

    // ================================================================ issue

    function issueVoucher(uint256 sellerSeed, uint256 faceSeed, uint256 maturitySeed) external action {
        address seller = _supplierAt(sellerSeed);
        uint128 faceValue = uint128(bound(faceSeed, 1_00, 200_000_00));
        uint64 maturity = uint64(currentTime + bound(maturitySeed, 1 days, 60 days));
        bytes32 key = _freshInvoice(seller, faceValue);
        if (key == bytes32(0)) return;

        vm.prank(a.buyer);
        try s.vouchers.issue(_issuance(key, seller, faceValue, maturity)) returns (uint256 voucherId) {
            _voucherIds.push(voucherId);
            ghostSellerOf[voucherId] = seller;
            successes["issueVoucher"]++;
        } catch {}
    }

    /// @notice Re-using a consumed invoice must fail, even after the tax authority confirms it again, and
    /// even inside one batch.
    function tryIssueTwice(uint256 voucherSeed, uint256 faceSeed, bool inOneBatch) external action {
        uint128 faceValue = uint128(bound(faceSeed, 1_00, 200_000_00));
        uint64 maturity = uint64(currentTime + 30 days);
        if (inOneBatch || _voucherIds.length == 0) {
            bytes32 key = _freshInvoice(a.supplier, faceValue);
            if (key == bytes32(0)) return;
            IVoucherToken.Issuance[] memory batch = new IVoucherToken.Issuance[](2);
            batch[0] = _issuance(key, a.supplier, faceValue, maturity);
            batch[1] = batch[0];
            vm.prank(a.buyer);
            try s.vouchers.issueBatch(batch) {
                ghostDoubleIssueSucceeded = true;
            } catch {}
            successes["tryIssueTwice"]++;
            return;
        }
        uint256 voucherId = _voucherIds[voucherSeed % _voucherIds.length];
        bytes32 consumedKey = s.vouchers.voucherOf(voucherId).invoiceKey;
        address seller = ghostSellerOf[voucherId];
        // Re-attesting Valid (when still possible) leaves the existing binding as the only obstacle. A lower
        // amount than attested before undermines the voucher, which the registry freezes for good.
        uint128 attestedBefore = s.invoices.invoiceOf(consumedKey).attestedAmount;
        bool frozenBefore = s.vouchers.voucherOf(voucherId).frozen;
        if (_attest(consumedKey, IInvoiceRegistry.InvoiceStatus.Valid, faceValue) && faceValue < attestedBefore) {
            ghostInvoiceInvalid[voucherId] = true;
            if (!frozenBefore) _snapshotFrozen(voucherId);
        }
        vm.prank(a.buyer);
        try s.vouchers.issue(_issuance(consumedKey, seller, faceValue, maturity)) {
            ghostDoubleIssueSucceeded = true;
        } catch {}
        vm.prank(seller);
        try s.invoices.register(_oneKey(consumedKey), _oneOrganisation(buyerOrganisation)) {
            ghostDoubleIssueSucceeded = true;
        } catch {}
        successes["tryIssueTwice"]++;
    }

    // ================================================================ holder actions

    function split(uint256 partSeed, uint256 amountSeed, uint256 recipientSeed, bool twoWays) external action {
        (uint256 partId, IVoucherToken.Part memory part, bool found) = _pickPart(partSeed, PartFilter.Live);
        if (!found) return;
        uint256 available = part.amount - part.heldAmount;
        if (available == 0) return;
        uint256[] memory amounts;
        address[] memory recipients;
        if (twoWays && available >= 2) {
            amounts = new uint256[](2);
            recipients = new address[](2);
            amounts[0] = bound(amountSeed, 1, available - 1);
            amounts[1] = bound(uint256(keccak256(abi.encode(amountSeed))), 1, available - amounts[0]);
            recipients[0] = _supplierAt(recipientSeed);
            recipients[1] = _supplierAt(recipientSeed / 3);
        } else {
            amounts = _oneUint(bound(amountSeed, 1, available));
            recipients = _oneAddress(_supplierAt(recipientSeed));
        }
        vm.prank(part.holder);
        try s.vouchers.split(partId, amounts, recipients) {
            successes["split"]++;
        } catch {}
    }

    function transfer(uint256 partSeed, uint256 toSeed) external action {
        (uint256 partId, IVoucherToken.Part memory part, bool found) = _pickPart(partSeed, PartFilter.Unheld);
        if (!found) return;
        address to = _actorAt(toSeed);
        vm.prank(part.holder);
        try s.vouchers.transfer(partId, to) {
            successes["transfer"]++;
        } catch {}
    }

    function pledge(uint256 partSeed, uint256 beneficiarySeed, uint256 amountSeed) external action {
        (uint256 partId, IVoucherToken.Part memory part, bool found) = _pickPart(partSeed, PartFilter.Unheld);
        if (!found) return;
        address beneficiary = _actorAt(beneficiarySeed);
        uint256 amount = bound(amountSeed, 1, part.amount);
        vm.prank(part.holder);
        try s.vouchers.pledge(partId, beneficiary, amount) {
            ghostHoldHolder[partId] = part.holder;
            successes["pledge"]++;
        } catch {}
    }

    /// @notice The beneficiary lifts a hold. For a loan's hold this waives the bank's collateral outside
    /// the financing contract, which a bank may do.
    function releaseHold(uint256 partSeed) external action {
        (uint256 partId, IVoucherToken.Part memory part, bool found) = _pickPart(partSeed, PartFilter.Held);
        if (!found) return;
        vm.prank(part.holdBeneficiary);
        try s.vouchers.releaseHold(partId) {
            successes["releaseHold"]++;
        } catch {}
    }

    // ================================================================ financing

    function requestAndApproveFactoring(uint256 partSeed, uint256 bankSeed, uint256 amountSeed) external action {
        (uint256 partId, IVoucherToken.Part memory part, bool found) = _pickPart(partSeed, PartFilter.Unheld);
        if (!found) return;
        (address bankAccount, bytes16 bankOrganisation) = _bankAt(bankSeed);
        uint256 minAdvance = bound(amountSeed, 0, part.amount);
        bool recourse = amountSeed % 2 == 0;

        vm.prank(part.holder);
        try s.financing.request(partId, bankOrganisation, IFinancing.FinancingKind.Factoring, recourse, 0, minAdvance)
        returns (uint256 financingId) {
            _financingIds.push(financingId);
            uint256 advance = bound(_derive(amountSeed, 1), minAdvance == 0 ? 1 : minAdvance, part.amount);
            if (!_ensureCash(bankAccount, advance)) return;
            uint256 sellerBefore = s.cash.balanceOf(part.holder);
            vm.prank(bankAccount);
            try s.financing.approveFactoring(financingId, advance, uint32(bound(amountSeed, 0, 2_000))) {
                if (s.vouchers.partOf(partId).holder != bankAccount) ghostStuckValueMoved = true;
                _expectReceived(part.holder, bankAccount, sellerBefore, advance);
                successes["approveFactoring"]++;
            } catch {}
        } catch {}
    }

    function requestAndApproveLoan(uint256 partSeed, uint256 bankSeed, uint256 amountSeed) external action {
        (uint256 partId, IVoucherToken.Part memory part, bool found) = _pickPart(partSeed, PartFilter.Unheld);
        if (!found) return;
        (address bankAccount, bytes16 bankOrganisation) = _bankAt(bankSeed);
        uint256 pledged = bound(amountSeed, 1, part.amount);

        vm.prank(part.holder);
        try s.financing.request(partId, bankOrganisation, IFinancing.FinancingKind.PledgeLoan, false, pledged, 0)
        returns (uint256 financingId) {
            _financingIds.push(financingId);
            _approveLoan(financingId, partId, part.holder, bankAccount, pledged, amountSeed);
        } catch {}
    }

    function _approveLoan(
        uint256 financingId,
        uint256 partId,
        address seller,
        address bankAccount,
        uint256 pledged,
        uint256 seed
    ) private {
        uint256 advance = bound(_derive(seed, 1), 1, pledged);
        uint256 repayment = bound(_derive(seed, 2), advance, pledged);
        if (!_ensureCash(bankAccount, advance)) return;
        uint256 sellerBefore = s.cash.balanceOf(seller);
        vm.prank(bankAccount);
        try s.financing.approveLoan(financingId, advance, 500, repayment) {
            ghostHoldHolder[partId] = seller;
            IVoucherToken.Part memory part = s.vouchers.partOf(partId);
            if (part.holder != seller || part.holdBeneficiary != bankAccount || part.heldAmount != repayment) {
                ghostStuckValueMoved = true;
            }
            _expectReceived(seller, bankAccount, sellerBefore, advance);
            successes["approveLoan"]++;
        } catch {}
    }

    /// @notice The seller repays its loan, or (odd seeds) the bank closes it as repaid off-platform.
    function repayLoan(uint256 financingSeed, bool bankCloses) external action {
        (uint256 financingId, IFinancing.Financing memory f, bool found) =
            _pickFinancing(financingSeed, IFinancing.FinancingKind.PledgeLoan);
        if (!found) return;
        (address otherBeneficiary, uint128 otherHeld) = _foreignHoldOf(f);
        if (bankCloses) {
            vm.prank(f.bank);
            try s.financing.closeLoan(financingId) {
                _expectForeignHoldIntact(f.partId, otherBeneficiary, otherHeld);
                successes["closeLoan"]++;
            } catch {}
            return;
        }
        uint128 owed = _loanOwed(f);
        if (!_ensureCash(f.seller, owed)) return;
        uint256 bankBefore = s.cash.balanceOf(f.bank);
        vm.prank(f.seller);
        try s.financing.repayLoan(financingId) {
            _expectForeignHoldIntact(f.partId, otherBeneficiary, otherHeld);
            _expectReceived(f.bank, f.seller, bankBefore, owed);
            successes["repayLoan"]++;
        } catch {}
    }

    function enforcePledge(uint256 financingSeed) external action {
        (uint256 financingId, IFinancing.Financing memory f, bool found) =
            _pickFinancing(financingSeed, IFinancing.FinancingKind.PledgeLoan);
        if (!found || !_ensureDefaulted(s.vouchers.partOf(f.partId).root)) return;
        _enforcePledge(financingId, f);
    }

    function _enforcePledge(uint256 financingId, IFinancing.Financing memory f) private returns (bool) {
        (address otherBeneficiary, uint128 otherHeld) = _foreignHoldOf(f);
        vm.prank(f.bank);
        try s.financing.enforcePledge(financingId) returns (uint256 seizedPartId) {
            _expectForeignHoldIntact(f.partId, otherBeneficiary, otherHeld);
            if (s.vouchers.partOf(seizedPartId).holder != f.bank) ghostStuckValueMoved = true;
            successes["enforcePledge"]++;
            return true;
        } catch {
            return false;
        }
    }

    function exerciseRecourse(uint256 financingSeed) external action {
        (uint256 financingId, IFinancing.Financing memory f, bool found) =
            _pickFinancing(financingSeed, IFinancing.FinancingKind.Factoring);
        if (!found || !f.recourse || !_ensureDefaulted(s.vouchers.partOf(f.partId).root)) return;
        uint128 value = s.vouchers.partOf(f.partId).amount;
        if (!_ensureCash(f.seller, value)) return;
        uint256 bankBefore = s.cash.balanceOf(f.bank);
        vm.prank(f.bank);
        try s.financing.exerciseRecourse(financingId) {
            _expectReceived(f.bank, f.seller, bankBefore, value);
            successes["exerciseRecourse"]++;
        } catch {}
    }

    // ================================================================ regulator and tax authority

    /// @notice The regulator freezes a voucher, or lifts its freeze (which must fail if its invoice is void).
    function toggleFreeze(uint256 voucherSeed) external action {
        if (_voucherIds.length == 0) return;
        uint256 voucherId = _voucherIds[voucherSeed % _voucherIds.length];
        if (!s.vouchers.voucherOf(voucherId).frozen) {
            vm.prank(a.regulator);
            try s.vouchers.freeze(voucherId) {
                _snapshotFrozen(voucherId);
                successes["freeze"]++;
            } catch {}
            return;
        }
        vm.prank(a.regulator);
        try s.vouchers.unfreeze(voucherId) {
            if (ghostInvoiceInvalid[voucherId]) ghostInvalidInvoiceUnfrozen = true;
            delete _frozenSnapshot[voucherId];
            ghostFrozenSnapshotTaken[voucherId] = false;
            successes["unfreeze"]++;
        } catch {}
    }

    /// @notice The tax authority voids (or reverses) the invoice behind a voucher, which freezes it for good.
    function voidInvoice(uint256 voucherSeed, bool reverse) external action {
        // Voiding is final, so it happens on one call in four: otherwise most vouchers end up frozen for good.
        if (_voucherIds.length == 0 || voucherSeed % 4 != 0) return;
        voucherSeed /= 4;
        uint256 voucherId = _voucherIds[voucherSeed % _voucherIds.length];
        IVoucherToken.Voucher memory voucher = s.vouchers.voucherOf(voucherId);
        IInvoiceRegistry.InvoiceStatus status =
            reverse ? IInvoiceRegistry.InvoiceStatus.Reversed : IInvoiceRegistry.InvoiceStatus.Voided;
        if (_attest(voucher.invoiceKey, status, voucher.faceValue)) {
            ghostInvoiceInvalid[voucherId] = true;
            if (!voucher.frozen) _snapshotFrozen(voucherId);
            successes["voidInvoice"]++;
        }
    }

    /// @notice At most one organisation is suspended at a time, so most flows keep working.
    function toggleSuspension(uint256 organisationSeed) external action {
        if (_suspendedOrganisation != bytes16(0)) {
            vm.prank(a.regulator);
            try s.registry.reinstate(_suspendedOrganisation) {
                _suspendedOrganisation = bytes16(0);
                successes["reinstate"]++;
            } catch {}
            return;
        }
        address[7] memory candidates =
            [a.buyer, a.supplier, a.subSupplier, a.thirdSupplier, a.bank, a.otherBank, a.guarantor];
        bytes16 organisation = s.registry.organisationOf(candidates[organisationSeed % candidates.length]);
        vm.prank(a.regulator);
        try s.registry.suspend(organisation) {
            _suspendedOrganisation = organisation;
            successes["suspend"]++;
        } catch {}
    }

    // ================================================================ time, default, settlement

    function warp(uint256 secondsSeed) external action {
        currentTime += bound(secondsSeed, 1 hours, 15 days);
        vm.warp(currentTime);
        successes["warp"]++;
    }

    function declareDefault(uint256 voucherSeed) external action {
        if (_voucherIds.length == 0) return;
        uint256 voucherId = _voucherIds[voucherSeed % _voucherIds.length];
        try s.settlement.declareDefault(voucherId) {
            successes["declareDefault"]++;
        } catch {}
    }

    /// @notice The debtor pays a subset (chosen by `mask`) of a voucher's live parts, in full.
    function pay(uint256 voucherSeed, uint256 mask) external action {
        if (_voucherIds.length == 0) return;
        uint256 voucherId = _voucherIds[voucherSeed % _voucherIds.length];
        (uint256[] memory chosen, uint256 total) = _chooseParts(voucherId, mask);
        if (chosen.length == 0) return;
        if (!_ensureCash(a.buyer, total)) return;
        uint256 debtorBefore = s.cash.balanceOf(a.buyer);
        vm.prank(a.buyer);
        try s.settlement.pay(voucherId, chosen) {
            ghostRedeemed[voucherId] += total;
            if (debtorBefore - s.cash.balanceOf(a.buyer) != total) ghostCashMismatch = true;
            for (uint256 i = 0; i < chosen.length; ++i) {
                if (s.vouchers.partOf(chosen[i]).holder != address(0)) ghostCashMismatch = true;
            }
            successes["pay"]++;
        } catch {}
    }

    // ================================================================ guarantees

    function offerAndAcceptGuarantee(uint256 financingSeed, uint256 coverSeed, bool withdrawInstead)
        external
        action
    {
        (uint256 financingId, IFinancing.Financing memory f, bool found) = _pickActiveFinancing(financingSeed);
        if (!found) return;
        uint256 cover = bound(coverSeed, 1, f.amount);
        uint256 fee = bound(_derive(coverSeed, 1), 0, cover / 20);
        vm.prank(a.guarantor);
        try s.guarantees.offer(financingId, cover, fee) returns (uint256 guaranteeId) {
            _guaranteeIds.push(guaranteeId);
            successes["offerGuarantee"]++;
            if (withdrawInstead) {
                vm.prank(a.guarantor);
                try s.guarantees.withdraw(guaranteeId) {} catch {}
                return;
            }
            if (!_ensureCash(f.bank, fee)) return;
            uint256 guarantorBefore = s.cash.balanceOf(a.guarantor);
            vm.prank(f.bank);
            try s.guarantees.accept(guaranteeId) {
                _expectReceived(a.guarantor, f.bank, guarantorBefore, fee);
                successes["acceptGuarantee"]++;
            } catch {}
        } catch {}
    }

    /// @notice The bank claims on a defaulted voucher and the guarantor pays, taking over the covered value.
    function claimAndPayGuarantee(uint256 guaranteeSeed) external action {
        (uint256 guaranteeId, IGuarantees.Guarantee memory g, bool found) = _pickOpenGuarantee(guaranteeSeed);
        if (!found) return;
        if (g.status == IGuarantees.GuaranteeStatus.Active) {
            IFinancing.Financing memory f = s.financing.financingOf(g.financingId);
            if (!_ensureDefaulted(s.vouchers.partOf(f.partId).root)) return;
            // A loan's bank must take the pledged value before it holds anything to claim on.
            if (f.kind == IFinancing.FinancingKind.PledgeLoan && s.vouchers.partOf(f.partId).holder != f.bank) {
                if (!_enforcePledge(g.financingId, f)) return;
            }
            vm.prank(g.beneficiary);
            try s.guarantees.claim(guaranteeId) {
                successes["claimGuarantee"]++;
            } catch {
                return;
            }
        }
        if (!_ensureCash(g.guarantor, g.coveredAmount)) return;
        uint256 bankBefore = s.cash.balanceOf(g.beneficiary);
        vm.prank(g.guarantor);
        try s.guarantees.payClaim(guaranteeId) returns (uint256 subrogatedPartId) {
            _expectReceived(g.beneficiary, g.guarantor, bankBefore, g.coveredAmount);
            IVoucherToken.Part memory part = s.vouchers.partOf(subrogatedPartId);
            if (part.holder != g.guarantor || part.amount != g.coveredAmount) ghostCashMismatch = true;
            successes["payClaim"]++;
        } catch {}
    }

    function releaseGuarantee(uint256 guaranteeSeed) external action {
        uint256 n = _guaranteeIds.length;
        uint256 guaranteeId;
        bool found;
        for (uint256 i = 0; i < n && guaranteeId == 0; ++i) {
            uint256 id = _guaranteeIds[(guaranteeSeed + i) % n];
            IGuarantees.Guarantee memory g = s.guarantees.guaranteeOf(id);
            bool financingOver =
                s.financing.financingOf(g.financingId).status != IFinancing.FinancingStatus.Active;
            if (g.status == IGuarantees.GuaranteeStatus.Active && financingOver) guaranteeId = id;
        }
        if (guaranteeId == 0) {
            // Nothing to release yet: end a guaranteed loan by repayment, so its guarantee can be.
            IGuarantees.Guarantee memory g;
            (guaranteeId, g, found) = _pickOpenGuarantee(guaranteeSeed);
            if (!found || g.status != IGuarantees.GuaranteeStatus.Active) return;
            IFinancing.Financing memory f = s.financing.financingOf(g.financingId);
            if (f.status != IFinancing.FinancingStatus.Active || f.kind != IFinancing.FinancingKind.PledgeLoan) return;
            if (!_ensureCash(f.seller, _loanOwed(f))) return;
            (address otherBeneficiary, uint128 otherHeld) = _foreignHoldOf(f);
            vm.prank(f.seller);
            try s.financing.repayLoan(g.financingId) {
                _expectForeignHoldIntact(f.partId, otherBeneficiary, otherHeld);
                successes["repayLoan"]++;
            } catch {
                return;
            }
        }
        try s.guarantees.release(guaranteeId) {
            successes["releaseGuarantee"]++;
        } catch {}
    }

    // ================================================================ cash

    function mintCash(uint256 toSeed, uint256 amountSeed) external action {
        if (_mint(_actorAt(toSeed), bound(amountSeed, 1, 1_000_000_00))) successes["mintCash"]++;
    }

    function burnCash(uint256 bankSeed, uint256 amountSeed) external action {
        (address bankAccount,) = _bankAt(bankSeed);
        uint256 balance = s.cash.balanceOf(bankAccount);
        if (balance == 0) return;
        uint256 amount = bound(amountSeed, 1, balance);
        vm.prank(bankAccount);
        try s.cash.burn(amount) {
            ghostBurned += amount;
            successes["burnCash"]++;
        } catch {}
    }

    function transferCash(uint256 fromSeed, uint256 toSeed, uint256 amountSeed) external action {
        address from = _actorAt(fromSeed);
        uint256 balance = s.cash.balanceOf(from);
        if (balance == 0) return;
        address to = _actorAt(toSeed);
        uint256 amount = bound(amountSeed, 1, balance);
        uint256 toBefore = s.cash.balanceOf(to);
        vm.prank(from);
        try s.cash.transfer(to, amount) {
            _expectReceived(to, from, toBefore, amount);
            successes["transferCash"]++;
        } catch {}
    }

    // ================================================================ things that must fail

    /// @notice A held part cannot move as a whole or beyond its unheld value; no part of a frozen voucher
    /// can move, split or take a hold.
    function tryMoveFrozenOrHeld(uint256 partSeed, uint256 toSeed) external action {
        (uint256 partId, IVoucherToken.Part memory part, bool found) = _pickPart(partSeed, PartFilter.Stuck);
        if (!found) return;
        address to = _actorAt(toSeed);
        bool frozen = s.vouchers.voucherOf(part.root).frozen;

        vm.prank(part.holder);
        try s.vouchers.transfer(partId, to) {
            ghostStuckValueMoved = true;
        } catch {}

        // Frozen: even one unit must not split off. Held: one unit beyond the unheld value must not.
        uint256 tooMuch = frozen ? 1 : part.amount - part.heldAmount + 1;
        vm.prank(part.holder);
        try s.vouchers.split(partId, _oneUint(tooMuch), _oneAddress(to)) {
            ghostStuckValueMoved = true;
        } catch {}

        if (frozen && part.heldAmount == 0) {
            vm.prank(part.holder);
            try s.vouchers.pledge(partId, to, 1) {
                ghostStuckValueMoved = true;
            } catch {}
        }
        successes["tryMoveFrozenOrHeld"]++;
    }

    function tryTransferToOutsider(uint256 partSeed, uint256 fromSeed) external action {
        (uint256 partId, IVoucherToken.Part memory part, bool found) = _pickPart(partSeed, PartFilter.Unheld);
        if (found) {
            vm.prank(part.holder);
            try s.vouchers.transfer(partId, a.outsider) {
                ghostOutsiderReceived = true;
            } catch {}
            vm.prank(part.holder);
            try s.vouchers.split(partId, _oneUint(1), _oneAddress(a.outsider)) {
                ghostOutsiderReceived = true;
            } catch {}
        }
        address from = _actorAt(fromSeed);
        if (s.cash.balanceOf(from) != 0) {
            vm.prank(from);
            try s.cash.transfer(a.outsider, 1) {
                ghostOutsiderReceived = true;
            } catch {}
        }
        vm.prank(a.bank);
        try s.cash.mint(a.outsider, 1) {
            ghostOutsiderReceived = true;
            ghostMinted += 1;
        } catch {}
        successes["tryTransferToOutsider"]++;
    }

    // ================================================================ views for the invariants

    function voucherIds() external view returns (uint256[] memory) {
        return _voucherIds;
    }

    function partIds() external view returns (uint256[] memory) {
        return _partIds;
    }

    function financingIds() external view returns (uint256[] memory) {
        return _financingIds;
    }

    function guaranteeIds() external view returns (uint256[] memory) {
        return _guaranteeIds;
    }

    function knownHolders() external view returns (address[] memory) {
        return _knownHolders;
    }

    function frozenSnapshot(uint256 voucherId) external view returns (PartSnapshot[] memory) {
        return _frozenSnapshot[voucherId];
    }

    // ================================================================ internals

    function _syncParts() private {
        uint256 next = s.vouchers.nextPartId();
        for (uint256 id = _partIds.length + 1; id < next; ++id) {
            _partIds.push(id);
        }
    }

    /// @dev The hold on a loan's part when it belongs to someone other than the loan's bank (the bank lifted
    /// its own hold and the part was pledged again, or the bank seized it and pledged it on); zero otherwise.
    /// @dev What a loan's seller owes: the bank's hold on the part (a loan's repayment is its hold).
    function _loanOwed(IFinancing.Financing memory f) private view returns (uint128) {
        IVoucherToken.Part memory part = s.vouchers.partOf(f.partId);
        return part.holdBeneficiary == f.bank ? part.heldAmount : 0;
    }

    function _foreignHoldOf(IFinancing.Financing memory f)
        private
        view
        returns (address beneficiary, uint128 amount)
    {
        IVoucherToken.Part memory part = s.vouchers.partOf(f.partId);
        if (part.holdBeneficiary != address(0) && part.holdBeneficiary != f.bank) {
            return (part.holdBeneficiary, part.heldAmount);
        }
    }

    /// @dev After a loan's repayment, closing or enforcement, a hold that was not the bank's must be untouched.
    function _expectForeignHoldIntact(uint256 partId, address beneficiary, uint128 amount) private {
        if (beneficiary == address(0)) return;
        IVoucherToken.Part memory part = s.vouchers.partOf(partId);
        if (part.holdBeneficiary != beneficiary || part.heldAmount != amount) ghostForeignHoldTouched = true;
    }

    /// @dev The deep flows (enforcement, recourse, claims) need a defaulted voucher; rather than wait for the
    /// fuzzer to stumble on the right warps, time jumps past maturity plus grace and default is declared.
    function _ensureDefaulted(uint256 voucherId) private returns (bool) {
        IVoucherToken.Voucher memory voucher = s.vouchers.voucherOf(voucherId);
        if (voucher.status == IVoucherToken.VoucherStatus.Active) {
            uint256 defaultableAt = uint256(voucher.maturity) + s.compliance.gracePeriod();
            if (currentTime <= defaultableAt) {
                currentTime = defaultableAt + 1;
                vm.warp(currentTime);
            }
            try s.settlement.declareDefault(voucherId) {
                successes["declareDefault"]++;
            } catch {}
        }
        return s.vouchers.voucherOf(voucherId).status == IVoucherToken.VoucherStatus.Defaulted;
    }

    function _snapshotFrozen(uint256 voucherId) private {
        delete _frozenSnapshot[voucherId];
        for (uint256 i = 0; i < _partIds.length; ++i) {
            IVoucherToken.Part memory part = s.vouchers.partOf(_partIds[i]);
            if (part.holder != address(0) && part.root == voucherId) {
                _frozenSnapshot[voucherId].push(PartSnapshot(_partIds[i], part.holder, part.amount));
            }
        }
        ghostFrozenSnapshotTaken[voucherId] = true;
    }

    /// @dev Registers a fresh invoice for `seller` and has it attested Valid; returns zero if either failed
    /// (a suspended seller or tax authority).
    function _freshInvoice(address seller, uint128 amount) private returns (bytes32 key) {
        key = keccak256(abi.encode("invariant-invoice", ++_invoiceCounter));
        vm.prank(seller);
        try s.invoices.register(_oneKey(key), _oneOrganisation(buyerOrganisation)) {}
        catch {
            return bytes32(0);
        }
        if (!_attest(key, IInvoiceRegistry.InvoiceStatus.Valid, amount)) return bytes32(0);
    }

    function _attest(bytes32 key, IInvoiceRegistry.InvoiceStatus status, uint128 amount) private returns (bool) {
        IInvoiceRegistry.Attestation[] memory batch = new IInvoiceRegistry.Attestation[](1);
        batch[0] = IInvoiceRegistry.Attestation({invoiceKey: key, status: status, amount: amount});
        vm.prank(a.taxAuthority);
        try s.invoices.attest(batch) {
            return true;
        } catch {
            return false;
        }
    }

    function _issuance(bytes32 key, address holder, uint128 faceValue, uint64 maturity)
        private
        pure
        returns (IVoucherToken.Issuance memory)
    {
        return IVoucherToken.Issuance({invoiceKey: key, holder: holder, faceValue: faceValue, maturity: maturity});
    }

    /// @dev Tops `account` up to `amount` with cash minted by whichever bank can (one may be suspended).
    function _ensureCash(address account, uint256 amount) private returns (bool) {
        uint256 balance = s.cash.balanceOf(account);
        if (balance >= amount) return true;
        return _mint(account, amount - balance);
    }

    function _mint(address to, uint256 amount) private returns (bool) {
        address[2] memory minters = [a.bank, a.otherBank];
        for (uint256 i = 0; i < minters.length; ++i) {
            vm.prank(minters[i]);
            try s.cash.mint(to, amount) {
                ghostMinted += amount;
                return true;
            } catch {}
        }
        return false;
    }

    /// @dev After a transfer of `amount` from `payer` to `payee`, the payee's balance must have grown by
    /// exactly that much (nothing to check when an account pays itself).
    function _expectReceived(address payee, address payer, uint256 payeeBefore, uint256 amount) private {
        if (payee == payer) return;
        if (s.cash.balanceOf(payee) != payeeBefore + amount) ghostCashMismatch = true;
    }

    function _chooseParts(uint256 voucherId, uint256 mask) private view returns (uint256[] memory chosen, uint256 total) {
        uint256[] memory buffer = new uint256[](_partIds.length);
        uint256 count;
        uint256 live;
        for (uint256 i = 0; i < _partIds.length; ++i) {
            IVoucherToken.Part memory part = s.vouchers.partOf(_partIds[i]);
            if (part.holder == address(0) || part.root != voucherId) continue;
            // Bit `live` of the mask picks this part; a mask picking nothing pays the first live part.
            if ((mask >> (live % 256)) & 1 == 1 || (count == 0 && mask == 0)) {
                buffer[count++] = _partIds[i];
                total += part.amount;
            }
            ++live;
        }
        chosen = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            chosen[i] = buffer[i];
        }
    }

    function _pickPart(uint256 seed, PartFilter filter)
        private
        view
        returns (uint256 partId, IVoucherToken.Part memory part, bool found)
    {
        uint256 n = _partIds.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = _partIds[(seed + i) % n];
            IVoucherToken.Part memory candidate = s.vouchers.partOf(id);
            if (candidate.holder == address(0)) continue;
            if (filter == PartFilter.Unheld && candidate.heldAmount != 0) continue;
            if (filter == PartFilter.Held && candidate.heldAmount == 0) continue;
            if (filter == PartFilter.Stuck && candidate.heldAmount == 0 && !s.vouchers.voucherOf(candidate.root).frozen)
            {
                continue;
            }
            return (id, candidate, true);
        }
    }

    function _pickFinancing(uint256 seed, IFinancing.FinancingKind kind)
        private
        view
        returns (uint256 financingId, IFinancing.Financing memory f, bool found)
    {
        uint256 n = _financingIds.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = _financingIds[(seed + i) % n];
            IFinancing.Financing memory candidate = s.financing.financingOf(id);
            if (candidate.status == IFinancing.FinancingStatus.Active && candidate.kind == kind) {
                return (id, candidate, true);
            }
        }
    }

    function _pickActiveFinancing(uint256 seed)
        private
        view
        returns (uint256 financingId, IFinancing.Financing memory f, bool found)
    {
        uint256 n = _financingIds.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = _financingIds[(seed + i) % n];
            IFinancing.Financing memory candidate = s.financing.financingOf(id);
            if (candidate.status == IFinancing.FinancingStatus.Active) return (id, candidate, true);
        }
    }

    /// @dev An Active or Claimed guarantee: the ones that still hold guarantor capacity.
    function _pickOpenGuarantee(uint256 seed)
        private
        view
        returns (uint256 guaranteeId, IGuarantees.Guarantee memory g, bool found)
    {
        uint256 n = _guaranteeIds.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = _guaranteeIds[(seed + i) % n];
            IGuarantees.Guarantee memory candidate = s.guarantees.guaranteeOf(id);
            if (
                candidate.status == IGuarantees.GuaranteeStatus.Active
                    || candidate.status == IGuarantees.GuaranteeStatus.Claimed
            ) return (id, candidate, true);
        }
    }

    function _supplierAt(uint256 seed) private view returns (address) {
        uint256 i = seed % 3;
        return i == 0 ? a.supplier : i == 1 ? a.subSupplier : a.thirdSupplier;
    }

    /// @dev The participants that may hold parts and cash.
    function _actorAt(uint256 seed) private view returns (address) {
        address[6] memory actors = [a.supplier, a.subSupplier, a.thirdSupplier, a.bank, a.otherBank, a.guarantor];
        return actors[seed % actors.length];
    }

    function _bankAt(uint256 seed) private view returns (address account, bytes16 organisation) {
        account = seed % 2 == 0 ? a.bank : a.otherBank;
        organisation = s.registry.organisationOf(account);
    }

    function _derive(uint256 seed, uint256 salt) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, salt)));
    }

    function _oneUint(uint256 value) private pure returns (uint256[] memory values) {
        values = new uint256[](1);
        values[0] = value;
    }

    function _oneAddress(address value) private pure returns (address[] memory values) {
        values = new address[](1);
        values[0] = value;
    }

    function _oneKey(bytes32 value) private pure returns (bytes32[] memory values) {
        values = new bytes32[](1);
        values[0] = value;
    }

    function _oneOrganisation(bytes16 value) private pure returns (bytes16[] memory values) {
        values = new bytes16[](1);
        values[0] = value;
    }
}
