import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The regulator's exposure read model, fed only by chain events (backend/exposure/exposure-projector.ts):
 * - exposure_positions: one row per voucher part with everything an aggregate needs (debtor, supplier and
 *   tier, holder, the bank that financed it, the guarantor that covers it, amounts, maturity, statuses);
 * - exposure_totals and exposure_supplier_totals: running sums of the live positions, kept exact by a
 *   trigger on exposure_positions in the same transaction as the change, so dashboards read a few thousand
 *   summary rows instead of grouping a million parts on every request;
 * - exposure_financings, exposure_guarantees: the Financing and Guarantees contracts' state, from their events;
 * - exposure_limits, guarantor_capacities, compliance_parameters: ComplianceRules' limits and booked figures;
 * - exposure_daily: flows per day (issued, financed, redeemed, defaulted) for trends.
 */
export class CreateExposureTables1764000650000 implements MigrationInterface {
  name = "CreateExposureTables1764000650000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE exposure_positions (
        part_id bigint PRIMARY KEY,
        voucher_id bigint NOT NULL,
        parent_part_id bigint,
        tier integer NOT NULL,
        debtor_organisation_id uuid NOT NULL,
        supplier_organisation_id uuid,
        holder_organisation_id uuid,
        amount bigint NOT NULL CHECK (amount >= 0),
        maturity timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'live',
        voucher_status text NOT NULL DEFAULT 'active',
        financing_id bigint,
        bank_organisation_id uuid,
        financed_amount bigint NOT NULL DEFAULT 0 CHECK (financed_amount >= 0),
        guarantor_organisation_id uuid,
        covered_amount bigint NOT NULL DEFAULT 0 CHECK (covered_amount >= 0),
        issued_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX exposure_positions_voucher ON exposure_positions (voucher_id)`);
    await queryRunner.query(`CREATE INDEX exposure_positions_financing ON exposure_positions (financing_id) WHERE financing_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX exposure_positions_debtor ON exposure_positions (debtor_organisation_id, part_id)`);
    await queryRunner.query(`CREATE INDEX exposure_positions_bank ON exposure_positions (bank_organisation_id, part_id) WHERE bank_organisation_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX exposure_positions_supplier ON exposure_positions (supplier_organisation_id, part_id)`);
    await queryRunner.query(`CREATE INDEX exposure_positions_guarantor ON exposure_positions (guarantor_organisation_id, part_id) WHERE guarantor_organisation_id IS NOT NULL`);
    // Overdue parts are few and found by maturity: live, not defaulted, maturity already past. The included
    // columns let the overdue sums by supplier, debtor or bank be index-only scans: overdue parts are spread
    // over the whole table, and visiting their heap pages cost most of a supplier breakdown on a million parts.
    await queryRunner.query(
      `CREATE INDEX exposure_positions_open_maturity ON exposure_positions (maturity)
         INCLUDE (supplier_organisation_id, tier, debtor_organisation_id, bank_organisation_id, amount)
         WHERE status = 'live' AND voucher_status = 'active'`,
    );

    // exposure_totals answers every dimension but suppliers (a few rows per debtor, bank, guarantor and
    // maturity day); suppliers have their own, keyed by what a supplier breakdown filters on. A supplier
    // breakdown for one bank reads that bank's positions instead (keying by bank too would make this table
    // nearly one row per part).
    // The nil uuid stands for "no bank" / "no guarantor" so that they can be part of a primary key.
    await queryRunner.query(`
      CREATE TABLE exposure_totals (
        bank_key uuid NOT NULL,
        debtor_organisation_id uuid NOT NULL,
        guarantor_key uuid NOT NULL,
        voucher_status text NOT NULL,
        maturity_date date NOT NULL,
        outstanding bigint NOT NULL,
        financed bigint NOT NULL,
        covered bigint NOT NULL,
        parts bigint NOT NULL,
        PRIMARY KEY (bank_key, debtor_organisation_id, guarantor_key, voucher_status, maturity_date)
      )`);
    await queryRunner.query(`CREATE INDEX exposure_totals_debtor ON exposure_totals (debtor_organisation_id)`);
    await queryRunner.query(`
      CREATE TABLE exposure_supplier_totals (
        supplier_key uuid NOT NULL,
        tier integer NOT NULL,
        debtor_organisation_id uuid NOT NULL,
        voucher_status text NOT NULL,
        outstanding bigint NOT NULL,
        financed bigint NOT NULL,
        covered bigint NOT NULL,
        parts bigint NOT NULL,
        PRIMARY KEY (supplier_key, tier, debtor_organisation_id, voucher_status)
      )`);

    // Adds (sign 1) or subtracts (sign -1) one position's contribution. Only live parts count.
    await queryRunner.query(`
      CREATE FUNCTION exposure_apply_position(part exposure_positions, sign integer) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        nil constant uuid := '00000000-0000-0000-0000-000000000000';
      BEGIN
        IF part.status <> 'live' THEN
          RETURN;
        END IF;
        INSERT INTO exposure_totals AS t (bank_key, debtor_organisation_id, guarantor_key, voucher_status, maturity_date,
                                          outstanding, financed, covered, parts)
        VALUES (coalesce(part.bank_organisation_id, nil), part.debtor_organisation_id,
                coalesce(part.guarantor_organisation_id, nil), part.voucher_status,
                (part.maturity AT TIME ZONE 'UTC')::date,
                sign * part.amount, sign * part.financed_amount, sign * part.covered_amount, sign)
        ON CONFLICT (bank_key, debtor_organisation_id, guarantor_key, voucher_status, maturity_date) DO UPDATE
          SET outstanding = t.outstanding + excluded.outstanding, financed = t.financed + excluded.financed,
              covered = t.covered + excluded.covered, parts = t.parts + excluded.parts;
        INSERT INTO exposure_supplier_totals AS s (supplier_key, tier, debtor_organisation_id, voucher_status,
                                                   outstanding, financed, covered, parts)
        VALUES (coalesce(part.supplier_organisation_id, nil), part.tier, part.debtor_organisation_id, part.voucher_status,
                sign * part.amount, sign * part.financed_amount, sign * part.covered_amount, sign)
        ON CONFLICT (supplier_key, tier, debtor_organisation_id, voucher_status) DO UPDATE
          SET outstanding = s.outstanding + excluded.outstanding, financed = s.financed + excluded.financed,
              covered = s.covered + excluded.covered, parts = s.parts + excluded.parts;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION exposure_positions_to_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM exposure_apply_position(OLD, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          PERFORM exposure_apply_position(NEW, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER exposure_positions_totals AFTER INSERT OR UPDATE OR DELETE ON exposure_positions
        FOR EACH ROW EXECUTE FUNCTION exposure_positions_to_totals()`);

    await queryRunner.query(`
      CREATE TABLE exposure_financings (
        financing_id bigint PRIMARY KEY,
        part_id bigint NOT NULL,
        bank_organisation_id uuid NOT NULL,
        debtor_organisation_id uuid,
        seller_address text NOT NULL,
        kind text NOT NULL,
        amount bigint NOT NULL,
        advance bigint,
        status text NOT NULL,
        requested_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE exposure_guarantees (
        guarantee_id bigint PRIMARY KEY,
        financing_id bigint NOT NULL,
        guarantor_address text NOT NULL,
        guarantor_organisation_id uuid,
        covered_amount bigint NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX exposure_guarantees_financing ON exposure_guarantees (financing_id)`);

    await queryRunner.query(`
      CREATE TABLE exposure_limits (
        bank_organisation_id uuid NOT NULL,
        debtor_organisation_id uuid NOT NULL,
        limit_override numeric(78, 0),
        booked_exposure numeric(78, 0) NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (bank_organisation_id, debtor_organisation_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE guarantor_capacities (
        guarantor_organisation_id uuid PRIMARY KEY,
        capacity numeric(78, 0) NOT NULL DEFAULT 0,
        used numeric(78, 0) NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE compliance_parameters (
        name text PRIMARY KEY,
        value numeric(78, 0) NOT NULL,
        updated_at timestamptz NOT NULL
      )`);

    // The regulator's count of refused duplicate attempts reads failed operations by error code.
    await queryRunner.query(
      `CREATE INDEX chain_operations_refusals ON chain_operations (error_code, updated_at) WHERE status = 'failed'`,
    );

    await queryRunner.query(`
      CREATE TABLE exposure_daily (
        day date PRIMARY KEY,
        issued bigint NOT NULL DEFAULT 0,
        financed bigint NOT NULL DEFAULT 0,
        redeemed bigint NOT NULL DEFAULT 0,
        defaulted bigint NOT NULL DEFAULT 0
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX chain_operations_refusals`);
    await queryRunner.query(`DROP TRIGGER exposure_positions_totals ON exposure_positions`);
    await queryRunner.query(`DROP FUNCTION exposure_positions_to_totals(), exposure_apply_position(exposure_positions, integer)`);
    await queryRunner.query(`DROP TABLE exposure_daily, compliance_parameters, guarantor_capacities, exposure_limits,
      exposure_guarantees, exposure_financings, exposure_supplier_totals, exposure_totals, exposure_positions`);
  }
}
