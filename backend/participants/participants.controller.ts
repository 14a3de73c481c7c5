import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from "@nestjs/common";
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from "@nestjs/swagger";
import { type AuthenticatedOrganisation, CurrentOrganisation, RequireRoles } from "./authenticated-organisation.js";
import { OnboardOrganisationDto } from "./dto/onboard-organisation.dto.js";
import { IssuedApiKeyView, OnboardedOrganisationView, OrganisationView } from "./dto/organisation.view.js";
import { ParticipantsService } from "./participants.service.js";

@ApiTags("participants")
@ApiBearerAuth()
@Controller("v1/organisations")
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  /** Onboards an organisation after KYC: its signing account, its first API key, and its registry entry. */
  @Post()
  @RequireRoles("operator")
  @ApiCreatedResponse({ type: OnboardedOrganisationView })
  async onboard(@Body() body: OnboardOrganisationDto): Promise<OnboardedOrganisationView> {
    const { organisation, apiKey } = await this.participants.onboard(body);
    return { organisation: OrganisationView.of(organisation), apiKey };
  }

  @Get("me")
  @ApiOkResponse({ type: OrganisationView })
  async me(@CurrentOrganisation() caller: AuthenticatedOrganisation): Promise<OrganisationView> {
    return OrganisationView.of(await this.participants.get(caller.id));
  }

  /** Another participant's directory entry: who it is, its roles, and whether it is active on chain. */
  @Get(":id")
  @ApiOkResponse({ type: OrganisationView })
  async get(@Param("id", new ParseUUIDPipe()) id: string): Promise<OrganisationView> {
    return OrganisationView.of(await this.participants.get(id));
  }

  /** Issues another API key (rotation); the old ones stay valid until revoked. */
  @Post(":id/api-keys")
  @HttpCode(201)
  @RequireRoles("operator")
  @ApiCreatedResponse({ type: IssuedApiKeyView })
  async issueApiKey(@Param("id", new ParseUUIDPipe()) id: string): Promise<IssuedApiKeyView> {
    return { apiKey: await this.participants.issueApiKey(id) };
  }
}
