// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Guarantees
/// @notice A guarantee body covers part of an active financing for a fee, within the capacity the
/// regulator set for it. If the voucher defaults, the bank claims, the guarantor pays the covered amount
/// and takes over that much of the claim on the debtor (subrogation): the covered value of the bank's part
/// passes to the guarantor, who is paid if the debtor pays late.
interface IGuarantees {
    enum GuaranteeStatus {
        None,
        Offered, // proposed by the guarantor, awaiting the bank
        Withdrawn, // the guarantor withdrew its offer
        Active, // accepted and fee paid; capacity in use
        Claimed, // the voucher defaulted and the bank claimed
        Paid, // the guarantor paid and took over the claim
        Released // the financing ended without a claim; capacity freed
    }

    struct Guarantee {
        uint256 financingId;
        address guarantor;
        bytes16 guarantorOrganisation;
        GuaranteeStatus status;
        uint128 coveredAmount;
        uint128 fee;
        address beneficiary; // the bank account of the financing
    }

    event GuaranteeOffered(
        uint256 indexed guaranteeId, uint256 indexed financingId, address indexed guarantor, uint128 coveredAmount, uint128 fee
    );
    event GuaranteeWithdrawn(uint256 indexed guaranteeId);
    event GuaranteeIssued(uint256 indexed guaranteeId, address indexed beneficiary, uint128 fee);
    event GuaranteeClaimed(uint256 indexed guaranteeId, address indexed beneficiary);
    event GuaranteePaid(
        uint256 indexed guaranteeId, address indexed guarantor, uint128 amount, uint256 indexed subrogatedPartId
    );
    event GuaranteeReleased(uint256 indexed guaranteeId);

    error GuaranteeUnknown(uint256 guaranteeId);
    error GuaranteeStatusInvalid(uint256 guaranteeId, GuaranteeStatus status);
    error GuaranteeUnauthorized(uint256 guaranteeId, address caller);
    /// @notice Cover must be positive and at most the financed amount.
    error GuaranteeCoverOutOfRange(uint256 financingId, uint256 coveredAmount, uint128 financedAmount);
    /// @notice Only an active financing can be guaranteed.
    error GuaranteeFinancingNotActive(uint256 financingId);
    /// @notice The voucher has not defaulted, so nothing can be claimed.
    error GuaranteeVoucherNotDefaulted(uint256 voucherId);
    /// @notice The beneficiary must hold the financed part, with at least the covered value, to claim.
    error GuaranteeClaimNotHeld(uint256 guaranteeId, uint256 partId);
    /// @notice The financing is still running, so the guarantee cannot be released.
    error GuaranteeStillNeeded(uint256 guaranteeId);

    /// @notice Offers cover on an active financing. Caller: a guarantor account.
    function offer(uint256 financingId, uint256 coveredAmount, uint256 fee) external returns (uint256 guaranteeId);

    /// @notice Withdraws an offer not yet accepted. Caller: the guarantor.
    function withdraw(uint256 guaranteeId) external;

    /// @notice Accepts an offer: the bank pays the fee and the guarantor's capacity is booked.
    /// Caller: the financing's bank account.
    function accept(uint256 guaranteeId) external;

    /// @notice Claims on a defaulted voucher. Caller: the beneficiary, holding the financed part.
    function claim(uint256 guaranteeId) external;

    /// @notice Pays a claim: cash to the beneficiary, the covered value of the part to the guarantor.
    /// Caller: the guarantor.
    function payClaim(uint256 guaranteeId) external returns (uint256 subrogatedPartId);

    /// @notice Frees the guarantor's capacity once the financing is over and no payable claim remains (never
    /// claimed, or a claim made moot by late payment or recourse). Anyone may call.
    function release(uint256 guaranteeId) external;

    function guaranteeOf(uint256 guaranteeId) external view returns (Guarantee memory);
}
