// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICashToken} from "./interfaces/ICashToken.sol";
import {IComplianceRules} from "./interfaces/IComplianceRules.sol";
import {IFinancing} from "./interfaces/IFinancing.sol";
import {IGuarantees} from "./interfaces/IGuarantees.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IVoucherToken} from "./interfaces/IVoucherToken.sol";
import {ParticipantRoles} from "./ParticipantRoles.sol";
import {PlatformAccess} from "./PlatformAccess.sol";

/// @title Guarantees
/// @notice Invariants:
/// - a guarantor's capacity is in use for exactly its Active and Claimed guarantees (booked on accept,
///   released once, on payment or release);
/// - a claim is paid at most once, and paying it moves the covered cash to the beneficiary and the covered
///   value of the part to the guarantor in the same transaction.
contract Guarantees is IGuarantees, PlatformAccess {
    IFinancing public immutable financing;
    IVoucherToken public immutable voucherToken;
    ICashToken public immutable cashToken;
    IComplianceRules public immutable compliance;

    mapping(uint256 guaranteeId => Guarantee) private _guarantees;
    uint256 private _nextGuaranteeId = 1;

    constructor(
        IParticipantRegistry registry_,
        IFinancing financing_,
        IVoucherToken voucherToken_,
        ICashToken cashToken_,
        IComplianceRules compliance_,
        address admin
    ) PlatformAccess(registry_, admin) {
        financing = financing_;
        voucherToken = voucherToken_;
        cashToken = cashToken_;
        compliance = compliance_;
    }

    /// @inheritdoc IGuarantees
    function offer(uint256 financingId, uint256 coveredAmount, uint256 fee) external returns (uint256 guaranteeId) {
        bytes16 guarantorOrganisation = _requireParticipant(ParticipantRoles.GUARANTOR);
        IFinancing.Financing memory financed = financing.financingOf(financingId);
        if (financed.status != IFinancing.FinancingStatus.Active) revert GuaranteeFinancingNotActive(financingId);
        if (coveredAmount == 0 || coveredAmount > financed.amount) {
            revert GuaranteeCoverOutOfRange(financingId, coveredAmount, financed.amount);
        }
        guaranteeId = _nextGuaranteeId++;
        _guarantees[guaranteeId] = Guarantee({
            financingId: financingId,
            guarantor: msg.sender,
            guarantorOrganisation: guarantorOrganisation,
            status: GuaranteeStatus.Offered,
            coveredAmount: uint128(coveredAmount), // fits: bounded by the financed amount, a uint128
            fee: SafeCast.toUint128(fee),
            beneficiary: financed.bank
        });
        emit GuaranteeOffered(guaranteeId, financingId, msg.sender, uint128(coveredAmount), uint128(fee));
    }

    /// @inheritdoc IGuarantees
    function withdraw(uint256 guaranteeId) external {
        Guarantee storage guarantee = _withStatus(guaranteeId, GuaranteeStatus.Offered);
        if (msg.sender != guarantee.guarantor) revert GuaranteeUnauthorized(guaranteeId, msg.sender);
        guarantee.status = GuaranteeStatus.Withdrawn;
        emit GuaranteeWithdrawn(guaranteeId);
    }

    /// @inheritdoc IGuarantees
    function accept(uint256 guaranteeId) external {
        Guarantee storage guarantee = _withStatus(guaranteeId, GuaranteeStatus.Offered);
        if (msg.sender != guarantee.beneficiary) revert GuaranteeUnauthorized(guaranteeId, msg.sender);
        if (financing.financingOf(guarantee.financingId).status != IFinancing.FinancingStatus.Active) {
            revert GuaranteeFinancingNotActive(guarantee.financingId);
        }
        compliance.useGuaranteeCapacity(guarantee.guarantorOrganisation, guarantee.coveredAmount);
        guarantee.status = GuaranteeStatus.Active;
        if (guarantee.fee != 0) cashToken.operatorTransfer(msg.sender, guarantee.guarantor, guarantee.fee);
        emit GuaranteeIssued(guaranteeId, msg.sender, guarantee.fee);
    }

    /// @inheritdoc IGuarantees
    function claim(uint256 guaranteeId) external {
        Guarantee storage guarantee = _withStatus(guaranteeId, GuaranteeStatus.Active);
        if (msg.sender != guarantee.beneficiary) revert GuaranteeUnauthorized(guaranteeId, msg.sender);
        IFinancing.Financing memory financed = financing.financingOf(guarantee.financingId);
        if (financed.status != IFinancing.FinancingStatus.Active) revert GuaranteeFinancingNotActive(guarantee.financingId);
        IVoucherToken.Part memory part = voucherToken.partOf(financed.partId);
        if (voucherToken.voucherOf(part.root).status != IVoucherToken.VoucherStatus.Defaulted) {
            revert GuaranteeVoucherNotDefaulted(part.root);
        }
        // The bank must hold the claim it asks the guarantor to take over (after enforcing a pledge, for loans).
        if (part.holder != msg.sender || part.amount < guarantee.coveredAmount) {
            revert GuaranteeClaimNotHeld(guaranteeId, financed.partId);
        }
        guarantee.status = GuaranteeStatus.Claimed;
        emit GuaranteeClaimed(guaranteeId, msg.sender);
    }

    /// @inheritdoc IGuarantees
    function payClaim(uint256 guaranteeId) external returns (uint256 subrogatedPartId) {
        Guarantee storage guarantee = _withStatus(guaranteeId, GuaranteeStatus.Claimed);
        if (msg.sender != guarantee.guarantor) revert GuaranteeUnauthorized(guaranteeId, msg.sender);
        uint256 partId = financing.financingOf(guarantee.financingId).partId;
        IVoucherToken.Part memory part = voucherToken.partOf(partId);
        if (part.holder != guarantee.beneficiary || part.amount < guarantee.coveredAmount) {
            revert GuaranteeClaimNotHeld(guaranteeId, partId);
        }
        guarantee.status = GuaranteeStatus.Paid;
        compliance.releaseGuaranteeCapacity(guarantee.guarantorOrganisation, guarantee.coveredAmount);
        cashToken.operatorTransfer(msg.sender, guarantee.beneficiary, guarantee.coveredAmount);
        // Subrogation: the guarantor now stands in the bank's place for the value it paid.
        subrogatedPartId = voucherToken.operatorSplit(partId, guarantee.coveredAmount, msg.sender);
        emit GuaranteePaid(guaranteeId, msg.sender, guarantee.coveredAmount, subrogatedPartId);
    }

    /// @inheritdoc IGuarantees
    function release(uint256 guaranteeId) external {
        Guarantee storage guarantee = _guarantees[guaranteeId];
        if (guarantee.status == GuaranteeStatus.None) revert GuaranteeUnknown(guaranteeId);
        // A claim the debtor (late payment) or the seller (recourse) made moot can no longer be paid,
        // so it must be releasable too, or its capacity stays in use for good.
        if (guarantee.status != GuaranteeStatus.Active && guarantee.status != GuaranteeStatus.Claimed) {
            revert GuaranteeStatusInvalid(guaranteeId, guarantee.status);
        }
        if (financing.financingOf(guarantee.financingId).status == IFinancing.FinancingStatus.Active) {
            revert GuaranteeStillNeeded(guaranteeId);
        }
        guarantee.status = GuaranteeStatus.Released;
        compliance.releaseGuaranteeCapacity(guarantee.guarantorOrganisation, guarantee.coveredAmount);
        emit GuaranteeReleased(guaranteeId);
    }

    /// @inheritdoc IGuarantees
    function guaranteeOf(uint256 guaranteeId) external view returns (Guarantee memory) {
        return _guarantees[guaranteeId];
    }

    function _withStatus(uint256 guaranteeId, GuaranteeStatus status) private view returns (Guarantee storage guarantee) {
        guarantee = _guarantees[guaranteeId];
        if (guarantee.status == GuaranteeStatus.None) revert GuaranteeUnknown(guaranteeId);
        if (guarantee.status != status) revert GuaranteeStatusInvalid(guaranteeId, guarantee.status);
    }
}
