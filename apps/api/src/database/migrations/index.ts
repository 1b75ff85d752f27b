import { Foundation1795870528874 } from './1795870528874-Foundation';
import { TripsAndActivities1795872304758 } from './1795872304758-TripsAndActivities';
import { RevokedSessionIndex1796221472807 } from './1796221472807-RevokedSessionIndex';
import { ExchangeRates1796230000000 } from './1796230000000-ExchangeRates';
import { PasswordResetTokens1796240000000 } from './1796240000000-PasswordResetTokens';
import { ActivityVersionEndZoneTripFeeds1796258400000 } from './1796258400000-ActivityVersionEndZoneTripFeeds';
import { TravelPolicyRulesAndTripVerdicts1796260000000 } from './1796260000000-TravelPolicyRulesAndTripVerdicts';
import { GeneralOutboxAndAuditEventIds1796270000000 } from './1796270000000-GeneralOutboxAndAuditEventIds';
import { TripDecisionOnTrip1796280000000 } from './1796280000000-TripDecisionOnTrip';
import { SandboxFlightOrders1796300000000 } from './1796300000000-SandboxFlightOrders';
import { FlightSearchesAndOffers1796310000000 } from './1796310000000-FlightSearchesAndOffers';
import { TripTravellersAndPassengerProfiles1796320000000 } from './1796320000000-TripTravellersAndPassengerProfiles';
import { Bookings1796330000000 } from './1796330000000-Bookings';
import { DuffelWebhookEvents1796330000100 } from './1796330000100-DuffelWebhookEvents';
import { BookingApprovalLinks1796330000200 } from './1796330000200-BookingApprovalLinks';
import { PendingBookingsIndex1796330000300 } from './1796330000300-PendingBookingsIndex';
import { SandboxStayBookings1796340000000 } from './1796340000000-SandboxStayBookings';
import { AiUsageAndSettings1796400000000 } from './1796400000000-AiUsageAndSettings';
import { StaySearchesAndStayBookings1796410000000 } from './1796410000000-StaySearchesAndStayBookings';
import { SpendReportsAndBudgets1796420000000 } from './1796420000000-SpendReportsAndBudgets';
import { SocketIoAttachments1796430000000 } from './1796430000000-SocketIoAttachments';
import { TripCollaboration1796440000000 } from './1796440000000-TripCollaboration';
import { CardPayments1796450000000 } from './1796450000000-CardPayments';

/** Every migration, in order (rewritten by `npm run migration:generate`). */
export const migrations = [
  Foundation1795870528874,
  TripsAndActivities1795872304758,
  RevokedSessionIndex1796221472807,
  ExchangeRates1796230000000,
  PasswordResetTokens1796240000000,
  ActivityVersionEndZoneTripFeeds1796258400000,
  TravelPolicyRulesAndTripVerdicts1796260000000,
  GeneralOutboxAndAuditEventIds1796270000000,
  TripDecisionOnTrip1796280000000,
  SandboxFlightOrders1796300000000,
  FlightSearchesAndOffers1796310000000,
  TripTravellersAndPassengerProfiles1796320000000,
  Bookings1796330000000,
  DuffelWebhookEvents1796330000100,
  BookingApprovalLinks1796330000200,
  PendingBookingsIndex1796330000300,
  SandboxStayBookings1796340000000,
  AiUsageAndSettings1796400000000,
  StaySearchesAndStayBookings1796410000000,
  SpendReportsAndBudgets1796420000000,
  SocketIoAttachments1796430000000,
  TripCollaboration1796440000000,
  CardPayments1796450000000,
];
