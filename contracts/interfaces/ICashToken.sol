// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Cash token
/// @notice A tokenized deposit in minor currency units (two decimals): a bank mints it against money
/// deposited with it and burns it when the money is withdrawn. Only active participants can hold it, and
/// platform contracts move it for delivery-versus-payment and settlement.
interface ICashToken is IERC20 {
    /// @notice A bank minted `amount` to `to` against a deposit.
    event CashMinted(address indexed bank, address indexed to, uint256 amount);
    /// @notice A bank burned `amount` of its own balance on a withdrawal.
    event CashBurned(address indexed bank, uint256 amount);

    /// @notice The recipient is not an active participant.
    error CashRecipientNotVerified(address recipient);
    /// @notice The sender is not an active participant.
    error CashSenderNotVerified(address sender);
    /// @notice Zero is not a valid amount.
    error CashInvalidAmount();

    /// @notice Mints `amount` to `to` against money deposited with the calling bank. Bank role only.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of the calling bank's own balance. Bank role only.
    function burn(uint256 amount) external;

    /// @notice Moves cash on behalf of a platform contract, within a flow the payer has consented to
    /// (its financing request, its repayment, its settlement call). Platform contracts only.
    function operatorTransfer(address from, address to, uint256 amount) external;
}
