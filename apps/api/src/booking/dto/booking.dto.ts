import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageOf, PaginationQuery } from '../../common/http/pagination.dto';
import { MoneyDto } from '../../common/money/money.dto';
import { trim } from '../../common/validation/text';
import { DATE_PATTERN } from '../../common/validation/validators';
import {
  CarrierResponse,
  FareConditionsResponse,
  FlightSliceResponse,
} from '../../flights/search/dto/flight-search.dto';
import { PolicyReasonResponse } from '../../policy/dto/policy-verdict.dto';
import { StayCancellationPolicyResponse, StayPropertyResponse } from '../../stays/search/dto/stay-search.dto';
import { BOARD_TYPES, type BoardType } from '../../stays/supplier/stay-supplier';
import { BOOKING_KINDS, type BookingKind } from '../booking.entity';
import {
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  type PaymentMethodKind,
  type PaymentStatus,
} from '../payments/payment-status.machine';
import { SUPPLIER_NAMES, type SupplierName } from '../../flights/supplier/flight-supplier';
import { CABINS, type Cabin } from '../../policy/travel-policy.schema';
import { VERDICTS, type Verdict } from '../../policy/policy-verdict';
import { BOOKING_STATUSES, BookingStatus } from '../booking-status.machine';

/** What a caller may do with a booking now: clients show exactly these buttons. */
export const BOOKING_PERMISSIONS = ['approve', 'reject', 'quote_cancellation', 'cancel'] as const;
export type BookingPermission = (typeof BOOKING_PERMISSIONS)[number];

export class CreateBookingDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "A flight: the offer's id from the trip's flight search (`FlightOfferResponse.id`). Exactly one of offerId and stayRateId",
  })
  @IsOptional()
  @IsUUID('4')
  offerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A stay: the rate's id from the trip's stay search (`StayRateResponse.id`)",
  })
  @IsOptional()
  @IsUUID('4')
  stayRateId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['3f2b8c9e-1d4a-4b6f-9c2e-7a5d8e1f0b3c'],
    description:
      "Who flies (or stays: the guests, the first one the lead guest), in the offer's passenger order: travellers of the trip. Default: the trip's travellers, lead first",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  passengerIds?: string[];

  @ApiPropertyOptional({
    example: 'client_meeting',
    maxLength: 40,
    description: "Out of policy: one of the organization's reason codes, when the policy asks for one",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  reasonCode?: string;

  @ApiPropertyOptional({
    type: MoneyDto,
    description:
      'The price the booker agreed to. Default: the price the search showed. A re-priced offer (re-quoted rate) dearer than this is refused (409 FLIGHT_OFFER_PRICE_CHANGED, STAY_RATE_PRICE_CHANGED) and the booker is asked again',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  acceptedPrice?: MoneyDto;
}

export class BookingDecisionDto {
  @ApiPropertyOptional({ maxLength: 2000, description: "An approver's comment, or a rejection's reason" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class BookingQuery extends PaginationQuery {
  @ApiPropertyOptional({
    enum: BOOKING_STATUSES,
    isArray: true,
    description: 'One or more statuses (repeat the parameter)',
  })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value : [value]))
  @IsIn(BOOKING_STATUSES, { each: true })
  status?: BookingStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  tripId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Who booked' })
  @IsOptional()
  @IsUUID('4')
  bookerId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Booked on or after this day (UTC)' })
  @IsOptional()
  @Matches(DATE_PATTERN)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Booked on or before this day (UTC)' })
  @IsOptional()
  @Matches(DATE_PATTERN)
  @IsISO8601({ strict: true })
  to?: string;
}

export class BookedOfferResponse {
  @ApiProperty({ format: 'uuid', description: 'The stored offer it was booked from' }) id: string;
  @ApiProperty({ type: CarrierResponse }) owner: CarrierResponse;
  @ApiProperty({ enum: CABINS }) cabin: Cabin;
  @ApiProperty({ type: Number, nullable: true, description: 'kg CO2 for all passengers' }) emissionsKg: number | null;
  @ApiProperty({
    type: [FlightSliceResponse],
    description: 'As ordered; after an airline change, as the airline changed them',
  })
  slices: FlightSliceResponse[];
  @ApiProperty({ type: FareConditionsResponse }) conditions: FareConditionsResponse;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the offer could no longer be ordered' })
  expiresAt: string;
}

export class BookingReasonResponse extends PolicyReasonResponse {
  @ApiPropertyOptional({ type: [Number], description: 'A flight: the slices (0-based) that break the rule' })
  slices?: number[];
}

export class BookedStayResponse {
  @ApiProperty({ format: 'uuid', description: 'The stored rate it was booked from' }) rateId: string;
  @ApiProperty({ type: StayPropertyResponse }) property: StayPropertyResponse;
  @ApiProperty({ format: 'date' }) checkInDate: string;
  @ApiProperty({ format: 'date' }) checkOutDate: string;
  @ApiProperty() nights: number;
  @ApiProperty() rooms: number;
  @ApiProperty() guests: number;
  @ApiProperty() roomName: string;
  @ApiProperty({ enum: BOARD_TYPES }) board: BoardType;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'Paid at the property, not in the price' })
  dueAtProperty: MoneyDto | null;
  @ApiProperty({ type: StayCancellationPolicyResponse, description: 'As booked' })
  cancellation: StayCancellationPolicyResponse;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the rate could no longer be booked' })
  expiresAt: string;
}

export class BookingPolicyResponse {
  @ApiProperty({ enum: VERDICTS, description: 'Judged on the re-priced offer (re-quoted rate) when it was booked' })
  verdict: Verdict;
  @ApiProperty() policyVersion: number;
  @ApiProperty({ type: [BookingReasonResponse] }) reasons: BookingReasonResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The booker's reason code that made an out-of-policy offer acceptable",
  })
  reasonCode: string | null;
}

