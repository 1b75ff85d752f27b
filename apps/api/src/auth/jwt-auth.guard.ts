import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from '../common/auth/auth.decorators';

/** Global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  /** Token problems are 401; anything else (the database failing during the user check) keeps its own status. */
  override handleRequest<T>(error: unknown, user: T): T {
    if (error && !(error instanceof UnauthorizedException)) throw error;
    if (error || !user) throw new UnauthorizedException('Missing, invalid or expired access token');
    return user;
  }
}
