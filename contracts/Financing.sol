// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICashToken} from "./interfaces/ICashToken.sol";
import {IComplianceRules} from "./interfaces/IComplianceRules.sol";
import {IFinancing} from "./interfaces/IFinancing.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IVoucherToken} from "./interfaces/IVoucherToken.sol";
import {ParticipantRoles} from "./ParticipantRoles.sol";
import {PlatformAccess} from "./PlatformAccess.sol";

/// @title Financing
/// @notice Invariants:
/// - approval is delivery versus payment: the part (or the hold) and the advance change hands in the same
///   transaction, or neither does;
/// - a bank's exposure to a debtor is booked when a financing becomes Active and released exactly once,
///   when it stops being Active (repaid, settled or bought back);
/// - a part has at most one Active financing (a sold part has left its seller; a held part cannot take a
///   second hold).
contract Financing is IFinancing, PlatformAccess {
    IVoucherToken public immutable voucherToken;
    ICashToken public immutable cashToken;
    IComplianceRules public immutable compliance;

    mapping(uint256 financingId => Financing) private _financings;
    mapping(uint256 partId => uint256 financingId) private _activeFinancingOfPart;
    uint256 private _nextFinancingId = 1;

    constructor(
        IParticipantRegistry registry_,
        IVoucherToken voucherToken_,
        ICashToken cashToken_,
        IComplianceRules compliance_,
        address admin
    ) PlatformAccess(registry_, admin) {
        voucherToken = voucherToken_;
        cashToken = cashToken_;
        compliance = compliance_;
    }

    // ---------------------------------------------------------------- requests

    /// @inheritdoc IFinancing
    function request(
        uint256 partId,
        bytes16 bankOrganisation,
        FinancingKind kind,
        bool recourse,
        uint256 pledgeAmount,
        uint256 minAdvance
    ) external returns (uint256 financingId) {
        IVoucherToken.Part memory part = voucherToken.partOf(partId);
        if (part.holder != msg.sender) revert FinancingUnauthorized(0, msg.sender);
        IVoucherToken.Voucher memory voucher = _financeableVoucher(part.root);
        // One Active financing per part: refinancing a financed part would orphan the first financing.
        if (_activeFinancingOfPart[partId] != 0) revert FinancingInvalidRequest(partId);
        (uint32 bankRoles,, bool bankExists) = registry.organisation(bankOrganisation);
        if (!bankExists || bankRoles & ParticipantRoles.BANK == 0) revert FinancingInvalidRequest(partId);

        uint128 amount;
        if (kind == FinancingKind.Factoring) {
            if (pledgeAmount != 0) revert FinancingInvalidRequest(partId);
            amount = part.amount;
        } else {
            if (pledgeAmount == 0 || pledgeAmount > part.amount - part.heldAmount) {
                revert FinancingInvalidRequest(partId);
            }
            amount = uint128(pledgeAmount); // fits: bounded by a uint128 above
        }
        if (minAdvance > amount) revert FinancingInvalidRequest(partId);

        financingId = _nextFinancingId++;
        Financing storage financing = _financings[financingId];
        financing.partId = SafeCast.toUint40(partId);
        financing.seller = msg.sender;
        financing.kind = kind;
        financing.recourse = recourse;
        financing.status = FinancingStatus.Requested;
        financing.bankOrganisation = bankOrganisation;
        financing.debtorOrganisation = voucher.debtorOrganisation;
        financing.amount = amount;
        financing.minAdvance = uint128(minAdvance); // fits: minAdvance <= amount
        emit FinancingRequested(
            financingId, partId, bankOrganisation, msg.sender, kind, recourse, amount, uint128(minAdvance)
        );
    }

    /// @inheritdoc IFinancing
    function withdraw(uint256 financingId) external {
        Financing storage financing = _withStatus(financingId, FinancingStatus.Requested);
        if (msg.sender != financing.seller) revert FinancingUnauthorized(financingId, msg.sender);
        financing.status = FinancingStatus.Withdrawn;
        emit FinancingWithdrawn(financingId);
    }

    /// @inheritdoc IFinancing
    function reject(uint256 financingId, bytes32 reason) external {
        Financing storage financing = _withStatus(financingId, FinancingStatus.Requested);
        _requireBankOf(financing, financingId);
        financing.status = FinancingStatus.Rejected;
        emit FinancingRejected(financingId, msg.sender, reason);
    }

    // ---------------------------------------------------------------- approvals (DvP)

    /// @inheritdoc IFinancing
    function approveFactoring(uint256 financingId, uint256 advance, uint32 rateBps) external {
        Financing storage financing = _approvable(financingId, FinancingKind.Factoring, advance);
        uint256 partId = financing.partId;
        _activate(financing, financingId, advance, rateBps);
        voucherToken.operatorTransfer(partId, msg.sender);
        cashToken.operatorTransfer(msg.sender, financing.seller, advance);
        emit FinancingApproved(financingId, msg.sender, partId, uint128(advance), rateBps, financing.amount);
    }

    /// @inheritdoc IFinancing
    function approveLoan(uint256 financingId, uint256 advance, uint32 rateBps, uint256 repaymentAmount) external {
        Financing storage financing = _approvable(financingId, FinancingKind.PledgeLoan, advance);
        if (repaymentAmount < advance || repaymentAmount > financing.amount) {
            revert FinancingRepaymentOutOfRange(financingId, repaymentAmount, advance, financing.amount);
        }
        uint256 partId = financing.partId;
        _activate(financing, financingId, advance, rateBps);
        // The hold is the bank's security and the measure of what it is owed.
        voucherToken.operatorPlaceHold(partId, msg.sender, repaymentAmount);
        cashToken.operatorTransfer(msg.sender, financing.seller, advance);
        emit FinancingApproved(financingId, msg.sender, partId, uint128(advance), rateBps, uint128(repaymentAmount));
    }

    // ---------------------------------------------------------------- after approval

    /// @inheritdoc IFinancing
    function repayLoan(uint256 financingId) external {
        Financing storage financing = _activeOfKind(financingId, FinancingKind.PledgeLoan);
        if (msg.sender != financing.seller) revert FinancingUnauthorized(financingId, msg.sender);
        uint128 owed = _bankHoldOn(financing);
        // Without the hold there is nothing to repay against: after enforcement the bank already has the
        // value, and paying again would pay it twice.
        if (owed == 0) revert FinancingHoldMissing(financingId, financing.partId);
        cashToken.operatorTransfer(msg.sender, financing.bank, owed);
        voucherToken.releaseHold(financing.partId);
        _close(financing, FinancingStatus.Repaid);
        emit FinancingRepaid(financingId, owed);
    }

    /// @inheritdoc IFinancing
    function closeLoan(uint256 financingId) external {
        Financing storage financing = _activeOfKind(financingId, FinancingKind.PledgeLoan);
        if (msg.sender != financing.bank) revert FinancingUnauthorized(financingId, msg.sender);
        uint128 held = _bankHoldOn(financing);
        if (held != 0) voucherToken.releaseHold(financing.partId);
        _close(financing, FinancingStatus.Repaid);
        emit FinancingRepaid(financingId, held);
    }

    /// @inheritdoc IFinancing
    function enforcePledge(uint256 financingId) external returns (uint256 seizedPartId) {
        Financing storage financing = _activeOfKind(financingId, FinancingKind.PledgeLoan);
        if (msg.sender != financing.bank) revert FinancingUnauthorized(financingId, msg.sender);
        uint256 partId = financing.partId;
        _requireDefaulted(partId);
        // Only the bank's own hold is its security: a hold it lifted and someone else's pledge are not.
        if (_bankHoldOn(financing) == 0) revert FinancingHoldMissing(financingId, partId);
        seizedPartId = voucherToken.operatorSeizeHold(partId);
        // From here the bank holds the claim outright: the financing now follows the seized part.
        delete _activeFinancingOfPart[partId];
        _activeFinancingOfPart[seizedPartId] = financingId;
        financing.partId = SafeCast.toUint40(seizedPartId);
        emit PledgeEnforced(financingId, seizedPartId);
    }

    /// @inheritdoc IFinancing
    function exerciseRecourse(uint256 financingId) external {
        Financing storage financing = _activeOfKind(financingId, FinancingKind.Factoring);
        if (msg.sender != financing.bank || !financing.recourse) revert FinancingUnauthorized(financingId, msg.sender);
        uint256 partId = financing.partId;
        IVoucherToken.Part memory part = _requireDefaulted(partId);
        if (part.holder != msg.sender) revert FinancingUnauthorized(financingId, msg.sender);
        // The seller agreed to recourse in its request: it pays the part's value back and gets the part.
        cashToken.operatorTransfer(financing.seller, msg.sender, part.amount);
        voucherToken.operatorTransfer(partId, financing.seller);
        _close(financing, FinancingStatus.RecourseExercised);
        emit RecourseExercised(financingId, financing.seller, part.amount);
    }

    /// @inheritdoc IFinancing
    function settlePaid(uint256 financingId) external {
        Financing storage financing = _withStatus(financingId, FinancingStatus.Active);
        uint256 voucherId = voucherToken.partOf(financing.partId).root;
        if (voucherToken.voucherOf(voucherId).status != IVoucherToken.VoucherStatus.Paid) {
            revert FinancingVoucherNotPaid(voucherId);
        }
        _close(financing, FinancingStatus.Settled);
        emit FinancingSettled(financingId, financing.partId);
    }

    /// @inheritdoc IFinancing
    function onPartRedeemed(uint256 partId) external onlyRole(PLATFORM_ROLE) {
        uint256 financingId = _activeFinancingOfPart[partId];
        if (financingId == 0) return;
        _close(_financings[financingId], FinancingStatus.Settled);
        emit FinancingSettled(financingId, partId);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IFinancing
    function financingOf(uint256 financingId) external view returns (Financing memory) {
        return _financings[financingId];
    }

    /// @inheritdoc IFinancing
    function activeFinancingOfPart(uint256 partId) external view returns (uint256) {
        return _activeFinancingOfPart[partId];
    }

    // ---------------------------------------------------------------- internals

    /// @dev Checks everything an approval needs before any state changes: status, kind, caller, that the
    /// seller still holds the part as requested, that the voucher is financeable, and the advance's range.
    function _approvable(uint256 financingId, FinancingKind kind, uint256 advance)
        private
        view
        returns (Financing storage financing)
    {
        financing = _withStatus(financingId, FinancingStatus.Requested);
        if (financing.kind != kind) revert FinancingKindMismatch(financingId, financing.kind);
        _requireBankOf(financing, financingId);
        IVoucherToken.Part memory part = voucherToken.partOf(financing.partId);
        bool stillHeldAsRequested = part.holder == financing.seller
            && (kind == FinancingKind.Factoring ? part.amount == financing.amount : part.heldAmount == 0);
        if (!stillHeldAsRequested) revert FinancingSellerNoLongerHolds(financingId, financing.partId);
        _financeableVoucher(part.root);
        if (advance == 0 || advance < financing.minAdvance || advance > financing.amount) {
            revert FinancingAdvanceOutOfRange(financingId, advance, financing.minAdvance, financing.amount);
        }
    }

    function _activate(Financing storage financing, uint256 financingId, uint256 advance, uint32 rateBps) private {
        // Checked again here: a loan's hold lifted outside this contract makes its part look free.
        if (_activeFinancingOfPart[financing.partId] != 0) revert FinancingInvalidRequest(financing.partId);
        compliance.increaseExposure(financing.bankOrganisation, financing.debtorOrganisation, financing.amount);
        financing.status = FinancingStatus.Active;
        financing.bank = msg.sender;
        financing.rateBps = rateBps;
        financing.advance = SafeCast.toUint96(advance);
        _activeFinancingOfPart[financing.partId] = financingId;
    }

    /// @dev What the bank's hold on the loan's part secures, or zero when the hold is gone.
    function _bankHoldOn(Financing storage financing) private view returns (uint128) {
        IVoucherToken.Part memory part = voucherToken.partOf(financing.partId);
        return part.holdBeneficiary == financing.bank ? part.heldAmount : 0;
    }

    /// @dev The one exit from Active: releases the exposure booked by `_activate`, exactly once.
    function _close(Financing storage financing, FinancingStatus status) private {
        financing.status = status;
        delete _activeFinancingOfPart[financing.partId];
        compliance.decreaseExposure(financing.bankOrganisation, financing.debtorOrganisation, financing.amount);
    }

    function _requireBankOf(Financing storage financing, uint256 financingId) private view {
        bytes16 callerOrganisation = _requireParticipant(ParticipantRoles.BANK);
        if (callerOrganisation != financing.bankOrganisation) revert FinancingUnauthorized(financingId, msg.sender);
    }

    function _financeableVoucher(uint256 voucherId) private view returns (IVoucherToken.Voucher memory voucher) {
        voucher = voucherToken.voucherOf(voucherId);
        if (voucher.status != IVoucherToken.VoucherStatus.Active || voucher.frozen || voucher.maturity <= block.timestamp)
        {
            revert FinancingVoucherNotFinanceable(voucherId);
        }
    }

    function _requireDefaulted(uint256 partId) private view returns (IVoucherToken.Part memory part) {
        part = voucherToken.partOf(partId);
        if (voucherToken.voucherOf(part.root).status != IVoucherToken.VoucherStatus.Defaulted) {
            revert FinancingVoucherNotDefaulted(part.root);
        }
    }

    function _withStatus(uint256 financingId, FinancingStatus status) private view returns (Financing storage financing) {
        financing = _financings[financingId];
        if (financing.status == FinancingStatus.None) revert FinancingUnknown(financingId);
        if (financing.status != status) revert FinancingStatusInvalid(financingId, financing.status);
    }

    function _activeOfKind(uint256 financingId, FinancingKind kind) private view returns (Financing storage financing) {
        financing = _withStatus(financingId, FinancingStatus.Active);
        if (financing.kind != kind) revert FinancingKindMismatch(financingId, financing.kind);
    }
}
