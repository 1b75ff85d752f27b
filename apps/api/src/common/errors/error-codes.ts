/**
 * The machine-readable `code` of every error body, one enum per domain. The codes are part of the
 * HTTP contract (docs/errors.md): add codes freely, never rename or remove one. A new code needs a
 * status in `common/http/error-status.ts` (the compiler refuses the build until it has one).
 *
 * They live in one file, not in each module, because `common/` maps them all and must not import
 * the feature modules; one file is also the one list a client author reads.
 */

/** Any route: input, authentication, access, limits, and the infrastructure. */
export enum CommonErrorCode {
  /** The body, query or a path parameter failed validation; `errors` lists each field. */
  ValidationFailed = 'VALIDATION_FAILED',
  /** Not valid HTTP, a URL that cannot be decoded, or a body that is not valid JSON. */
  MalformedRequest = 'MALFORMED_REQUEST',
  /** JSON nested deeper than the API reads. */
  JsonTooDeep = 'JSON_TOO_DEEP',
  /** A NUL character or an unpaired UTF-16 surrogate in the body, query or path. */
  IllFormedText = 'ILL_FORMED_TEXT',
  /** A `__proto__`, `constructor` or `prototype` key in the body or query. */
  ForbiddenKey = 'FORBIDDEN_KEY',
  /** latitude without longitude or the other way round. */
  CoordinatesIncomplete = 'COORDINATES_INCOMPLETE',
  /** `If-Match` is not a quoted version number. */
  IfMatchInvalid = 'IF_MATCH_INVALID',
  /** `If-Match` and the body's `version` name different versions. */
  IfMatchMismatch = 'IF_MATCH_MISMATCH',
  /** Missing or invalid access token. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** The caller's role (or relation to the object) does not allow the action. */
  Forbidden = 'FORBIDDEN',
  /** No such route or object, or the object belongs to another organization. */
  NotFound = 'NOT_FOUND',
  /** A unique constraint refused the write (a concurrent request created the same thing). */
  Duplicate = 'DUPLICATE',
  /** A concurrent transaction conflicted (serialization failure, deadlock); retry. */
  ConcurrentChange = 'CONCURRENT_CHANGE',
  /** A referenced record does not exist (foreign key). */
  ReferenceMissing = 'REFERENCE_MISSING',
  /** A value the database cannot store (out of range, not a valid date). */
  InvalidValue = 'INVALID_VALUE',
  RequestTimeout = 'REQUEST_TIMEOUT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UriTooLong = 'URI_TOO_LONG',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  HeadersTooLarge = 'HEADERS_TOO_LARGE',
  /** Too many requests; `Retry-After` says when to try again. */
  RateLimited = 'RATE_LIMITED',
  InternalError = 'INTERNAL_ERROR',
  /** A dependency (the database) is down; `Retry-After` says when to try again. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}

export enum AuthErrorCode {
  /** Login: unknown e-mail or wrong password (the same code for both). */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** The access token was genuine but has expired: refresh it. */
  TokenExpired = 'TOKEN_EXPIRED',
  /** The refresh token is unknown, spent, revoked or expired: sign in again. */
  RefreshTokenInvalid = 'REFRESH_TOKEN_INVALID',
  CurrentPasswordIncorrect = 'CURRENT_PASSWORD_INCORRECT',
  EmailTaken = 'EMAIL_TAKEN',
  InvitationInvalid = 'INVITATION_INVALID',
  ResetLinkInvalid = 'RESET_LINK_INVALID',
}

export enum OrganizationErrorCode {
  /** A member change that names neither a role nor `active`. */
  MemberChangeEmpty = 'MEMBER_CHANGE_EMPTY',
  /** The change would leave the organization without an active admin. */
  LastAdmin = 'LAST_ADMIN',
  /** An invitation for an e-mail that a member already uses. */
  AlreadyMember = 'ALREADY_MEMBER',
}

