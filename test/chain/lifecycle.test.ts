// SPDX-License-Identifier: Apache-2.0
//
// One receivable through its whole life on the in-process chain, deployed by the same `deploySuite` that
// `scripts/deploy.ts` uses: invoice, attestation, voucher, split down the supply chain, factoring with
// recourse (DvP), a guarantee, default, the guarantee claim and subrogation, late payment by the debtor.
// It checks what the Solidity unit tests cannot see end to end: every party ends up paid, and cash,
// exposure and guarantee capacity reconcile to the unit.

import { expect } from "chai";
import { describe, it } from "mocha";
import { network } from "hardhat";
import { deploySuite, organisationId, ParticipantRoles } from "../../scripts/lib/deploy-suite.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const DAY = 24n * 60n * 60n;
const GRACE_PERIOD = 7n * DAY;
const MATURITY_DELAY = 90n * DAY;
const DEFAULT_EXPOSURE_LIMIT = 1_000_000_000_00n;

const OPERATOR_ORG = organisationId(0x0a);
const REGULATOR_ORG = organisationId(0x0b);
const TAX_ORG = organisationId(0x0c);
const BUYER_ORG = organisationId(0x0d); // core enterprise, the debtor
const SUPPLIER_ORG = organisationId(0x1e); // tier 1
const SUB_SUPPLIER_ORG = organisationId(0x2e); // tier 2
const BANK_ORG = organisationId(0xba);
const OTHER_BANK_ORG = organisationId(0xbb);
const GUARANTOR_ORG = organisationId(0x60);

// Enum values, as declared in the interfaces.
const InvoiceStatus = { Valid: 2n, Voided: 3n } as const;
const VoucherStatus = { Active: 1n, Defaulted: 2n, Paid: 3n } as const;
const FinancingKind = { Factoring: 0n } as const;
const FinancingStatus = { Active: 4n, Settled: 6n } as const;
const GuaranteeStatus = { Offered: 1n, Active: 3n, Claimed: 4n, Paid: 5n } as const;

// Amounts in minor units (two decimals).
const FACE_VALUE = 100_000_00n;
const TIER2_AMOUNT = 40_000_00n; // what the supplier passes down to its own supplier
const MIN_ADVANCE = 38_000_00n;
const ADVANCE = 38_800_00n; // the bank buys 40,000.00 for 38,800.00
const RATE_BPS = 800;
const COVERED = 30_000_00n;
const GUARANTEE_FEE = 600_00n;
const BANK_FUNDS = 1_000_000_00n;

function invoiceKey(n: bigint): string {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(["string", "string", "uint256"], ["91420100MA4K0TAX1", "4200211130", n]),
  );
}

async function deployAndOnboard() {
  const [admin, operator, regulator, taxAuthority, buyer, supplier, subSupplier, bank, otherBank, guarantor, outsider] =
    await ethers.getSigners();
  const suite = await deploySuite(ethers, {
    deployer: admin,
    operatorOrganisationId: OPERATOR_ORG,
    operatorAccount: operator.address,
    defaultExposureLimit: DEFAULT_EXPOSURE_LIMIT,
    gracePeriod: GRACE_PERIOD,
  });
  const onboarding: Array<[string, bigint, string]> = [
    [REGULATOR_ORG, ParticipantRoles.REGULATOR, regulator.address],
    [TAX_ORG, ParticipantRoles.TAX_AUTHORITY, taxAuthority.address],
    [BUYER_ORG, ParticipantRoles.CORE_ENTERPRISE, buyer.address],
    [SUPPLIER_ORG, ParticipantRoles.SUPPLIER, supplier.address],
    [SUB_SUPPLIER_ORG, ParticipantRoles.SUPPLIER, subSupplier.address],
    [BANK_ORG, ParticipantRoles.BANK, bank.address],
    [OTHER_BANK_ORG, ParticipantRoles.BANK, otherBank.address],
    [GUARANTOR_ORG, ParticipantRoles.GUARANTOR, guarantor.address],
  ];
  for (const [id, roles, account] of onboarding) {
    await expect(suite.registry.connect(operator).onboard(id, roles, [account]))
      .to.emit(suite.registry, "AccountAdded")
      .withArgs(id, account);
  }
  await (await suite.compliance.connect(regulator).setGuarantorCapacity(GUARANTOR_ORG, 50_000_00n)).wait();
  return { ...suite, admin, operator, regulator, taxAuthority, buyer, supplier, subSupplier, bank, otherBank, guarantor, outsider };
}

