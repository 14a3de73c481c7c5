// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Invoice registry
/// @notice The network-wide list of invoices that may back vouchers. An invoice is known only by its
/// canonical key, `keccak256(seller tax id, invoice code, invoice number)` computed off chain: no document
/// data is ever written here. The tax authority attests each invoice's status; an invoice backs at most
/// one voucher, ever, which makes financing the same invoice twice impossible by construction.
interface IInvoiceRegistry {
    /// @notice What the tax authority last said about an invoice.
    enum InvoiceStatus {
        Unknown, // never registered
        Registered, // registered by its seller, not yet attested
        Valid, // the tax authority confirmed it exists and is valid
        Voided, // cancelled after issue
        Reversed // reversed by a red-letter invoice
    }

    /// @notice One invoice as recorded on chain.
    struct Invoice {
        bytes16 sellerOrganisation;
        bytes16 debtorOrganisation;
        InvoiceStatus status;
        uint128 attestedAmount; // the amount the tax authority attested, in minor units
        uint256 voucherId; // the voucher it backs, or zero
    }

    /// @notice One item of an attestation batch.
    struct Attestation {
        bytes32 invoiceKey;
        InvoiceStatus status; // Valid, Voided or Reversed
        uint128 amount; // the invoice amount in minor units, as the tax authority holds it
    }

    /// @notice A seller registered an invoice owed by `debtorOrganisation`.
    event InvoiceRegistered(
        bytes32 indexed invoiceKey, bytes16 indexed sellerOrganisation, bytes16 indexed debtorOrganisation
    );
    /// @notice The tax authority attested an invoice's status and amount.
    event InvoiceAttested(bytes32 indexed invoiceKey, InvoiceStatus status, uint128 amount);
    /// @notice An invoice was bound to the voucher it backs; it can never back another.
    event InvoiceConsumed(bytes32 indexed invoiceKey, uint256 indexed voucherId);

    /// @notice This key is already registered.
    error InvoiceAlreadyRegistered(bytes32 invoiceKey);
    /// @notice This key was never registered.
    error InvoiceNotRegistered(bytes32 invoiceKey);
    /// @notice The invoice already backs voucher `voucherId`.
    error InvoiceAlreadyBacksVoucher(bytes32 invoiceKey, uint256 voucherId);
    /// @notice The invoice's status does not allow this (for example issuing against a voided invoice).
    error InvoiceStatusInvalid(bytes32 invoiceKey, InvoiceStatus status);
    /// @notice An attestation may only set Valid, Voided or Reversed.
    error InvoiceAttestationStatusInvalid(bytes32 invoiceKey, InvoiceStatus status);
    /// @notice A zero key or a zero debtor is not a valid invoice.
    error InvoiceInvalidInput(bytes32 invoiceKey);
    /// @notice A voided or reversed invoice cannot be attested again.
    error InvoiceAttestationFinal(bytes32 invoiceKey, InvoiceStatus status);

    /// @notice Registers invoices sold by the caller's organisation to `debtorOrganisations[i]`.
    /// Supplier role only. Reverts for a key already registered by anyone.
    function register(bytes32[] calldata invoiceKeys, bytes16[] calldata debtorOrganisations) external;

    /// @notice Records the tax authority's word on each invoice, in one batch. Tax authority role only.
    /// Voiding or reversing an invoice that backs a voucher, or lowering its attested amount, freezes that
    /// voucher for good.
    function attest(Attestation[] calldata attestations) external;

    /// @notice Binds a valid invoice to a voucher, once. Only the voucher token calls this.
    function consume(bytes32 invoiceKey, uint256 voucherId) external returns (Invoice memory);

    /// @notice The invoice recorded under `invoiceKey` (all zero when unknown).
    function invoiceOf(bytes32 invoiceKey) external view returns (Invoice memory);
}
