import { Module } from '@nestjs/common';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository';
import { PreAuthUsers } from './pre-auth-users.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { UserSessions } from './user-sessions.service';
import { UsersRepository } from './users.repository';

@Module({
  providers: [UsersRepository, PreAuthUsers, RefreshTokensRepository, PasswordResetTokensRepository, UserSessions],
  exports: [UsersRepository, PreAuthUsers, RefreshTokensRepository, PasswordResetTokensRepository, UserSessions],
})
export class UsersModule {}
