import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Public } from '../common/auth/auth.decorators';
import { NotFoundError } from '../common/errors/domain-error';
import { ApiAuthenticated, ApiErrors } from '../common/http/api-errors.decorator';
import { SecretLinkThrottled } from '../common/throttling/throttling';
import { UuidParamPipe } from '../common/http/validation.pipes';
import {
  CreatedShareLinkResponse,
  CreateShareLinkDto,
  ShareLinkListResponse,
  SharedTripResponse,
} from './dto/share-link.dto';
import { ShareLinksService } from './share-links.service';

/** A share token: 256 bits, URL-safe (`newOpaqueToken`). */
const TOKEN = /^[\w-]{43}$/;

@ApiTags('collaboration')
@Controller()
export class ShareLinksController {
  constructor(private readonly links: ShareLinksService) {}

  @ApiOperation({ summary: "A trip's share links (the trip's `share`)" })
  @Get('trips/:tripId/share-links')
  @ApiAuthenticated(400, 403, 404)
  @ApiOkResponse({ type: ShareLinkListResponse })
  list(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string) {
    return this.links.list(ctx, tripId);
  }

  @ApiOperation({ summary: 'Make a read-only link to the trip for people outside the company' })
  @Post('trips/:tripId/share-links')
  @ApiAuthenticated(400, 403, 404)
  @ApiCreatedResponse({ type: CreatedShareLinkResponse, description: 'The link; its URL is shown only now' })
  create(@Auth() ctx: AuthContext, @Param('tripId', UuidParamPipe) tripId: string, @Body() dto: CreateShareLinkDto) {
    return this.links.create(ctx, tripId, dto.expiresInDays);
  }

  @ApiOperation({ summary: 'Revoke a share link: it answers 404 from now on' })
  @Delete('share-links/:id')
  @HttpCode(204)
  @ApiAuthenticated(400, 403, 404)
  @ApiNoContentResponse()
  revoke(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.links.revoke(ctx, id);
  }

  /** Opened by people without an account: the token is the credential, so a tight per-IP limit bounds guessing. */
  @ApiOperation({ summary: 'A shared trip by its secret link: itinerary and map data, no costs or people' })
  @Get('shared-trips/:token')
  @Public()
  @SkipThrottle({ 'auth-ip': true, 'auth-account': true })
  @SecretLinkThrottled()
  @ApiErrors(404, 429, 503)
  @ApiOkResponse({ type: SharedTripResponse })
  shared(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply) {
    // Set before the look-up, so refusals carry them too: never indexed, cached or sent on as a referrer.
    reply
      .header('X-Robots-Tag', 'noindex, nofollow')
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer');
    if (!TOKEN.test(token)) throw new NotFoundError('Shared trip');
    return this.links.shared(token);
  }
}
