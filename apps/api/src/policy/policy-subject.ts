import type { Cabin } from './travel-policy.schema';

/** An amount as a decimal string ("1250.00") and its ISO 4217 currency, as the API stores money. */
export interface Money {
  amount: string;
  currency: string;
}

/** Dates are calendar dates (YYYY-MM-DD) as the traveller reads them, never instants. */
export interface TripSubject {
  kind: 'trip';
  startDate: string;
  budget: Money | null;
}

/** One flight (one slice of an offer): what the supplier quotes for it. */
export interface FlightSubject {
  kind: 'flight';
  /** The local date at the origin airport. */
  departureDate: string;
  /** Scheduled duration, first departure to last arrival, connections included. */
  durationMinutes: number;
  cabin: Cabin;
  /** The fare per passenger for this flight. */
  fare: Money;
  /** IATA codes of the airlines flying its segments. */
  carriers: string[];
  connections: number;
  /** kg CO2 per passenger as the supplier estimates it; null when it gives none. */
  co2Kg: number | null;
}

export interface StaySubject {
  kind: 'stay';
  city: string;
  countryCode: string | null;
  nightlyRate: Money;
}

export interface ExpenseSubject {
  kind: 'expense';
  category: string;
  amount: Money;
}

export type PolicySubject = TripSubject | FlightSubject | StaySubject | ExpenseSubject;

/** Converts `money` into `currency`, as a decimal string; throws when no rate is known. */
export type MoneyConverter = (money: Money, currency: string) => string;

/** Everything the evaluator needs from outside: it never reads the clock or the database. */
export interface EvaluationContext {
  /** The instant of the evaluation; with `timeZone`, it gives the traveller's "today". */
  now: Date;
  /** The traveller's IANA zone. */
  timeZone: string;
  convert: MoneyConverter;
  /** The reason the traveller gave for going out of policy, if any. */
  reasonCode?: string | null;
}
