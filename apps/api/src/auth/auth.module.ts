import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { CallerIdentifier } from '../common/auth/caller-identifier';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UsersModule } from '../users/users.module';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER } from './access-token';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthTokens } from './auth-tokens.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PasswordHasher } from './password-hasher';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';

@Module({
  imports: [
    UsersModule,
    OrganizationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM
        // public key on every verify, which measured as the single largest CPU cost per request.
        secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
        signOptions: {
          algorithm: JWT_ALGORITHM,
          expiresIn: config.accessTokenTtlSeconds,
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController, PasswordResetController],
  providers: [
    AuthService,
    PasswordResetService,
    AuthTokens,
    PasswordHasher,
    AccessTokenVerifier,
    JwtAuthGuard,
    { provide: CallerIdentifier, useExisting: JwtAuthGuard },
  ],
  exports: [JwtAuthGuard, CallerIdentifier, AccessTokenVerifier],
})
export class AuthModule {}
