import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** An organisation's API credential. Only the prefix (to find it) and a SHA-256 of the secret are stored. */
@Entity("api_keys")
export class ApiKey {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Index()
  @Column({ name: "organisation_id", type: "uuid" })
  organisationId!: string;

  @Index({ unique: true })
  @Column({ type: "text" })
  prefix!: string;

  @Column({ name: "secret_sha256", type: "text" })
  secretSha256!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  revokedAt!: Date | null;
}
