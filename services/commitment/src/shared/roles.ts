import {
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@pingyi/contracts';
import { requireRole, type SubgraphContext } from '@pingyi/nest';

/** Any person of the platform (not the anonymous channel). */
export const PEOPLE: readonly Role[] = [
  'prefecture_admin',
  'county_admin',
  'unit_secretary',
  'reviewer',
  'member',
];
export const ADMINS: readonly Role[] = ['prefecture_admin', 'county_admin'];

const ROLES = 'pingyi:roles';

/** Refuses (FORBIDDEN) a caller without one of the roles set by `@Roles` on the handler, else on its resolver class. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (roles) requireRole(GqlExecutionContext.create(ctx).getContext<SubgraphContext>().identity, ...roles);
    return true;
  }
}

/** Who may call: on a resolver class for all its operations, on one operation to set its own. */
export const Roles = (...roles: readonly Role[]) =>
  applyDecorators(SetMetadata(ROLES, roles), UseGuards(RolesGuard));
/** Every operation of the resolver is for a person of the platform, never the anonymous channel. */
export const People = () => Roles(...PEOPLE);
