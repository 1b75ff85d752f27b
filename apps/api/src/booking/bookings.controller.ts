import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, Roles } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { UuidParamPipe } from '../common/http/validation.pipes';
import { BookingsService } from './bookings.service';
import {
  BookingDecisionDto,
  BookingQuery,
  BookingResponse,
  BookingsList,
  BookingsPage,
  CreateBookingDto,
} from './dto/booking.dto';

const IdParam = () => Param('id', UuidParamPipe);

@ApiTags('bookings')
@ApiAuthenticated()
@Controller()
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @ApiOperation({ summary: 'Book a flight offer of the trip’s search (idempotent: Idempotency-Key required)' })
  @Post('trips/:id/bookings')
  @ApiAuthenticated(400, 402, 403, 404, 409, 422)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'A new key (a UUID v4) per booking; retry with the same key and body to get the same answer, never a second order. The same key with another body → 422 IDEMPOTENCY_KEY_REUSED; while the first request runs → it waits, then 409 IDEMPOTENCY_KEY_IN_USE',
  })
  @ApiCreatedResponse({
    type: BookingResponse,
    description:
      'confirmed (in policy, ordered), or pending_approval (the policy wants an approver). Out of policy without a required reason → 422 POLICY_REASON_REQUIRED; blocked → 422 POLICY_BLOCKED',
  })
  @ApiAcceptedResponse({
    type: BookingResponse,
    description:
      'ordering: the supplier’s answer is not known yet (it timed out); the booking is finished by the reconciler — poll GET /api/bookings/:id',
  })
  async create(
    @Auth() ctx: AuthContext,
    @IdParam() tripId: string,
    @Body() dto: CreateBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingResponse> {
    const answer = await this.bookings.create(ctx, tripId, key, dto);
    reply.status(answer.status);
    return answer.body;
  }

  @ApiOperation({ summary: 'The trip’s bookings' })
  @Get('trips/:id/bookings')
  @ApiAuthenticated(400, 404)
  @ApiOkResponse({ type: BookingsList, description: 'Oldest first' })
  async listForTrip(@Auth() ctx: AuthContext, @IdParam() tripId: string): Promise<BookingsList> {
    return { items: await this.bookings.listForTrip(ctx, tripId) };
  }

  @ApiOperation({ summary: 'The organization’s bookings (managers and admins)' })
  @Get('bookings')
  @Roles([UserRole.Admin, UserRole.Manager])
  @ApiAuthenticated(400, 403)
  @ApiOkResponse({ type: BookingsPage, description: 'Newest first' })
  list(@Auth() ctx: AuthContext, @Query() query: BookingQuery) {
    return this.bookings.list(ctx, query);
  }

  @ApiOperation({ summary: 'A booking' })
  @Get('bookings/:id')
  @ApiAuthenticated(400, 404)
  @ApiOkResponse({ type: BookingResponse })
  get(@Auth() ctx: AuthContext, @IdParam() id: string) {
    return this.bookings.get(ctx, id);
  }

  @ApiOperation({ summary: 'Approve a booking waiting for approval, and order it' })
  @Post('bookings/:id/approve')
  @HttpCode(200)
  @ApiAuthenticated(400, 402, 403, 404, 409, 422)
  @ApiOkResponse({
    type: BookingResponse,
    description:
      'pending_approval → approved → ordering → confirmed (a manager or admin who neither booked nor flies). Re-priced first: expired → 422 FLIGHT_OFFER_EXPIRED (the booking fails); dearer → 409 FLIGHT_OFFER_PRICE_CHANGED with the new price stored: approve again to accept it',
  })
  async approve(
    @Auth() ctx: AuthContext,
    @IdParam() id: string,
    @Body() dto: BookingDecisionDto,
  ): Promise<BookingResponse> {
    return (await this.bookings.approve(ctx, id, dto)).body;
  }

  @ApiOperation({ summary: 'Reject a booking waiting for approval' })
  @Post('bookings/:id/reject')
  @HttpCode(200)
  @ApiAuthenticated(400, 403, 404, 409)
  @ApiOkResponse({ type: BookingResponse, description: 'pending_approval → rejected; nothing was ordered' })
  reject(@Auth() ctx: AuthContext, @IdParam() id: string, @Body() dto: BookingDecisionDto) {
    return this.bookings.reject(ctx, id, dto);
  }

  @ApiOperation({ summary: 'Ask what cancelling the booking would refund' })
  @Post('bookings/:id/cancellation-quote')
  @HttpCode(200)
  @ApiAuthenticated(400, 404, 409, 422)
  @ApiOkResponse({
    type: BookingResponse,
    description: '→ cancellation_quoted, with `cancellation.refund` and its expiry',
  })
  quoteCancellation(@Auth() ctx: AuthContext, @IdParam() id: string) {
    return this.bookings.quoteCancellation(ctx, id);
  }

  @ApiOperation({ summary: 'Cancel the booking at the quoted refund' })
  @Post('bookings/:id/cancel')
  @HttpCode(200)
  @ApiAuthenticated(400, 404, 409, 422)
  @ApiOkResponse({
    type: BookingResponse,
    description:
      'cancellation_quoted → cancelled; its flights leave the itinerary. An expired quote → 422 CANCELLATION_QUOTE_EXPIRED',
  })
  cancel(@Auth() ctx: AuthContext, @IdParam() id: string) {
    return this.bookings.cancel(ctx, id);
  }
}
