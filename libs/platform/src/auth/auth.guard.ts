import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { VIGIL_CONFIG } from '../config/config.module';
import type { VigilConfig } from '../config/config.schema';
import { problems } from '../errors/problem';
import type { AuthPrincipal, Role } from './principal';
import { verifyToken } from './tokens';

const ROLES_KEY = 'vigil:roles';
const PUBLIC_KEY = 'vigil:public';

/** Roles allowed on a handler; the operator may always do everything. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export type AuthenticatedRequest = Request & { principal: AuthPrincipal };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka handlers authenticate each message themselves (its authorization header).
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw problems.unauthenticated('Send Authorization: Bearer <token>.');
    const verified = await verifyToken(this.config.VIGIL_JWT_SECRET, match[1]!);
    if (!verified.ok) throw problems.unauthenticated(`Rejected: ${verified.reason}.`, true);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const { principal } = verified;
    if (principal.role !== 'operator' && !roles.includes(principal.role)) {
      throw problems.forbidden('ROLE_NOT_ALLOWED', `The role ${principal.role} may not call this endpoint.`);
    }
    request.principal = principal;
    return true;
  }
}