export enum TripErrorCode {
  /** The edited version is no longer current (optimistic concurrency): reload and retry. */
  VersionStale = 'TRIP_VERSION_STALE',
  /** The lifecycle action does not apply to the trip's status (now, or after a concurrent change). */
  IllegalTransition = 'TRIP_ILLEGAL_TRANSITION',
  /** Trip fields change only while the trip is a draft. */
  NotEditable = 'TRIP_NOT_EDITABLE',
  /** Only draft, rejected and cancelled trips can be deleted. */
  NotDeletable = 'TRIP_NOT_DELETABLE',
  EndsBeforeStart = 'TRIP_ENDS_BEFORE_START',
  RejectionReasonRequired = 'TRIP_REJECTION_REASON_REQUIRED',
  /** `travellerId` is not an active member of the organization. */
  TravellerNotActive = 'TRIP_TRAVELLER_NOT_ACTIVE',
  /** The itinerary's costs would exceed the trip budget. */
  BudgetExceeded = 'BUDGET_EXCEEDED',
  /** A new budget (amount or currency) is below what the itinerary already plans. */
  BudgetBelowPlanned = 'BUDGET_BELOW_PLANNED',
}

export enum ActivityErrorCode {
  VersionStale = 'ACTIVITY_VERSION_STALE',
  /** The activity starts or ends outside the trip's dates, read in the activity's zone. */
  OutsideTrip = 'ACTIVITY_OUTSIDE_TRIP',
  EndsBeforeStart = 'ACTIVITY_ENDS_BEFORE_START',
  /** The trip is rejected, completed or cancelled: its itinerary no longer changes. */
  ItineraryClosed = 'ITINERARY_CLOSED',
  /** A reorder must list every activity of the trip exactly once. */
  OrderIncomplete = 'ACTIVITY_ORDER_INCOMPLETE',
  /** A reorder may only rank activities that start at the same instant. */
  OrderContradictsTime = 'ACTIVITY_ORDER_CONTRADICTS_TIME',
}

/** Collaborators, comments, the checklist, notes and share links (docs/collaboration.md). */
export enum CollaborationErrorCode {
  /** The colleague to add is not an active member of the organization. */
  CollaboratorNotMember = 'COLLABORATOR_NOT_MEMBER',
  /** The colleague already travels on the trip (lead or co-traveller): they see it already. */
  CollaboratorTravels = 'COLLABORATOR_TRAVELS',
  /** A mentioned colleague or a to-do's assignee cannot see the trip (share it with them first). */
  CannotSeeTrip = 'USER_CANNOT_SEE_TRIP',
  /** Only a comment's author edits it (and the author or an admin deletes it). */
  NotCommentAuthor = 'NOT_COMMENT_AUTHOR',
  /** The comment was edited since the version you read: reload and retry. */
  CommentVersionStale = 'COMMENT_VERSION_STALE',
  /** The to-do was changed since the version you read (optimistic concurrency): reload and retry. */
  ChecklistItemVersionStale = 'CHECKLIST_ITEM_VERSION_STALE',
  /** The trip notes were changed since the version you read: reload and retry. */
  NotesVersionStale = 'TRIP_NOTES_VERSION_STALE',
}

export enum CurrencyErrorCode {
  /** No exchange rate is recorded for a currency the request needs. */
  ExchangeRateMissing = 'EXCHANGE_RATE_MISSING',
  /** A currency appears more than once in one rates update. */
  ExchangeRateDuplicate = 'EXCHANGE_RATE_DUPLICATE',
  /** The ECB's rates could not be fetched; the recorded rates stay in use. */
  ExchangeRatesUnreachable = 'EXCHANGE_RATES_UNREACHABLE',
}

export enum AuditErrorCode {
  /** More events match than one export holds: narrow the filters. */
  ExportTooLarge = 'AUDIT_EXPORT_TOO_LARGE',
}

