import { Activity } from '../activities/activity.entity';
import { AiSettings } from '../ai/ai-settings.entity';
import { AiUsage } from '../ai/ai-usage.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Booking } from '../booking/booking.entity';
import { BudgetAlert } from '../budgets/budget-alert.entity';
import { CostCentreBudget } from '../budgets/cost-centre-budget.entity';
import { BookingApprovalLink } from '../booking/booking-approval-link.entity';
import { DuffelWebhookEvent } from '../booking/duffel-webhook-event.entity';
import { CalendarFeed, TripCalendarFeed } from '../calendar/calendar-feed.entity';
import { ExchangeRate } from '../currency/exchange-rate.entity';
import { SandboxFlightOrder } from '../flights/supplier/sandbox/sandbox-flight-order.entity';
import { SandboxStayBooking } from '../stays/supplier/sandbox/sandbox-stay-booking.entity';
import { FlightOffer } from '../flights/search/flight-offer.entity';
import { FlightSearch } from '../flights/search/flight-search.entity';
import { StayRateRow } from '../stays/search/stay-rate.entity';
import { StaySearch } from '../stays/search/stay-search.entity';
import { PassengerProfile } from '../passengers/passenger-profile.entity';
import { Trip } from '../trips/trip.entity';
import { TripTraveller } from '../trips/trip-traveller.entity';
import { RefreshToken } from '../users/refresh-token.entity';
import { OutboxMessage } from '../events/outbox-message.entity';
import { Invitation } from '../organizations/invitation.entity';
import { Organization } from '../common/tenancy/organization.entity';
import { PasswordResetToken } from '../users/password-reset-token.entity';
import { TravelPolicy } from '../policy/travel-policy.entity';
import { User } from '../users/user.entity';

/** Every entity of the API; the data source, the migration tooling and the tests use this list. */
import { TripCollaborator } from '../collaborators/trip-collaborator.entity';
import { Comment } from '../comments/comment.entity';
import { ChecklistItem } from '../checklist/checklist-item.entity';
import { TripNote } from '../notes/trip-note.entity';
import { ShareLink } from '../share-links/share-link.entity';
import { Notification } from '../notifications/notification.entity';
import { OrganizationPaymentMethod } from '../booking/payments/organization-payment-method.entity';
import { StripeWebhookEvent } from '../booking/payments/stripe-webhook-event.entity';

export const entities = [
  Organization,
  User,
  RefreshToken,
  Invitation,
  TravelPolicy,
  OutboxMessage,
  AuditEvent,
  Trip,
  Activity,
  CalendarFeed,
  TripCalendarFeed,
  ExchangeRate,
  PasswordResetToken,
  SandboxFlightOrder,
  FlightSearch,
  FlightOffer,
  TripTraveller,
  PassengerProfile,
  Booking,
  DuffelWebhookEvent,
  BookingApprovalLink,
  SandboxStayBooking,
  TripCollaborator,
  Comment,
  ChecklistItem,
  TripNote,
  ShareLink,
  Notification,
  AiUsage,
  AiSettings,
  CostCentreBudget,
  BudgetAlert,
  StaySearch,
  StayRateRow,
  OrganizationPaymentMethod,
  StripeWebhookEvent,
];
