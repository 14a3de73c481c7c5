import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { getAddress } from "ethers";
import request from "supertest";
import { DataSource } from "typeorm";
import { ChainGateway } from "../../../backend/chain/chain-gateway.service.js";
import { organisationIdToBytes16 } from "../../../backend/participants/roles.js";
import { type TestApp, createTestApp } from "./app.js";
import { directChain } from "./fixtures/direct-chain.js";
import { COVERED, type ExposureScenario, buildExposureScenario } from "./fixtures/exposure-scenario.js";
import type { Participant } from "./fixtures/participants.js";
import { waitFor } from "./wait-for.js";

// The regulator's figures must equal what the chain says. The test drives vouchers through the API and the
// contracts (issue, split, transfer, factoring, a guarantee), then recomputes every figure from the indexed
// chain events with its own code, independent of the exposure projection, and compares to the unit.

interface Part {
  debtor: string;
  supplier: string;
  tier: number;
  amount: bigint;
  live: boolean;
  voucher: string;
}

/** Replays VoucherToken, Financing and Guarantees events into per-part figures, per debtor. */
function recompute(
  events: Array<{ contract: string; name: string; args: Record<string, string> }>,
  orgOfAddress: Map<string, string>,
  banks: Set<string>
) {
  const parts = new Map<string, Part>();
  const financings = new Map<string, { partId: string; bank: string; amount: bigint; active: boolean }>();
  const guarantees = new Map<string, { financingId: string; covered: bigint; active: boolean }>();
  const org = (address: string) => orgOfAddress.get(getAddress(address)) ?? `unknown:${address}`;
  const uuid = (bytes16: string) => {
    const hex = bytes16.slice(2).toLowerCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  for (const { contract, name, args } of events) {
    if (contract === "VoucherToken" && name === "VoucherIssued") {
      parts.set(args.voucherId!, {
        debtor: uuid(args.debtorOrganisation!),
        supplier: org(args.holder!),
        tier: 1,
        amount: BigInt(args.faceValue!),
        live: true,
        voucher: args.voucherId!,
      });
    } else if (contract === "VoucherToken" && name === "PartSplit") {
      const parent = parts.get(args.parentId!)!;
      parent.amount -= BigInt(args.amount!);
      if (parent.amount === 0n) parent.live = false;
      const recipient = org(args.holder!);
      parts.set(args.childId!, {
        ...parent,
        supplier: banks.has(recipient) ? parent.supplier : recipient,
        tier: Number(args.tier),
        amount: BigInt(args.amount!),
        live: true,
      });
    } else if (contract === "VoucherToken" && name === "Transfer" && parts.has(args.partId!)) {
      const part = parts.get(args.partId!)!;
      if (BigInt(args.to!) === 0n) part.live = false;
      else if (!banks.has(org(args.to!))) part.supplier = org(args.to!);
    } else if (contract === "Financing" && name === "FinancingRequested") {
      financings.set(args.financingId!, {
        partId: args.partId!,
        bank: uuid(args.bankOrganisation!),
        amount: BigInt(args.amount!),
        active: false,
      });
    } else if (contract === "Financing" && name === "FinancingApproved") {
      financings.get(args.financingId!)!.active = true;
    } else if (
      contract === "Financing" &&
      ["FinancingRepaid", "FinancingSettled", "RecourseExercised"].includes(name)
    ) {
      financings.get(args.financingId!)!.active = false;
    } else if (contract === "Guarantees" && name === "GuaranteeOffered") {
      guarantees.set(args.guaranteeId!, {
        financingId: args.financingId!,
        covered: BigInt(args.coveredAmount!),
        active: false,
      });
    } else if (contract === "Guarantees" && name === "GuaranteeIssued") {
      guarantees.get(args.guaranteeId!)!.active = true;
    } else if (contract === "Guarantees" && ["GuaranteePaid", "GuaranteeReleased"].includes(name)) {
      guarantees.get(args.guaranteeId!)!.active = false;
    }
  }
  const byDebtor = new Map<
    string,
    {
      outstanding: bigint;
      financed: bigint;
      covered: bigint;
      parts: number;
      byBank: Map<string, bigint>;
      bySupplierTier: Map<string, bigint>;
    }
  >();
  const figures = (debtor: string) => {
    if (!byDebtor.has(debtor))
      byDebtor.set(debtor, {
        outstanding: 0n,
        financed: 0n,
        covered: 0n,
        parts: 0,
        byBank: new Map(),
        bySupplierTier: new Map(),
      });
    return byDebtor.get(debtor)!;
  };
  for (const part of parts.values()) {
    if (!part.live) continue;
    const debtor = figures(part.debtor);
    debtor.outstanding += part.amount;
    debtor.parts += 1;
    const supplierTier = `${part.supplier}/${part.tier}`;
    debtor.bySupplierTier.set(supplierTier, (debtor.bySupplierTier.get(supplierTier) ?? 0n) + part.amount);
  }
  for (const [financingId, financing] of financings) {
    const part = parts.get(financing.partId)!;
    if (!financing.active || !part.live) continue;
    const debtor = figures(part.debtor);
    debtor.financed += financing.amount;
    debtor.byBank.set(financing.bank, (debtor.byBank.get(financing.bank) ?? 0n) + financing.amount);
    for (const guarantee of guarantees.values())
      if (guarantee.active && guarantee.financingId === financingId) debtor.covered += guarantee.covered;
  }
  return byDebtor;
}

describe("exposure: the regulator's figures, limits and drill-down", () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let scenario: ExposureScenario;
  const http = () => request(testApp.app.getHttpServer());
  const as = (participant: Participant) => ({ Authorization: `Bearer ${participant.apiKey}` });

  beforeAll(async () => {
    testApp = await createTestApp();
    dataSource = testApp.app.get(DataSource);
    scenario = await buildExposureScenario(testApp.app);
  }, 240_000);
  afterAll(() => testApp?.close());

  it("answers only regulators: a supplier's and a bank's keys are refused", async () => {
    for (const path of [
      "/v1/exposure/summary",
      "/v1/exposure/breakdown?by=bank",
      "/v1/exposure/positions",
      "/v1/exposure/limits",
    ]) {
      const refused = await http().get(path).set(as(scenario.tier1)).expect(403);
      expect(refused.body.error.code).toBe("ROLE_REQUIRED");
    }
    await http().get("/v1/exposure/summary").set(as(scenario.bank)).expect(403);
    await http()
      .put(`/v1/compliance/guarantor-capacities/${scenario.guarantor.id}`)
      .set(as(scenario.tier1))
      .send({ capacity: "1" })
      .expect(403);
    await http().get("/v1/exposure/summary").expect(401);
  });

  it("equals, to the unit, the figures recomputed independently from the chain's events", async () => {
    const events: Array<{ contract: string; name: string; args: Record<string, string> }> = await dataSource.query(
      `SELECT contract, name, args FROM chain_events WHERE contract IN ('VoucherToken', 'Financing', 'Guarantees') ORDER BY block_number, log_index`
    );
    const organisations: Array<{ id: string; chain_address: string; roles: string[] }> = await dataSource.query(
      `SELECT id, chain_address, roles FROM organisations`
    );
    const recomputed = recompute(
      events,
      new Map(organisations.map((row) => [getAddress(row.chain_address), row.id])),
      new Set(organisations.filter((row) => row.roles.includes("bank")).map((row) => row.id))
    );
    const { coreA, coreB, bank, tier1, tier2, tier3 } = scenario;
    // The scenario's own expectations, so a recomputation that counted nothing could not pass.
    expect(recomputed.get(coreA.id)).toMatchObject({
      outstanding: 150_000n,
      financed: 15_000n,
      covered: COVERED,
      parts: 4,
    });
    expect(recomputed.get(coreB.id)).toMatchObject({ outstanding: 80_000n, financed: 0n, parts: 1 });

    for (const debtor of [coreA, coreB]) {
      const expected = recomputed.get(debtor.id)!;
      const summary = await http()
        .get(`/v1/exposure/summary?debtorId=${debtor.id}`)
        .set(as(scenario.regulator))
        .expect(200);
      expect(summary.body).toMatchObject({
        outstanding: expected.outstanding.toString(),
        financed: expected.financed.toString(),
        covered: expected.covered.toString(),
        overdue: "0",
        defaulted: "0",
        parts: String(expected.parts),
      });
      const byBank = await http()
        .get(`/v1/exposure/breakdown?by=bank&debtorId=${debtor.id}`)
        .set(as(scenario.regulator))
        .expect(200);
      const financedByBank = Object.fromEntries(
        (byBank.body.rows as Array<{ key: string | null; financed: string }>)
          .filter((row) => row.key !== null)
          .map((row) => [row.key, BigInt(row.financed)])
      );
      expect(financedByBank).toEqual(Object.fromEntries(expected.byBank));
      const bySupplier = await http()
        .get(`/v1/exposure/breakdown?by=supplier&debtorId=${debtor.id}`)
        .set(as(scenario.regulator))
        .expect(200);
      const outstandingBySupplier = Object.fromEntries(
        (bySupplier.body.rows as Array<{ key: string; tier: number; outstanding: string }>).map((row) => [
          `${row.key}/${row.tier}`,
          BigInt(row.outstanding),
        ])
      );
      expect(outstandingBySupplier).toEqual(Object.fromEntries(expected.bySupplierTier));
    }
    // Concretely: tier 1 keeps 60,000 of voucher A and all of B; tier 2 keeps 25,000 and holds C by transfer;
    // tier 3's 15,000 was factored, and the bank does not become its supplier.
    expect(recomputed.get(coreA.id)!.bySupplierTier).toEqual(
      new Map([
        [`${tier1.id}/1`, 110_000n],
        [`${tier2.id}/2`, 25_000n],
        [`${tier3.id}/3`, 15_000n],
      ])
    );
    expect(recomputed.get(coreB.id)!.bySupplierTier).toEqual(new Map([[`${tier2.id}/1`, 80_000n]]));

    // Region and industry are the debtor's, from onboarding.
    const region = await http()
      .get(`/v1/exposure/breakdown?by=region&industry=automotive`)
      .set(as(scenario.regulator))
      .expect(200);
    expect(region.body.rows.find((row: { key: string }) => row.key === `Hubei-${scenario.unique}`)).toMatchObject({
      outstanding: "150000",
      financed: "15000",
    });

    // And the bank's booked exposure is ComplianceRules' own figure.
    const chain = directChain(testApp.app);
    try {
      const onChain = (await chain.call("ComplianceRules", "exposureOf", [
        organisationIdToBytes16(bank.id),
        organisationIdToBytes16(coreA.id),
      ])) as bigint;
      expect(onChain).toBe(15_000n);
      const limits = await http().get(`/v1/exposure/limits?bankId=${bank.id}`).set(as(scenario.regulator)).expect(200);
      expect(limits.body).toEqual([
        expect.objectContaining({ debtorId: coreA.id, exposure: onChain.toString(), override: false, level: "ok" }),
      ]);
    } finally {
      chain.close();
    }
  });

  it("shows concentration, the maturity ladder, guarantee use and trends", async () => {
    const { regulator, bank, coreA, guarantor } = scenario;
    const concentration = await http()
      .get(`/v1/exposure/concentration?bankId=${bank.id}`)
      .set(as(regulator))
      .expect(200);
    expect(concentration.body).toEqual([
      { bankId: bank.id, bankName: bank.name, financed: "15000", debtors: 1, top10Share: 1, hhi: 10000 },
    ]);

    const ladder = await http().get(`/v1/exposure/maturity-ladder?debtorId=${coreA.id}`).set(as(regulator)).expect(200);
    const total = (ladder.body as Array<{ outstanding: string }>).reduce(
      (sum, bucket) => sum + BigInt(bucket.outstanding),
      0n
    );
    expect(total).toBe(150_000n);
    expect(ladder.body.map((bucket: { bucket: string }) => bucket.bucket)).toEqual([
      "overdue",
      "0-30",
      "31-60",
      "61-90",
      "91-180",
      "181-365",
      "over-365",
      "defaulted",
    ]);

    const guarantors = await http().get("/v1/exposure/guarantors").set(as(regulator)).expect(200);
    expect(guarantors.body.find((row: { guarantorId: string }) => row.guarantorId === guarantor.id)).toEqual({
      guarantorId: guarantor.id,
      guarantorName: guarantor.name,
      capacity: "50000",
      used: COVERED.toString(),
      covered: COVERED.toString(),
      utilisation: 0.2,
    });

    const trends = await http().get("/v1/exposure/trends?days=3").set(as(regulator)).expect(200);
    expect(trends.body).toHaveLength(3);
    expect(
      BigInt(trends.body.reduce((sum: bigint, point: { issued: string }) => sum + BigInt(point.issued), 0n))
    ).toBeGreaterThanOrEqual(230_000n);
  });

  it("drills down from a bank to its vouchers and their lineage, and exports CSV", async () => {
    const { regulator, bank, tier3Part, voucherA, tier3 } = scenario;
    const positions = await http().get(`/v1/exposure/positions?bankId=${bank.id}`).set(as(regulator)).expect(200);
    expect(positions.body.items).toEqual([
      expect.objectContaining({
        partId: tier3Part,
        voucherId: voucherA,
        tier: 3,
        bankId: bank.id,
        supplierId: tier3.id,
        amount: "15000",
        financed: "15000",
        covered: COVERED.toString(),
      }),
    ]);
    // One bank's book by supplier and tier comes from its positions rather than from the supplier totals.
    const bySupplier = await http()
      .get(`/v1/exposure/breakdown?by=supplier&bankId=${bank.id}`)
      .set(as(regulator))
      .expect(200);
    expect(bySupplier.body.rows).toEqual([
      {
        key: tier3.id,
        name: tier3.name,
        tier: 3,
        outstanding: "15000",
        financed: "15000",
        overdue: "0",
        defaulted: "0",
        covered: COVERED.toString(),
        parts: "1",
      },
    ]);
    const lineage = await http().get(`/v1/exposure/parts/${tier3Part}`).set(as(regulator)).expect(200);
    expect(lineage.body.ancestors.map((ancestor: { tier: number }) => ancestor.tier)).toEqual([1, 2]);
    expect(lineage.body.part).toMatchObject({ partId: tier3Part, holderOrganisationId: bank.id });
    expect(lineage.body.position).toMatchObject({ bankId: bank.id, financed: "15000" });

    const csv = await http().get(`/v1/exposure/positions.csv?bankId=${bank.id}`).set(as(regulator)).expect(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["x-export-truncated"]).toBe("false");
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "partId,voucherId,tier,debtorId,debtorName,supplierId,supplierName,bankId,bankName,guarantorId,amount,financed,covered,maturity,voucherStatus"
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]!.startsWith(`${tier3Part},${voucherA},3,`)).toBe(true);

    const breakdown = await http()
      .get(`/v1/exposure/breakdown.csv?by=debtor&debtorId=${scenario.coreA.id}`)
      .set(as(regulator))
      .expect(200);
    expect(breakdown.text.trim().split("\r\n")[1]).toBe(
      `debtor,${scenario.coreA.id},${scenario.coreA.name},,150000,15000,0,0,10000,4`
    );
  });

  it("shows a limit the regulator set on chain; lowering it under the booked exposure raises a breach alert", async () => {
    const { regulator, bank, coreA } = scenario;
    // The compliance module writes the limit to ComplianceRules; the exposure views follow its events.
    const set = async (limit: string) => {
      const accepted = await http()
        .put(`/v1/compliance/exposure-limits/${bank.id}/${coreA.id}`)
        .set(as(regulator))
        .send({ limit })
        .expect(202);
      const done = await waitFor(
        () => http().get(`/v1/compliance/instructions/${accepted.body.operationId}`).set(as(regulator)),
        (response) => response.body.status === "confirmed" || response.body.status === "failed"
      );
      expect(done.body.status).toBe("confirmed");
    };
    await set("18000");
    const warning = await waitFor(
      () => http().get(`/v1/exposure/limits?bankId=${bank.id}`).set(as(regulator)),
      (response) => response.body[0]?.limit === "18000"
    );
    expect(warning.body[0]).toMatchObject({
      exposure: "15000",
      override: true,
      level: "warning",
      utilisation: 0.833333,
    });

    await set("12000");
    const alerts = await waitFor(
      () => http().get("/v1/exposure/alerts").set(as(regulator)),
      (response) =>
        response.body.some(
          (alert: { details: { bankId?: string; limit?: string } }) =>
            alert.details.bankId === bank.id && alert.details.limit === "12000"
        )
    );
    expect(
      alerts.body.find((alert: { details: { bankId?: string } }) => alert.details.bankId === bank.id)
    ).toMatchObject({
      kind: "exposure_limit",
      level: "breach",
      details: { debtorId: coreA.id, exposure: "15000", limit: "12000" },
    });
  });

  it("counts a second issuance the chain refused as a duplicate attempt", async () => {
    const { coreA, tier1, voucherA, regulator } = scenario;
    const [invoice] = await dataSource.query(`SELECT invoice_key FROM vouchers WHERE id = $1`, [voucherA]);
    const gateway = testApp.app.get(ChainGateway);
    const businessKey = `test.duplicate:${voucherA}`;
    await dataSource.transaction((manager) =>
      gateway.record(manager, [
        {
          businessKey,
          kind: "voucher.issue",
          signer: coreA.chainAddress,
          payload: {
            invoiceKey: invoice.invoice_key,
            holder: tier1.chainAddress,
            faceValue: "1000",
            maturity: String(Math.floor(Date.now() / 1000) + 86_400 * 3650),
          },
        },
      ])
    );
    await gateway.wake([coreA.chainAddress]);
    const duplicates = await waitFor(
      () => http().get("/v1/exposure/duplicate-attempts").set(as(regulator)),
      (response) => response.body.total === 1
    );
    expect(duplicates.body).toMatchObject({
      byCode: { INVOICE_ALREADY_BACKS_VOUCHER: 1 },
      latest: [expect.objectContaining({ kind: "voucher.issue" })],
    });
  });
});
