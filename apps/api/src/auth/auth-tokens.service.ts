import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hashToken, newOpaqueToken } from '../common/auth/opaque-token';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { toUserResponse } from '../users/user.dto';
import type { User } from '../users/user.entity';
import { RefreshTokensRepository } from '../users/refresh-tokens.repository';
import { ACCESS_TOKEN_TYPE, AccessTokenClaims } from './access-token';
import type { AuthResponse } from './dto/auth.dto';

/** Issues the access/refresh pair of a session. */
@Injectable()
export class AuthTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  hash(refreshToken: string): string {
    return hashToken(this.config.sessionSecret, refreshToken);
  }

  /**
   * Signs an access token and stores (the hash of) a new refresh token, in a new family or as the
   * successor in an existing one (keeping that family's absolute expiry).
   */
  async issue(user: User, family?: { id: string; expiresAt: Date }): Promise<AuthResponse> {
    const familyId = family?.id ?? randomUUID();
    const claims: AccessTokenClaims = {
      sub: user.id,
      org: user.organizationId,
      role: user.role,
      ver: user.tokenVersion,
      sid: familyId,
      typ: ACCESS_TOKEN_TYPE,
    };
    const accessToken = await this.jwt.signAsync(claims);
    const refreshToken = newOpaqueToken();
    const now = Date.now();
    const familyExpiresAt = family?.expiresAt ?? new Date(now + this.config.refreshTokenAbsoluteTtlSeconds * 1000);
    const expiresAt = new Date(Math.min(now + this.config.refreshTokenTtlSeconds * 1000, familyExpiresAt.getTime()));
    await this.refreshTokens.insert({
      userId: user.id,
      organizationId: user.organizationId,
      familyId,
      tokenHash: this.hash(refreshToken),
      expiresAt,
      familyExpiresAt,
    });
    return { accessToken, refreshToken, user: toUserResponse(user) };
  }
}