export enum ReportErrorCode {
  /** The report's `from` is after its `to`, or the period is longer than 3 years. */
  PeriodInvalid = 'REPORT_PERIOD_INVALID',
  /** The statement's month has not begun yet (the current month's statement is provisional). */
  StatementMonthInFuture = 'STATEMENT_MONTH_IN_FUTURE',
}

export enum PolicyErrorCode {
  /** The travel policy blocks the request (its reasons are in the message). */
  Blocked = 'POLICY_BLOCKED',
  /** The policy was changed since the version the admin edited: reload and retry. */
  VersionStale = 'POLICY_VERSION_STALE',
}

export enum PassengerErrorCode {
  /** A traveller to book for has no passenger profile yet (the message names who). */
  ProfileIncomplete = 'PASSENGER_PROFILE_INCOMPLETE',
}

export enum FlightErrorCode {
  /** Every offer of the flight search has expired: search again. */
  SearchExpired = 'FLIGHT_SEARCH_EXPIRED',
  /** The flight supplier refused the search (a route or date it does not sell, say). */
  SearchRefused = 'FLIGHT_SEARCH_REFUSED',
  /** The flight supplier did not answer (down, timed out, or rate limited after our retries). */
  SupplierUnavailable = 'FLIGHT_SUPPLIER_UNAVAILABLE',
}

export enum StayErrorCode {
  /** Every rate of the stay search has expired: search again. */
  SearchExpired = 'STAY_SEARCH_EXPIRED',
  /** The stay supplier refused the search (a place or dates it cannot answer), or the trip has no coordinates to search around. */
  SearchRefused = 'STAY_SEARCH_REFUSED',
  /** The stay supplier did not answer (down, timed out, or rate limited after our retries). */
  SupplierUnavailable = 'STAY_SUPPLIER_UNAVAILABLE',
  /** The rate has expired or is sold out: search again. */
  RateExpired = 'STAY_RATE_EXPIRED',
  /** The rate now costs more than the price shown (the message gives it): confirm the new price. */
  RatePriceChanged = 'STAY_RATE_PRICE_CHANGED',
  /** The rate is already booked (or waiting for approval) for this trip. */
  RateAlreadyBooked = 'STAY_RATE_ALREADY_BOOKED',
}

export enum BookingErrorCode {
  /** `Idempotency-Key` is missing, empty, longer than 255 characters or not printable ASCII. */
  IdempotencyKeyInvalid = 'IDEMPOTENCY_KEY_INVALID',
  /** The key was already used by the caller for a different request (another trip or body). */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this key is still running: retry shortly to get its answer. */
  IdempotencyKeyInUse = 'IDEMPOTENCY_KEY_IN_USE',
  /** The offer has expired or is no longer sold: search again. */
  OfferExpired = 'FLIGHT_OFFER_EXPIRED',
  /** The offer now costs more than the price shown (the message gives it): confirm the new price. */
  OfferPriceChanged = 'FLIGHT_OFFER_PRICE_CHANGED',
  /** The offer is already booked (or waiting for approval) for this trip. */
  OfferAlreadyBooked = 'FLIGHT_OFFER_ALREADY_BOOKED',
  /** Out of policy: the policy asks for one of the organization's reason codes. */
  ReasonCodeRequired = 'POLICY_REASON_REQUIRED',
  /** The passengers are not the trip's travellers, or not as many as the offer's passengers. */
  PassengersMismatch = 'BOOKING_PASSENGERS_MISMATCH',
  /** The booking step does not apply to the booking's status (now, or after a concurrent change). */
  IllegalTransition = 'BOOKING_ILLEGAL_TRANSITION',
  /** The supplier refused the order or the cancellation (the message says why). */
  SupplierRefused = 'BOOKING_SUPPLIER_REFUSED',
  /** The cancellation quote has expired: ask for a new one. */
  CancellationQuoteExpired = 'CANCELLATION_QUOTE_EXPIRED',
  /** The booker made as many bookings in the last 24 hours as one person may (BOOKING_DAILY_LIMIT_PER_USER). */
  DailyLimitReached = 'BOOKING_DAILY_LIMIT_REACHED',
  /** A webhook whose signature is missing, wrong or too old. */
  WebhookSignatureInvalid = 'WEBHOOK_SIGNATURE_INVALID',
}

