import { Controller, Delete, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Public } from '../common/auth/auth.decorators';
import { NotFoundError } from '../common/errors/domain-error';
import { ApiAuthenticated, ApiErrors } from '../common/http/api-errors.decorator';
import { CalendarService } from './calendar.service';
import { UuidParamPipe } from '../common/http/validation.pipes';

const ICS = 'text/calendar; charset=utf-8';
const FEED_FILE = /^([\w-]{43})\.ics$/;
const ALL_TRIPS = { tripId: null };

export class CalendarFeedResponse {
  @ApiProperty({ description: 'Secret URL to subscribe to in Outlook, Google Calendar or Apple Calendar' }) url: string;
}

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @ApiOperation({ summary: 'A trip as an iCalendar file' })
  @Get('trips/:id/calendar.ics')
  @Header('Content-Type', ICS)
  @ApiAuthenticated(400, 404)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The trip and its activities as iCalendar', schema: { type: 'string' } })
  async trip(
    @Auth() ctx: AuthContext,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { filename, body } = await this.calendar.tripCalendar(ctx, id);
    reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }

  @ApiOperation({ summary: "The caller's calendar feed address (made on first use, then always the same)" })
  @Get('calendar/feed')
  @ApiAuthenticated()
  @ApiOkResponse({ type: CalendarFeedResponse, description: 'The current feed URL of all your trips' })
  feedAddress(@Auth() ctx: AuthContext) {
    return this.calendar.currentFeed(ctx, ALL_TRIPS);
  }

  @ApiOperation({ summary: "Reset the caller's calendar feed address" })
  @Post('calendar/feed/reset')
  @HttpCode(200)
  @ApiAuthenticated()
  @ApiOkResponse({ type: CalendarFeedResponse, description: 'A new feed URL; the previous one stops working' })
  resetFeed(@Auth() ctx: AuthContext) {
    return this.calendar.resetFeed(ctx, ALL_TRIPS);
  }

  @ApiOperation({ summary: "Revoke the caller's calendar feed address" })
  @Delete('calendar/feed')
  @HttpCode(204)
  @ApiAuthenticated()
  @ApiNoContentResponse({ description: 'The feed URL stops working' })
  revokeFeed(@Auth() ctx: AuthContext) {
    return this.calendar.revokeFeed(ctx, ALL_TRIPS);
  }

  @ApiOperation({
    summary: "The caller's calendar feed address for one trip (made on first use, then always the same)",
  })
  @Get('trips/:id/calendar/feed')
  @ApiAuthenticated(400, 404)
  @ApiOkResponse({ type: CalendarFeedResponse, description: 'The current feed URL of this trip' })
  tripFeedAddress(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.calendar.currentFeed(ctx, { tripId: id });
  }

  @ApiOperation({ summary: "Reset the caller's calendar feed address for one trip" })
  @Post('trips/:id/calendar/feed/reset')
  @HttpCode(200)
  @ApiAuthenticated(400, 404)
  @ApiOkResponse({
    type: CalendarFeedResponse,
    description: 'A new feed URL for this trip; the previous one stops working',
  })
  resetTripFeed(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.calendar.resetFeed(ctx, { tripId: id });
  }

  @ApiOperation({ summary: "Revoke the caller's calendar feed address for one trip" })
  @Delete('trips/:id/calendar/feed')
  @HttpCode(204)
  @ApiAuthenticated(400, 404)
  @ApiNoContentResponse({ description: 'The trip feed URL stops working' })
  revokeTripFeed(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string) {
    return this.calendar.revokeFeed(ctx, { tripId: id });
  }

  /** Polled by calendar apps without a session: the 256-bit token in the URL is the credential. */
  @ApiOperation({ summary: "A calendar feed by its secret address: the owner's trips, or one trip" })
  @Get('calendar/:file')
  @Public()
  @SkipThrottle({ 'auth-ip': true, 'auth-account': true })
  @Header('Content-Type', ICS)
  @ApiErrors(404)
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: "The owner's trips (or the one trip) as a subscribable iCalendar feed (`<token>.ics`)",
    schema: { type: 'string' },
  })
  feed(@Param('file') file: string) {
    const token = FEED_FILE.exec(file)?.[1];
    if (!token) throw new NotFoundError('Calendar feed');
    return this.calendar.feed(token);
  }
}
