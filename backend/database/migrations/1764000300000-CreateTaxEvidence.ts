import type { MigrationInterface, QueryRunner } from "typeorm";

/** The tax authority's signed answers, referenced by the invoices decided on them. */
export class CreateTaxEvidence1764000300000 implements MigrationInterface {
  name = "CreateTaxEvidence1764000300000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tax_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id text NOT NULL UNIQUE,
        key_id text NOT NULL,
        signature text NOT NULL,
        body text NOT NULL,
        issued_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      ALTER TABLE invoices ADD CONSTRAINT invoices_tax_evidence
        FOREIGN KEY (tax_evidence_id) REFERENCES tax_evidence (id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_tax_evidence`);
    await queryRunner.query(`DROP TABLE tax_evidence`);
  }
}