/** Registers an invoice of the supplier owed by the buyer, has it attested Valid, and issues its voucher. */
async function issueVoucher(s: Awaited<ReturnType<typeof deployAndOnboard>>, number: bigint) {
  const key = invoiceKey(number);
  await expect(s.invoices.connect(s.supplier).register([key], [BUYER_ORG]))
    .to.emit(s.invoices, "InvoiceRegistered")
    .withArgs(key, SUPPLIER_ORG, BUYER_ORG);
  await expect(s.invoices.connect(s.taxAuthority).attest([{ invoiceKey: key, status: InvoiceStatus.Valid, amount: FACE_VALUE }]))
    .to.emit(s.invoices, "InvoiceAttested")
    .withArgs(key, InvoiceStatus.Valid, FACE_VALUE);

  const maturity = BigInt(await time.latest()) + MATURITY_DELAY;
  const issuance = { invoiceKey: key, holder: s.supplier.address, faceValue: FACE_VALUE, maturity };
  const voucherId = await s.vouchers.connect(s.buyer).issue.staticCall(issuance);
  await expect(s.vouchers.connect(s.buyer).issue(issuance))
    .to.emit(s.vouchers, "VoucherIssued")
    .withArgs(voucherId, key, BUYER_ORG, s.supplier.address, FACE_VALUE, maturity);
  return { key, voucherId, maturity };
}

