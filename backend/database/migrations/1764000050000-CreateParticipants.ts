import type { MigrationInterface, QueryRunner } from "typeorm";

/** Organisations (participants) with their encrypted signing keys, and their API keys (hashed). */
export class CreateParticipants1764000050000 implements MigrationInterface {
  name = "CreateParticipants1764000050000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        tax_id text,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        region text,
        industry text,
        chain_address text NOT NULL UNIQUE,
        encrypted_private_key text NOT NULL,
        on_chain_status text NOT NULL DEFAULT 'pending'
          CHECK (on_chain_status IN ('pending', 'active', 'suspended', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX organisations_tax_id ON organisations (tax_id) WHERE tax_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        prefix text NOT NULL UNIQUE,
        secret_sha256 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_organisation ON api_keys (organisation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE organisations`);
  }
}
