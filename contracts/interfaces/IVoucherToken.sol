// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Voucher token
/// @notice A voucher is a debtor-confirmed receivable backed by one attested invoice: face value, maturity
/// and debtor are fixed at issue. Its value lives in parts. Issue creates the root part; a holder splits a
/// part into any amounts for other verified participants (each child keeps its parent, its root and its
/// tier, so the lineage is on chain) or transfers a whole part. A hold (pledge) locks part of a part's value
/// for a beneficiary without moving it. The regulator can freeze a voucher, and voiding its invoice freezes
/// it too. At settlement parts are redeemed.
/// @dev Every change of a part's holder (issue, split, transfer, redemption) passes through one internal
/// hook, `_update`, which enforces the transfer rules. Platform contracts (financing, guarantees,
/// settlement) act through the `operator*` functions, which also pass through that hook.
interface IVoucherToken {
    /// @notice A voucher's life at the root.
    enum VoucherStatus {
        None,
        Active, // issued, not fully paid
        Defaulted, // past maturity plus grace with value still outstanding
        Paid // every part redeemed
    }

    /// @notice The fixed terms of a voucher and how much of it has been redeemed.
    struct Voucher {
        bytes32 invoiceKey;
        bytes16 debtorOrganisation;
        uint128 faceValue;
        uint128 redeemed;
        uint64 maturity;
        VoucherStatus status;
        bool frozen;
        bool invoiceInvalid; // its invoice was voided or reversed: frozen for good
    }

    /// @notice One part of a voucher. A part whose holder is zero was fully split or redeemed.
    struct Part {
        address holder;
        uint40 root;
        uint40 parent; // zero for a root part
        uint16 tier; // 1 for the root; a child is one tier below its parent
        uint128 amount;
        uint128 heldAmount; // value locked by a hold
        address holdBeneficiary;
    }

    /// @notice One item of an issuance batch.
    struct Issuance {
        bytes32 invoiceKey;
        address holder; // an account of the invoice's seller
        uint128 faceValue;
        uint64 maturity;
    }

    /// @notice A part changed holder: `from` is zero on issue; for a split child it is the parent's holder
    /// (the value came from there); `to` is zero on redemption and when a fully split parent closes.
    event Transfer(address indexed from, address indexed to, uint256 indexed partId);
    /// @notice A voucher was issued against `invoiceKey`; its root part is `voucherId`.
    event VoucherIssued(
        uint256 indexed voucherId,
        bytes32 indexed invoiceKey,
        bytes16 indexed debtorOrganisation,
        address holder,
        uint128 faceValue,
        uint64 maturity
    );
    /// @notice `amount` of `parentId` became part `childId`, held by `holder`.
    event PartSplit(
        uint256 indexed parentId, uint256 indexed childId, address indexed holder, uint128 amount, uint16 tier
    );
    /// @notice `amount` of a part was locked for `beneficiary`.
    event HoldPlaced(uint256 indexed partId, address indexed beneficiary, uint128 amount);
    /// @notice The hold on a part was lifted.
    event HoldReleased(uint256 indexed partId, address indexed beneficiary, uint128 amount);
    /// @notice The voucher was frozen (by the regulator, or because its invoice was voided or reversed).
    event VoucherFrozen(uint256 indexed voucherId, address indexed by);
    /// @notice The regulator lifted a freeze.
    event VoucherUnfrozen(uint256 indexed voucherId, address indexed by);
    /// @notice A part was redeemed at settlement for `amount`.
    event PartRedeemed(uint256 indexed partId, uint256 indexed voucherId, address indexed holder, uint128 amount);
    /// @notice A voucher's status changed.
    event VoucherStatusChanged(uint256 indexed voucherId, VoucherStatus status);

