// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Participant registry
/// @notice Who may take part in the network: organisations onboarded by the platform operator after KYC,
/// each with roles and one or more signing accounts. The regulator can suspend an organisation, which
/// stops every account of it from sending or receiving vouchers and cash.
/// @dev Organisation ids are 16 bytes so that the backend's UUIDs map onto them one to one. Roles are the
/// bit flags of `ParticipantRoles`.
interface IParticipantRegistry {
    /// @notice An organisation joined the network with `roles`.
    event OrganisationOnboarded(bytes16 indexed organisationId, uint32 roles);
    /// @notice An organisation's roles were replaced with `roles`.
    event OrganisationRolesChanged(bytes16 indexed organisationId, uint32 roles);
    /// @notice A signing account was attached to an organisation.
    event AccountAdded(bytes16 indexed organisationId, address indexed account);
    /// @notice A signing account was detached from its organisation.
    event AccountRemoved(bytes16 indexed organisationId, address indexed account);
    /// @notice The regulator suspended an organisation; its accounts can no longer move value.
    event OrganisationSuspended(bytes16 indexed organisationId, address indexed regulator);
    /// @notice The regulator lifted an organisation's suspension.
    event OrganisationReinstated(bytes16 indexed organisationId, address indexed regulator);

    /// @notice The caller lacks `requiredRole` (or its organisation is suspended).
    error ParticipantMissingRole(address account, uint32 requiredRole);
    /// @notice An organisation with this id already exists.
    error ParticipantOrganisationExists(bytes16 organisationId);
    /// @notice No organisation has this id.
    error ParticipantUnknownOrganisation(bytes16 organisationId);
    /// @notice The account already belongs to `organisationId`.
    error ParticipantAccountTaken(address account, bytes16 organisationId);
    /// @notice The account belongs to no organisation.
    error ParticipantUnknownAccount(address account);
    /// @notice Zero is not a valid organisation id, account, or role set.
    error ParticipantInvalidInput();
    /// @notice The organisation is already in the requested suspension state.
    error ParticipantSuspensionUnchanged(bytes16 organisationId, bool suspended);

    /// @notice Onboards an organisation with `roles` and its first signing accounts. Operator only.
    function onboard(bytes16 organisationId, uint32 roles, address[] calldata accounts) external;

    /// @notice Replaces an organisation's roles. Operator only.
    function setRoles(bytes16 organisationId, uint32 roles) external;

    /// @notice Attaches another signing account to an organisation. Operator only.
    function addAccount(bytes16 organisationId, address account) external;

    /// @notice Detaches a signing account (a lost or rotated key). Operator only.
    function removeAccount(address account) external;

    /// @notice Suspends an organisation: none of its accounts can send or receive value. Regulator only.
    function suspend(bytes16 organisationId) external;

    /// @notice Lifts a suspension. Regulator only.
    function reinstate(bytes16 organisationId) external;

    /// @notice The organisation an account signs for, or zero.
    function organisationOf(address account) external view returns (bytes16);

    /// @notice An organisation's roles, whether it is suspended, and whether it exists.
    function organisation(bytes16 organisationId)
        external
        view
        returns (uint32 roles, bool suspended, bool exists);

    /// @notice True when the account belongs to an onboarded organisation that is not suspended.
    function isActive(address account) external view returns (bool);

    /// @notice True when the account is active and its organisation holds every bit of `role`.
    function hasRole(address account, uint32 role) external view returns (bool);

    /// @notice Reverts with `ParticipantMissingRole` unless `hasRole(account, role)`; returns the organisation.
    function requireRole(address account, uint32 role) external view returns (bytes16 organisationId);
}
