// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ICashToken} from "./interfaces/ICashToken.sol";
import {IComplianceRules} from "./interfaces/IComplianceRules.sol";
import {IFinancing} from "./interfaces/IFinancing.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IVoucherSettlement} from "./interfaces/IVoucherSettlement.sol";
import {IVoucherToken} from "./interfaces/IVoucherToken.sol";
import {PlatformAccess} from "./PlatformAccess.sol";

/// @title Voucher settlement
/// @notice Invariants: the debtor's cash paid for a part equals the part's amount, and all of it reaches
/// the part's holder and hold beneficiary in the same transaction that redeems the part; a voucher is Paid
/// exactly when nothing is outstanding; it can be declared in default only after maturity plus grace.
contract VoucherSettlement is IVoucherSettlement, PlatformAccess {
    IVoucherToken public immutable voucherToken;
    ICashToken public immutable cashToken;
    IFinancing public immutable financing;
    IComplianceRules public immutable compliance;

    constructor(
        IParticipantRegistry registry_,
        IVoucherToken voucherToken_,
        ICashToken cashToken_,
        IFinancing financing_,
        IComplianceRules compliance_,
        address admin
    ) PlatformAccess(registry_, admin) {
        voucherToken = voucherToken_;
        cashToken = cashToken_;
        financing = financing_;
        compliance = compliance_;
    }

    /// @inheritdoc IVoucherSettlement
    function pay(uint256 voucherId, uint256[] calldata partIds) external {
        IVoucherToken.Voucher memory voucher = voucherToken.voucherOf(voucherId);
        if (voucher.status != IVoucherToken.VoucherStatus.Active && voucher.status != IVoucherToken.VoucherStatus.Defaulted) {
            revert SettlementVoucherStatusInvalid(voucherId, uint8(voucher.status));
        }
        if (registry.organisationOf(msg.sender) != voucher.debtorOrganisation || !registry.isActive(msg.sender)) {
            revert SettlementNotDebtor(voucherId, msg.sender);
        }
        if (partIds.length == 0) revert SettlementNothingToPay(voucherId);

        for (uint256 i = 0; i < partIds.length; ++i) {
            _payPart(voucherId, partIds[i]);
        }
        if (voucherToken.outstandingOf(voucherId) == 0) {
            voucherToken.operatorSetStatus(voucherId, IVoucherToken.VoucherStatus.Paid);
        }
    }

    /// @inheritdoc IVoucherSettlement
    function declareDefault(uint256 voucherId) external {
        IVoucherToken.Voucher memory voucher = voucherToken.voucherOf(voucherId);
        if (voucher.status != IVoucherToken.VoucherStatus.Active) {
            revert SettlementVoucherStatusInvalid(voucherId, uint8(voucher.status));
        }
        uint256 defaultableAt = uint256(voucher.maturity) + compliance.gracePeriod();
        if (block.timestamp <= defaultableAt) revert SettlementNotYetDefaultable(voucherId, defaultableAt);
        voucherToken.operatorSetStatus(voucherId, IVoucherToken.VoucherStatus.Defaulted);
        emit VoucherDefaulted(voucherId, voucher.faceValue - voucher.redeemed);
    }

    /// @dev Pays one part in full: the hold beneficiary first, up to the held value, the holder the rest.
    function _payPart(uint256 voucherId, uint256 partId) private {
        if (voucherToken.partOf(partId).root != voucherId) revert SettlementPartNotOfVoucher(voucherId, partId);
        (address holder, uint128 amount, address holdBeneficiary, uint128 heldAmount) = voucherToken.operatorRedeem(partId);
        uint128 holderAmount = amount - heldAmount;
        if (heldAmount != 0) cashToken.operatorTransfer(msg.sender, holdBeneficiary, heldAmount);
        if (holderAmount != 0) cashToken.operatorTransfer(msg.sender, holder, holderAmount);
        financing.onPartRedeemed(partId);
        emit PartPaid(voucherId, partId, holder, holderAmount, holdBeneficiary, heldAmount);
    }
}
