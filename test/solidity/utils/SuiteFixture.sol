// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {CashToken} from "../../../contracts/CashToken.sol";
import {ComplianceRules} from "../../../contracts/ComplianceRules.sol";
import {Financing} from "../../../contracts/Financing.sol";
import {Guarantees} from "../../../contracts/Guarantees.sol";
import {InvoiceRegistry} from "../../../contracts/InvoiceRegistry.sol";
import {ParticipantRegistry} from "../../../contracts/ParticipantRegistry.sol";
import {ParticipantRoles} from "../../../contracts/ParticipantRoles.sol";
import {VoucherSettlement} from "../../../contracts/VoucherSettlement.sol";
import {VoucherToken} from "../../../contracts/VoucherToken.sol";
import {IInvoiceRegistry} from "../../../contracts/interfaces/IInvoiceRegistry.sol";
import {IVoucherToken} from "../../../contracts/interfaces/IVoucherToken.sol";
import {Test} from "./Test.sol";

/// @notice Deploys and wires the whole suite the way `scripts/deploy.ts` does, and onboards one
/// organisation per role (plus a second supplier tier, a second bank and an outsider) for tests to use.
abstract contract SuiteFixture is Test {
    ParticipantRegistry internal registry;
    InvoiceRegistry internal invoices;
    VoucherToken internal vouchers;
    CashToken internal cash;
    ComplianceRules internal compliance;
    Financing internal financing;
    Guarantees internal guarantees;
    VoucherSettlement internal settlement;

    uint256 internal constant DEFAULT_EXPOSURE_LIMIT = 1_000_000_000_00; // one billion units, in minor units
    uint64 internal constant GRACE_PERIOD = 7 days;
    uint64 internal constant MATURITY_DELAY = 90 days;

    // Organisations (16-byte ids, as the backend's UUIDs).
    bytes16 internal constant OPERATOR_ORG = bytes16(uint128(0x0a));
    bytes16 internal constant REGULATOR_ORG = bytes16(uint128(0x0b));
    bytes16 internal constant TAX_ORG = bytes16(uint128(0x0c));
    bytes16 internal constant BUYER_ORG = bytes16(uint128(0x0d)); // core enterprise, the debtor
    bytes16 internal constant SUPPLIER_ORG = bytes16(uint128(0x1e)); // tier 1
    bytes16 internal constant SUB_SUPPLIER_ORG = bytes16(uint128(0x2e)); // tier 2
    bytes16 internal constant BANK_ORG = bytes16(uint128(0xba));
    bytes16 internal constant OTHER_BANK_ORG = bytes16(uint128(0xbb));
    bytes16 internal constant GUARANTOR_ORG = bytes16(uint128(0x60));

    // One signing account each; `outsider` belongs to no organisation.
    address internal operator = address(0xA11CE);
    address internal regulator = address(0xB0B);
    address internal taxAuthority = address(0x7A7);
    address internal buyer = address(0xB1E7);
    address internal supplier = address(0x5111);
    address internal subSupplier = address(0x5222);
    address internal bank = address(0xBA11);
    address internal otherBank = address(0xBA22);
    address internal guarantor = address(0x6A6A);
    address internal outsider = address(0x0DD);

    function setUp() public virtual {
        deploySuite();
        onboardParticipants();
    }

    function deploySuite() internal {
        registry = new ParticipantRegistry(OPERATOR_ORG, operator);
        invoices = new InvoiceRegistry(registry, address(this));
        vouchers = new VoucherToken(registry, invoices, address(this));
        invoices.setVoucherToken(vouchers);
        cash = new CashToken(registry, address(this));
        compliance = new ComplianceRules(registry, address(this), DEFAULT_EXPOSURE_LIMIT, GRACE_PERIOD);
        financing = new Financing(registry, vouchers, cash, compliance, address(this));
        guarantees = new Guarantees(registry, financing, vouchers, cash, compliance, address(this));
        settlement = new VoucherSettlement(registry, vouchers, cash, financing, compliance, address(this));

        bytes32 platform = vouchers.PLATFORM_ROLE();
        vouchers.grantRole(platform, address(financing));
        vouchers.grantRole(platform, address(guarantees));
        vouchers.grantRole(platform, address(settlement));
        cash.grantRole(platform, address(financing));
        cash.grantRole(platform, address(guarantees));
        cash.grantRole(platform, address(settlement));
        compliance.grantRole(platform, address(financing));
        compliance.grantRole(platform, address(guarantees));
        financing.grantRole(platform, address(settlement));
    }

    function onboardParticipants() internal {
        vm.startPrank(operator);
        _onboard(REGULATOR_ORG, ParticipantRoles.REGULATOR, regulator);
        _onboard(TAX_ORG, ParticipantRoles.TAX_AUTHORITY, taxAuthority);
        _onboard(BUYER_ORG, ParticipantRoles.CORE_ENTERPRISE, buyer);
        _onboard(SUPPLIER_ORG, ParticipantRoles.SUPPLIER, supplier);
        _onboard(SUB_SUPPLIER_ORG, ParticipantRoles.SUPPLIER, subSupplier);
        _onboard(BANK_ORG, ParticipantRoles.BANK, bank);
        _onboard(OTHER_BANK_ORG, ParticipantRoles.BANK, otherBank);
        _onboard(GUARANTOR_ORG, ParticipantRoles.GUARANTOR, guarantor);
        vm.stopPrank();
    }

    function _onboard(bytes16 organisationId, uint32 roles, address account) private {
        address[] memory accounts = new address[](1);
        accounts[0] = account;
        registry.onboard(organisationId, roles, accounts);
    }

    // ---------------------------------------------------------------- helpers for the receivable flow

    function invoiceKey(uint256 number) internal pure returns (bytes32) {
        return keccak256(abi.encode("91420100MA4K0TAX1", "4200211130", number));
    }

    /// @dev Registers an invoice of `supplier` owed by `buyer` and has the tax authority attest it Valid.
    function registerAndAttest(bytes32 key, uint128 amount) internal {
        bytes32[] memory keys = new bytes32[](1);
        keys[0] = key;
        bytes16[] memory debtors = new bytes16[](1);
        debtors[0] = BUYER_ORG;
        vm.prank(supplier);
        invoices.register(keys, debtors);
        attest(key, IInvoiceRegistry.InvoiceStatus.Valid, amount);
    }

    function attest(bytes32 key, IInvoiceRegistry.InvoiceStatus status, uint128 amount) internal {
        IInvoiceRegistry.Attestation[] memory batch = new IInvoiceRegistry.Attestation[](1);
        batch[0] = IInvoiceRegistry.Attestation({invoiceKey: key, status: status, amount: amount});
        vm.prank(taxAuthority);
        invoices.attest(batch);
    }

    /// @dev The whole path to a voucher held by `supplier`: register, attest, confirm.
    function issueVoucher(uint256 invoiceNumber, uint128 faceValue) internal returns (uint256 voucherId) {
        bytes32 key = invoiceKey(invoiceNumber);
        registerAndAttest(key, faceValue);
        vm.prank(buyer);
        voucherId = vouchers.issue(
            IVoucherToken.Issuance({
                invoiceKey: key,
                holder: supplier,
                faceValue: faceValue,
                maturity: uint64(block.timestamp) + MATURITY_DELAY
            })
        );
    }

    function mintCash(address to, uint256 amount) internal {
        vm.prank(bank);
        cash.mint(to, amount);
    }

    function one(uint256 value) internal pure returns (uint256[] memory values) {
        values = new uint256[](1);
        values[0] = value;
    }

    function one(address value) internal pure returns (address[] memory values) {
        values = new address[](1);
        values[0] = value;
    }
}
