import type { UserRole } from '../common/auth/user-role';

export const JWT_ALGORITHM = 'HS256';
export const JWT_ISSUER = 'nestmap';
export const JWT_AUDIENCE = 'nestmap-api';
/** Marks the token's purpose so no other kind of token can pass as an access token. */
export const ACCESS_TOKEN_TYPE = 'access';
/**
 * Clock tolerance when checking exp/nbf (ASVS: ≤ 30 s). None: the API signs and verifies its own
 * tokens, so there is no foreign clock to allow for, and a token with `exp = now-1` must already be
 * refused (docs/security.md S5); any tolerance would keep expired tokens working that much longer.
 */
export const JWT_CLOCK_TOLERANCE_SECONDS = 0;

export interface AccessTokenClaims {
  sub: string;
  org: string;
  role: UserRole;
  /** The user's token version when issued; bumping it revokes every earlier token. */
  ver: number;
  /** The login session (refresh-token family): once it is revoked, so are its access tokens. */
  sid: string;
  typ: typeof ACCESS_TOKEN_TYPE;
}
