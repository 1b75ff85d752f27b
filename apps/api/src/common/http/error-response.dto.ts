import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode, FieldErrorCode } from '../errors/error-codes';
import { MoneyDto } from '../money/money.dto';

/** One refused field of a VALIDATION_FAILED error (OpenAPI schema of common/errors FieldError). */
export class FieldErrorResponse {
  @ApiProperty({
    example: 'activities.0.startsAt',
    description: 'Dotted path in the body or query, or the path parameter',
  })
  field: string;

  @ApiProperty({ enum: FieldErrorCode, enumName: 'FieldErrorCode', description: 'Which rule the field broke' })
  code: FieldErrorCode;

  @ApiProperty({ example: 'activities.0.startsAt must be a valid ISO 8601 date string' })
  message: string;
}

/** Facts a program needs to act on a refusal (common/errors ErrorDetails). */
export class ErrorDetailsResponse {
  @ApiProperty({ type: MoneyDto, description: 'The price the offer costs now: book or approve again accepting it' })
  newTotal: MoneyDto;
}

/** The body of every error (docs/errors.md). */
export class ErrorResponse {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'For people; may change wording',
  })
  message: string | string[];

  @ApiProperty({ example: 'Conflict' })
  error: string;

  @ApiProperty({
    enum: ERROR_CODES,
    enumName: 'ErrorCode',
    description: 'Stable and machine-readable: switch on this, never on message',
  })
  code: ErrorCode;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'VALIDATION_FAILED only: each refused field' })
  errors?: FieldErrorResponse[];

  @ApiPropertyOptional({
    type: ErrorDetailsResponse,
    description: 'FLIGHT_OFFER_PRICE_CHANGED when the new price is known: what the offer costs now',
  })
  details?: ErrorDetailsResponse;

  @ApiProperty({ description: 'The X-Request-Id of the answer, to quote when reporting a problem' })
  requestId: string;
}
