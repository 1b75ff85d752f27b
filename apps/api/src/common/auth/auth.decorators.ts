import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../http/openapi';
import type { UserRole } from './user-role';
import type { AuthContext } from './auth-context';

export const IS_PUBLIC = 'nestmap:public';

/**
 * Opens a route to unauthenticated callers; every other route needs a valid access token. The
 * OpenAPI document says so with an empty security requirement (`security: []`).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

export const ROLES = Reflector.createDecorator<UserRole[]>();

/**
 * Restricts a route to the listed roles (checked by RolesGuard after authentication) and says so
 * in the OpenAPI document (`x-roles`), from which the authorization tests enumerate the routes.
 */
export const Roles = (roles: UserRole[]) => applyDecorators(ROLES(roles), ApiExtension('x-roles', roles));

/** Injects the caller's AuthContext. */
export const Auth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  return context.switchToHttp().getRequest().user;
});
