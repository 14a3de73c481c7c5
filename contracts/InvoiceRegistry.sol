// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IInvoiceRegistry} from "./interfaces/IInvoiceRegistry.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IVoucherToken} from "./interfaces/IVoucherToken.sol";
import {ParticipantRoles} from "./ParticipantRoles.sol";
import {PlatformAccess} from "./PlatformAccess.sol";

/// @title Invoice registry
/// @notice Invariants: a key is registered once, by its seller; a key is bound to at most one voucher and
/// the binding never changes; only a Valid invoice can be bound; Voided and Reversed are final, and reaching
/// them (or a lower attested amount) freezes the bound voucher.
contract InvoiceRegistry is IInvoiceRegistry, PlatformAccess {
    mapping(bytes32 invoiceKey => Invoice) private _invoices;

    /// @notice The voucher token allowed to bind invoices; set once by the admin after deployment.
    IVoucherToken public voucherToken;

    error InvoiceVoucherTokenAlreadySet(address voucherToken);
    error InvoiceCallerNotVoucherToken(address caller);

    constructor(IParticipantRegistry registry_, address admin) PlatformAccess(registry_, admin) {}

    /// @notice Wires the voucher token (the two contracts refer to each other). Admin only, once.
    function setVoucherToken(IVoucherToken voucherToken_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(voucherToken) != address(0)) revert InvoiceVoucherTokenAlreadySet(address(voucherToken));
        voucherToken = voucherToken_;
    }

    /// @inheritdoc IInvoiceRegistry
    function register(bytes32[] calldata invoiceKeys, bytes16[] calldata debtorOrganisations) external {
        bytes16 seller = _requireParticipant(ParticipantRoles.SUPPLIER);
        if (invoiceKeys.length != debtorOrganisations.length) revert InvoiceInvalidInput(bytes32(0));
        for (uint256 i = 0; i < invoiceKeys.length; ++i) {
            bytes32 key = invoiceKeys[i];
            bytes16 debtor = debtorOrganisations[i];
            if (key == bytes32(0) || debtor == bytes16(0)) revert InvoiceInvalidInput(key);
            Invoice storage invoice = _invoices[key];
            if (invoice.status != InvoiceStatus.Unknown) revert InvoiceAlreadyRegistered(key);
            invoice.sellerOrganisation = seller;
            invoice.debtorOrganisation = debtor;
            invoice.status = InvoiceStatus.Registered;
            emit InvoiceRegistered(key, seller, debtor);
        }
    }

    /// @inheritdoc IInvoiceRegistry
    function attest(Attestation[] calldata attestations) external {
        _requireParticipant(ParticipantRoles.TAX_AUTHORITY);
        for (uint256 i = 0; i < attestations.length; ++i) {
            Attestation calldata item = attestations[i];
            Invoice storage invoice = _invoices[item.invoiceKey];
            InvoiceStatus current = invoice.status;
            if (current == InvoiceStatus.Unknown) revert InvoiceNotRegistered(item.invoiceKey);
            if (current == InvoiceStatus.Voided || current == InvoiceStatus.Reversed) {
                revert InvoiceAttestationFinal(item.invoiceKey, current);
            }
            if (item.status == InvoiceStatus.Unknown || item.status == InvoiceStatus.Registered) {
                revert InvoiceAttestationStatusInvalid(item.invoiceKey, item.status);
            }
            // A voucher stands on its invoice: voiding or reversing the invoice, or lowering its attested
            // amount (which may now be below the face value), freezes the voucher for good.
            bool undermined = item.status != InvoiceStatus.Valid || item.amount < invoice.attestedAmount;
            invoice.status = item.status;
            invoice.attestedAmount = item.amount;
            emit InvoiceAttested(item.invoiceKey, item.status, item.amount);
            if (undermined && invoice.voucherId != 0) {
                voucherToken.freezeForInvalidInvoice(invoice.voucherId);
            }
        }
    }

    /// @inheritdoc IInvoiceRegistry
    function consume(bytes32 invoiceKey, uint256 voucherId) external returns (Invoice memory) {
        if (msg.sender != address(voucherToken)) revert InvoiceCallerNotVoucherToken(msg.sender);
        Invoice storage invoice = _invoices[invoiceKey];
        if (invoice.voucherId != 0) revert InvoiceAlreadyBacksVoucher(invoiceKey, invoice.voucherId);
        if (invoice.status != InvoiceStatus.Valid) revert InvoiceStatusInvalid(invoiceKey, invoice.status);
        invoice.voucherId = voucherId;
        emit InvoiceConsumed(invoiceKey, voucherId);
        return invoice;
    }

    /// @inheritdoc IInvoiceRegistry
    function invoiceOf(bytes32 invoiceKey) external view returns (Invoice memory) {
        return _invoices[invoiceKey];
    }
}
