// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IInvoiceRegistry} from "./interfaces/IInvoiceRegistry.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IVoucherToken} from "./interfaces/IVoucherToken.sol";
import {ParticipantRoles} from "./ParticipantRoles.sol";
import {PlatformAccess} from "./PlatformAccess.sol";

/// @title Voucher token
/// @notice Invariants:
/// - for every voucher, the amounts of its live parts (holder not zero) add up to face value minus redeemed;
/// - a part's held amount never exceeds its amount; a held part never changes holder;
/// - every live part is held by a participant that was active when it received it;
/// - no part of a frozen voucher changes holder, is split, pledged or redeemed;
/// - each voucher is backed by one invoice, and that invoice backs no other voucher (see InvoiceRegistry).
/// @dev Parts are not ERC-721 tokens: a part carries an amount and a lineage, and keeping no per-holder
/// balances keeps a verified transfer well under 80k gas. Every holder change goes through `_update`.
contract VoucherToken is IVoucherToken, PlatformAccess {
    IInvoiceRegistry public immutable invoiceRegistry;

    mapping(uint256 voucherId => Voucher) private _vouchers;
    mapping(uint256 partId => Part) private _parts;

    /// @dev Part ids start at 1 so that zero can mean "no part" (a root's parent, an unbound invoice).
    uint256 private _nextPartId = 1;

    constructor(IParticipantRegistry registry_, IInvoiceRegistry invoiceRegistry_, address admin)
        PlatformAccess(registry_, admin)
    {
        invoiceRegistry = invoiceRegistry_;
    }

    // ---------------------------------------------------------------- issue

    /// @inheritdoc IVoucherToken
    function issue(Issuance calldata issuance) external returns (uint256 voucherId) {
        bytes16 debtor = _requireParticipant(ParticipantRoles.CORE_ENTERPRISE);
        return _issue(debtor, issuance);
    }

    /// @inheritdoc IVoucherToken
    function issueBatch(Issuance[] calldata issuances) external returns (uint256 firstVoucherId) {
        bytes16 debtor = _requireParticipant(ParticipantRoles.CORE_ENTERPRISE);
        firstVoucherId = _nextPartId;
        for (uint256 i = 0; i < issuances.length; ++i) {
            _issue(debtor, issuances[i]);
        }
    }

    function _issue(bytes16 debtor, Issuance calldata issuance) private returns (uint256 voucherId) {
        voucherId = _nextPartId++;
        IInvoiceRegistry.Invoice memory invoice = invoiceRegistry.consume(issuance.invoiceKey, voucherId);
        if (invoice.debtorOrganisation != debtor) revert VoucherNotDebtor(issuance.invoiceKey, msg.sender);
        if (registry.organisationOf(issuance.holder) != invoice.sellerOrganisation) {
            revert VoucherHolderNotSeller(issuance.invoiceKey, issuance.holder);
        }
        if (issuance.faceValue == 0) revert VoucherInvalidAmount(voucherId);
        if (issuance.faceValue > invoice.attestedAmount) {
            revert VoucherFaceValueExceedsInvoice(issuance.invoiceKey, invoice.attestedAmount, issuance.faceValue);
        }
        if (issuance.maturity <= block.timestamp) revert VoucherMaturityInPast(issuance.maturity, block.timestamp);

        _vouchers[voucherId] = Voucher({
            invoiceKey: issuance.invoiceKey,
            debtorOrganisation: debtor,
            faceValue: issuance.faceValue,
            redeemed: 0,
            maturity: issuance.maturity,
            status: VoucherStatus.Active,
            frozen: false,
            invoiceInvalid: false
        });
        Part storage root = _parts[voucherId];
        root.root = SafeCast.toUint40(voucherId);
        root.tier = 1;
        root.amount = issuance.faceValue;
        _move(address(0), issuance.holder, voucherId);
        emit VoucherIssued(
            voucherId, issuance.invoiceKey, debtor, issuance.holder, issuance.faceValue, issuance.maturity
        );
    }

    // ---------------------------------------------------------------- holder actions

    /// @inheritdoc IVoucherToken
    function split(uint256 partId, uint256[] calldata amounts, address[] calldata recipients)
        external
        returns (uint256 firstChildId)
    {
        _requireHolder(partId);
        if (amounts.length == 0 || amounts.length != recipients.length) revert VoucherInvalidAmount(partId);
        firstChildId = _nextPartId;
        for (uint256 i = 0; i < amounts.length; ++i) {
            _split(partId, amounts[i], recipients[i]);
        }
    }

    /// @inheritdoc IVoucherToken
    function transfer(uint256 partId, address to) external {
        _requireHolder(partId);
        _move(msg.sender, to, partId);
    }

    /// @inheritdoc IVoucherToken
    function pledge(uint256 partId, address beneficiary, uint256 amount) external {
        _requireHolder(partId);
        _placeHold(partId, beneficiary, amount);
    }

    /// @inheritdoc IVoucherToken
    function releaseHold(uint256 partId) external {
        Part storage part = _parts[partId];
        if (part.holdBeneficiary == address(0)) revert VoucherHoldMissing(partId);
        if (msg.sender != part.holdBeneficiary && !hasRole(PLATFORM_ROLE, msg.sender)) {
            revert VoucherNotHoldBeneficiary(partId, msg.sender);
        }
        _releaseHold(partId);
    }

    // ---------------------------------------------------------------- regulator and invoice registry

    /// @inheritdoc IVoucherToken
    function freeze(uint256 voucherId) external {
        _requireRegulator();
        _setFrozen(voucherId, true);
    }

    /// @inheritdoc IVoucherToken
    function unfreeze(uint256 voucherId) external {
        _requireRegulator();
        if (_existingVoucher(voucherId).invoiceInvalid) revert VoucherInvoiceInvalid(voucherId);
        _setFrozen(voucherId, false);
    }

    /// @inheritdoc IVoucherToken
    function freezeForInvalidInvoice(uint256 voucherId) external {
        if (msg.sender != address(invoiceRegistry)) revert VoucherUnauthorized(msg.sender);
        Voucher storage voucher = _existingVoucher(voucherId);
        voucher.invoiceInvalid = true;
        if (!voucher.frozen) _setFrozen(voucherId, true);
    }

    // ---------------------------------------------------------------- platform contracts

    /// @inheritdoc IVoucherToken
    function operatorTransfer(uint256 partId, address to) external onlyRole(PLATFORM_ROLE) {
        _move(_activePart(partId).holder, to, partId);
    }

    /// @inheritdoc IVoucherToken
    function operatorSplit(uint256 partId, uint256 amount, address to)
        external
        onlyRole(PLATFORM_ROLE)
        returns (uint256 receivedPartId)
    {
        Part storage part = _activePart(partId);
        if (amount == part.amount) {
            _move(part.holder, to, partId);
            return partId;
        }
        return _split(partId, amount, to);
    }

    /// @inheritdoc IVoucherToken
    function operatorPlaceHold(uint256 partId, address beneficiary, uint256 amount) external onlyRole(PLATFORM_ROLE) {
        _placeHold(partId, beneficiary, amount);
    }

    /// @inheritdoc IVoucherToken
    function operatorSeizeHold(uint256 partId) external onlyRole(PLATFORM_ROLE) returns (uint256 seizedPartId) {
        Part storage part = _activePart(partId);
        address beneficiary = part.holdBeneficiary;
        if (beneficiary == address(0)) revert VoucherHoldMissing(partId);
        uint128 held = part.heldAmount;
        _releaseHold(partId);
        if (held == part.amount) {
            _move(part.holder, beneficiary, partId);
            return partId;
        }
        return _split(partId, held, beneficiary);
    }

    /// @inheritdoc IVoucherToken
    function operatorRedeem(uint256 partId)
        external
        onlyRole(PLATFORM_ROLE)
        returns (address holder, uint128 amount, address holdBeneficiary, uint128 heldAmount)
    {
        Part storage part = _activePart(partId);
        (holder, amount, holdBeneficiary, heldAmount) = (part.holder, part.amount, part.holdBeneficiary, part.heldAmount);
        if (holdBeneficiary != address(0)) _releaseHold(partId);
        _vouchers[part.root].redeemed += amount;
        _update(holder, address(0), partId);
        emit PartRedeemed(partId, part.root, holder, amount);
    }

    /// @inheritdoc IVoucherToken
    function operatorSetStatus(uint256 voucherId, VoucherStatus status) external onlyRole(PLATFORM_ROLE) {
        // A voucher is born Active and only ever moves on to Defaulted or Paid.
        if (status != VoucherStatus.Defaulted && status != VoucherStatus.Paid) {
            revert VoucherStatusInvalid(voucherId, status);
        }
        _existingVoucher(voucherId).status = status;
        emit VoucherStatusChanged(voucherId, status);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IVoucherToken
    function voucherOf(uint256 voucherId) external view returns (Voucher memory) {
        return _vouchers[voucherId];
    }

    /// @inheritdoc IVoucherToken
    function partOf(uint256 partId) external view returns (Part memory) {
        return _parts[partId];
    }

    /// @inheritdoc IVoucherToken
    function outstandingOf(uint256 voucherId) external view returns (uint128) {
        Voucher storage voucher = _vouchers[voucherId];
        return voucher.faceValue - voucher.redeemed;
    }

    /// @notice The id the next issued voucher or split part will get.
    function nextPartId() external view returns (uint256) {
        return _nextPartId;
    }

    // ---------------------------------------------------------------- internals

    /// @dev The one place where a part changes holder. Rules: the recipient must be an active participant;
    /// a part that moves (or is redeemed) must come from an active participant, belong to a voucher that is
    /// not frozen, and carry no hold. Issue (`from` zero) only checks the recipient.
    function _update(address from, address to, uint256 partId) internal {
        Part storage part = _parts[partId];
        if (from != address(0)) {
            if (!registry.isActive(from)) revert VoucherSenderNotVerified(from);
            if (_vouchers[part.root].frozen) revert VoucherIsFrozen(part.root);
            if (part.heldAmount != 0) revert VoucherPartHeld(partId, part.heldAmount);
        }
        if (to != address(0) && !registry.isActive(to)) revert VoucherRecipientNotVerified(to);
        part.holder = to;
        emit Transfer(from, to, partId);
    }

    /// @dev A part changing hands (issue, transfer, split, seizure), as opposed to ending (redemption, or a
    /// parent closed by a split). Only those two may leave a part without a holder: a move to address zero
    /// would take value out of the voucher without redemption.
    function _move(address from, address to, uint256 partId) private {
        if (to == address(0)) revert VoucherRecipientNotVerified(to);
        _update(from, to, partId);
    }

    /// @dev Carves `amount` of the parent's unheld value into a new part one tier down, for `to`.
    function _split(uint256 parentId, uint256 amount, address to) private returns (uint256 childId) {
        Part storage parent = _activePart(parentId);
        uint128 available = parent.amount - parent.heldAmount;
        if (amount == 0) revert VoucherInvalidAmount(parentId);
        if (amount > available) revert VoucherAmountExceedsBalance(parentId, available, amount);
        uint128 childAmount = uint128(amount); // fits: amount <= available, a uint128

        childId = _nextPartId++;
        Part storage child = _parts[childId];
        child.root = parent.root;
        child.parent = SafeCast.toUint40(parentId);
        child.tier = parent.tier + 1;
        child.amount = childAmount;
        // The child's value comes out of the parent, so its move is checked as a move from the parent's
        // holder (active sender, voucher not frozen) to the recipient.
        _move(parent.holder, to, childId);

        parent.amount -= childAmount;
        // A parent with nothing left is closed: it stays in storage for the lineage, with no holder.
        // (Its hold is zero here: only unheld value can be split.)
        if (parent.amount == 0) _update(parent.holder, address(0), parentId);
        emit PartSplit(parentId, childId, to, childAmount, child.tier);
    }

    function _placeHold(uint256 partId, address beneficiary, uint256 amount) private {
        Part storage part = _activePart(partId);
        if (part.holdBeneficiary != address(0)) revert VoucherHoldExists(partId, part.holdBeneficiary);
        // A pledge commits the holder's value, so it follows the sender rules of a move.
        if (!registry.isActive(part.holder)) revert VoucherSenderNotVerified(part.holder);
        if (_vouchers[part.root].frozen) revert VoucherIsFrozen(part.root);
        if (!registry.isActive(beneficiary)) revert VoucherRecipientNotVerified(beneficiary);
        if (amount == 0) revert VoucherInvalidAmount(partId);
        if (amount > part.amount) revert VoucherAmountExceedsBalance(partId, part.amount, amount);
        part.heldAmount = uint128(amount); // fits: amount <= part.amount, a uint128
        part.holdBeneficiary = beneficiary;
        emit HoldPlaced(partId, beneficiary, uint128(amount));
    }

    function _releaseHold(uint256 partId) private {
        Part storage part = _parts[partId];
        (address beneficiary, uint128 amount) = (part.holdBeneficiary, part.heldAmount);
        part.heldAmount = 0;
        part.holdBeneficiary = address(0);
        emit HoldReleased(partId, beneficiary, amount);
    }

    function _setFrozen(uint256 voucherId, bool frozen) private {
        Voucher storage voucher = _existingVoucher(voucherId);
        if (voucher.frozen == frozen) revert VoucherFreezeUnchanged(voucherId, frozen);
        voucher.frozen = frozen;
        if (frozen) emit VoucherFrozen(voucherId, msg.sender);
        else emit VoucherUnfrozen(voucherId, msg.sender);
    }

    function _requireHolder(uint256 partId) private view {
        address holder = _activePart(partId).holder;
        if (holder != msg.sender) revert VoucherNotHolder(partId, msg.sender, holder);
    }

    function _requireRegulator() private view {
        if (!registry.hasRole(msg.sender, ParticipantRoles.REGULATOR)) revert VoucherUnauthorized(msg.sender);
    }

    function _activePart(uint256 partId) private view returns (Part storage part) {
        part = _parts[partId];
        if (part.holder == address(0)) revert VoucherPartInactive(partId);
    }

    function _existingVoucher(uint256 voucherId) private view returns (Voucher storage voucher) {
        voucher = _vouchers[voucherId];
        if (voucher.status == VoucherStatus.None) revert VoucherUnknown(voucherId);
    }
}
