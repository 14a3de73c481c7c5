// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Voucher settlement
/// @notice The debtor pays a voucher's parts in the cash token; each part is paid in full to its holder,
/// or to its hold beneficiary up to the held value, and redeemed. A debtor that cannot pay everything pays
/// whole parts, and what it paid and still owes stays visible; nothing is paid pro rata behind anyone's
/// back. Once maturity plus the regulator's grace period has passed with value outstanding, anyone may
/// declare the voucher in default, which opens guarantee claims, pledge enforcement and recourse. A
/// defaulted voucher can still be paid late.
interface IVoucherSettlement {
    /// @notice A part was paid: `holderAmount` to its holder and `beneficiaryAmount` to its hold beneficiary.
    event PartPaid(
        uint256 indexed voucherId,
        uint256 indexed partId,
        address indexed holder,
        uint128 holderAmount,
        address holdBeneficiary,
        uint128 beneficiaryAmount
    );
    /// @notice The voucher was declared in default with `outstanding` unpaid.
    event VoucherDefaulted(uint256 indexed voucherId, uint128 outstanding);

    /// @notice The caller is not an account of the voucher's debtor.
    error SettlementNotDebtor(uint256 voucherId, address caller);
    /// @notice The part does not belong to the voucher.
    error SettlementPartNotOfVoucher(uint256 voucherId, uint256 partId);
    /// @notice The voucher cannot be paid or defaulted in its current status.
    error SettlementVoucherStatusInvalid(uint256 voucherId, uint8 status);
    /// @notice The grace period has not run out yet.
    error SettlementNotYetDefaultable(uint256 voucherId, uint256 defaultableAt);
    /// @notice Nothing to do: no parts given, or nothing outstanding.
    error SettlementNothingToPay(uint256 voucherId);

    /// @notice Pays and redeems the given parts of a voucher. Caller: an account of the debtor.
    function pay(uint256 voucherId, uint256[] calldata partIds) external;

    /// @notice Declares a voucher in default once maturity plus grace has passed unpaid. Anyone may call.
    function declareDefault(uint256 voucherId) external;
}
