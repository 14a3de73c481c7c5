// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SuiteFixture} from "./utils/SuiteFixture.sol";
import {ParticipantRegistry} from "../../contracts/ParticipantRegistry.sol";
import {ParticipantRoles} from "../../contracts/ParticipantRoles.sol";
import {IParticipantRegistry} from "../../contracts/interfaces/IParticipantRegistry.sol";

contract ParticipantRegistryTest is SuiteFixture {
    bytes16 internal constant NEW_ORG = bytes16(uint128(0x77));
    address internal newAccount = address(0xC0FFEE);
    address internal secondAccount = address(0xC0FFEF);

    function twoAccounts(address a, address b) internal pure returns (address[] memory accounts) {
        accounts = new address[](2);
        accounts[0] = a;
        accounts[1] = b;
    }

    function assertOrganisation(bytes16 organisationId, uint32 roles, bool suspended, bool exists) internal view {
        (uint32 actualRoles, bool actualSuspended, bool actualExists) = registry.organisation(organisationId);
        assertEq(uint256(actualRoles), uint256(roles), "roles");
        assertEq(actualSuspended, suspended, "suspended");
        assertEq(actualExists, exists, "exists");
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor_onboardsOperatorOrganisation() public view {
        assertOrganisation(OPERATOR_ORG, ParticipantRoles.OPERATOR, false, true);
        assertEq(registry.organisationOf(operator), OPERATOR_ORG, "operator account bound");
        assertTrue(registry.hasRole(operator, ParticipantRoles.OPERATOR), "operator holds OPERATOR");
        assertFalse(registry.hasRole(operator, ParticipantRoles.REGULATOR), "operator is not a regulator");
    }

    function test_constructor_emitsOnboardingEvents() public {
        vm.expectEmit();
        emit IParticipantRegistry.OrganisationOnboarded(NEW_ORG, ParticipantRoles.OPERATOR);
        vm.expectEmit();
        emit IParticipantRegistry.AccountAdded(NEW_ORG, newAccount);
        new ParticipantRegistry(NEW_ORG, newAccount);
    }

    function test_constructor_bootstrappedOperatorCanOnboard() public {
        ParticipantRegistry fresh = new ParticipantRegistry(NEW_ORG, newAccount);
        vm.prank(newAccount);
        fresh.onboard(REGULATOR_ORG, ParticipantRoles.REGULATOR, one(regulator));
        assertTrue(fresh.hasRole(regulator, ParticipantRoles.REGULATOR), "regulator onboarded");
    }

    function test_constructor_revertsIfOperatorIdZero() public {
        vm.expectRevert(IParticipantRegistry.ParticipantInvalidInput.selector);
        new ParticipantRegistry(bytes16(0), newAccount);
    }

    function test_constructor_revertsIfOperatorAccountZero() public {
        vm.expectRevert(IParticipantRegistry.ParticipantInvalidInput.selector);
        new ParticipantRegistry(NEW_ORG, address(0));
    }

    // ---------------------------------------------------------------- onboard

    function test_onboard_recordsRolesAndAccounts() public {
        uint32 roles = ParticipantRoles.SUPPLIER | ParticipantRoles.BANK;
        vm.prank(operator);
        registry.onboard(NEW_ORG, roles, twoAccounts(newAccount, secondAccount));

        assertOrganisation(NEW_ORG, roles, false, true);
        assertEq(registry.organisationOf(newAccount), NEW_ORG, "first account bound");
        assertEq(registry.organisationOf(secondAccount), NEW_ORG, "second account bound");
        assertTrue(registry.isActive(newAccount), "first account active");
        assertTrue(registry.isActive(secondAccount), "second account active");
    }

    function test_onboard_emitsOnboardedThenAccountEvents() public {
        vm.expectEmit();
        emit IParticipantRegistry.OrganisationOnboarded(NEW_ORG, ParticipantRoles.GUARANTOR);
        vm.expectEmit();
        emit IParticipantRegistry.AccountAdded(NEW_ORG, newAccount);
        vm.expectEmit();
        emit IParticipantRegistry.AccountAdded(NEW_ORG, secondAccount);
        vm.prank(operator);
        registry.onboard(NEW_ORG, ParticipantRoles.GUARANTOR, twoAccounts(newAccount, secondAccount));
    }

    function test_onboard_acceptsOrganisationWithoutAccounts() public {
        vm.prank(operator);
        registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER, new address[](0));
        assertOrganisation(NEW_ORG, ParticipantRoles.SUPPLIER, false, true);
    }

    function test_onboard_revertsIfCallerNotOperator() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, regulator, ParticipantRoles.OPERATOR
            )
        );
        vm.prank(regulator);
        registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER, one(newAccount));
    }

    function test_onboard_revertsIfCallerOutsider() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, outsider, ParticipantRoles.OPERATOR
            )
        );
        vm.prank(outsider);
        registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER, one(newAccount));
    }

    function test_onboard_revertsIfOperatorSuspended() public {
        vm.prank(regulator);
        registry.suspend(OPERATOR_ORG);

        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, operator, ParticipantRoles.OPERATOR
            )
        );
        vm.prank(operator);
        registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER, one(newAccount));
    }

    function test_onboard_revertsIfIdZero() public {
        vm.expectRevert(IParticipantRegistry.ParticipantInvalidInput.selector);
        vm.prank(operator);
        registry.onboard(bytes16(0), ParticipantRoles.SUPPLIER, one(newAccount));
    }

    function test_onboard_revertsIfRolesZero() public {
        vm.expectRevert(IParticipantRegistry.ParticipantInvalidInput.selector);
        vm.prank(operator);
        registry.onboard(NEW_ORG, 0, one(newAccount));
    }

    function test_onboard_revertsIfOrganisationExists() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantOrganisationExists.selector, SUPPLIER_ORG)
        );
        vm.prank(operator);
        registry.onboard(SUPPLIER_ORG, ParticipantRoles.SUPPLIER, one(newAccount));
    }

    function test_onboard_revertsIfAccountTaken() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantAccountTaken.selector, supplier, SUPPLIER_ORG)
        );
        vm.prank(operator);
        registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER, one(supplier));
    }

    function test_onboard_revertsIfAccountListedTwice() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantAccountTaken.selector, newAccount, NEW_ORG)
        );
        vm.prank(operator);
        registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER, twoAccounts(newAccount, newAccount));
    }

    function test_onboard_revertsIfAccountZero() public {
        vm.expectRevert(IParticipantRegistry.ParticipantInvalidInput.selector);
        vm.prank(operator);
        registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER, twoAccounts(newAccount, address(0)));
    }

    function test_onboard_leavesNothingBehindWhenAnAccountFails() public {
        vm.prank(operator);
        try registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER, twoAccounts(newAccount, supplier)) {
            revert AssertionFailed("onboard should have reverted");
        } catch {}
        assertOrganisation(NEW_ORG, 0, false, false);
        assertEq(registry.organisationOf(newAccount), bytes16(0), "first account not bound");
    }

    // ---------------------------------------------------------------- setRoles

    function test_setRoles_replacesRoles() public {
        uint32 roles = ParticipantRoles.SUPPLIER | ParticipantRoles.CORE_ENTERPRISE;
        vm.expectEmit();
        emit IParticipantRegistry.OrganisationRolesChanged(SUPPLIER_ORG, roles);
        vm.prank(operator);
        registry.setRoles(SUPPLIER_ORG, roles);

        assertOrganisation(SUPPLIER_ORG, roles, false, true);
        assertTrue(registry.hasRole(supplier, ParticipantRoles.CORE_ENTERPRISE), "gained CORE_ENTERPRISE");
    }

    function test_setRoles_removesRolesNotListed() public {
        vm.prank(operator);
        registry.setRoles(BANK_ORG, ParticipantRoles.GUARANTOR);
        assertFalse(registry.hasRole(bank, ParticipantRoles.BANK), "lost BANK");
        assertTrue(registry.hasRole(bank, ParticipantRoles.GUARANTOR), "gained GUARANTOR");
    }

    function test_setRoles_revertsIfCallerNotOperator() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, regulator, ParticipantRoles.OPERATOR
            )
        );
        vm.prank(regulator);
        registry.setRoles(SUPPLIER_ORG, ParticipantRoles.BANK);
    }

    function test_setRoles_revertsIfRolesZero() public {
        vm.expectRevert(IParticipantRegistry.ParticipantInvalidInput.selector);
        vm.prank(operator);
        registry.setRoles(SUPPLIER_ORG, 0);
    }

    function test_setRoles_revertsIfOrganisationUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantUnknownOrganisation.selector, NEW_ORG));
        vm.prank(operator);
        registry.setRoles(NEW_ORG, ParticipantRoles.BANK);
    }

    // ---------------------------------------------------------------- addAccount

    function test_addAccount_bindsAccountToOrganisation() public {
        vm.expectEmit();
        emit IParticipantRegistry.AccountAdded(BANK_ORG, newAccount);
        vm.prank(operator);
        registry.addAccount(BANK_ORG, newAccount);

        assertEq(registry.organisationOf(newAccount), BANK_ORG, "account bound");
        assertTrue(registry.hasRole(newAccount, ParticipantRoles.BANK), "new account acts for the bank");
        assertTrue(registry.hasRole(bank, ParticipantRoles.BANK), "existing account unaffected");
    }

    function test_addAccount_revertsIfCallerNotOperator() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, bank, ParticipantRoles.OPERATOR)
        );
        vm.prank(bank);
        registry.addAccount(BANK_ORG, newAccount);
    }

    function test_addAccount_revertsIfOrganisationUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantUnknownOrganisation.selector, NEW_ORG));
        vm.prank(operator);
        registry.addAccount(NEW_ORG, newAccount);
    }

    function test_addAccount_revertsIfAccountTaken() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantAccountTaken.selector, otherBank, OTHER_BANK_ORG)
        );
        vm.prank(operator);
        registry.addAccount(BANK_ORG, otherBank);
    }

    function test_addAccount_revertsIfAccountAlreadyInSameOrganisation() public {
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantAccountTaken.selector, bank, BANK_ORG));
        vm.prank(operator);
        registry.addAccount(BANK_ORG, bank);
    }

    function test_addAccount_revertsIfAccountZero() public {
        vm.expectRevert(IParticipantRegistry.ParticipantInvalidInput.selector);
        vm.prank(operator);
        registry.addAccount(BANK_ORG, address(0));
    }

    // ---------------------------------------------------------------- removeAccount

    function test_removeAccount_unbindsAndDeactivatesAccount() public {
        vm.expectEmit();
        emit IParticipantRegistry.AccountRemoved(SUPPLIER_ORG, supplier);
        vm.prank(operator);
        registry.removeAccount(supplier);

        assertEq(registry.organisationOf(supplier), bytes16(0), "account unbound");
        assertFalse(registry.isActive(supplier), "removed account inactive");
        assertFalse(registry.hasRole(supplier, ParticipantRoles.SUPPLIER), "removed account has no role");
        assertOrganisation(SUPPLIER_ORG, ParticipantRoles.SUPPLIER, false, true);
    }

    function test_removeAccount_freesAccountForAnotherOrganisation() public {
        vm.startPrank(operator);
        registry.removeAccount(supplier);
        registry.addAccount(SUB_SUPPLIER_ORG, supplier);
        vm.stopPrank();
        assertEq(registry.organisationOf(supplier), SUB_SUPPLIER_ORG, "rebound to the other organisation");
    }

    function test_removeAccount_revertsIfCallerNotOperator() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, supplier, ParticipantRoles.OPERATOR
            )
        );
        vm.prank(supplier);
        registry.removeAccount(supplier);
    }

    function test_removeAccount_revertsIfAccountUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantUnknownAccount.selector, outsider));
        vm.prank(operator);
        registry.removeAccount(outsider);
    }

    function test_removeAccount_revertsIfAlreadyRemoved() public {
        vm.startPrank(operator);
        registry.removeAccount(supplier);
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantUnknownAccount.selector, supplier));
        registry.removeAccount(supplier);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- suspend / reinstate

    function test_suspend_deactivatesEveryAccountOfTheOrganisation() public {
        vm.prank(operator);
        registry.addAccount(BANK_ORG, newAccount);

        vm.expectEmit();
        emit IParticipantRegistry.OrganisationSuspended(BANK_ORG, regulator);
        vm.prank(regulator);
        registry.suspend(BANK_ORG);

        assertOrganisation(BANK_ORG, ParticipantRoles.BANK, true, true);
        assertFalse(registry.isActive(bank), "first account inactive");
        assertFalse(registry.isActive(newAccount), "second account inactive");
        assertFalse(registry.hasRole(bank, ParticipantRoles.BANK), "suspended bank holds no role");
        assertEq(registry.organisationOf(bank), BANK_ORG, "membership survives suspension");
        assertTrue(registry.isActive(otherBank), "other organisations unaffected");
    }

    function test_suspend_revertsIfCallerNotRegulator() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, operator, ParticipantRoles.REGULATOR
            )
        );
        vm.prank(operator);
        registry.suspend(BANK_ORG);
    }

    function test_suspend_revertsIfAlreadySuspended() public {
        vm.startPrank(regulator);
        registry.suspend(BANK_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantSuspensionUnchanged.selector, BANK_ORG, true)
        );
        registry.suspend(BANK_ORG);
        vm.stopPrank();
    }

    function test_suspend_revertsIfOrganisationUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantUnknownOrganisation.selector, NEW_ORG));
        vm.prank(regulator);
        registry.suspend(NEW_ORG);
    }

    function test_reinstate_reactivatesAccounts() public {
        vm.startPrank(regulator);
        registry.suspend(BANK_ORG);
        vm.expectEmit();
        emit IParticipantRegistry.OrganisationReinstated(BANK_ORG, regulator);
        registry.reinstate(BANK_ORG);
        vm.stopPrank();

        assertOrganisation(BANK_ORG, ParticipantRoles.BANK, false, true);
        assertTrue(registry.isActive(bank), "active again");
        assertTrue(registry.hasRole(bank, ParticipantRoles.BANK), "role usable again");
    }

    function test_reinstate_revertsIfCallerNotRegulator() public {
        vm.prank(regulator);
        registry.suspend(BANK_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, operator, ParticipantRoles.REGULATOR
            )
        );
        vm.prank(operator);
        registry.reinstate(BANK_ORG);
    }

    function test_reinstate_revertsIfNotSuspended() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantSuspensionUnchanged.selector, BANK_ORG, false)
        );
        vm.prank(regulator);
        registry.reinstate(BANK_ORG);
    }

    function test_reinstate_revertsIfOrganisationUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.ParticipantUnknownOrganisation.selector, NEW_ORG));
        vm.prank(regulator);
        registry.reinstate(NEW_ORG);
    }

    function test_reinstate_revertsIfRegulatorItselfSuspended() public {
        // A suspended regulator loses its role like anyone else; a second regulator must lift it.
        vm.prank(regulator);
        registry.suspend(REGULATOR_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(
                IParticipantRegistry.ParticipantMissingRole.selector, regulator, ParticipantRoles.REGULATOR
            )
        );
        vm.prank(regulator);
        registry.reinstate(REGULATOR_ORG);
    }

    // ---------------------------------------------------------------- isActive / hasRole / requireRole

    function test_isActive_falseForOutsiderAndZeroAddress() public view {
        assertFalse(registry.isActive(outsider), "outsider");
        assertFalse(registry.isActive(address(0)), "zero address");
    }

    function test_hasRole_requiresEveryBitOfTheRole() public {
        vm.prank(operator);
        registry.onboard(NEW_ORG, ParticipantRoles.SUPPLIER | ParticipantRoles.BANK, one(newAccount));

        assertTrue(registry.hasRole(newAccount, ParticipantRoles.SUPPLIER), "SUPPLIER");
        assertTrue(registry.hasRole(newAccount, ParticipantRoles.BANK), "BANK");
        assertTrue(registry.hasRole(newAccount, ParticipantRoles.SUPPLIER | ParticipantRoles.BANK), "both");
        assertFalse(
            registry.hasRole(newAccount, ParticipantRoles.SUPPLIER | ParticipantRoles.GUARANTOR), "one bit missing"
        );
        assertFalse(registry.hasRole(newAccount, ParticipantRoles.GUARANTOR), "GUARANTOR");
    }

    function test_hasRole_falseForOutsiderEvenForEmptyRole() public view {
        assertFalse(registry.hasRole(outsider, 0), "outsider holds nothing");
        assertFalse(registry.hasRole(outsider, ParticipantRoles.SUPPLIER), "outsider holds no role");
    }

    function test_requireRole_returnsOrganisation() public view {
        assertEq(registry.requireRole(bank, ParticipantRoles.BANK), BANK_ORG, "bank organisation");
    }

    function test_requireRole_revertsIfRoleMissing() public {
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, bank, ParticipantRoles.SUPPLIER)
        );
        registry.requireRole(bank, ParticipantRoles.SUPPLIER);
    }

    function test_requireRole_revertsIfOrganisationSuspended() public {
        vm.prank(regulator);
        registry.suspend(BANK_ORG);
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, bank, ParticipantRoles.BANK)
        );
        registry.requireRole(bank, ParticipantRoles.BANK);
    }

    function test_requireRole_revertsIfAccountRemoved() public {
        vm.prank(operator);
        registry.removeAccount(bank);
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.ParticipantMissingRole.selector, bank, ParticipantRoles.BANK)
        );
        registry.requireRole(bank, ParticipantRoles.BANK);
    }

    function testFuzz_hasRole_trueExactlyWhenEveryBitHeld(uint256 heldSeed, uint256 askedSeed) public {
        uint32 held = uint32(bound(heldSeed, 1, type(uint32).max));
        uint32 asked = uint32(bound(askedSeed, 0, type(uint32).max));
        vm.prank(operator);
        registry.onboard(NEW_ORG, held, one(newAccount));

        assertEq(registry.hasRole(newAccount, asked), (held & asked) == asked, "hasRole matches the bit test");

        vm.prank(regulator);
        registry.suspend(NEW_ORG);
        assertFalse(registry.hasRole(newAccount, asked), "suspended organisation holds nothing");
    }
}
