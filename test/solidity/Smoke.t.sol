// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SuiteFixture} from "./utils/SuiteFixture.sol";
import {IFinancing} from "../../contracts/interfaces/IFinancing.sol";

contract SmokeTest is SuiteFixture {
    function test_factoring_settlesAtomically() public {
        uint256 voucherId = issueVoucher(1, 100_000_00);
        mintCash(bank, 1_000_000_00);
        vm.prank(supplier);
        uint256 financingId = financing.request(voucherId, BANK_ORG, IFinancing.FinancingKind.Factoring, false, 0, 95_000_00);
        vm.prank(bank);
        financing.approveFactoring(financingId, 97_000_00, 800);
        assertEq(vouchers.partOf(voucherId).holder, bank, "bank holds the voucher");
        assertEq(cash.balanceOf(supplier), 97_000_00, "supplier got the advance");
    }
}
