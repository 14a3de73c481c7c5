// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ParticipantRoles} from "../../../contracts/ParticipantRoles.sol";
import {IInvoiceRegistry} from "../../../contracts/interfaces/IInvoiceRegistry.sol";
import {IVoucherToken} from "../../../contracts/interfaces/IVoucherToken.sol";
import {SuiteFixture} from "./SuiteFixture.sol";

/// @notice Shared setup of the VoucherToken unit and fuzz tests. The test contract is the suite's admin, so it
/// grants itself PLATFORM_ROLE to drive the `operator*` functions directly, the way platform contracts do.
abstract contract VoucherTokenBase is SuiteFixture {
    uint128 internal constant FACE = 100_000_00;

    // A second core enterprise, to show that being a debtor somewhere does not make you this invoice's debtor.
    bytes16 internal constant OTHER_BUYER_ORG = bytes16(uint128(0x0e));
    address internal otherBuyer = address(0xB2E7);
    // A second signing account of the supplier organisation.
    address internal supplierClerk = address(0x5112);

    bytes32 internal platformRole;

    function setUp() public virtual override {
        super.setUp();
        platformRole = vouchers.PLATFORM_ROLE();
        vouchers.grantRole(platformRole, address(this));
        vm.startPrank(operator);
        registry.onboard(OTHER_BUYER_ORG, ParticipantRoles.CORE_ENTERPRISE, one(otherBuyer));
        registry.addAccount(SUPPLIER_ORG, supplierClerk);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- issuance helpers

    function issuanceOf(bytes32 key, address holder, uint128 faceValue)
        internal
        view
        returns (IVoucherToken.Issuance memory)
    {
        return IVoucherToken.Issuance({
            invoiceKey: key,
            holder: holder,
            faceValue: faceValue,
            maturity: uint64(block.timestamp) + MATURITY_DELAY
        });
    }

    /// @dev Registers `count` invoices of `supplier` owed by `buyer` and attests them all Valid at `amount`.
    function registerAndAttestMany(uint256 firstNumber, uint256 count, uint128 amount)
        internal
        returns (bytes32[] memory keys)
    {
        keys = new bytes32[](count);
        bytes16[] memory debtors = new bytes16[](count);
        IInvoiceRegistry.Attestation[] memory batch = new IInvoiceRegistry.Attestation[](count);
        for (uint256 i = 0; i < count; ++i) {
            keys[i] = invoiceKey(firstNumber + i);
            debtors[i] = BUYER_ORG;
            batch[i] = IInvoiceRegistry.Attestation({
                invoiceKey: keys[i],
                status: IInvoiceRegistry.InvoiceStatus.Valid,
                amount: amount
            });
        }
        vm.prank(supplier);
        invoices.register(keys, debtors);
        vm.prank(taxAuthority);
        invoices.attest(batch);
    }

    // ---------------------------------------------------------------- part helpers

    function splitOne(uint256 partId, address holder, uint256 amount, address to) internal returns (uint256 childId) {
        vm.prank(holder);
        childId = vouchers.split(partId, one(amount), one(to));
    }

    function pledgeAs(address holder, uint256 partId, address beneficiary, uint256 amount) internal {
        vm.prank(holder);
        vouchers.pledge(partId, beneficiary, amount);
    }

    function freezeVoucher(uint256 voucherId) internal {
        vm.prank(regulator);
        vouchers.freeze(voucherId);
    }

    function suspend(bytes16 organisationId) internal {
        vm.prank(regulator);
        registry.suspend(organisationId);
    }

    function two(uint256 a, uint256 b) internal pure returns (uint256[] memory values) {
        values = new uint256[](2);
        (values[0], values[1]) = (a, b);
    }

    function two(address a, address b) internal pure returns (address[] memory values) {
        values = new address[](2);
        (values[0], values[1]) = (a, b);
    }

    /// @dev The sum of the amounts of a voucher's live parts, scanning every part id issued so far.
    function liveValueOf(uint256 voucherId) internal view returns (uint256 total) {
        uint256 next = vouchers.nextPartId();
        for (uint256 id = 1; id < next; ++id) {
            IVoucherToken.Part memory part = vouchers.partOf(id);
            if (part.holder != address(0) && part.root == voucherId) total += part.amount;
        }
    }

    // ---------------------------------------------------------------- assertions

    function assertPart(
        uint256 partId,
        address holder,
        uint256 root,
        uint256 parent,
        uint256 tier,
        uint256 amount,
        string memory label
    ) internal view {
        IVoucherToken.Part memory part = vouchers.partOf(partId);
        assertEq(part.holder, holder, string.concat(label, ": holder"));
        assertEq(part.root, root, string.concat(label, ": root"));
        assertEq(part.parent, parent, string.concat(label, ": parent"));
        assertEq(part.tier, tier, string.concat(label, ": tier"));
        assertEq(part.amount, amount, string.concat(label, ": amount"));
    }

    function assertHold(uint256 partId, address beneficiary, uint256 heldAmount, string memory label) internal view {
        IVoucherToken.Part memory part = vouchers.partOf(partId);
        assertEq(part.holdBeneficiary, beneficiary, string.concat(label, ": hold beneficiary"));
        assertEq(part.heldAmount, heldAmount, string.concat(label, ": held amount"));
    }

    function assertStatus(uint256 voucherId, IVoucherToken.VoucherStatus expected, string memory label)
        internal
        view
    {
        assertEq(uint256(vouchers.voucherOf(voucherId).status), uint256(expected), label);
    }
}
