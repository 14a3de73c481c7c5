import "reflect-metadata";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type Browser, type Page, chromium } from "playwright-core";
import { TaxReferenceAdminClient } from "../../../backend/tax-reference-service/admin-client.js";
import { type TestApp, createTestApp } from "../e2e/app.js";
import { type ExposureScenario, buildExposureScenario } from "../e2e/fixtures/exposure-scenario.js";

// The pages in a real browser (Debian's chromium driven by playwright-core) against the real platform: sign
// in with an organisation's API key, upload a CSV and watch it finish, open the regulator's dashboard, apply a
// filter, drill down to a voucher's lineage, export CSV. Screenshots go to docs/screenshots/ for the README.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const SCREENSHOTS = join(ROOT, "docs", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe("web pages in a browser: supplier portal and regulator dashboard", () => {
  let testApp: TestApp;
  let scenario: ExposureScenario;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    await testApp.app.listen(0, "127.0.0.1");
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
    scenario = await buildExposureScenario(testApp.app);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function signIn(apiKey: string): Promise<Page> {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    ).newPage();
    await page.goto(`${baseUrl}/app/`);
    await page.fill("#api-key", apiKey);
    await page.click("button[type=submit]");
    return page;
  }

  it("a supplier signs in, uploads a CSV, watches the progress bar to the end and sees each row's result", async () => {
    const { tier1, coreA } = scenario;
    const page = await signIn(tier1.apiKey);
    await page.waitForURL("**/app/portal.html");
    await expect(page.locator("#who").textContent()).resolves.toBe(tier1.name);

    // The tax authority's books hold the 40 invoices, one with another amount than the supplier declares.
    const taxAdmin = new TaxReferenceAdminClient(testApp.config.taxServiceUrl, process.env.TAX_SERVICE_ADMIN_TOKEN!);
    const numbers = Array.from({ length: 40 }, (_, index) => `${scenario.unique}${String(index).padStart(4, "0")}`);
    for (const [index, invoiceNumber] of numbers.entries()) {
      await taxAdmin.issueInvoice({
        sellerTaxId: tier1.taxId!,
        buyerTaxId: coreA.taxId!,
        invoiceCode: "4200261130",
        invoiceNumber,
        amount: BigInt(125_000 + index + (index === 3 ? 1 : 0)),
        issueDate: "2026-11-02",
        status: "valid",
      });
    }
    const rows = numbers.map(
      (invoiceNumber, index) =>
        `${tier1.taxId},${coreA.taxId},4200261130,${invoiceNumber},${125_000 + index},2026-11-02,2027-02-28`
    );
    rows.splice(7, 0, `${tier1.taxId},${coreA.taxId},4200261130,BAD-AMOUNT,12.5x,2026-11-02,2027-02-28`);
    rows.splice(20, 0, `${tier1.taxId},UNKNOWNBUYER00001,4200261130,${scenario.unique}X,1000,2026-11-02,2027-02-28`);
    const csv = ["sellerTaxId,buyerTaxId,invoiceCode,invoiceNumber,amount,issueDate,dueDate", ...rows].join("\n");
    await page.setInputFiles("#csv-file", { name: "invoices.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.click("#upload-button");

    await page.waitForSelector('#upload-status[data-status="done"]', { timeout: 60_000 });
    await expect(page.locator("#progress-bar").getAttribute("aria-valuenow")).resolves.toBe("100");
    await expect(page.locator("#upload-status").textContent()).resolves.toBe("done: 40 accepted, 2 rejected");
    await expect(page.locator("#upload-rows tbody tr").count()).resolves.toBe(42);
    await expect(page.locator('#upload-rows tr[data-row="8"] td').nth(1).textContent()).resolves.toBe("rejected");
    await expect(page.locator('#upload-rows tr[data-row="8"] td').nth(3).textContent()).resolves.toMatch(
      /^INVALID_AMOUNT/
    );
    await expect(page.locator('#upload-rows tr[data-row="21"] td').nth(3).textContent()).resolves.toMatch(
      /^UNKNOWN_BUYER/
    );
    // The invoices list shows each invoice's verification: valid, or rejected where the books differ.
    const verified = async () =>
      page.evaluate(() => ({
        valid: document.querySelectorAll("#invoices td.status-valid").length,
        rejected: document.querySelectorAll("#invoices td.status-rejected").length,
      }));
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const counts = await verified();
      if (counts.valid + counts.rejected === 40) break;
      await page.waitForTimeout(500);
      await page.click("#refresh-invoices");
    }
    await expect(verified()).resolves.toEqual({ valid: 39, rejected: 1 });
    await expect(page.locator("#invoices td.status-rejected + td").textContent()).resolves.toContain("AMOUNT_DIFFERS");
    await page.screenshot({ path: join(SCREENSHOTS, "portal-upload.png"), fullPage: true });
  }, 90_000);

  it("a supplier opens a voucher's lineage and splits a part to a tier-2 supplier from the portal", async () => {
    const { tier1, tier2, voucherA } = scenario;
    const page = await signIn(tier1.apiKey);
    await page.waitForURL("**/app/portal.html");
    await page.click(`#vouchers tr[data-part="${voucherA}"]`);
    await page.waitForSelector("#part-lineage li");
    await expect(page.locator("#part-lineage .current").textContent()).resolves.toContain(
      `part ${voucherA} · tier 1 · 600.00`
    );
    await expect(page.locator("#part-lineage").textContent()).resolves.toContain("tier 3 · 150.00");

    await page.fill('#split-form input[name="amount"]', "5000");
    await page.fill('#split-form input[name="recipientOrganisationId"]', tier2.id);
    await page.click('#split-form button[type="submit"]');
    await page.waitForFunction(
      () => /: (confirmed|failed)/.test(document.getElementById("instruction-result")?.textContent ?? ""),
      undefined,
      { timeout: 30_000 }
    );
    await expect(page.locator("#instruction-result").textContent()).resolves.toMatch(/: confirmed$/);
    await page.waitForFunction(
      () => document.querySelector("#part-lineage .current")?.textContent?.includes("550.00"),
      undefined,
      { timeout: 30_000 }
    );
    await page.screenshot({ path: join(SCREENSHOTS, "portal-lineage.png"), fullPage: true });
  }, 60_000);

  it("a supplier asks a bank to finance a part from the portal and sees the request recorded on chain", async () => {
    const { tier2, bank, voucherC } = scenario;
    const page = await signIn(tier2.apiKey);
    await page.waitForURL("**/app/portal.html");
    await page.click(`#vouchers tr[data-part="${voucherC}"]`);
    await page.waitForSelector("#part-lineage li");
    await page.fill('#financing-form input[name="bankOrganisationIds"]', bank.id);
    await page.fill('#financing-form input[name="minAdvance"]', "70000");
    await page.click('#financing-form button[type="submit"]');
    await page.waitForFunction(
      () => {
        const status = document.querySelector("#financing-result tbody tr td:last-child")?.textContent ?? "";
        return status !== "" && status !== "requesting";
      },
      undefined,
      { timeout: 30_000 }
    );
    await expect(page.locator("#financing-result tbody tr td").nth(1).textContent()).resolves.toBe(bank.id);
    await expect(page.locator("#financing-result tbody tr td").nth(2).textContent()).resolves.toBe("800.00");
    await expect(page.locator("#financing-result tbody tr td").nth(3).textContent()).resolves.toBe("requested");
    await page.screenshot({ path: join(SCREENSHOTS, "portal-financing.png"), fullPage: true });
  });

  it("a supplier's key does not open the dashboard, and the API refuses it the regulator's figures", async () => {
    const page = await signIn(scenario.tier1.apiKey);
    await page.waitForURL("**/app/portal.html");
    await page.goto(`${baseUrl}/app/dashboard.html`);
    await page.waitForURL(`${baseUrl}/app/`);
    const status = await page.evaluate(
      async (key) => (await fetch("/v1/exposure/summary", { headers: { Authorization: `Bearer ${key}` } })).status,
      scenario.tier1.apiKey
    );
    expect(status).toBe(403);
  });

  it("the regulator opens the dashboard, filters by debtor, drills down to a voucher's lineage and exports CSV", async () => {
    const { regulator, coreA, bank, tier3Part } = scenario;
    const page = await signIn(regulator.apiKey);
    await page.waitForURL("**/app/dashboard.html");
    await page.waitForSelector('body[data-loaded="1"]');
    await page.screenshot({ path: join(SCREENSHOTS, "dashboard.png"), fullPage: true });

    await page.selectOption("#filter-debtor", coreA.id);
    await page.click("#apply-filters");
    await page.waitForSelector('body[data-loaded="2"]');
    await expect(page.locator('[data-figure="outstanding"] .figure').textContent()).resolves.toBe("1,500.00");
    await expect(page.locator('[data-figure="financed"] .figure').textContent()).resolves.toBe("150.00");
    await expect(page.locator('[data-figure="covered"] .figure').textContent()).resolves.toBe("100.00");

    await page.click(`#breakdown-table tr[data-key="${bank.id}"]`);
    await page.waitForSelector(`#positions-table tr[data-part="${tier3Part}"]`);
    await expect(page.locator("#positions-table tbody tr").count()).resolves.toBe(1);
    await page.click(`#positions-table tr[data-part="${tier3Part}"]`);
    await page.waitForSelector("#lineage-body li");
    await expect(page.locator("#lineage-body .current").textContent()).resolves.toContain(
      `part ${tier3Part} · tier 3 · 150.00`
    );
    await expect(page.locator("#lineage-body").textContent()).resolves.toContain(`Financed by ${bank.name}: 150.00`);
    await page.screenshot({ path: join(SCREENSHOTS, "dashboard-drilldown.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-breakdown")]);
    expect(download.suggestedFilename()).toBe("exposure-by-bank.csv");
    const exported = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
    expect(exported[0]).toBe("by,key,name,tier,outstanding,financed,overdue,defaulted,covered,parts");
    expect(exported).toContain(`bank,${bank.id},${bank.name},,15000,15000,0,0,10000,1`);
  }, 60_000);
});
