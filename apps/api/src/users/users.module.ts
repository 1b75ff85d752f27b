import { Module } from '@nestjs/common';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { UserSessions } from './user-sessions.service';
import { UsersRepository } from './users.repository';

@Module({
  providers: [UsersRepository, RefreshTokensRepository, UserSessions],
  exports: [UsersRepository, RefreshTokensRepository, UserSessions],
})
export class UsersModule {}
