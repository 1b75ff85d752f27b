import { Injectable } from '@nestjs/common';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { PreAuthUsers } from './pre-auth-users.repository';

/** "Sign out everywhere": used by logout-all, password change and deactivation. */
@Injectable()
export class UserSessions {
  constructor(
    private readonly users: PreAuthUsers,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  async revokeAll(userId: string): Promise<void> {
    await this.users.bumpTokenVersion(userId);
    await this.refreshTokens.revokeAllOfUser(userId);
  }
}
