// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {ParticipantRoles} from "./ParticipantRoles.sol";

/// @title Participant registry
/// @notice Invariants: an account belongs to at most one organisation; an account is active only while its
/// organisation exists and is not suspended; only operators change membership and roles, only regulators
/// change suspension.
contract ParticipantRegistry is IParticipantRegistry {
    struct Organisation {
        uint32 roles;
        bool suspended;
        bool exists;
    }

    mapping(bytes16 organisationId => Organisation) private _organisations;
    mapping(address account => bytes16 organisationId) private _organisationOf;

    /// @param operatorOrganisationId The platform operator, onboarded with the operator role.
    /// @param operatorAccount Its first signing account.
    constructor(bytes16 operatorOrganisationId, address operatorAccount) {
        address[] memory accounts = new address[](1);
        accounts[0] = operatorAccount;
        _onboard(operatorOrganisationId, ParticipantRoles.OPERATOR, accounts);
    }

    modifier onlyRole(uint32 role) {
        requireRole(msg.sender, role);
        _;
    }

    /// @inheritdoc IParticipantRegistry
    function onboard(bytes16 organisationId, uint32 roles, address[] calldata accounts)
        external
        onlyRole(ParticipantRoles.OPERATOR)
    {
        _onboard(organisationId, roles, accounts);
    }

    /// @inheritdoc IParticipantRegistry
    function setRoles(bytes16 organisationId, uint32 roles) external onlyRole(ParticipantRoles.OPERATOR) {
        if (roles == 0) revert ParticipantInvalidInput();
        _existing(organisationId).roles = roles;
        emit OrganisationRolesChanged(organisationId, roles);
    }

    /// @inheritdoc IParticipantRegistry
    function addAccount(bytes16 organisationId, address account) external onlyRole(ParticipantRoles.OPERATOR) {
        _existing(organisationId);
        _addAccount(organisationId, account);
    }

    /// @inheritdoc IParticipantRegistry
    function removeAccount(address account) external onlyRole(ParticipantRoles.OPERATOR) {
        bytes16 organisationId = _organisationOf[account];
        if (organisationId == bytes16(0)) revert ParticipantUnknownAccount(account);
        delete _organisationOf[account];
        emit AccountRemoved(organisationId, account);
    }

    /// @inheritdoc IParticipantRegistry
    function suspend(bytes16 organisationId) external onlyRole(ParticipantRoles.REGULATOR) {
        _setSuspended(organisationId, true);
        emit OrganisationSuspended(organisationId, msg.sender);
    }

    /// @inheritdoc IParticipantRegistry
    function reinstate(bytes16 organisationId) external onlyRole(ParticipantRoles.REGULATOR) {
        _setSuspended(organisationId, false);
        emit OrganisationReinstated(organisationId, msg.sender);
    }

    /// @inheritdoc IParticipantRegistry
    function organisationOf(address account) external view returns (bytes16) {
        return _organisationOf[account];
    }

    /// @inheritdoc IParticipantRegistry
    function organisation(bytes16 organisationId) external view returns (uint32 roles, bool suspended, bool exists) {
        Organisation storage org = _organisations[organisationId];
        return (org.roles, org.suspended, org.exists);
    }

    /// @inheritdoc IParticipantRegistry
    function isActive(address account) public view returns (bool) {
        Organisation storage org = _organisations[_organisationOf[account]];
        return org.exists && !org.suspended;
    }

    /// @inheritdoc IParticipantRegistry
    function hasRole(address account, uint32 role) public view returns (bool) {
        Organisation storage org = _organisations[_organisationOf[account]];
        return org.exists && !org.suspended && (org.roles & role) == role;
    }

    /// @inheritdoc IParticipantRegistry
    function requireRole(address account, uint32 role) public view returns (bytes16 organisationId) {
        if (!hasRole(account, role)) revert ParticipantMissingRole(account, role);
        return _organisationOf[account];
    }

    function _onboard(bytes16 organisationId, uint32 roles, address[] memory accounts) private {
        if (organisationId == bytes16(0) || roles == 0) revert ParticipantInvalidInput();
        if (_organisations[organisationId].exists) revert ParticipantOrganisationExists(organisationId);
        _organisations[organisationId] = Organisation({roles: roles, suspended: false, exists: true});
        emit OrganisationOnboarded(organisationId, roles);
        for (uint256 i = 0; i < accounts.length; ++i) {
            _addAccount(organisationId, accounts[i]);
        }
    }

    function _addAccount(bytes16 organisationId, address account) private {
        if (account == address(0)) revert ParticipantInvalidInput();
        bytes16 current = _organisationOf[account];
        if (current != bytes16(0)) revert ParticipantAccountTaken(account, current);
        _organisationOf[account] = organisationId;
        emit AccountAdded(organisationId, account);
    }

    function _setSuspended(bytes16 organisationId, bool suspended) private {
        Organisation storage org = _existing(organisationId);
        if (org.suspended == suspended) revert ParticipantSuspensionUnchanged(organisationId, suspended);
        org.suspended = suspended;
    }

    function _existing(bytes16 organisationId) private view returns (Organisation storage org) {
        org = _organisations[organisationId];
        if (!org.exists) revert ParticipantUnknownOrganisation(organisationId);
    }
}