describe("Receivable lifecycle on chain", function () {
  it("walks one receivable from invoice to late payment through split, factoring, guarantee, default and subrogation", async function () {
    const s = await networkHelpers.loadFixture(deployAndOnboard);
    const { registry, invoices, vouchers, cash, compliance, financing, guarantees, settlement } = s;
    const { operator, buyer, supplier, subSupplier, bank, otherBank, guarantor, outsider } = s;

    // The registry constructor onboarded the operator organisation with its account.
    expect(await registry.organisationOf(operator.address)).to.equal(OPERATOR_ORG);
    expect((await registry.organisation(OPERATOR_ORG)).roles).to.equal(ParticipantRoles.OPERATOR);

    // Banks take deposits: the bank funds itself, the buyer deposits what it will pay with the bank.
    await (await cash.connect(bank).mint(bank.address, BANK_FUNDS)).wait();

    // Supplier registers, tax authority attests Valid, buyer confirms: the voucher belongs to the supplier.
    const { key, voucherId, maturity } = await issueVoucher(s, 1n);
    expect((await invoices.invoiceOf(key)).voucherId).to.equal(voucherId);
    expect((await vouchers.partOf(voucherId)).holder).to.equal(supplier.address);

    // The supplier pays its own supplier with part of the voucher: a tier-2 part.
    const tier2Part = await vouchers.nextPartId();
    await expect(vouchers.connect(supplier).split(voucherId, [TIER2_AMOUNT], [subSupplier.address]))
      .to.emit(vouchers, "PartSplit")
      .withArgs(voucherId, tier2Part, subSupplier.address, TIER2_AMOUNT, 2);
    expect((await vouchers.partOf(voucherId)).amount).to.equal(FACE_VALUE - TIER2_AMOUNT);
    const tier2 = await vouchers.partOf(tier2Part);
    expect([tier2.holder, tier2.root, tier2.parent, tier2.tier, tier2.amount]).to.deep.equal([
      subSupplier.address,
      voucherId,
      voucherId,
      2n,
      TIER2_AMOUNT,
    ]);

    // The tier-2 supplier sells its part to the bank, with recourse.
    const requestArgs = [tier2Part, BANK_ORG, FinancingKind.Factoring, true, 0n, MIN_ADVANCE] as const;
    const financingId = await financing.connect(subSupplier).request.staticCall(...requestArgs);
    await expect(financing.connect(subSupplier).request(...requestArgs))
      .to.emit(financing, "FinancingRequested")
      .withArgs(financingId, tier2Part, BANK_ORG, subSupplier.address, FinancingKind.Factoring, true, TIER2_AMOUNT, MIN_ADVANCE);

    // Approval is delivery versus payment: cash to the seller and the part to the bank, in one transaction.
    const approval = financing.connect(bank).approveFactoring(financingId, ADVANCE, RATE_BPS);
    await expect(approval).to.changeTokenBalances(ethers, cash, [bank, subSupplier], [-ADVANCE, ADVANCE]);
    await expect(approval)
      .to.emit(financing, "FinancingApproved")
      .withArgs(financingId, bank.address, tier2Part, ADVANCE, RATE_BPS, TIER2_AMOUNT);
    expect((await vouchers.partOf(tier2Part)).holder).to.equal(bank.address);
    expect((await financing.financingOf(financingId)).status).to.equal(FinancingStatus.Active);
    expect(await financing.activeFinancingOfPart(tier2Part)).to.equal(financingId);
    expect(await compliance.exposureOf(BANK_ORG, BUYER_ORG)).to.equal(TIER2_AMOUNT);

    // A guarantor covers most of the financing; the bank accepts and pays the fee.
    const guaranteeId = await guarantees.connect(guarantor).offer.staticCall(financingId, COVERED, GUARANTEE_FEE);
    await expect(guarantees.connect(guarantor).offer(financingId, COVERED, GUARANTEE_FEE))
      .to.emit(guarantees, "GuaranteeOffered")
      .withArgs(guaranteeId, financingId, guarantor.address, COVERED, GUARANTEE_FEE);
    expect((await guarantees.guaranteeOf(guaranteeId)).status).to.equal(GuaranteeStatus.Offered);
    const acceptance = guarantees.connect(bank).accept(guaranteeId);
    await expect(acceptance).to.changeTokenBalances(ethers, cash, [bank, guarantor], [-GUARANTEE_FEE, GUARANTEE_FEE]);
    await expect(acceptance).to.emit(guarantees, "GuaranteeIssued").withArgs(guaranteeId, bank.address, GUARANTEE_FEE);
    expect((await guarantees.guaranteeOf(guaranteeId)).status).to.equal(GuaranteeStatus.Active);
    expect((await compliance.guarantorCapacityOf(GUARANTOR_ORG)).used).to.equal(COVERED);

    // Maturity passes unpaid. Within the grace period the voucher cannot be declared in default yet, so
    // the guarantee cannot be claimed either.
    const defaultableAt = maturity + GRACE_PERIOD;
    await time.increaseTo(maturity + 1n);
    await expect(settlement.connect(outsider).declareDefault(voucherId))
      .to.be.revertedWithCustomError(settlement, "SettlementNotYetDefaultable")
      .withArgs(voucherId, defaultableAt);
    await expect(guarantees.connect(bank).claim(guaranteeId))
      .to.be.revertedWithCustomError(guarantees, "GuaranteeVoucherNotDefaulted")
      .withArgs(voucherId);

    // Past maturity plus grace, anyone may declare the default.
    await time.increaseTo(defaultableAt + 1n);
    await expect(settlement.connect(outsider).declareDefault(voucherId))
      .to.emit(settlement, "VoucherDefaulted")
      .withArgs(voucherId, FACE_VALUE);
    expect((await vouchers.voucherOf(voucherId)).status).to.equal(VoucherStatus.Defaulted);

    // The bank claims; the guarantor (funded through its own bank) pays and takes over the covered value.
    await expect(guarantees.connect(bank).claim(guaranteeId)).to.emit(guarantees, "GuaranteeClaimed").withArgs(guaranteeId, bank.address);
    expect((await guarantees.guaranteeOf(guaranteeId)).status).to.equal(GuaranteeStatus.Claimed);
    await (await cash.connect(otherBank).mint(guarantor.address, COVERED)).wait();
    const subrogatedPart = await guarantees.connect(guarantor).payClaim.staticCall(guaranteeId);
    const payment = guarantees.connect(guarantor).payClaim(guaranteeId);
    await expect(payment).to.changeTokenBalances(ethers, cash, [guarantor, bank], [-COVERED, COVERED]);
    await expect(payment).to.emit(guarantees, "GuaranteePaid").withArgs(guaranteeId, guarantor.address, COVERED, subrogatedPart);
    const subrogated = await vouchers.partOf(subrogatedPart);
    expect([subrogated.holder, subrogated.root, subrogated.parent, subrogated.tier, subrogated.amount]).to.deep.equal([
      guarantor.address,
      voucherId,
      tier2Part,
      3n,
      COVERED,
    ]);
    expect((await vouchers.partOf(tier2Part)).amount).to.equal(TIER2_AMOUNT - COVERED);
    expect((await vouchers.partOf(tier2Part)).holder).to.equal(bank.address);
    expect((await guarantees.guaranteeOf(guaranteeId)).status).to.equal(GuaranteeStatus.Paid);
    expect((await compliance.guarantorCapacityOf(GUARANTOR_ORG)).used).to.equal(0n);

    // The buyer finally pays every live part, late: each holder gets its part's value in full.
    const liveParts: bigint[] = [];
    const liveHolders: string[] = [];
    for (let id = voucherId; id < (await vouchers.nextPartId()); id++) {
      const part = await vouchers.partOf(id);
      if (part.root === voucherId && part.holder !== ethers.ZeroAddress) {
        liveParts.push(id);
        liveHolders.push(part.holder);
      }
    }
    expect(liveParts).to.deep.equal([voucherId, tier2Part, subrogatedPart]);
    expect(liveHolders).to.deep.equal([supplier.address, bank.address, guarantor.address]);
    expect(await vouchers.outstandingOf(voucherId)).to.equal(FACE_VALUE);

    await (await cash.connect(bank).mint(buyer.address, FACE_VALUE)).wait();
    const settlementTx = settlement.connect(buyer).pay(voucherId, liveParts);
    await expect(settlementTx).to.changeTokenBalances(
      ethers,
      cash,
      [buyer, supplier, bank, guarantor],
      [-FACE_VALUE, FACE_VALUE - TIER2_AMOUNT, TIER2_AMOUNT - COVERED, COVERED],
    );
    await expect(settlementTx).to.emit(financing, "FinancingSettled").withArgs(financingId, tier2Part);
    await expect(settlementTx).to.emit(vouchers, "VoucherStatusChanged").withArgs(voucherId, VoucherStatus.Paid);

    // The voucher is paid and every part redeemed.
    const paid = await vouchers.voucherOf(voucherId);
    expect(paid.status).to.equal(VoucherStatus.Paid);
    expect(paid.redeemed).to.equal(FACE_VALUE);
    expect(await vouchers.outstandingOf(voucherId)).to.equal(0n);
    for (const id of [voucherId, tier2Part, subrogatedPart]) {
      expect((await vouchers.partOf(id)).holder).to.equal(ethers.ZeroAddress);
    }

    // The financing is closed and nothing stays booked against the regulator's limits.
    expect((await financing.financingOf(financingId)).status).to.equal(FinancingStatus.Settled);
    expect(await financing.activeFinancingOfPart(tier2Part)).to.equal(0n);
    expect(await compliance.exposureOf(BANK_ORG, BUYER_ORG)).to.equal(0n);
    expect((await compliance.guarantorCapacityOf(GUARANTOR_ORG)).used).to.equal(0n);

    // Cash reconciles to the unit: the debtor paid the face value once; the tier-1 supplier got its
    // remaining share, the tier-2 supplier its advance, the bank its part's value (30,000.00 from the
    // guarantor, 10,000.00 from the debtor) less advance and fee, the guarantor its fee plus its claim back.
    const minted = BANK_FUNDS + COVERED + FACE_VALUE;
    const expected = new Map<string, bigint>([
      [buyer.address, 0n],
      [supplier.address, FACE_VALUE - TIER2_AMOUNT],
      [subSupplier.address, ADVANCE],
      [bank.address, BANK_FUNDS - ADVANCE - GUARANTEE_FEE + COVERED + (TIER2_AMOUNT - COVERED)],
      [guarantor.address, COVERED + GUARANTEE_FEE - COVERED + COVERED],
      [otherBank.address, 0n],
    ]);
    let total = 0n;
    for (const [account, balance] of expected) {
      expect(await cash.balanceOf(account)).to.equal(balance, account);
      total += balance;
    }
    expect(total).to.equal(minted);
    expect(await cash.totalSupply()).to.equal(minted);
    // The bank earned its discount net of the guarantee fee; the guarantor earned its fee.
    expect((await cash.balanceOf(bank.address)) - BANK_FUNDS).to.equal(TIER2_AMOUNT - ADVANCE - GUARANTEE_FEE);
    expect((await cash.balanceOf(guarantor.address)) - COVERED).to.equal(GUARANTEE_FEE);
  });

  it("freezes the voucher of a voided invoice, so none of its value can move", async function () {
    const s = await networkHelpers.loadFixture(deployAndOnboard);
    const { invoices, vouchers, financing, supplier, subSupplier, taxAuthority, regulator } = s;
    const { key, voucherId } = await issueVoucher(s, 2n);

    // The tax authority voids the invoice: the registry freezes the voucher it backs, for good.
    const voiding = invoices.connect(taxAuthority).attest([{ invoiceKey: key, status: InvoiceStatus.Voided, amount: FACE_VALUE }]);
    await expect(voiding).to.emit(invoices, "InvoiceAttested").withArgs(key, InvoiceStatus.Voided, FACE_VALUE);
    await expect(voiding).to.emit(vouchers, "VoucherFrozen").withArgs(voucherId, await invoices.getAddress());
    const frozen = await vouchers.voucherOf(voucherId);
    expect(frozen.frozen).to.equal(true);
    expect(frozen.invoiceInvalid).to.equal(true);

    await expect(vouchers.connect(supplier).transfer(voucherId, subSupplier.address))
      .to.be.revertedWithCustomError(vouchers, "VoucherIsFrozen")
      .withArgs(voucherId);
    await expect(vouchers.connect(supplier).split(voucherId, [1_00n], [subSupplier.address]))
      .to.be.revertedWithCustomError(vouchers, "VoucherIsFrozen")
      .withArgs(voucherId);
    await expect(financing.connect(supplier).request(voucherId, BANK_ORG, FinancingKind.Factoring, false, 0n, 0n))
      .to.be.revertedWithCustomError(financing, "FinancingVoucherNotFinanceable")
      .withArgs(voucherId);
    // Neither the regulator nor a new attestation can bring it back.
    await expect(vouchers.connect(regulator).unfreeze(voucherId))
      .to.be.revertedWithCustomError(vouchers, "VoucherInvoiceInvalid")
      .withArgs(voucherId);
    await expect(invoices.connect(taxAuthority).attest([{ invoiceKey: key, status: InvoiceStatus.Valid, amount: FACE_VALUE }]))
      .to.be.revertedWithCustomError(invoices, "InvoiceAttestationFinal")
      .withArgs(key, InvoiceStatus.Voided);

    expect((await vouchers.partOf(voucherId)).holder).to.equal(supplier.address);
    expect((await vouchers.partOf(voucherId)).amount).to.equal(FACE_VALUE);
  });
});
