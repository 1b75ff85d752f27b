import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { JwtHeader } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthContext } from '../common/auth/auth-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersRepository } from '../users/users.repository';
import {
  ACCESS_TOKEN_TYPE,
  AccessTokenClaims,
  JWT_ALGORITHM,
  JWT_AUDIENCE,
  JWT_CLOCK_TOLERANCE_SECONDS,
  JWT_ISSUER,
} from './access-token';

/** Header parameters that would let a token pick its own key: never honoured, so refused. */
const KEY_SELECTING_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'kid'] as const;

interface CompleteToken {
  header: JwtHeader & Record<string, unknown>;
  payload: AccessTokenClaims & { exp?: number };
}

/**
 * Verifies access tokens: HS256 only (algorithm pinned), our issuer and audience, `exp` required,
 * type `access`, and the user still active with an unchanged token version.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { complete: true, clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS },
    });
  }

  async validate(token: CompleteToken): Promise<AuthContext> {
    const { header, payload } = token;
    if (KEY_SELECTING_HEADERS.some((name) => name in header)) throw new UnauthorizedException();
    if (payload.typ !== ACCESS_TOKEN_TYPE || typeof payload.exp !== 'number') throw new UnauthorizedException();
    const user = await this.users.findSessionState(payload.sub);
    if (!user || !user.active || user.tokenVersion !== payload.ver || user.organizationId !== payload.org) {
      throw new UnauthorizedException();
    }
    return { userId: user.id, organizationId: user.organizationId, role: user.role };
  }
}
