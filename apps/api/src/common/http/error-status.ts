import { HttpStatus } from '@nestjs/common';
import {
  ActivityErrorCode,
  AiErrorCode,
  AuditErrorCode,
  ReportErrorCode,
  AuthErrorCode,
  BookingErrorCode,
  CollaborationErrorCode,
  CommonErrorCode,
  CurrencyErrorCode,
  ErrorCode,
  FlightErrorCode,
  StayErrorCode,
  OrganizationErrorCode,
  PassengerErrorCode,
  PaymentErrorCode,
  PolicyErrorCode,
  TripErrorCode,
} from '../errors/error-codes';

/** Not in Nest's HttpStatus. */
const REQUEST_HEADER_FIELDS_TOO_LARGE = 431;

/**
 * The HTTP status of every error code: one table, so a code answers with one status wherever it is
 * raised. Typed as a Record over the union, so a code added to an enum without a status here does
 * not compile.
 */
export const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  [CommonErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.MalformedRequest]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.JsonTooDeep]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.IllFormedText]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.ForbiddenKey]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.CoordinatesIncomplete]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.IfMatchInvalid]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.IfMatchMismatch]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.InvalidValue]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [CommonErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [CommonErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [CommonErrorCode.RequestTimeout]: HttpStatus.REQUEST_TIMEOUT,
  [CommonErrorCode.Duplicate]: HttpStatus.CONFLICT,
  [CommonErrorCode.ConcurrentChange]: HttpStatus.CONFLICT,
  [CommonErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CommonErrorCode.UriTooLong]: HttpStatus.URI_TOO_LONG,
  [CommonErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [CommonErrorCode.ReferenceMissing]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CommonErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [CommonErrorCode.HeadersTooLarge]: REQUEST_HEADER_FIELDS_TOO_LARGE,
  [CommonErrorCode.InternalError]: HttpStatus.INTERNAL_SERVER_ERROR,
  [CommonErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,

  [AuthErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.TokenExpired]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.RefreshTokenInvalid]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.CurrentPasswordIncorrect]: HttpStatus.BAD_REQUEST,
  [AuthErrorCode.InvitationInvalid]: HttpStatus.BAD_REQUEST,
  [AuthErrorCode.ResetLinkInvalid]: HttpStatus.BAD_REQUEST,
  [AuthErrorCode.EmailTaken]: HttpStatus.CONFLICT,

  [OrganizationErrorCode.MemberChangeEmpty]: HttpStatus.BAD_REQUEST,
  [OrganizationErrorCode.LastAdmin]: HttpStatus.CONFLICT,
  [OrganizationErrorCode.AlreadyMember]: HttpStatus.CONFLICT,

  [TripErrorCode.EndsBeforeStart]: HttpStatus.BAD_REQUEST,
  [TripErrorCode.RejectionReasonRequired]: HttpStatus.BAD_REQUEST,
  [TripErrorCode.VersionStale]: HttpStatus.CONFLICT,
  [TripErrorCode.IllegalTransition]: HttpStatus.CONFLICT,
  [TripErrorCode.NotEditable]: HttpStatus.CONFLICT,
  [TripErrorCode.NotDeletable]: HttpStatus.CONFLICT,
  [TripErrorCode.TravellerNotActive]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TripErrorCode.BudgetExceeded]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TripErrorCode.BudgetBelowPlanned]: HttpStatus.UNPROCESSABLE_ENTITY,

  [ActivityErrorCode.OutsideTrip]: HttpStatus.BAD_REQUEST,
  [ActivityErrorCode.EndsBeforeStart]: HttpStatus.BAD_REQUEST,
  [ActivityErrorCode.OrderIncomplete]: HttpStatus.BAD_REQUEST,
  [ActivityErrorCode.VersionStale]: HttpStatus.CONFLICT,
  [ActivityErrorCode.ItineraryClosed]: HttpStatus.CONFLICT,
  [ActivityErrorCode.OrderContradictsTime]: HttpStatus.UNPROCESSABLE_ENTITY,

  [CurrencyErrorCode.ExchangeRateDuplicate]: HttpStatus.BAD_REQUEST,
  [CurrencyErrorCode.ExchangeRateMissing]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CurrencyErrorCode.ExchangeRatesUnreachable]: HttpStatus.SERVICE_UNAVAILABLE,

  [AuditErrorCode.ExportTooLarge]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReportErrorCode.PeriodInvalid]: HttpStatus.BAD_REQUEST,
  [ReportErrorCode.StatementMonthInFuture]: HttpStatus.BAD_REQUEST,

  [PolicyErrorCode.Blocked]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PolicyErrorCode.VersionStale]: HttpStatus.CONFLICT,
  [PassengerErrorCode.ProfileIncomplete]: HttpStatus.UNPROCESSABLE_ENTITY,

  [CollaborationErrorCode.CollaboratorNotMember]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CollaborationErrorCode.CollaboratorTravels]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CollaborationErrorCode.CannotSeeTrip]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CollaborationErrorCode.NotCommentAuthor]: HttpStatus.FORBIDDEN,
  [CollaborationErrorCode.CommentVersionStale]: HttpStatus.CONFLICT,
  [CollaborationErrorCode.ChecklistItemVersionStale]: HttpStatus.CONFLICT,
  [CollaborationErrorCode.NotesVersionStale]: HttpStatus.CONFLICT,

  [FlightErrorCode.SearchExpired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [FlightErrorCode.SearchRefused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [FlightErrorCode.SupplierUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [StayErrorCode.SearchExpired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [StayErrorCode.SearchRefused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [StayErrorCode.SupplierUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [StayErrorCode.RateExpired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [StayErrorCode.RatePriceChanged]: HttpStatus.CONFLICT,
  [StayErrorCode.RateAlreadyBooked]: HttpStatus.CONFLICT,

  [BookingErrorCode.IdempotencyKeyInvalid]: HttpStatus.BAD_REQUEST,
  [BookingErrorCode.IdempotencyKeyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [BookingErrorCode.IdempotencyKeyInUse]: HttpStatus.CONFLICT,
  [BookingErrorCode.OfferExpired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [BookingErrorCode.OfferPriceChanged]: HttpStatus.CONFLICT,
  [BookingErrorCode.OfferAlreadyBooked]: HttpStatus.CONFLICT,
  [BookingErrorCode.ReasonCodeRequired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [BookingErrorCode.PassengersMismatch]: HttpStatus.UNPROCESSABLE_ENTITY,
  [BookingErrorCode.IllegalTransition]: HttpStatus.CONFLICT,
  [BookingErrorCode.SupplierRefused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [BookingErrorCode.CancellationQuoteExpired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [BookingErrorCode.DailyLimitReached]: HttpStatus.UNPROCESSABLE_ENTITY,
  [BookingErrorCode.WebhookSignatureInvalid]: HttpStatus.UNAUTHORIZED,

  [AiErrorCode.NotConfigured]: HttpStatus.SERVICE_UNAVAILABLE,
  [AiErrorCode.BudgetExceeded]: HttpStatus.TOO_MANY_REQUESTS,
  [AiErrorCode.ModelError]: HttpStatus.BAD_GATEWAY,
  [AiErrorCode.ModelTimeout]: HttpStatus.GATEWAY_TIMEOUT,

  [PaymentErrorCode.CardDeclined]: HttpStatus.PAYMENT_REQUIRED,
  [PaymentErrorCode.AuthenticationRequired]: HttpStatus.PAYMENT_REQUIRED,
  [PaymentErrorCode.ProviderUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [PaymentErrorCode.NotConfigured]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The code of an error raised by the framework (Nest, Fastify, the throttler) with only a status. */
const CODE_OF_FRAMEWORK_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  [HttpStatus.BAD_REQUEST]: CommonErrorCode.MalformedRequest,
  [HttpStatus.UNAUTHORIZED]: CommonErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: CommonErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: CommonErrorCode.NotFound,
  [HttpStatus.REQUEST_TIMEOUT]: CommonErrorCode.RequestTimeout,
  [HttpStatus.PAYLOAD_TOO_LARGE]: CommonErrorCode.PayloadTooLarge,
  [HttpStatus.URI_TOO_LONG]: CommonErrorCode.UriTooLong,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: CommonErrorCode.UnsupportedMediaType,
  [HttpStatus.TOO_MANY_REQUESTS]: CommonErrorCode.RateLimited,
  [REQUEST_HEADER_FIELDS_TOO_LARGE]: CommonErrorCode.HeadersTooLarge,
  [HttpStatus.SERVICE_UNAVAILABLE]: CommonErrorCode.ServiceUnavailable,
};

/**
 * A framework error's code from its status. A client error of a kind the table does not know is a
 * MALFORMED_REQUEST (so 400): every 4xx carries a code, and a code always has its one status.
 */
export function codeOfFrameworkStatus(status: number): ErrorCode {
  if (status >= 500)
    return status === HttpStatus.SERVICE_UNAVAILABLE
      ? CommonErrorCode.ServiceUnavailable
      : CommonErrorCode.InternalError;
  return CODE_OF_FRAMEWORK_STATUS[status] ?? CommonErrorCode.MalformedRequest;
}
