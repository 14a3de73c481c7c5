// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SuiteFixture} from "./utils/SuiteFixture.sol";
import {IComplianceRules} from "../../contracts/interfaces/IComplianceRules.sol";

contract ComplianceRulesTest is SuiteFixture {
    uint256 internal constant LIMIT = 500_000_00;
    uint256 internal constant CAPACITY = 200_000_00;

    bytes32 internal platformRole;

    function setUp() public override {
        super.setUp();
        // The test contract plays a platform contract, so bookings can be driven directly.
        platformRole = compliance.PLATFORM_ROLE();
        compliance.grantRole(platformRole, address(this));
    }

    function expectNotRegulator(address caller) internal {
        vm.expectRevert(abi.encodeWithSelector(IComplianceRules.ComplianceNotRegulator.selector, caller));
    }

    function expectNotPlatform(address caller) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, platformRole)
        );
    }

    function expectPanicUnderflow() internal {
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
    }

    function setOverride(uint256 limit) internal {
        vm.prank(regulator);
        compliance.setExposureLimit(BANK_ORG, BUYER_ORG, limit);
    }

    function setCapacity(uint256 capacity) internal {
        vm.prank(regulator);
        compliance.setGuarantorCapacity(GUARANTOR_ORG, capacity);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor_setsDefaultLimitAndGracePeriod() public view {
        assertEq(compliance.exposureLimitOf(BANK_ORG, BUYER_ORG), DEFAULT_EXPOSURE_LIMIT, "default limit");
        assertEq(uint256(compliance.gracePeriod()), GRACE_PERIOD, "grace period");
        (uint256 capacity, uint256 used) = compliance.guarantorCapacityOf(GUARANTOR_ORG);
        assertEq(capacity, 0, "no capacity until the regulator grants it");
        assertEq(used, 0, "nothing used");
    }

    // ---------------------------------------------------------------- setDefaultExposureLimit

    function test_setDefaultExposureLimit_appliesToPairsWithoutOverride() public {
        vm.expectEmit();
        emit IComplianceRules.DefaultExposureLimitSet(LIMIT);
        vm.prank(regulator);
        compliance.setDefaultExposureLimit(LIMIT);

        assertEq(compliance.exposureLimitOf(BANK_ORG, BUYER_ORG), LIMIT, "bank-buyer");
        assertEq(compliance.exposureLimitOf(OTHER_BANK_ORG, SUPPLIER_ORG), LIMIT, "any other pair");
    }

    function test_setDefaultExposureLimit_doesNotChangeOverrides() public {
        setOverride(LIMIT);
        vm.prank(regulator);
        compliance.setDefaultExposureLimit(LIMIT * 2);
        assertEq(compliance.exposureLimitOf(BANK_ORG, BUYER_ORG), LIMIT, "override still in force");
    }

    function test_setDefaultExposureLimit_revertsIfCallerNotRegulator() public {
        expectNotRegulator(operator);
        vm.prank(operator);
        compliance.setDefaultExposureLimit(LIMIT);
    }

    function test_setDefaultExposureLimit_revertsIfCallerIsAdmin() public {
        // Deployer admin rights do not make anyone a regulator.
        expectNotRegulator(address(this));
        compliance.setDefaultExposureLimit(LIMIT);
    }

    function test_setDefaultExposureLimit_revertsIfRegulatorSuspended() public {
        vm.prank(regulator);
        registry.suspend(REGULATOR_ORG);
        expectNotRegulator(regulator);
        vm.prank(regulator);
        compliance.setDefaultExposureLimit(LIMIT);
    }

    // ---------------------------------------------------------------- setExposureLimit / clearExposureLimit

    function test_setExposureLimit_overridesDefaultForOnePair() public {
        vm.expectEmit();
        emit IComplianceRules.ExposureLimitSet(BANK_ORG, BUYER_ORG, LIMIT);
        setOverride(LIMIT);

        assertEq(compliance.exposureLimitOf(BANK_ORG, BUYER_ORG), LIMIT, "override");
        assertEq(compliance.exposureLimitOf(OTHER_BANK_ORG, BUYER_ORG), DEFAULT_EXPOSURE_LIMIT, "other bank");
        assertEq(compliance.exposureLimitOf(BUYER_ORG, BANK_ORG), DEFAULT_EXPOSURE_LIMIT, "pair is ordered");
    }

    function test_setExposureLimit_zeroForbidsNewFinancing() public {
        setOverride(0);
        assertEq(compliance.exposureLimitOf(BANK_ORG, BUYER_ORG), 0, "zero is a real limit");
        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceExposureLimitExceeded.selector, BANK_ORG, BUYER_ORG, 0, 1, 0
            )
        );
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1);
    }

    function test_setExposureLimit_acceptsLargestLimit() public {
        setOverride(type(uint248).max);
        assertEq(compliance.exposureLimitOf(BANK_ORG, BUYER_ORG), type(uint248).max, "uint248 max");
    }

    function test_setExposureLimit_revertsIfLimitTooLarge() public {
        uint256 limit = uint256(type(uint248).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IComplianceRules.ComplianceLimitTooLarge.selector, limit));
        setOverride(limit);
    }

    function test_setExposureLimit_revertsIfCallerNotRegulator() public {
        expectNotRegulator(bank);
        vm.prank(bank);
        compliance.setExposureLimit(BANK_ORG, BUYER_ORG, LIMIT * 10);
    }

    function test_clearExposureLimit_restoresDefault() public {
        setOverride(0);
        vm.expectEmit();
        emit IComplianceRules.ExposureLimitCleared(BANK_ORG, BUYER_ORG);
        vm.prank(regulator);
        compliance.clearExposureLimit(BANK_ORG, BUYER_ORG);

        assertEq(compliance.exposureLimitOf(BANK_ORG, BUYER_ORG), DEFAULT_EXPOSURE_LIMIT, "default again");
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1);
        assertEq(compliance.exposureOf(BANK_ORG, BUYER_ORG), 1, "financing allowed again");
    }

    function test_clearExposureLimit_revertsIfCallerNotRegulator() public {
        setOverride(0);
        expectNotRegulator(bank);
        vm.prank(bank);
        compliance.clearExposureLimit(BANK_ORG, BUYER_ORG);
    }

    // ---------------------------------------------------------------- setGuarantorCapacity / setGracePeriod

    function test_setGuarantorCapacity_setsCapacity() public {
        vm.expectEmit();
        emit IComplianceRules.GuarantorCapacitySet(GUARANTOR_ORG, CAPACITY);
        setCapacity(CAPACITY);
        (uint256 capacity, uint256 used) = compliance.guarantorCapacityOf(GUARANTOR_ORG);
        assertEq(capacity, CAPACITY, "capacity");
        assertEq(used, 0, "used");
    }

    function test_setGuarantorCapacity_revertsIfCallerNotRegulator() public {
        expectNotRegulator(guarantor);
        vm.prank(guarantor);
        compliance.setGuarantorCapacity(GUARANTOR_ORG, CAPACITY);
    }

    function test_setGracePeriod_setsGracePeriod() public {
        vm.expectEmit();
        emit IComplianceRules.GracePeriodSet(30 days);
        vm.prank(regulator);
        compliance.setGracePeriod(30 days);
        assertEq(uint256(compliance.gracePeriod()), 30 days, "grace period");
    }

    function test_setGracePeriod_revertsIfCallerNotRegulator() public {
        expectNotRegulator(outsider);
        vm.prank(outsider);
        compliance.setGracePeriod(0);
    }

    // ---------------------------------------------------------------- increaseExposure / decreaseExposure

    function test_increaseExposure_booksExposure() public {
        vm.expectEmit();
        emit IComplianceRules.ExposureChanged(BANK_ORG, BUYER_ORG, 100);
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 100);
        vm.expectEmit();
        emit IComplianceRules.ExposureChanged(BANK_ORG, BUYER_ORG, 350);
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 250);

        assertEq(compliance.exposureOf(BANK_ORG, BUYER_ORG), 350, "accumulated");
        assertEq(compliance.exposureOf(OTHER_BANK_ORG, BUYER_ORG), 0, "other bank untouched");
    }

    function test_increaseExposure_allowsExactlyTheLimit() public {
        setOverride(LIMIT);
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, LIMIT - 1);
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1);
        assertEq(compliance.exposureOf(BANK_ORG, BUYER_ORG), LIMIT, "at the limit");
    }

    function test_increaseExposure_revertsIfLimitExceeded() public {
        setOverride(LIMIT);
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, LIMIT - 10);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceExposureLimitExceeded.selector, BANK_ORG, BUYER_ORG, LIMIT - 10, 11, LIMIT
            )
        );
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 11);
    }

    function test_increaseExposure_revertsIfDefaultLimitExceeded() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceExposureLimitExceeded.selector,
                BANK_ORG,
                BUYER_ORG,
                0,
                DEFAULT_EXPOSURE_LIMIT + 1,
                DEFAULT_EXPOSURE_LIMIT
            )
        );
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, DEFAULT_EXPOSURE_LIMIT + 1);
    }

    function test_increaseExposure_loweredLimitBlocksNewBookingsOnly() public {
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, LIMIT);
        setOverride(LIMIT / 2);
        assertEq(compliance.exposureOf(BANK_ORG, BUYER_ORG), LIMIT, "booked exposure not unwound");

        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceExposureLimitExceeded.selector, BANK_ORG, BUYER_ORG, LIMIT, 1, LIMIT / 2
            )
        );
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1);

        compliance.decreaseExposure(BANK_ORG, BUYER_ORG, LIMIT);
        assertEq(compliance.exposureOf(BANK_ORG, BUYER_ORG), 0, "can still be released");
    }

    function test_increaseExposure_revertsIfCallerLacksPlatformRole() public {
        expectNotPlatform(bank);
        vm.prank(bank);
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1);
    }

    function test_increaseExposure_revertsIfCallerIsRegulator() public {
        expectNotPlatform(regulator);
        vm.prank(regulator);
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1);
    }

    function test_decreaseExposure_releasesExposure() public {
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1_000);
        vm.expectEmit();
        emit IComplianceRules.ExposureChanged(BANK_ORG, BUYER_ORG, 400);
        compliance.decreaseExposure(BANK_ORG, BUYER_ORG, 600);
        assertEq(compliance.exposureOf(BANK_ORG, BUYER_ORG), 400, "remaining");
    }

    function test_decreaseExposure_revertsBelowZero() public {
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1_000);
        expectPanicUnderflow();
        compliance.decreaseExposure(BANK_ORG, BUYER_ORG, 1_001);
    }

    function test_decreaseExposure_revertsForAnotherPairsExposure() public {
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1_000);
        expectPanicUnderflow();
        compliance.decreaseExposure(OTHER_BANK_ORG, BUYER_ORG, 1);
    }

    function test_decreaseExposure_revertsIfCallerLacksPlatformRole() public {
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, 1_000);
        expectNotPlatform(bank);
        vm.prank(bank);
        compliance.decreaseExposure(BANK_ORG, BUYER_ORG, 1_000);
    }

    // ---------------------------------------------------------------- guarantee capacity

    function test_useGuaranteeCapacity_booksCover() public {
        setCapacity(CAPACITY);
        vm.expectEmit();
        emit IComplianceRules.GuaranteeCapacityUsed(GUARANTOR_ORG, CAPACITY - 1);
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, CAPACITY - 1);
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, 1);

        (uint256 capacity, uint256 used) = compliance.guarantorCapacityOf(GUARANTOR_ORG);
        assertEq(capacity, CAPACITY, "capacity unchanged");
        assertEq(used, CAPACITY, "used up to capacity");
    }

    function test_useGuaranteeCapacity_revertsIfCapacityExceeded() public {
        setCapacity(CAPACITY);
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, CAPACITY / 2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceGuarantorCapacityExceeded.selector,
                GUARANTOR_ORG,
                CAPACITY / 2,
                CAPACITY / 2 + 1,
                CAPACITY
            )
        );
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, CAPACITY / 2 + 1);
    }

    function test_useGuaranteeCapacity_revertsWithoutCapacity() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceGuarantorCapacityExceeded.selector, GUARANTOR_ORG, 0, 1, 0
            )
        );
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, 1);
    }

    function test_useGuaranteeCapacity_loweredCapacityBlocksNewCover() public {
        setCapacity(CAPACITY);
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, CAPACITY);
        setCapacity(CAPACITY / 2);
        (, uint256 used) = compliance.guarantorCapacityOf(GUARANTOR_ORG);
        assertEq(used, CAPACITY, "booked cover not unwound");
        vm.expectRevert(
            abi.encodeWithSelector(
                IComplianceRules.ComplianceGuarantorCapacityExceeded.selector,
                GUARANTOR_ORG,
                CAPACITY,
                1,
                CAPACITY / 2
            )
        );
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, 1);
    }

    function test_useGuaranteeCapacity_revertsIfCallerLacksPlatformRole() public {
        setCapacity(CAPACITY);
        expectNotPlatform(guarantor);
        vm.prank(guarantor);
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, 1);
    }

    function test_releaseGuaranteeCapacity_freesCover() public {
        setCapacity(CAPACITY);
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, CAPACITY);
        vm.expectEmit();
        emit IComplianceRules.GuaranteeCapacityUsed(GUARANTOR_ORG, CAPACITY - 300);
        compliance.releaseGuaranteeCapacity(GUARANTOR_ORG, 300);

        (, uint256 used) = compliance.guarantorCapacityOf(GUARANTOR_ORG);
        assertEq(used, CAPACITY - 300, "released");
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, 300);
    }

    function test_releaseGuaranteeCapacity_revertsBelowZero() public {
        setCapacity(CAPACITY);
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, 10);
        expectPanicUnderflow();
        compliance.releaseGuaranteeCapacity(GUARANTOR_ORG, 11);
    }

    function test_releaseGuaranteeCapacity_revertsIfCallerLacksPlatformRole() public {
        setCapacity(CAPACITY);
        compliance.useGuaranteeCapacity(GUARANTOR_ORG, 10);
        expectNotPlatform(guarantor);
        vm.prank(guarantor);
        compliance.releaseGuaranteeCapacity(GUARANTOR_ORG, 10);
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Books and releases a sequence of amounts; every booking beyond the limit must revert with the
    /// exact figures, and exposure must match a shadow ledger and never pass the limit.
    function testFuzz_increaseExposure_neverExceedsLimit(uint256 limitSeed, uint256[12] memory amounts) public {
        uint256 limit = bound(limitSeed, 0, type(uint128).max);
        setOverride(limit);
        uint256 expected;
        for (uint256 i = 0; i < amounts.length; ++i) {
            if (amounts[i] % 4 == 0 && expected > 0) {
                uint256 release = bound(amounts[i] >> 2, 1, expected);
                compliance.decreaseExposure(BANK_ORG, BUYER_ORG, release);
                expected -= release;
            } else {
                uint256 amount = bound(amounts[i], 0, limit + limit / 2 + 1);
                if (expected + amount > limit) {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            IComplianceRules.ComplianceExposureLimitExceeded.selector,
                            BANK_ORG,
                            BUYER_ORG,
                            expected,
                            amount,
                            limit
                        )
                    );
                    compliance.increaseExposure(BANK_ORG, BUYER_ORG, amount);
                } else {
                    compliance.increaseExposure(BANK_ORG, BUYER_ORG, amount);
                    expected += amount;
                }
            }
            uint256 exposure = compliance.exposureOf(BANK_ORG, BUYER_ORG);
            assertEq(exposure, expected, "exposure matches the shadow ledger");
            assertLe(exposure, limit, "exposure within the limit");
        }
    }

    function testFuzz_useGuaranteeCapacity_neverExceedsCapacity(uint256 capacitySeed, uint256[12] memory amounts)
        public
    {
        uint256 capacity = bound(capacitySeed, 0, type(uint128).max);
        setCapacity(capacity);
        uint256 expected;
        for (uint256 i = 0; i < amounts.length; ++i) {
            if (amounts[i] % 4 == 0 && expected > 0) {
                uint256 release = bound(amounts[i] >> 2, 1, expected);
                compliance.releaseGuaranteeCapacity(GUARANTOR_ORG, release);
                expected -= release;
            } else {
                uint256 amount = bound(amounts[i], 0, capacity + capacity / 2 + 1);
                if (expected + amount > capacity) {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            IComplianceRules.ComplianceGuarantorCapacityExceeded.selector,
                            GUARANTOR_ORG,
                            expected,
                            amount,
                            capacity
                        )
                    );
                    compliance.useGuaranteeCapacity(GUARANTOR_ORG, amount);
                } else {
                    compliance.useGuaranteeCapacity(GUARANTOR_ORG, amount);
                    expected += amount;
                }
            }
            (, uint256 used) = compliance.guarantorCapacityOf(GUARANTOR_ORG);
            assertEq(used, expected, "used matches the shadow ledger");
            assertLe(used, capacity, "used within capacity");
        }
    }

    function testFuzz_setExposureLimit_revertsAboveUint248(uint256 limit) public {
        limit = bound(limit, uint256(type(uint248).max) + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IComplianceRules.ComplianceLimitTooLarge.selector, limit));
        setOverride(limit);
    }

    function testFuzz_decreaseExposure_revertsAboveBooked(uint256 booked, uint256 released) public {
        booked = bound(booked, 0, DEFAULT_EXPOSURE_LIMIT);
        released = bound(released, booked + 1, type(uint256).max);
        compliance.increaseExposure(BANK_ORG, BUYER_ORG, booked);
        expectPanicUnderflow();
        compliance.decreaseExposure(BANK_ORG, BUYER_ORG, released);
    }
}
