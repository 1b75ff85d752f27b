import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '../../users/user-role';
import type { AuthContext } from './auth-context';

export const IS_PUBLIC = 'nestmap:public';

/** Opens a route to unauthenticated callers; every other route needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the listed roles (checked by RolesGuard after authentication). */
export const Roles = Reflector.createDecorator<UserRole[]>();

/** Injects the caller's AuthContext. */
export const Auth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  return context.switchToHttp().getRequest().user;
});
