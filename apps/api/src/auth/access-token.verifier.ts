import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Jwt, JwtPayload } from 'jsonwebtoken';
import type { AuthContext } from '../common/auth/auth-context';
import { UsersRepository } from '../users/users.repository';
import { ACCESS_TOKEN_TYPE, AccessTokenClaims, JWT_ALGORITHM, JWT_AUDIENCE, JWT_CLOCK_TOLERANCE_SECONDS, JWT_ISSUER } from './access-token';

/** Header parameters that would let a token choose its own key: never honoured, so refused. */
const KEY_SELECTING_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'kid'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks an access token: HS256 only (algorithm pinned), our issuer and audience, `exp` present
 * and not passed, type `access`, the user still active with an unchanged token version, and its
 * session (`sid`, the refresh-token family) not revoked by logout or reuse detection.
 * Returns undefined for anything else; database errors propagate (they are 503s, not 401s).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  async verify(token: string): Promise<AuthContext | undefined> {
    const claims = await this.verifiedClaims(token);
    if (!claims) return undefined;
    const user = await this.users.findAccessState(claims.sub, claims.sid);
    if (!user || !user.active || user.tokenVersion !== claims.ver || user.organizationId !== claims.org || user.sessionRevoked) return undefined;
    return { userId: user.id, organizationId: user.organizationId, role: user.role };
  }

  /** Who a token names, checking its signature and claims but not the database (see CallerIdentifier). */
  async identify(token: string): Promise<AuthContext | undefined> {
    const claims = await this.verifiedClaims(token);
    return claims && { userId: claims.sub, organizationId: claims.org, role: claims.role };
  }

  private async verifiedClaims(token: string): Promise<AccessTokenClaims | undefined> {
    let decoded: Jwt;
    try {
      decoded = await this.jwt.verifyAsync<Jwt & object>(token, {
        complete: true,
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS,
      });
    } catch {
      return undefined;
    }
    const claims = decoded.payload as JwtPayload & Partial<AccessTokenClaims>;
    if (KEY_SELECTING_HEADERS.some((name) => name in decoded.header)) return undefined;
    if (claims.typ !== ACCESS_TOKEN_TYPE || typeof claims.exp !== 'number' || typeof claims.sub !== 'string') return undefined;
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(claims.sub)) return undefined;
    return claims as AccessTokenClaims;
  }
}
