import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/auth/auth.decorators';
import { requestIdOf } from '../common/http/all-exceptions.filter';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { BruteForceGuarded } from '../common/throttling/throttling';
import type { RequestMeta } from './auth.service';
import {
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetRequestedResponse,
} from './dto/password-reset.dto';
import { PasswordResetService, RESET_TTL_MINUTES } from './password-reset.service';

const REQUESTED: PasswordResetRequestedResponse = {
  message: `If an account uses this address, a reset link is on its way. It works once, for ${RESET_TTL_MINUTES} minutes.`,
};

const meta = (request: FastifyRequest): RequestMeta => ({ ip: request.ip, requestId: requestIdOf(request) });

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly passwordReset: PasswordResetService) {}

  @ApiOperation({ summary: 'E-mail a password reset link (the same answer for every address)' })
  @Post('request')
  @Public()
  @HttpCode(202)
  @BruteForceGuarded()
  @ApiErrors(400, 429)
  @ApiAcceptedResponse({
    type: PasswordResetRequestedResponse,
    description: 'The same answer whether or not the address has an account',
  })
  request(@Body() dto: PasswordResetRequestDto, @Req() request: FastifyRequest): PasswordResetRequestedResponse {
    this.passwordReset.request(dto.email, meta(request));
    return REQUESTED;
  }

  @ApiOperation({ summary: 'Set a new password with the token of a reset link' })
  @Post('confirm')
  @Public()
  @HttpCode(204)
  @BruteForceGuarded()
  @ApiErrors(400, 429)
  @ApiNoContentResponse({ description: 'The password is changed and every session of the account is signed out' })
  confirm(@Body() dto: PasswordResetConfirmDto, @Req() request: FastifyRequest): Promise<void> {
    return this.passwordReset.confirm(dto, meta(request));
  }
}
