// Deterministic reference data: for each configured taxpayer, 13 months of issued invoices (the 12 closed
// tax periods a summary reports plus the current month to date), a filing record and tax arrears.
// Each taxpayer draws from its own PRNG stream (seed + tax id), so adding a taxpayer to the list does not
// change the data of the others.
import { addMonths, daysInMonth, monthOf } from "./dates.js";
import { SUMMARY_MONTHS, TaxLedger } from "./ledger.js";
import { SeededRandom } from "./prng.js";

/** How a taxpayer behaves: drives late filings and arrears, so risk scoring has something to tell apart. */
export type TaxpayerProfile = "sound" | "late-filer" | "in-arrears";

export interface EnterpriseSeed {
  taxId: string;
  name: string;
  profile?: TaxpayerProfile;
}

/** The demo organisations that are taxpayers (scripts/seed-demo.ts names them). */
export const DEFAULT_ENTERPRISES: readonly EnterpriseSeed[] = [
  { taxId: "91420100DEMO0101X", name: "Wuhan Auto Group", profile: "sound" },
  { taxId: "91420100DEMO0102X", name: "Hubei Steel Works", profile: "sound" },
  { taxId: "91420100DEMO0001X", name: "Jianghan Parts Co.", profile: "sound" },
  { taxId: "91420100DEMO0002X", name: "Hanyang Castings", profile: "late-filer" },
  { taxId: "91420100DEMO0003X", name: "Qiaokou Fasteners", profile: "in-arrears" },
];

const PROFILE = {
  sound: { lateFilingChance: 0.03, arrearsChance: 0, arrearsYuan: [0, 0] },
  "late-filer": { lateFilingChance: 0.35, arrearsChance: 0.5, arrearsYuan: [1_000, 50_000] },
  "in-arrears": { lateFilingChance: 0.15, arrearsChance: 1, arrearsYuan: [50_000, 500_000] },
} as const satisfies Record<TaxpayerProfile, unknown>;

const VOIDED_CHANCE = 0.03;
const REVERSED_CHANCE = 0.02;
const EXTERNAL_BUYERS_PER_SELLER = 3;

export function seedLedger(ledger: TaxLedger, seed: string, enterprises: readonly EnterpriseSeed[]): void {
  for (const enterprise of enterprises) {
    const random = new SeededRandom(`${seed}/${enterprise.taxId}`);
    const profile = PROFILE[enterprise.profile ?? "sound"];
    const currentMonth = monthOf(ledger.asOf);

    const lateFilingMonths = new Set<string>();
    for (let offset = -SUMMARY_MONTHS; offset < 0; offset++) {
      if (random.chance(profile.lateFilingChance)) lateFilingMonths.add(addMonths(currentMonth, offset));
    }
    const taxArrears = random.chance(profile.arrearsChance)
      ? BigInt(random.int(profile.arrearsYuan[0], profile.arrearsYuan[1])) * 100n
      : 0n;
    ledger.registerEnterprise({ taxId: enterprise.taxId, name: enterprise.name, lateFilingMonths, taxArrears });

    const buyers = enterprises.filter((other) => other.taxId !== enterprise.taxId).map((other) => other.taxId);
    for (let i = 0; i < EXTERNAL_BUYERS_PER_SELLER; i++) buyers.push(`91${random.digits(6)}MA${random.digits(7)}X`);

    const monthlySalesYuan = random.int(200_000, 5_000_000);
    const codePrefix = `42${random.digits(4)}`;
    let nextNumber = random.int(1, 5_000_000);
    for (let offset = -SUMMARY_MONTHS; offset <= 0; offset++) {
      const month = addMonths(currentMonth, offset);
      const lastDay = offset === 0 ? Number(ledger.asOf.slice(8, 10)) : daysInMonth(month);
      const count = random.int(3, 8);
      // One invoice code per tax period, as a bureau hands out invoice stock: "42" + 4 digits + YYMM.
      const invoiceCode = `${codePrefix}${month.slice(2, 4)}${month.slice(5, 7)}`;
      for (let i = 0; i < count; i++) {
        const amountFen = Math.round(((monthlySalesYuan / count) * (0.5 + random.next())) * 100);
        const issueDate = `${month}-${String(random.int(1, lastDay)).padStart(2, "0")}`;
        const roll = random.next();
        const status = roll < VOIDED_CHANCE ? "voided" : roll < VOIDED_CHANCE + REVERSED_CHANCE ? "reversed" : "valid";
        ledger.issue({
          sellerTaxId: enterprise.taxId,
          buyerTaxId: random.pick(buyers),
          invoiceCode,
          invoiceNumber: String(nextNumber++).padStart(8, "0"),
          amount: BigInt(amountFen),
          issueDate,
          status,
          statusChangedAt: status === "valid" ? null : `${issueDate}T09:00:00.000Z`,
        });
      }
    }
  }
}
