import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ROLES, type Role } from "../roles.js";
import type { Organisation } from "../organisation.entity.js";

export class OrganisationView {
  @ApiProperty({ format: "uuid" }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) taxId!: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiPropertyOptional({ nullable: true, type: String }) region!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) industry!: string | null;
  @ApiProperty({ description: "The organisation's signing account" }) chainAddress!: string;
  @ApiProperty({ enum: ["pending", "active", "suspended", "failed"] }) onChainStatus!: string;
  @ApiProperty() createdAt!: string;

  static of(organisation: Organisation): OrganisationView {
    return {
      id: organisation.id,
      name: organisation.name,
      taxId: organisation.taxId,
      roles: organisation.roles,
      region: organisation.region,
      industry: organisation.industry,
      chainAddress: organisation.chainAddress,
      onChainStatus: organisation.onChainStatus,
      createdAt: organisation.createdAt.toISOString(),
    };
  }
}

export class OnboardedOrganisationView {
  @ApiProperty({ type: OrganisationView }) organisation!: OrganisationView;
  @ApiProperty({ description: "Shown once: store it now. Send it as `Authorization: Bearer <key>`." }) apiKey!: string;
}

export class IssuedApiKeyView {
  @ApiProperty({ description: "Shown once: store it now." }) apiKey!: string;
}
