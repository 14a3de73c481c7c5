// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";

/// @notice Shared access rules of the suite. Platform contracts (financing, guarantees, settlement) are
/// granted `PLATFORM_ROLE` by the deployer to act on tokens within flows their users consented to; people
/// act through participant roles held in the registry.
abstract contract PlatformAccess is AccessControl {
    bytes32 public constant PLATFORM_ROLE = keccak256("PLATFORM_ROLE");

    IParticipantRegistry public immutable registry;

    constructor(IParticipantRegistry registry_, address admin) {
        registry = registry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @dev Reverts unless the caller's organisation holds `role` and is not suspended; returns it.
    function _requireParticipant(uint32 role) internal view returns (bytes16 organisationId) {
        return registry.requireRole(msg.sender, role);
    }
}
