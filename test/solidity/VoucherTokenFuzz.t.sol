// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IVoucherToken} from "../../contracts/interfaces/IVoucherToken.sol";
import {VoucherTokenBase} from "./utils/VoucherTokenBase.sol";

/// @notice Fuzz tests of VoucherToken's value rules: splitting conserves value, never creates it, and a hold
/// locks exactly the held value.
contract VoucherTokenFuzzTest is VoucherTokenBase {
    uint256 internal constant MAX_FACE = type(uint128).max;

    function testFuzz_split_conservesValue(uint256 face, uint256 a, uint256 b) public {
        face = bound(face, 3, MAX_FACE);
        a = bound(a, 1, face - 2);
        b = bound(b, 1, face - a); // a + b == face closes the root
        uint256 voucherId = issueVoucher(1, uint128(face));

        // Two recipients in one call.
        vm.prank(supplier);
        uint256 firstChild = vouchers.split(voucherId, two(a, b), two(subSupplier, bank));
        uint256 secondChild = firstChild + 1;
        // Nested: the first child is split again (possibly in full), and the second moves whole as a split.
        uint256 c = bound(uint256(keccak256(abi.encode(face, a, b))), 1, a);
        uint256 grandchild = splitOne(firstChild, subSupplier, c, guarantor);
        uint256 greatGrandchild = splitOne(secondChild, bank, b, otherBank);

        assertEq(liveValueOf(voucherId), face, "live parts add up to face value");
        assertEq(vouchers.outstandingOf(voucherId), face, "nothing redeemed");
        assertEq(vouchers.partOf(voucherId).amount, face - a - b, "root keeps the rest");
        assertEq(vouchers.partOf(voucherId).holder, a + b == face ? address(0) : supplier, "root closed iff emptied");
        assertEq(vouchers.partOf(firstChild).amount, a - c, "first child keeps the rest");
        assertPart(grandchild, guarantor, voucherId, firstChild, 3, c, "grandchild");
        assertPart(greatGrandchild, otherBank, voucherId, secondChild, 3, b, "second child split in full");
        assertEq(vouchers.partOf(secondChild).holder, address(0), "second child closed");

        // Redeeming some part keeps live value equal to what is outstanding.
        vouchers.operatorRedeem(grandchild);
        assertEq(liveValueOf(voucherId), face - c, "live value after redemption");
        assertEq(vouchers.outstandingOf(voucherId), face - c, "outstanding after redemption");
    }

    function testFuzz_split_revertsAboveAvailable(uint256 face, uint256 held, uint256 amount) public {
        face = bound(face, 1, MAX_FACE);
        held = bound(held, 0, face);
        uint256 voucherId = issueVoucher(1, uint128(face));
        if (held != 0) pledgeAs(supplier, voucherId, bank, held);
        uint256 available = face - held;
        amount = bound(amount, available + 1, type(uint256).max);

        vm.expectRevert(
            abi.encodeWithSelector(
                IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, uint128(available), amount
            )
        );
        splitOne(voucherId, supplier, amount, subSupplier);
    }

    function testFuzz_split_revertsIfItemsTogetherExceedAvailable(uint256 face, uint256 a, uint256 b) public {
        face = bound(face, 1, MAX_FACE - 1);
        a = bound(a, 1, face);
        b = bound(b, face - a + 1, MAX_FACE);
        uint256 voucherId = issueVoucher(1, uint128(face));

        // An `a` equal to face closes the root, so the second item finds the part inactive.
        bytes memory expected = a == face
            ? abi.encodeWithSelector(IVoucherToken.VoucherPartInactive.selector, voucherId)
            : abi.encodeWithSelector(IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, face - a, b);
        vm.expectRevert(expected);
        vm.prank(supplier);
        vouchers.split(voucherId, two(a, b), two(subSupplier, bank));
        assertPart(voucherId, supplier, voucherId, 0, 1, face, "root untouched");
    }

    function testFuzz_pledge_locksOnlyHeldValue(uint256 face, uint256 held, uint256 amount) public {
        face = bound(face, 1, MAX_FACE);
        held = bound(held, 1, face);
        uint256 voucherId = issueVoucher(1, uint128(face));
        pledgeAs(supplier, voucherId, bank, held);
        uint256 free = face - held;

        // The held part cannot move as a whole.
        vm.expectRevert(abi.encodeWithSelector(IVoucherToken.VoucherPartHeld.selector, voucherId, uint128(held)));
        vm.prank(supplier);
        vouchers.transfer(voucherId, subSupplier);

        // Any of the free value can be split off, never a unit more.
        if (free != 0) {
            amount = bound(amount, 1, free);
            uint256 childId = splitOne(voucherId, supplier, amount, subSupplier);
            assertPart(childId, subSupplier, voucherId, voucherId, 2, amount, "free value split off");
            assertHold(childId, address(0), 0, "child unencumbered");
            free -= amount;
        }
        assertEq(vouchers.partOf(voucherId).amount, held + free, "parent keeps held value");
        assertHold(voucherId, bank, held, "hold unchanged");
        vm.expectRevert(
            abi.encodeWithSelector(IVoucherToken.VoucherAmountExceedsBalance.selector, voucherId, uint128(free), free + 1)
        );
        splitOne(voucherId, supplier, free + 1, subSupplier);

        // Once the beneficiary lets go, the formerly held value is free.
        vm.prank(bank);
        vouchers.releaseHold(voucherId);
        uint256 remaining = held + free;
        splitOne(voucherId, supplier, remaining, subSupplier);
        assertEq(vouchers.partOf(voucherId).holder, address(0), "parent emptied after release");
        assertEq(liveValueOf(voucherId), face, "value conserved");
    }

    function testFuzz_operatorSeizeHold_movesExactlyHeldValue(uint256 face, uint256 held) public {
        face = bound(face, 1, MAX_FACE);
        held = bound(held, 1, face);
        uint256 voucherId = issueVoucher(1, uint128(face));
        pledgeAs(supplier, voucherId, bank, held);

        uint256 seized = vouchers.operatorSeizeHold(voucherId);

        assertEq(vouchers.partOf(seized).holder, bank, "beneficiary holds the seized part");
        assertEq(vouchers.partOf(seized).amount, held, "seized exactly the held value");
        assertHold(seized, address(0), 0, "no hold left on the seized part");
        assertHold(voucherId, address(0), 0, "no hold left on the original part");
        if (held == face) {
            assertEq(seized, voucherId, "whole part moved");
        } else {
            assertPart(voucherId, supplier, voucherId, 0, 1, face - held, "holder keeps the free value");
        }
        assertEq(liveValueOf(voucherId), face, "value conserved");
    }

    function testFuzz_operatorSplit_conservesValue(uint256 face, uint256 amount) public {
        face = bound(face, 1, MAX_FACE);
        amount = bound(amount, 1, face);
        uint256 voucherId = issueVoucher(1, uint128(face));

        uint256 received = vouchers.operatorSplit(voucherId, amount, bank);

        assertEq(vouchers.partOf(received).holder, bank, "recipient holds the received part");
        assertEq(vouchers.partOf(received).amount, amount, "received exactly the amount");
        assertEq(received == voucherId, amount == face, "whole amount moves the same part");
        assertEq(liveValueOf(voucherId), face, "value conserved");
    }
}
