import { type CanActivate, type ExecutionContext, Injectable } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { ForbiddenError, UnauthenticatedError } from "../common/domain-error.js";
import { ApiKeys } from "./api-keys.service.js";
import { type AuthenticatedOrganisation, PUBLIC_ROUTE, REQUIRED_ROLES } from "./authenticated-organisation.js";
import type { Role } from "./roles.js";

/** Every route needs `Authorization: Bearer <api key>` unless marked @Public(); @RequireRoles narrows it. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; organisation?: AuthenticatedOrganisation }>();
    const header = request.headers.authorization;
    if (!header?.startsWith("Bearer ")) {
      throw new UnauthenticatedError("API_KEY_MISSING", "send your organisation's API key as `Authorization: Bearer <key>`");
    }
    const organisation = await this.apiKeys.organisationOf(header.slice("Bearer ".length).trim());
    if (!organisation) throw new UnauthenticatedError("API_KEY_INVALID", "this API key is unknown or revoked");
    request.organisation = {
      id: organisation.id,
      name: organisation.name,
      roles: organisation.roles,
      chainAddress: organisation.chainAddress,
    };
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => organisation.roles.includes(role))) {
      throw new ForbiddenError("ROLE_REQUIRED", `this action needs one of the roles: ${required.join(", ")}`, {
        requiredRoles: required,
        yourRoles: organisation.roles,
      });
    }
    return true;
  }
}