/** Card payments through Stripe (docs/payments.md). */
export enum PaymentErrorCode {
  /** The card issuer (or Stripe) declined the authorisation: nothing was held or ordered. */
  CardDeclined = 'PAYMENT_CARD_DECLINED',
  /** The bank wants the cardholder to authenticate (3-D Secure), which an off-session payment cannot: an admin re-saves the card. */
  AuthenticationRequired = 'PAYMENT_AUTHENTICATION_REQUIRED',
  /** Stripe did not answer (rate limited, 5xx, timeout): nothing was ordered; retry with a new Idempotency-Key. */
  ProviderUnavailable = 'PAYMENT_PROVIDER_UNAVAILABLE',
  /** Card payments are off (no STRIPE_SECRET_KEY): bookings are invoiced to the organization. */
  NotConfigured = 'PAYMENT_NOT_CONFIGURED',
}

export enum AiErrorCode {
  /** No model is configured (OPENAI_API_KEY / OPENAI_BASE_URL): the AI assistant is off (docs/ai.md). */
  NotConfigured = 'AI_NOT_CONFIGURED',
  /** The organization's monthly AI token budget is used up. */
  BudgetExceeded = 'AI_BUDGET_EXCEEDED',
  /** The model failed: errors after our retries, unusable output twice, or a refusal. */
  ModelError = 'AI_MODEL_ERROR',
  /** The model did not answer in time. */
  ModelTimeout = 'AI_MODEL_TIMEOUT',
}

export type ErrorCode =
  | CommonErrorCode
  | AuthErrorCode
  | OrganizationErrorCode
  | TripErrorCode
  | ActivityErrorCode
  | CurrencyErrorCode
  | AuditErrorCode
  | ReportErrorCode
  | PolicyErrorCode
  | PassengerErrorCode
  | FlightErrorCode
  | StayErrorCode
  | BookingErrorCode
  | CollaborationErrorCode
  | PaymentErrorCode
  | AiErrorCode;

export const ERROR_CODE_ENUMS = {
  CommonErrorCode,
  AuthErrorCode,
  OrganizationErrorCode,
  TripErrorCode,
  ActivityErrorCode,
  CurrencyErrorCode,
  AuditErrorCode,
  ReportErrorCode,
  PolicyErrorCode,
  PassengerErrorCode,
  FlightErrorCode,
  StayErrorCode,
  BookingErrorCode,
  CollaborationErrorCode,
  PaymentErrorCode,
  AiErrorCode,
} as const;

/** Every code, in declaration order (the OpenAPI enum and the docs table). */
export const ERROR_CODES: readonly ErrorCode[] = Object.values(ERROR_CODE_ENUMS).flatMap(
  (codes) => Object.values(codes) as ErrorCode[],
);

/** Codes of one field in a validation error's `errors` list. */
export enum FieldErrorCode {
  Required = 'REQUIRED',
  /** A property the DTO does not declare (unknown fields are refused, not ignored). */
  NotAllowed = 'NOT_ALLOWED',
  WrongType = 'WRONG_TYPE',
  InvalidFormat = 'INVALID_FORMAT',
  /** Not one of the listed values (an enum, `sort`, a role). */
  NotInList = 'NOT_IN_LIST',
  TooShort = 'TOO_SHORT',
  TooLong = 'TOO_LONG',
  TooSmall = 'TOO_SMALL',
  TooLarge = 'TOO_LARGE',
  /** A list with the same item twice. */
  NotUnique = 'NOT_UNIQUE',
  /** Refused by the password policy (too short, common, …). */
  PasswordWeak = 'PASSWORD_WEAK',
  /** Any other rule; its message says which. */
  Invalid = 'INVALID',
}
