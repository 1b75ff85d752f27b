import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { BookingApprovalLinks } from './booking-approval-links';
import { BookingDecisionDto, BookingResponse } from './dto/booking.dto';

class BookingApprovalPreview {
  @ApiProperty({ type: String, format: 'date-time', description: 'Until when the link works' }) expiresAt: string;
  @ApiProperty({
    type: BookingResponse,
    description: 'The booking waiting for the decision (its verdict, price, cheapest in-policy alternative)',
  })
  booking: BookingResponse;
}

/**
 * An approver's e-mailed link (S29): no session, the 256-bit token in the path is the credential.
 * GET only shows the booking (the web page asks to confirm); deciding is a POST. Unknown, used,
 * expired or decided links are 404; the pages they open are not indexed and send no referrer.
 */
@ApiTags('bookings')
@Controller('booking-approvals')
export class BookingApprovalsController {
  constructor(private readonly links: BookingApprovalLinks) {}

  @ApiOperation({ summary: 'The booking an approval link decides (changes nothing)' })
  @Get(':token')
  @Public()
  @Header('X-Robots-Tag', 'noindex')
  @ApiErrors(404)
  @ApiOkResponse({ type: BookingApprovalPreview })
  preview(@Param('token') token: string) {
    return this.links.preview(token);
  }

  @ApiOperation({ summary: 'Approve the booking of an approval link (and order it)' })
  @Post(':token/approve')
  @Public()
  @HttpCode(200)
  @Header('X-Robots-Tag', 'noindex')
  @ApiErrors(400, 404, 409, 422)
  @ApiOkResponse({
    type: BookingResponse,
    description: 'As POST /api/bookings/:id/approve, as the approver the link was sent to; the link is then dead',
  })
  approve(@Param('token') token: string, @Body() dto: BookingDecisionDto) {
    return this.links.approve(token, dto);
  }

  @ApiOperation({ summary: 'Reject the booking of an approval link' })
  @Post(':token/reject')
  @Public()
  @HttpCode(200)
  @Header('X-Robots-Tag', 'noindex')
  @ApiErrors(400, 404, 409)
  @ApiOkResponse({ type: BookingResponse, description: 'As POST /api/bookings/:id/reject; the link is then dead' })
  reject(@Param('token') token: string, @Body() dto: BookingDecisionDto) {
    return this.links.reject(token, dto);
  }
}
