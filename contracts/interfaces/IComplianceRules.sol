// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Compliance rules
/// @notice The rules the regulator can change at any time without redeploying a token: how much one bank
/// may have financed against one debtor, how much cover each guarantor may have outstanding, and the
/// grace period after maturity before an unpaid voucher defaults. Platform contracts book exposure and
/// guarantee use here, so a breach reverts the financing or guarantee that would cause it.
interface IComplianceRules {
    /// @notice The default limit on any bank's exposure to any one debtor changed.
    event DefaultExposureLimitSet(uint256 limit);
    /// @notice A specific bank-debtor exposure limit was set; zero forbids new financing of that pair.
    event ExposureLimitSet(bytes16 indexed bankOrganisation, bytes16 indexed debtorOrganisation, uint256 limit);
    /// @notice A bank-debtor override was removed; the default limit applies again.
    event ExposureLimitCleared(bytes16 indexed bankOrganisation, bytes16 indexed debtorOrganisation);
    /// @notice A guarantor's capacity was set.
    event GuarantorCapacitySet(bytes16 indexed guarantorOrganisation, uint256 capacity);
    /// @notice The grace period after maturity changed.
    event GracePeriodSet(uint64 gracePeriod);
    /// @notice A bank's exposure to a debtor changed to `exposure`.
    event ExposureChanged(bytes16 indexed bankOrganisation, bytes16 indexed debtorOrganisation, uint256 exposure);
    /// @notice A guarantor's outstanding cover changed to `used`.
    event GuaranteeCapacityUsed(bytes16 indexed guarantorOrganisation, uint256 used);

    /// @notice Financing `amount` more would take the bank over its limit on this debtor.
    error ComplianceExposureLimitExceeded(
        bytes16 bankOrganisation, bytes16 debtorOrganisation, uint256 exposure, uint256 amount, uint256 limit
    );
    /// @notice Covering `amount` more would take the guarantor over its capacity.
    error ComplianceGuarantorCapacityExceeded(
        bytes16 guarantorOrganisation, uint256 used, uint256 amount, uint256 capacity
    );
    /// @notice A limit must fit in 248 bits.
    error ComplianceLimitTooLarge(uint256 limit);
    /// @notice The caller is not the regulator.
    error ComplianceNotRegulator(address caller);

    /// @notice Sets the limit applied to every bank-debtor pair without an override. Regulator only.
    function setDefaultExposureLimit(uint256 limit) external;

    /// @notice Sets one bank's limit on one debtor, overriding the default; zero forbids new financing.
    /// Regulator only.
    function setExposureLimit(bytes16 bankOrganisation, bytes16 debtorOrganisation, uint256 limit) external;

    /// @notice Removes a bank-debtor override so the default applies again. Regulator only.
    function clearExposureLimit(bytes16 bankOrganisation, bytes16 debtorOrganisation) external;

    /// @notice Sets how much cover a guarantor may have outstanding. Regulator only.
    function setGuarantorCapacity(bytes16 guarantorOrganisation, uint256 capacity) external;

    /// @notice Sets the grace period after maturity before an unpaid voucher defaults. Regulator only.
    function setGracePeriod(uint64 gracePeriod) external;

    /// @notice Books new exposure, reverting when it would exceed the limit. Platform contracts only.
    function increaseExposure(bytes16 bankOrganisation, bytes16 debtorOrganisation, uint256 amount) external;

    /// @notice Releases exposure when a financing ends. Platform contracts only.
    function decreaseExposure(bytes16 bankOrganisation, bytes16 debtorOrganisation, uint256 amount) external;

    /// @notice Books new guarantee cover, reverting beyond capacity. Platform contracts only.
    function useGuaranteeCapacity(bytes16 guarantorOrganisation, uint256 amount) external;

    /// @notice Releases guarantee cover. Platform contracts only.
    function releaseGuaranteeCapacity(bytes16 guarantorOrganisation, uint256 amount) external;

    /// @notice The limit in force for a bank-debtor pair.
    function exposureLimitOf(bytes16 bankOrganisation, bytes16 debtorOrganisation) external view returns (uint256);

    /// @notice A bank's current financed exposure to a debtor.
    function exposureOf(bytes16 bankOrganisation, bytes16 debtorOrganisation) external view returns (uint256);

    /// @notice A guarantor's capacity and the cover it has outstanding.
    function guarantorCapacityOf(bytes16 guarantorOrganisation) external view returns (uint256 capacity, uint256 used);

    /// @notice Seconds after maturity before an unpaid voucher can be declared in default.
    function gracePeriod() external view returns (uint64);
}
