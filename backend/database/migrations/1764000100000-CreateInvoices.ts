import type { MigrationInterface, QueryRunner } from "typeorm";

/** Invoices (one row per canonical key), uploads and their per-row results. */
export class CreateInvoices1764000100000 implements MigrationInterface {
  name = "CreateInvoices1764000100000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE uploads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        kind text NOT NULL CHECK (kind IN ('json', 'csv')),
        status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        total_rows integer NOT NULL CHECK (total_rows > 0),
        processed_rows integer NOT NULL DEFAULT 0,
        accepted_rows integer NOT NULL DEFAULT 0,
        rejected_rows integer NOT NULL DEFAULT 0,
        items jsonb,
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CHECK (processed_rows = accepted_rows + rejected_rows AND processed_rows <= total_rows)
      )`);
    await queryRunner.query(`CREATE INDEX uploads_by_organisation ON uploads (organisation_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_key text NOT NULL UNIQUE CHECK (invoice_key ~ '^0x[0-9a-f]{64}$'),
        seller_organisation_id uuid NOT NULL REFERENCES organisations (id),
        debtor_organisation_id uuid NOT NULL REFERENCES organisations (id),
        seller_tax_id text NOT NULL,
        buyer_tax_id text NOT NULL,
        invoice_code text NOT NULL,
        invoice_number text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        issue_date date NOT NULL,
        due_date date NOT NULL CHECK (due_date >= issue_date),
        status text NOT NULL
          CHECK (status IN ('registering', 'verifying', 'valid', 'voided', 'reversed', 'rejected', 'failed')),
        error_code text,
        error_message text,
        idempotency_key text,
        upload_id uuid REFERENCES uploads (id),
        tax_status text CHECK (tax_status IN ('valid', 'voided', 'reversed', 'not_found')),
        tax_amount bigint,
        tax_mismatches text[] NOT NULL DEFAULT '{}',
        tax_checked_at timestamptz,
        tax_evidence_id uuid,
        attested_amount bigint,
        voucher_id text,
        registered_at timestamptz,
        attested_at timestamptz,
        -- Milliseconds, like the JavaScript Date that list cursors carry: with microseconds, a cursor would
        -- fall before its own row and the next page would repeat it.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (seller_organisation_id, idempotency_key)
      )`);
    // The list endpoints page by (created_at, id) within what one party may see.
    await queryRunner.query(`CREATE INDEX invoices_by_seller ON invoices (seller_organisation_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX invoices_by_debtor ON invoices (debtor_organisation_id, created_at, id)`);
    // The tax verification job's queue: registered, not yet checked.
    await queryRunner.query(
      `CREATE INDEX invoices_awaiting_tax_check ON invoices (created_at) WHERE status = 'verifying' AND tax_checked_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE upload_rows (
        upload_id uuid NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
        row_number integer NOT NULL CHECK (row_number > 0),
        status text NOT NULL CHECK (status IN ('accepted', 'rejected')),
        invoice_id uuid REFERENCES invoices (id),
        field text,
        reason_code text,
        message text,
        PRIMARY KEY (upload_id, row_number),
        CHECK ((status = 'accepted') = (invoice_id IS NOT NULL)),
        CHECK ((status = 'rejected') = (reason_code IS NOT NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE upload_rows`);
    await queryRunner.query(`DROP TABLE invoices`);
    await queryRunner.query(`DROP TABLE uploads`);
  }
}
