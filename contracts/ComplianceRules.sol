// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IComplianceRules} from "./interfaces/IComplianceRules.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {ParticipantRoles} from "./ParticipantRoles.sol";
import {PlatformAccess} from "./PlatformAccess.sol";

/// @title Compliance rules
/// @notice Invariants: booking exposure or guarantee cover never takes a pair over the limit in force at
/// that moment (a limit lowered later does not unwind what is booked, it blocks new bookings); releases
/// never go below zero.
contract ComplianceRules is IComplianceRules, PlatformAccess {
    uint256 private _defaultExposureLimit;
    uint64 private _gracePeriod;

    struct LimitOverride {
        bool set; // an override of zero is a real limit (no new financing), so "unset" needs its own flag
        uint248 limit;
    }

    mapping(bytes16 bankOrganisation => mapping(bytes16 debtorOrganisation => LimitOverride)) private _limitOverrides;
    mapping(bytes16 bankOrganisation => mapping(bytes16 debtorOrganisation => uint256 amount)) private _exposure;
    mapping(bytes16 guarantorOrganisation => uint256 capacity) private _capacity;
    mapping(bytes16 guarantorOrganisation => uint256 used) private _capacityUsed;

    /// @param defaultExposureLimit_ Limit for every bank-debtor pair until the regulator says otherwise.
    /// @param gracePeriod_ Seconds after maturity before an unpaid voucher may be declared in default.
    constructor(IParticipantRegistry registry_, address admin, uint256 defaultExposureLimit_, uint64 gracePeriod_)
        PlatformAccess(registry_, admin)
    {
        _defaultExposureLimit = defaultExposureLimit_;
        _gracePeriod = gracePeriod_;
    }

    modifier onlyRegulator() {
        if (!registry.hasRole(msg.sender, ParticipantRoles.REGULATOR)) revert ComplianceNotRegulator(msg.sender);
        _;
    }

    /// @inheritdoc IComplianceRules
    function setDefaultExposureLimit(uint256 limit) external onlyRegulator {
        _defaultExposureLimit = limit;
        emit DefaultExposureLimitSet(limit);
    }

    /// @inheritdoc IComplianceRules
    function setExposureLimit(bytes16 bankOrganisation, bytes16 debtorOrganisation, uint256 limit)
        external
        onlyRegulator
    {
        if (limit > type(uint248).max) revert ComplianceLimitTooLarge(limit);
        _limitOverrides[bankOrganisation][debtorOrganisation] = LimitOverride({set: true, limit: uint248(limit)});
        emit ExposureLimitSet(bankOrganisation, debtorOrganisation, limit);
    }

    /// @inheritdoc IComplianceRules
    function clearExposureLimit(bytes16 bankOrganisation, bytes16 debtorOrganisation) external onlyRegulator {
        delete _limitOverrides[bankOrganisation][debtorOrganisation];
        emit ExposureLimitCleared(bankOrganisation, debtorOrganisation);
    }

    /// @inheritdoc IComplianceRules
    function setGuarantorCapacity(bytes16 guarantorOrganisation, uint256 capacity) external onlyRegulator {
        _capacity[guarantorOrganisation] = capacity;
        emit GuarantorCapacitySet(guarantorOrganisation, capacity);
    }

    /// @inheritdoc IComplianceRules
    function setGracePeriod(uint64 gracePeriod_) external onlyRegulator {
        _gracePeriod = gracePeriod_;
        emit GracePeriodSet(gracePeriod_);
    }

    /// @inheritdoc IComplianceRules
    function increaseExposure(bytes16 bankOrganisation, bytes16 debtorOrganisation, uint256 amount)
        external
        onlyRole(PLATFORM_ROLE)
    {
        uint256 current = _exposure[bankOrganisation][debtorOrganisation];
        uint256 limit = exposureLimitOf(bankOrganisation, debtorOrganisation);
        if (current + amount > limit) {
            revert ComplianceExposureLimitExceeded(bankOrganisation, debtorOrganisation, current, amount, limit);
        }
        _exposure[bankOrganisation][debtorOrganisation] = current + amount;
        emit ExposureChanged(bankOrganisation, debtorOrganisation, current + amount);
    }

    /// @inheritdoc IComplianceRules
    function decreaseExposure(bytes16 bankOrganisation, bytes16 debtorOrganisation, uint256 amount)
        external
        onlyRole(PLATFORM_ROLE)
    {
        // Checked arithmetic: releasing more than was booked is a bug in the caller and must revert.
        uint256 remaining = _exposure[bankOrganisation][debtorOrganisation] - amount;
        _exposure[bankOrganisation][debtorOrganisation] = remaining;
        emit ExposureChanged(bankOrganisation, debtorOrganisation, remaining);
    }

    /// @inheritdoc IComplianceRules
    function useGuaranteeCapacity(bytes16 guarantorOrganisation, uint256 amount) external onlyRole(PLATFORM_ROLE) {
        uint256 used = _capacityUsed[guarantorOrganisation];
        uint256 capacity = _capacity[guarantorOrganisation];
        if (used + amount > capacity) {
            revert ComplianceGuarantorCapacityExceeded(guarantorOrganisation, used, amount, capacity);
        }
        _capacityUsed[guarantorOrganisation] = used + amount;
        emit GuaranteeCapacityUsed(guarantorOrganisation, used + amount);
    }

    /// @inheritdoc IComplianceRules
    function releaseGuaranteeCapacity(bytes16 guarantorOrganisation, uint256 amount)
        external
        onlyRole(PLATFORM_ROLE)
    {
        uint256 remaining = _capacityUsed[guarantorOrganisation] - amount;
        _capacityUsed[guarantorOrganisation] = remaining;
        emit GuaranteeCapacityUsed(guarantorOrganisation, remaining);
    }

    /// @inheritdoc IComplianceRules
    function exposureLimitOf(bytes16 bankOrganisation, bytes16 debtorOrganisation) public view returns (uint256) {
        LimitOverride storage limitOverride = _limitOverrides[bankOrganisation][debtorOrganisation];
        return limitOverride.set ? limitOverride.limit : _defaultExposureLimit;
    }

    /// @inheritdoc IComplianceRules
    function exposureOf(bytes16 bankOrganisation, bytes16 debtorOrganisation) external view returns (uint256) {
        return _exposure[bankOrganisation][debtorOrganisation];
    }

    /// @inheritdoc IComplianceRules
    function guarantorCapacityOf(bytes16 guarantorOrganisation) external view returns (uint256 capacity, uint256 used) {
        return (_capacity[guarantorOrganisation], _capacityUsed[guarantorOrganisation]);
    }

    /// @inheritdoc IComplianceRules
    function gracePeriod() external view returns (uint64) {
        return _gracePeriod;
    }
}