export class CheapestAlternativeResponse {
  @ApiProperty({ format: 'uuid', description: 'The stored offer (or stay rate)' }) offerId: string;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
}

export class BookingPersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class BookingDecisionResponse {
  @ApiProperty({ enum: ['approved', 'rejected'] }) outcome: 'approved' | 'rejected';
  @ApiProperty({ type: BookingPersonResponse }) decidedBy: BookingPersonResponse;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class CancellationResponse {
  @ApiProperty({ type: MoneyDto, description: 'What the supplier refunds (to the organization’s balance)' })
  refund: MoneyDto;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the quote can be confirmed',
  })
  expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
}

export class BookingFailureResponse {
  @ApiProperty({ description: 'The error code the booking request answered with', example: 'FLIGHT_OFFER_EXPIRED' })
  code: string;
  @ApiProperty() message: string;
}

export class PaymentCardResponse {
  @ApiProperty({ example: 'visa', description: "The card's brand as Stripe names it" }) brand: string;
  @ApiProperty({ example: '4242', description: 'The last four digits (never more)' }) last4: string;
}

export class BookingPaymentResponse {
  @ApiProperty({
    enum: PAYMENT_METHODS,
    description: "`invoice`: on the organization's monthly statement; `card`: the organization's saved card (Stripe)",
  })
  method: PaymentMethodKind;
  @ApiProperty({
    enum: PAYMENT_STATUSES,
    enumName: 'PaymentStatus',
    description: "The card payment's state (docs/payments.md); `none` for an invoiced booking",
  })
  status: PaymentStatus;
  @ApiProperty({ type: PaymentCardResponse, nullable: true, description: 'The card charged; null when invoiced' })
  card: PaymentCardResponse | null;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'What was charged to the card' })
  captured: MoneyDto | null;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'What was refunded to the card' })
  refunded: MoneyDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Stripe's decline or error code when the authorisation failed",
    example: 'insufficient_funds',
  })
  failureCode: string | null;
}

export class BookingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ enum: BOOKING_STATUSES, enumName: 'BookingStatus' }) status: BookingStatus;
  @ApiProperty({ enum: BOOKING_KINDS, description: 'A flight (`offer`) or a stay (`stay`)' }) kind: BookingKind;
  @ApiProperty({ enum: SUPPLIER_NAMES, description: '"sandbox": a simulated booking, nobody flies or stays' })
  supplier: SupplierName;
  @ApiProperty({ type: MoneyDto, description: 'For all passengers (all nights and rooms), as re-priced when booked' })
  price: MoneyDto;
  @ApiProperty({ type: BookedOfferResponse, nullable: true, description: 'A flight; null for a stay' })
  offer: BookedOfferResponse | null;
  @ApiProperty({ type: BookedStayResponse, nullable: true, description: 'A stay; null for a flight' })
  stay: BookedStayResponse | null;
  @ApiProperty({ type: BookingPolicyResponse }) policy: BookingPolicyResponse;
  @ApiProperty({
    type: CheapestAlternativeResponse,
    nullable: true,
    description: 'The cheapest in-policy offer of the same search at booking time',
  })
  cheapestInPolicy: CheapestAlternativeResponse | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The travellers flying (or staying)' })
  passengerIds: string[];
  @ApiProperty({ type: BookingPersonResponse }) bookedBy: BookingPersonResponse;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The airline booking reference (PNR), or the property's confirmation number, once confirmed",
  })
  bookingReference: string | null;
  @ApiProperty({ type: BookingDecisionResponse, nullable: true }) decision: BookingDecisionResponse | null;
  @ApiProperty({ type: CancellationResponse, nullable: true }) cancellation: CancellationResponse | null;
  @ApiProperty({ type: BookingFailureResponse, nullable: true }) failure: BookingFailureResponse | null;
  @ApiProperty({ type: BookingPaymentResponse, description: 'How it is paid, and where a card payment stands' })
  payment: BookingPaymentResponse;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The flight or lodging activities it put in the itinerary',
  })
  activityIds: string[];
  @ApiProperty({ enum: BOOKING_PERMISSIONS, isArray: true, description: 'What the caller may do with it now' })
  allowedActions: BookingPermission[];
  @ApiProperty({ description: 'Bumped by every change' }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: string | null;
}

export class BookingsList {
  @ApiProperty({ type: [BookingResponse] }) items: BookingResponse[];
}

export class BookingsPage extends PageOf(BookingResponse) {}
