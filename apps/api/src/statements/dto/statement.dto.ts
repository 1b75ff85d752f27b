import { ApiProperty } from '@nestjs/swagger';
import { BOOKING_KINDS, type BookingKind } from '../../booking/booking.entity';

/** A currency's sums (decimal strings): charges, refunds (positive) and net = charges − refunds. */
export class StatementCurrencyTotals {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1250.40', description: 'Bookings confirmed in the month' }) charges: string;
  @ApiProperty({ example: '120.00', description: 'Refunds of cancellations in the month (a positive amount)' })
  refunds: string;
  @ApiProperty({ example: '1130.40', description: 'charges − refunds: what the month adds to the account' })
  net: string;
}

export class StatementMonth {
  @ApiProperty({ example: '2027-03' }) month: string;
  @ApiProperty({ example: 'NM-3F0C9A12-202703' }) number: string;
  @ApiProperty({ description: 'The current month: lines may still be added' }) provisional: boolean;
  @ApiProperty() lines: number;
  @ApiProperty({ type: [StatementCurrencyTotals], description: 'One entry per currency, alphabetical' })
  totals: StatementCurrencyTotals[];
}

export class StatementList {
  @ApiProperty({
    type: [StatementMonth],
    description: 'Months with at least one line, newest first; the current month always (provisional)',
  })
  months: StatementMonth[];
}

export class StatementLine {
  @ApiProperty({ format: 'date-time', description: 'When the booking was confirmed, or cancelled (a refund)' })
  date: string;
  @ApiProperty({ enum: ['charge', 'refund'] }) entry: 'charge' | 'refund';
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ enum: BOOKING_KINDS }) kind: BookingKind;
  @ApiProperty({ example: 'sandbox' }) supplier: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The airline booking reference or the property’s confirmation number',
  })
  bookingReference: string | null;
  @ApiProperty() tripTitle: string;
  @ApiProperty({ description: 'The travellers (a stay’s guests), lead first, separated by “; ”' }) travellers: string;
  @ApiProperty({ example: 'LHR–JFK, JFK–LHR · British Airways · departs 2027-03-12' }) description: string;
  @ApiProperty({ example: '-120.00', description: 'A refund is negative' }) amount: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

export class StatementOrganization {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class StatementResponse {
  @ApiProperty({ example: 'NM-3F0C9A12-202703', description: 'Stable: the same month always has the same number' })
  number: string;
  @ApiProperty({ example: '2027-03' }) month: string;
  @ApiProperty({ format: 'date', description: 'First day (UTC)' }) from: string;
  @ApiProperty({ format: 'date', description: 'Last day, included (UTC)' }) to: string;
  @ApiProperty({ description: 'The current month: lines may still be added until it ends' }) provisional: boolean;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: StatementOrganization, description: 'Billed to' }) organization: StatementOrganization;
  @ApiProperty({ type: [StatementLine], description: 'Oldest first' }) lines: StatementLine[];
  @ApiProperty({ type: [StatementCurrencyTotals], description: 'One entry per currency of the lines, alphabetical' })
  totals: StatementCurrencyTotals[];
}
