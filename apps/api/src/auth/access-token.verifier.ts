import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Jwt, JwtPayload } from 'jsonwebtoken';
import type { AuthContext } from '../common/auth/auth-context';
import { PreAuthUsers } from '../users/pre-auth-users.repository';
import {
  ACCESS_TOKEN_TYPE,
  AccessTokenClaims,
  JWT_ALGORITHM,
  JWT_AUDIENCE,
  JWT_CLOCK_TOLERANCE_SECONDS,
  JWT_ISSUER,
} from './access-token';

/** Header parameters that would let a token choose its own key: never honoured, so refused. */
const KEY_SELECTING_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'kid'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a token was refused: an expired one can be refreshed, an invalid one cannot. */
export type AccessRefusal = 'expired' | 'invalid';

export interface VerifiedSession {
  ctx: AuthContext;
  /** The login session (`sid`): the refresh-token family the token was issued for. */
  sessionId: string;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
}

/**
 * Checks an access token: HS256 only (algorithm pinned), our issuer and audience, `exp` present
 * and not passed, type `access`, the user still active with an unchanged token version, and its
 * session (`sid`, the refresh-token family) not revoked by logout or reuse detection.
 * Returns why it refused anything else; database errors propagate (they are 503s, not 401s).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: PreAuthUsers,
  ) {}

  async verify(token: string): Promise<AuthContext | AccessRefusal> {
    const session = await this.verifySession(token);
    return typeof session === 'string' ? session : session.ctx;
  }

  /** `verify`, with what a live connection also needs: the login session and when the token expires. */
  async verifySession(token: string): Promise<VerifiedSession | AccessRefusal> {
    const claims = await this.verifiedClaims(token);
    if (!claims || claims === 'expired') return claims ?? 'invalid';
    const user = await this.users.findAccessState(claims.sub, claims.sid);
    if (
      !user ||
      !user.active ||
      user.tokenVersion !== claims.ver ||
      user.organizationId !== claims.org ||
      user.sessionRevoked
    )
      return 'invalid';
    return {
      ctx: { userId: user.id, organizationId: user.organizationId, role: user.role },
      sessionId: claims.sid,
      expiresAt: claims.exp * 1000,
    };
  }

  /** Who a token names, checking its signature and claims but not the database (see CallerIdentifier). */
  async identify(token: string): Promise<AuthContext | undefined> {
    const claims = await this.verifiedClaims(token);
    if (!claims || claims === 'expired') return undefined;
    return { userId: claims.sub, organizationId: claims.org, role: claims.role };
  }

  /** The claims of a genuine, current token; 'expired' when it is genuine but its time has run out. */
  private async verifiedClaims(token: string): Promise<(AccessTokenClaims & { exp: number }) | 'expired' | undefined> {
    let decoded: Jwt;
    try {
      decoded = await this.jwt.verifyAsync<Jwt & object>(token, {
        complete: true,
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS,
        // Checked last, below, so that 'expired' is only said of a token that is otherwise valid.
        ignoreExpiration: true,
      });
    } catch {
      return undefined;
    }
    const claims = decoded.payload as JwtPayload & Partial<AccessTokenClaims>;
    if (KEY_SELECTING_HEADERS.some((name) => name in decoded.header)) return undefined;
    if (claims.typ !== ACCESS_TOKEN_TYPE || typeof claims.exp !== 'number' || typeof claims.sub !== 'string')
      return undefined;
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(claims.sub)) return undefined;
    // jsonwebtoken's own rule: expired from the second `exp + tolerance` on.
    if (Math.floor(Date.now() / 1000) >= claims.exp + JWT_CLOCK_TOLERANCE_SECONDS) return 'expired';
    return claims as AccessTokenClaims & { exp: number };
  }
}
