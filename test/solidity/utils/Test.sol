// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice The cheatcodes our tests use. forge-std cannot be installed here (its npm package is broken),
/// so we declare the few we need; Hardhat's EDR serves them at the standard address.
interface Vm {
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 timestamp) external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertSelector) external;
    function expectRevert() external;
    function expectEmit() external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;
    function assume(bool condition) external pure;
    function addr(uint256 privateKey) external pure returns (address);
    function label(address account, string calldata name) external;
    function snapshotGasLastCall(string calldata name) external returns (uint256 gasUsed);
}

/// @notice A minimal test base: cheatcodes, assertions that say what differed, and `bound`.
abstract contract Test {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    error AssertionFailed(string message);
    error AssertionFailedUint(string message, uint256 actual, uint256 expected);
    error AssertionFailedAddress(string message, address actual, address expected);
    error AssertionFailedBytes32(string message, bytes32 actual, bytes32 expected);

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertionFailed(message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) revert AssertionFailed(message);
    }

    function assertEq(uint256 actual, uint256 expected, string memory message) internal pure {
        if (actual != expected) revert AssertionFailedUint(message, actual, expected);
    }

    function assertEq(address actual, address expected, string memory message) internal pure {
        if (actual != expected) revert AssertionFailedAddress(message, actual, expected);
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory message) internal pure {
        if (actual != expected) revert AssertionFailedBytes32(message, actual, expected);
    }

    function assertEq(bool actual, bool expected, string memory message) internal pure {
        if (actual != expected) revert AssertionFailed(message);
    }

    function assertLe(uint256 actual, uint256 bound_, string memory message) internal pure {
        if (actual > bound_) revert AssertionFailedUint(message, actual, bound_);
    }

    function assertGe(uint256 actual, uint256 bound_, string memory message) internal pure {
        if (actual < bound_) revert AssertionFailedUint(message, actual, bound_);
    }

    /// @dev Maps any fuzzed value into [min, max] without rejecting inputs (rejections slow fuzzing down).
    function bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (value >= min && value <= max) return value;
        uint256 size = max - min;
        if (size == type(uint256).max) return value;
        return min + (value % (size + 1));
    }
}
