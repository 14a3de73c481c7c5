// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Financing
/// @notice A voucher holder asks a bank for money against a part: factoring (the part is sold to the bank
/// at a discount, with or without recourse to the seller) or a loan against a pledge (the part stays with
/// the holder under a hold for the bank). The bank's approval settles in one transaction: cash to the
/// holder, the part (or the hold) to the bank, and the bank's exposure to the debtor booked against the
/// regulator's limit. A holder may ask several banks at once; the first approval wins.
interface IFinancing {
    enum FinancingKind {
        Factoring, // the part is sold to the bank
        PledgeLoan // the part stays with the holder, pledged to the bank
    }

    enum FinancingStatus {
        None,
        Requested,
        Withdrawn, // the holder withdrew the request before a decision
        Rejected, // the bank said no
        Active, // approved and settled: the bank has paid and holds the part or the hold
        Repaid, // loan repaid early by the holder, or closed by the bank
        Settled, // the financed part was redeemed by the debtor
        RecourseExercised // the seller bought the defaulted part back
    }

    struct Financing {
        uint40 partId; // the part sold (factoring) or pledged (loan)
        address seller; // the holder who asked
        FinancingKind kind;
        bool recourse; // the seller agrees to buy the part back if the debtor defaults
        FinancingStatus status;
        uint32 rateBps; // annual rate agreed, in basis points, as recorded by the bank
        bytes16 bankOrganisation;
        bytes16 debtorOrganisation;
        uint128 amount; // face value financed: the part's value (factoring) or the most the holder pledges (loan)
        uint128 minAdvance; // the least cash the holder accepts
        address bank; // the bank account that approved
        uint96 advance; // cash paid to the holder (96 bits keep it in the bank's slot: one storage write less)
    }

    /// @notice A holder asked `bankOrganisation` for financing.
    event FinancingRequested(
        uint256 indexed financingId,
        uint256 indexed partId,
        bytes16 indexed bankOrganisation,
        address seller,
        FinancingKind kind,
        bool recourse,
        uint128 amount,
        uint128 minAdvance
    );
    /// @notice The holder withdrew its request.
    event FinancingWithdrawn(uint256 indexed financingId);
    /// @notice The bank rejected the request, with a machine-readable reason.
    event FinancingRejected(uint256 indexed financingId, address indexed bank, bytes32 reason);
    /// @notice The bank approved and the financing settled: `advance` paid against the part or the hold.
    event FinancingApproved(
        uint256 indexed financingId,
        address indexed bank,
        uint256 indexed partId,
        uint128 advance,
        uint32 rateBps,
        uint128 repaymentAmount
    );
    /// @notice A loan was repaid (or closed by its bank) and its hold lifted.
    event FinancingRepaid(uint256 indexed financingId, uint128 amount);
    /// @notice The financed part was paid at settlement (or its voucher was paid in full); the financing is over.
    event FinancingSettled(uint256 indexed financingId, uint256 indexed partId);
    /// @notice The bank enforced its pledge after default and now holds `seizedPartId`.
    event PledgeEnforced(uint256 indexed financingId, uint256 indexed seizedPartId);
    /// @notice The seller bought the defaulted part back for `amount`.
    event RecourseExercised(uint256 indexed financingId, address indexed seller, uint128 amount);

    /// @notice No financing has this id.
    error FinancingUnknown(uint256 financingId);
    /// @notice The financing's status does not allow this.
    error FinancingStatusInvalid(uint256 financingId, FinancingStatus status);
    /// @notice The caller is not the party this step belongs to.
    error FinancingUnauthorized(uint256 financingId, address caller);
    /// @notice The advance is below the holder's minimum or above the financed value.
    error FinancingAdvanceOutOfRange(uint256 financingId, uint256 advance, uint128 minAdvance, uint128 maximum);
    /// @notice The loan's repayment is below its advance or above the pledged value.
    error FinancingRepaymentOutOfRange(uint256 financingId, uint256 repaymentAmount, uint256 advance, uint128 pledged);
    /// @notice The approval is for the other kind of financing.
    error FinancingKindMismatch(uint256 financingId, FinancingKind kind);
    /// @notice The seller no longer holds the part it asked to finance.
    error FinancingSellerNoLongerHolds(uint256 financingId, uint256 partId);
    /// @notice The voucher must be active and not yet mature to be financed.
    error FinancingVoucherNotFinanceable(uint256 voucherId);
    /// @notice The voucher has not defaulted, so the step that needs a default cannot run.
    error FinancingVoucherNotDefaulted(uint256 voucherId);
    /// @notice The request is malformed (zero amounts, a loan pledging more than the part), or the part
    /// already has an Active financing.
    error FinancingInvalidRequest(uint256 partId);
    /// @notice The loan's hold is no longer on the part (lifted by the bank or enforced), so there is
    /// nothing to repay against.
    error FinancingHoldMissing(uint256 financingId, uint256 partId);
    /// @notice The voucher is not Paid yet, so the financing cannot be closed as settled.
    error FinancingVoucherNotPaid(uint256 voucherId);

    /// @notice Asks a bank for financing against a part the caller holds. For factoring `pledgeAmount`
    /// must be zero (the whole part is sold); for a loan it is the most the caller pledges.
    function request(
        uint256 partId,
        bytes16 bankOrganisation,
        FinancingKind kind,
        bool recourse,
        uint256 pledgeAmount,
        uint256 minAdvance
    ) external returns (uint256 financingId);

    /// @notice Withdraws a request that no bank has decided yet. Caller: the seller.
    function withdraw(uint256 financingId) external;

    /// @notice Rejects a request. Caller: an account of the addressed bank.
    function reject(uint256 financingId, bytes32 reason) external;

    /// @notice Approves a factoring request and settles it atomically: `advance` in cash from the bank to
    /// the seller and the part from the seller to the bank. Caller: an account of the addressed bank.
    function approveFactoring(uint256 financingId, uint256 advance, uint32 rateBps) external;

    /// @notice Approves a loan request and settles it atomically: `advance` in cash to the seller and a
    /// hold of `repaymentAmount` on the part for the bank. Caller: an account of the addressed bank.
    function approveLoan(uint256 financingId, uint256 advance, uint32 rateBps, uint256 repaymentAmount) external;

    /// @notice Repays a loan early: the seller pays what the bank's hold secures and the hold is lifted.
    /// (A loan's repayment amount is its hold: the platform keeps it in one place, on the voucher.)
    function repayLoan(uint256 financingId) external;

    /// @notice The bank declares a loan repaid outside the platform: its hold, if still there, is lifted and
    /// its exposure released.
    function closeLoan(uint256 financingId) external;

    /// @notice After default, the bank takes the pledged value: the held value becomes a part it holds.
    function enforcePledge(uint256 financingId) external returns (uint256 seizedPartId);

    /// @notice After default, a bank that factored with recourse sells the part back to the seller for its
    /// value, taken from the seller's cash.
    function exerciseRecourse(uint256 financingId) external;

    /// @notice Closes the financing of a part redeemed at settlement, releasing exposure. Settlement only.
    function onPartRedeemed(uint256 partId) external;

    /// @notice Closes an Active financing whose voucher is Paid although its own part was never redeemed
    /// (the bank split the part and the pieces were paid). Anyone may call; the backend does after settlement.
    function settlePaid(uint256 financingId) external;

    /// @notice A financing by id.
    function financingOf(uint256 financingId) external view returns (Financing memory);

    /// @notice The active financing of a part, or zero.
    function activeFinancingOfPart(uint256 partId) external view returns (uint256 financingId);
}
