import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { IS_PUBLIC } from '../common/auth/auth.decorators';
import { AccessTokenVerifier } from './access-token.verifier';

const BEARER = /^Bearer ([\w-]+\.[\w-]*\.[\w-]*)$/;

/** Global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthContext }>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const user = token ? await this.verifier.verify(token) : undefined;
    if (!user) throw new UnauthorizedException('Missing, invalid or expired access token');
    request.user = user;
    return true;
  }
}
