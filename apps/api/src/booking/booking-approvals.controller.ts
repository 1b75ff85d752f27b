import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Public } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { BruteForceGuarded } from '../common/throttling/throttling';
import { BookingApprovalLinks } from './booking-approval-links';
import { BookingDecisionDto, BookingResponse } from './dto/booking.dto';

class BookingApprovalTokenDto {
  @ApiProperty({ description: 'The token from the approval link in the e-mail' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

class BookingApprovalDecisionDto extends BookingDecisionDto {
  @ApiProperty({ description: 'The token from the approval link in the e-mail' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

class BookingApprovalPreview {
  @ApiProperty({ type: String, format: 'date-time', description: 'Until when the link works' }) expiresAt: string;
  @ApiProperty({ description: "The trip's title (the approver may not be signed in to read the trip)" })
  tripTitle: string;
  @ApiProperty({
    type: BookingResponse,
    description: 'The booking waiting for the decision (its verdict, price, cheapest in-policy alternative)',
  })
  booking: BookingResponse;
}

/**
 * An approver's e-mailed link (S29): no session, the 256-bit token is the credential. As for an
 * invitation link, the token travels in the body (never in an API path, so no access log holds it),
 * the routes are rate-limited like sign-in, and `peek` only shows the booking (the web page asks to
 * confirm); deciding is `approve` or `reject`. Unknown, used, expired or decided links are 404.
 */
@ApiTags('bookings')
@Controller('booking-approvals')
export class BookingApprovalsController {
  constructor(private readonly links: BookingApprovalLinks) {}

  @ApiOperation({ summary: 'The booking an approval link decides (changes nothing)' })
  @Post('peek')
  @Public()
  @HttpCode(200)
  @BruteForceGuarded()
  @Header('X-Robots-Tag', 'noindex')
  @ApiErrors(400, 404, 429)
  @ApiOkResponse({ type: BookingApprovalPreview })
  peek(@Body() dto: BookingApprovalTokenDto) {
    return this.links.preview(dto.token);
  }

  @ApiOperation({ summary: 'Approve the booking of an approval link (and order it)' })
  @Post('approve')
  @Public()
  @HttpCode(200)
  @BruteForceGuarded()
  @Header('X-Robots-Tag', 'noindex')
  @ApiErrors(400, 402, 404, 409, 422, 429)
  @ApiOkResponse({
    type: BookingResponse,
    description: 'As POST /api/bookings/:id/approve, as the approver the link was sent to; the link is then dead',
  })
  approve(@Body() { token, ...decision }: BookingApprovalDecisionDto) {
    return this.links.approve(token, decision);
  }

  @ApiOperation({ summary: 'Reject the booking of an approval link' })
  @Post('reject')
  @Public()
  @HttpCode(200)
  @BruteForceGuarded()
  @Header('X-Robots-Tag', 'noindex')
  @ApiErrors(400, 404, 409, 429)
  @ApiOkResponse({ type: BookingResponse, description: 'As POST /api/bookings/:id/reject; the link is then dead' })
  reject(@Body() { token, ...decision }: BookingApprovalDecisionDto) {
    return this.links.reject(token, decision);
  }
}
