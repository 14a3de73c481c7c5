import { type ExecutionContext, SetMetadata, createParamDecorator } from "@nestjs/common";
import type { Role } from "./roles.js";

/** Who is calling: resolved from the API key by ApiKeyGuard on every request that is not @Public(). */
export interface AuthenticatedOrganisation {
  id: string;
  name: string;
  roles: Role[];
  /** The organisation's signing account: its chain writes are signed with this key. */
  chainAddress: string;
}

/** The calling organisation, in a controller method: `me(@CurrentOrganisation() org: AuthenticatedOrganisation)`. */
export const CurrentOrganisation = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedOrganisation =>
    context.switchToHttp().getRequest<{ organisation: AuthenticatedOrganisation }>().organisation,
);

export const REQUIRED_ROLES = "requiredRoles";
/** The caller must hold at least one of these roles (403 ROLE_REQUIRED otherwise). */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const PUBLIC_ROUTE = "publicRoute";
/** No API key needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
