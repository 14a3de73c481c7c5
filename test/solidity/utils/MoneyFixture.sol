// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IFinancing} from "../../../contracts/interfaces/IFinancing.sol";
import {SuiteFixture} from "./SuiteFixture.sol";

/// @notice Cheatcodes the shared `Vm` interface does not declare.
interface VmExtra {
    function expectEmit(address emitter) external;
}

/// @notice The suite with cash in both banks and short-hands for the money flows (financing, guarantees,
/// settlement), shared by the money-flow test files.
abstract contract MoneyFixture is SuiteFixture {
    VmExtra internal constant vmExtra = VmExtra(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint128 internal constant FACE = 100_000_00;
    uint256 internal constant BANK_CASH = 10_000_000_00;
    uint32 internal constant RATE = 800;

    IFinancing.FinancingKind internal constant FACTORING = IFinancing.FinancingKind.Factoring;
    IFinancing.FinancingKind internal constant LOAN = IFinancing.FinancingKind.PledgeLoan;

    function setUp() public virtual override {
        super.setUp();
        mintCash(bank, BANK_CASH);
        mintCash(otherBank, BANK_CASH);
    }

    // ---------------------------------------------------------------- financing

    function requestFactoring(address seller, uint256 partId, bytes16 bankOrganisation, bool recourse, uint256 minAdvance)
        internal
        returns (uint256 financingId)
    {
        vm.prank(seller);
        financingId = financing.request(partId, bankOrganisation, FACTORING, recourse, 0, minAdvance);
    }

    function requestLoan(address seller, uint256 partId, bytes16 bankOrganisation, uint256 pledge, uint256 minAdvance)
        internal
        returns (uint256 financingId)
    {
        vm.prank(seller);
        financingId = financing.request(partId, bankOrganisation, LOAN, false, pledge, minAdvance);
    }

    /// @dev `supplier` sells `partId` to `bank`, without recourse unless asked.
    function factor(uint256 partId, uint256 advance, bool recourse) internal returns (uint256 financingId) {
        financingId = requestFactoring(supplier, partId, BANK_ORG, recourse, 0);
        vm.prank(bank);
        financing.approveFactoring(financingId, advance, RATE);
    }

    /// @dev `supplier` borrows `advance` from `bank` against a pledge of `pledge`, owing `repayment`.
    function borrow(uint256 partId, uint256 pledge, uint256 advance, uint256 repayment)
        internal
        returns (uint256 financingId)
    {
        financingId = requestLoan(supplier, partId, BANK_ORG, pledge, 0);
        vm.prank(bank);
        financing.approveLoan(financingId, advance, RATE, repayment);
    }

    function financingStatus(uint256 financingId) internal view returns (uint256) {
        return uint256(financing.financingOf(financingId).status);
    }

    function bankExposure() internal view returns (uint256) {
        return compliance.exposureOf(BANK_ORG, BUYER_ORG);
    }

    // ---------------------------------------------------------------- vouchers and settlement

    function splitPart(address holder, uint256 partId, uint256 amount, address to) internal returns (uint256 childId) {
        vm.prank(holder);
        childId = vouchers.split(partId, one(amount), one(to));
    }

    function holderOf(uint256 partId) internal view returns (address) {
        return vouchers.partOf(partId).holder;
    }

    function voucherStatus(uint256 voucherId) internal view returns (uint256) {
        return uint256(vouchers.voucherOf(voucherId).status);
    }

    /// @dev Lets maturity and the grace period run out, then has an outsider declare the default.
    function defaultVoucher(uint256 voucherId) internal {
        vm.warp(uint256(vouchers.voucherOf(voucherId).maturity) + compliance.gracePeriod() + 1);
        vm.prank(outsider);
        settlement.declareDefault(voucherId);
    }

    function payParts(uint256 voucherId, uint256[] memory partIds) internal {
        vm.prank(buyer);
        settlement.pay(voucherId, partIds);
    }

    function two(uint256 a, uint256 b) internal pure returns (uint256[] memory values) {
        values = new uint256[](2);
        (values[0], values[1]) = (a, b);
    }

    function three(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory values) {
        values = new uint256[](3);
        (values[0], values[1], values[2]) = (a, b, c);
    }

    // ---------------------------------------------------------------- guarantees

    function setCapacity(uint256 capacity) internal {
        vm.prank(regulator);
        compliance.setGuarantorCapacity(GUARANTOR_ORG, capacity);
    }

    function offerGuarantee(uint256 financingId, uint256 covered, uint256 fee) internal returns (uint256 guaranteeId) {
        vm.prank(guarantor);
        guaranteeId = guarantees.offer(financingId, covered, fee);
    }

    function guaranteeStatus(uint256 guaranteeId) internal view returns (uint256) {
        return uint256(guarantees.guaranteeOf(guaranteeId).status);
    }

    function capacityUsed() internal view returns (uint256 used) {
        (, used) = compliance.guarantorCapacityOf(GUARANTOR_ORG);
    }
}
