// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ICashToken} from "./interfaces/ICashToken.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {ParticipantRoles} from "./ParticipantRoles.sol";
import {PlatformAccess} from "./PlatformAccess.sol";

/// @title Cash token
/// @notice Invariants: total supply equals what banks minted minus what they burned; every balance belongs
/// to a participant that was active when it received it; transfers never create or destroy cash.
/// @dev The holder rule lives in `_update` only, so `transfer`, `transferFrom`, mint, burn and platform
/// transfers all obey it.
contract CashToken is ICashToken, ERC20, PlatformAccess {
    constructor(IParticipantRegistry registry_, address admin)
        ERC20("Tokenized Deposit", "CASH")
        PlatformAccess(registry_, admin)
    {}

    /// @notice Two decimals: one token unit is one minor currency unit (a cent, a fen).
    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @inheritdoc ICashToken
    function mint(address to, uint256 amount) external {
        _requireParticipant(ParticipantRoles.BANK);
        if (amount == 0) revert CashInvalidAmount();
        _mint(to, amount);
        emit CashMinted(msg.sender, to, amount);
    }

    /// @inheritdoc ICashToken
    function burn(uint256 amount) external {
        _requireParticipant(ParticipantRoles.BANK);
        if (amount == 0) revert CashInvalidAmount();
        _burn(msg.sender, amount);
        emit CashBurned(msg.sender, amount);
    }

    /// @inheritdoc ICashToken
    function operatorTransfer(address from, address to, uint256 amount) external onlyRole(PLATFORM_ROLE) {
        _transfer(from, to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && !registry.isActive(from)) revert CashSenderNotVerified(from);
        if (to != address(0) && !registry.isActive(to)) revert CashRecipientNotVerified(to);
        super._update(from, to, value);
    }
}
