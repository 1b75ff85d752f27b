import { Body, Controller, Get, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Public } from '../common/auth/auth.decorators';
import { ApiAuthenticated, ApiErrors } from '../common/http/api-errors.decorator';
import { requestIdOf } from '../common/http/all-exceptions.filter';
import { LoginThrottle } from '../common/throttling/login-throttle.interceptor';
import { BruteForceGuarded } from '../common/throttling/throttling';
import { UserResponse } from '../users/user.dto';
import { AuthService, RequestMeta } from './auth.service';
import {
  AcceptInvitationDto,
  AuthResponse,
  ChangePasswordDto,
  LoginDto,
  RefreshTokenDto,
  RegisterDto,
} from './dto/auth.dto';

const meta = (request: FastifyRequest): RequestMeta => ({ ip: request.ip, requestId: requestIdOf(request) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiOperation({ summary: 'Create an organization and its first admin' })
  @Post('register')
  @Public()
  @BruteForceGuarded()
  @ApiErrors(400, 409, 429)
  @ApiCreatedResponse({ type: AuthResponse, description: 'The user is admin of a new organization' })
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @Post('login')
  @Public()
  @HttpCode(200)
  @UseInterceptors(LoginThrottle)
  @ApiErrors(400, 401, 429)
  @ApiOkResponse({ type: AuthResponse })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest) {
    return this.auth.login(dto, meta(request));
  }

  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair' })
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiErrors(400, 401, 429)
  @ApiOkResponse({ type: AuthResponse, description: 'A new pair; the presented refresh token is spent' })
  refresh(@Body() dto: RefreshTokenDto, @Req() request: FastifyRequest) {
    return this.auth.refresh(dto.refreshToken, meta(request));
  }

  @ApiOperation({ summary: 'Sign out this session' })
  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiErrors(400)
  @ApiNoContentResponse({ description: "The refresh token's session is revoked" })
  logout(@Body() dto: RefreshTokenDto) {
    return this.auth.logout(dto.refreshToken);
  }

  @ApiOperation({ summary: 'Sign out every session of the caller' })
  @Post('logout-all')
  @HttpCode(204)
  @ApiAuthenticated()
  @ApiNoContentResponse({ description: 'Every session of the caller is revoked, access tokens included' })
  logoutAll(@Auth() ctx: AuthContext) {
    return this.auth.logoutEverywhere(ctx);
  }

  @ApiOperation({ summary: 'The signed-in user' })
  @Get('me')
  @ApiAuthenticated()
  @ApiOkResponse({ type: UserResponse })
  me(@Auth() ctx: AuthContext) {
    return this.auth.me(ctx);
  }

  @Post('password')
  @HttpCode(200)
  // Someone holding a stolen access token must not get unlimited guesses at the current password.
  @ApiOperation({ summary: "Change the caller's password" })
  @BruteForceGuarded()
  @ApiAuthenticated(400, 429)
  @ApiOkResponse({ type: AuthResponse, description: 'Other sessions are signed out; this one gets a new pair' })
  changePassword(@Auth() ctx: AuthContext, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(ctx, dto);
  }

  @ApiOperation({ summary: 'Join an organization through an invitation' })
  @Post('accept-invitation')
  @Public()
  @BruteForceGuarded()
  @ApiErrors(400, 409, 429)
  @ApiCreatedResponse({ type: AuthResponse })
  acceptInvitation(@Body() dto: AcceptInvitationDto) {
    return this.auth.acceptInvitation(dto);
  }
}
