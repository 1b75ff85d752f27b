import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { IS_PUBLIC } from '../common/auth/auth.decorators';
import { DomainError } from '../common/errors/domain-error';
import { AuthErrorCode, CommonErrorCode } from '../common/errors/error-codes';
import { CallerIdentifier } from '../common/auth/caller-identifier';
import { AccessTokenVerifier } from './access-token.verifier';

const BEARER = /^Bearer ([\w-]+\.[\w-]*\.[\w-]*)$/;

const bearerTokenOf = (request: FastifyRequest) => BEARER.exec(request.headers.authorization ?? '')?.[1];

/** Global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate, CallerIdentifier {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthContext }>();
    const token = bearerTokenOf(request);
    const user = token ? await this.verifier.verify(token) : 'invalid';
    if (typeof user === 'string') {
      throw new DomainError(
        user === 'expired' ? AuthErrorCode.TokenExpired : CommonErrorCode.Unauthenticated,
        'Missing, invalid or expired access token',
      );
    }
    request.user = user;
    return true;
  }

  async identify(request: FastifyRequest): Promise<AuthContext | undefined> {
    const token = bearerTokenOf(request);
    return token ? this.verifier.identify(token) : undefined;
  }
}
