import "reflect-metadata";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Wallet, ZeroAddress } from "ethers";
import { DataSource } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../../../backend/chain/chain-projectors.js";
import { Organisation } from "../../../backend/participants/organisation.entity.js";
import { organisationIdToBytes16 } from "../../../backend/participants/roles.js";
import { Confirmation } from "../../../backend/receivables/confirmation.entity.js";
import { VoucherPart } from "../../../backend/receivables/voucher-part.entity.js";
import { Voucher } from "../../../backend/receivables/voucher.entity.js";
import { type TestApp, createTestApp } from "./app.js";

// The VoucherToken projections the receivables API does not drive yet (holds, freezes, redemption, status
// changes come from financing, the regulator and settlement), fed the events in the order the contract emits
// them, each delivered twice as a re-indexed range would: the tables must come out the same.

describe("voucher projector", () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let projectors: ChainProjectors;
  let logIndex = 0;
  // Far above the ids the shared test chain hands out, so the running indexer never touches these rows.
  const voucherId = String(9_000_000_000 + Math.floor(Math.random() * 1_000_000) * 10);
  const childId = String(BigInt(voucherId) + 1n);
  const invoiceKey = `0x${randomBytes(32).toString("hex")}`;
  const debtorId = randomUUID();
  const seller = Wallet.createRandom().address;
  const buyer = Wallet.createRandom().address;
  const bank = Wallet.createRandom().address;
  let buyerOrganisationId: string;

  const event = (name: string, args: Record<string, unknown>, contract = "VoucherToken"): IndexedEvent => ({
    contract,
    name,
    args,
    blockNumber: 1,
    logIndex: logIndex++,
    txHash: `0x${"ab".repeat(32)}`,
    blockTimestamp: new Date("2026-03-01T08:00:00Z"),
  });
  /** Projects the events in order, then all of them again. */
  const project = async (...events: IndexedEvent[]) => {
    for (const _round of [1, 2]) {
      await dataSource.transaction(async (manager) => {
        await projectors.project(manager, events);
      });
    }
  };
  const voucher = () => dataSource.getRepository(Voucher).findOneByOrFail({ id: voucherId });
  const partOf = (id: string) => dataSource.getRepository(VoucherPart).findOneByOrFail({ id });

  beforeAll(async () => {
    testApp = await createTestApp();
    dataSource = testApp.app.get(DataSource);
    projectors = testApp.app.get(ChainProjectors);
    buyerOrganisationId = randomUUID();
    await dataSource.getRepository(Organisation).insert({
      id: buyerOrganisationId,
      name: "Hanyang Castings",
      taxId: null,
      roles: ["supplier"],
      region: null,
      industry: null,
      chainAddress: buyer,
      encryptedPrivateKey: "unused",
      onChainStatus: "active",
    });
  });
  afterAll(() => testApp?.close());

  it("issues the voucher and its root part, and marks the debtor's pending confirmation issued", async () => {
    const pending = await dataSource.getRepository(Confirmation).save({
      invoiceKey,
      debtorOrganisationId: debtorId,
      holderAddress: seller,
      faceValue: "1000",
      maturity: new Date(1_900_000_000_000),
      businessKey: `voucher.issue:${invoiceKey}:${randomUUID()}`,
    });
    await project(
      event("Transfer", { from: ZeroAddress, to: seller, partId: voucherId }),
      event("VoucherIssued", {
        voucherId,
        invoiceKey,
        debtorOrganisation: organisationIdToBytes16(debtorId),
        holder: seller,
        faceValue: "1000",
        maturity: "1900000000",
      }),
    );
    expect(await voucher()).toMatchObject({ invoiceKey, debtorOrganisationId: debtorId, faceValue: "1000", redeemed: "0", status: "active", frozen: false });
    expect((await voucher()).maturity.toISOString()).toBe(new Date(1_900_000_000_000).toISOString());
    expect(await partOf(voucherId)).toMatchObject({ tier: 1, parentId: null, holderAddress: seller, holderOrganisationId: null, amount: "1000", status: "live" });
    expect(await dataSource.getRepository(Confirmation).findOneByOrFail({ id: pending.id })).toMatchObject({ status: "issued", voucherId });
  });

  it("splits the whole root into a tier-2 part: the root closes with nothing left, the amount moves once", async () => {
    await project(
      event("Transfer", { from: seller, to: buyer, partId: childId }),
      event("Transfer", { from: seller, to: ZeroAddress, partId: voucherId }),
      event("PartSplit", { parentId: voucherId, childId, holder: buyer, amount: "1000", tier: "2" }),
    );
    expect(await partOf(voucherId)).toMatchObject({ amount: "0", status: "closed", holderAddress: seller });
    expect(await partOf(childId)).toMatchObject({ parentId: voucherId, tier: 2, amount: "1000", holderOrganisationId: buyerOrganisationId, status: "live" });
  });

  it("places and releases holds, and freezes and unfreezes the voucher", async () => {
    await project(event("HoldPlaced", { partId: childId, beneficiary: bank, amount: "300" }));
    expect(await partOf(childId)).toMatchObject({ heldAmount: "300", holdBeneficiary: bank });
    await project(event("VoucherFrozen", { voucherId, by: bank }));
    expect((await voucher()).frozen).toBe(true);
    await project(event("VoucherUnfrozen", { voucherId, by: bank }), event("HoldReleased", { partId: childId, beneficiary: bank, amount: "300" }));
    expect((await voucher()).frozen).toBe(false);
    expect(await partOf(childId)).toMatchObject({ heldAmount: "0", holdBeneficiary: null });
  });

  it("ignores other contracts' events of the same name", async () => {
    await project(event("Transfer", { from: buyer, to: bank, value: "5", partId: childId }, "CashToken"));
    expect((await partOf(childId)).holderAddress).toBe(buyer);
  });

  it("redeems a part once, then follows the voucher's status to paid", async () => {
    await project(
      event("HoldPlaced", { partId: childId, beneficiary: bank, amount: "200" }),
      event("HoldReleased", { partId: childId, beneficiary: bank, amount: "200" }),
      event("Transfer", { from: buyer, to: ZeroAddress, partId: childId }),
      event("PartRedeemed", { partId: childId, voucherId, holder: buyer, amount: "1000" }),
      event("VoucherStatusChanged", { voucherId, status: "3" }),
    );
    expect(await partOf(childId)).toMatchObject({ status: "redeemed", amount: "1000", heldAmount: "0", holderAddress: buyer });
    expect(await voucher()).toMatchObject({ redeemed: "1000", status: "paid" });
  });
});
