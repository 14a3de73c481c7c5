// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Role bit flags held by organisations in the participant registry.
library ParticipantRoles {
    uint32 internal constant SUPPLIER = 1 << 0;
    uint32 internal constant CORE_ENTERPRISE = 1 << 1;
    uint32 internal constant BANK = 1 << 2;
    uint32 internal constant TAX_AUTHORITY = 1 << 3;
    uint32 internal constant GUARANTOR = 1 << 4;
    uint32 internal constant REGULATOR = 1 << 5;
    uint32 internal constant OPERATOR = 1 << 6;
}