    /// @notice The caller is not the part's holder.
    error VoucherNotHolder(uint256 partId, address caller, address holder);
    /// @notice The part does not exist, or was already fully split or redeemed.
    error VoucherPartInactive(uint256 partId);
    /// @notice The voucher does not exist.
    error VoucherUnknown(uint256 voucherId);
    /// @notice The recipient is not an active participant.
    error VoucherRecipientNotVerified(address recipient);
    /// @notice The sender is not an active participant.
    error VoucherSenderNotVerified(address sender);
    /// @notice The voucher is frozen.
    error VoucherIsFrozen(uint256 voucherId);
    /// @notice The voucher is paid, or otherwise in a status that does not allow this.
    error VoucherStatusInvalid(uint256 voucherId, VoucherStatus status);
    /// @notice The part carries a hold, so it cannot move as a whole.
    error VoucherPartHeld(uint256 partId, uint128 heldAmount);
    /// @notice The amounts asked for exceed the part's value that is not held.
    error VoucherAmountExceedsBalance(uint256 partId, uint128 available, uint256 needed);
    /// @notice Zero amounts, empty or mismatched arrays are not allowed.
    error VoucherInvalidAmount(uint256 partId);
    /// @notice The face value exceeds what the tax authority attested for the invoice.
    error VoucherFaceValueExceedsInvoice(bytes32 invoiceKey, uint128 attestedAmount, uint256 faceValue);
    /// @notice The maturity must lie in the future.
    error VoucherMaturityInPast(uint64 maturity, uint256 nowTimestamp);
    /// @notice Only the invoice's debtor can confirm it.
    error VoucherNotDebtor(bytes32 invoiceKey, address caller);
    /// @notice The holder must be an account of the invoice's seller.
    error VoucherHolderNotSeller(bytes32 invoiceKey, address holder);
    /// @notice The part already carries a hold.
    error VoucherHoldExists(uint256 partId, address beneficiary);
    /// @notice The part carries no hold.
    error VoucherHoldMissing(uint256 partId);
    /// @notice Only the hold's beneficiary may release it.
    error VoucherNotHoldBeneficiary(uint256 partId, address caller);
    /// @notice The caller is not the regulator (or not the invoice registry for automatic freezes).
    error VoucherUnauthorized(address caller);
    /// @notice The voucher is already in the requested freeze state.
    error VoucherFreezeUnchanged(uint256 voucherId, bool frozen);
    /// @notice The voucher's invoice was voided or reversed, so it stays frozen.
    error VoucherInvoiceInvalid(uint256 voucherId);

    /// @notice Confirms a verified invoice as a payable and issues its voucher to the seller's account.
    /// Caller: an account of the invoice's debtor (core enterprise). Returns the voucher (root part) id.
    function issue(Issuance calldata issuance) external returns (uint256 voucherId);

    /// @notice `issue` for many invoices of the caller's organisation in one transaction.
    function issueBatch(Issuance[] calldata issuances) external returns (uint256 firstVoucherId);

    /// @notice Carves `amounts[i]` out of a part into new parts for `recipients[i]`, one tier down. The
    /// parent keeps the rest; a parent left with nothing is closed. Only the part's unheld value can be split.
    function split(uint256 partId, uint256[] calldata amounts, address[] calldata recipients)
        external
        returns (uint256 firstChildId);

    /// @notice Transfers a whole part to another verified participant.
    function transfer(uint256 partId, address to) external;

    /// @notice Locks `amount` of the caller's part for `beneficiary` (a pledge), without moving it.
    function pledge(uint256 partId, address beneficiary, uint256 amount) external;

    /// @notice Lifts a hold. Caller: the hold's beneficiary (or a platform contract).
    function releaseHold(uint256 partId) external;

    /// @notice Freezes a voucher and all its parts. Regulator only.
    function freeze(uint256 voucherId) external;

    /// @notice Lifts a freeze. Regulator only; a voucher whose invoice is voided stays frozen.
    function unfreeze(uint256 voucherId) external;

    /// @notice Called by the invoice registry when the invoice behind `voucherId` is voided or reversed.
    function freezeForInvalidInvoice(uint256 voucherId) external;

    /// @notice Moves a whole part on behalf of a platform contract (DvP, recourse, subrogation).
    function operatorTransfer(uint256 partId, address to) external;

    /// @notice Splits `amount` of a part to `to` on behalf of a platform contract; moves the whole part
    /// when `amount` equals its value. Returns the part that `to` now holds.
    function operatorSplit(uint256 partId, uint256 amount, address to) external returns (uint256 receivedPartId);

    /// @notice Places a hold on behalf of a platform contract (a loan against a pledged voucher).
    function operatorPlaceHold(uint256 partId, address beneficiary, uint256 amount) external;

    /// @notice Hands the held value of a part to its hold beneficiary (pledge enforcement after default)
    /// and lifts the hold. Returns the part the beneficiary now holds.
    function operatorSeizeHold(uint256 partId) external returns (uint256 seizedPartId);

    /// @notice Redeems a part at settlement. Returns what it was worth and who is owed.
    function operatorRedeem(uint256 partId)
        external
        returns (address holder, uint128 amount, address holdBeneficiary, uint128 heldAmount);

    /// @notice Moves a voucher to Defaulted or Paid (settlement decides when). Platform contracts only.
    function operatorSetStatus(uint256 voucherId, VoucherStatus status) external;

    /// @notice A voucher's terms and state.
    function voucherOf(uint256 voucherId) external view returns (Voucher memory);

    /// @notice A part's holder, lineage, value and hold.
    function partOf(uint256 partId) external view returns (Part memory);

    /// @notice The value of a voucher still outstanding: face value minus what was redeemed.
    function outstandingOf(uint256 voucherId) external view returns (uint128);
}
