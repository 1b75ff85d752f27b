import { toScaled } from '../currency/decimal';
import { dateIn, daysBetween } from './calendar-days';
import { CABIN_LABELS, formatDuration, formatMoney, plural } from './policy-format';
import type {
  EvaluationContext,
  ExpenseSubject,
  FlightSubject,
  Money,
  PolicySubject,
  StaySubject,
  TripSubject,
} from './policy-subject';
import type { PolicyReason } from './policy-verdict';
import { Cabin, cityKey, TravelPolicyRules } from './travel-policy.schema';

/** Each rule the subject breaks, in a stable order; rules the policy leaves unset are skipped. */
export function brokenRules(
  policy: TravelPolicyRules,
  subject: PolicySubject,
  context: EvaluationContext,
): PolicyReason[] {
  const judge = new Judge(policy, context);
  switch (subject.kind) {
    case 'trip':
      return judge.trip(subject);
    case 'flight':
      return judge.flight(subject);
    case 'stay':
      return judge.stay(subject);
    case 'expense':
      return judge.expense(subject);
  }
}

type Broken = PolicyReason | null;
const broken = (reason: Omit<PolicyReason, 'overridable'>, overridable = true): PolicyReason => ({
  ...reason,
  overridable,
});

class Judge {
  constructor(
    private readonly policy: TravelPolicyRules,
    private readonly context: EvaluationContext,
  ) {}

  trip(trip: TripSubject): PolicyReason[] {
    return keep([this.budget(trip.budget), this.advance(trip.startDate, 'Starts')]);
  }

  flight(flight: FlightSubject): PolicyReason[] {
    return keep([
      this.blockedAirline(flight.carriers),
      this.cabin(flight.cabin, flight.durationMinutes),
      this.overAmount(
        'flight_fare',
        flight.fare,
        this.policy.maxFlightFare,
        (fare, max) => `Fare ${fare} is over the ${max} maximum per flight.`,
      ),
      this.advance(flight.departureDate, 'Departs'),
      this.preferredAirline(flight.carriers),
      this.connections(flight.connections),
      this.co2(flight.co2Kg),
    ]);
  }

  stay(stay: StaySubject): PolicyReason[] {
    const key = cityKey(stay.city);
    const cityCap = this.policy.cityNightlyCaps.find(
      (cap) => cityKey(cap.city) === key && (cap.countryCode === null || cap.countryCode === stay.countryCode),
    );
    const cap = cityCap?.maxNightlyRate ?? this.policy.maxHotelNightlyRate;
    const where = cityCap ? `cap for ${cityCap.city}` : 'nightly cap';
    return keep([
      this.overAmount(
        'stay_nightly_rate',
        stay.nightlyRate,
        cap,
        (rate, max) => `${rate} a night is over the ${max} ${where}.`,
      ),
    ]);
  }

  expense(expense: ExpenseSubject): PolicyReason[] {
    const cap = this.policy.expenseCaps.find((candidate) => candidate.category === expense.category);
    return keep([
      this.overAmount(
        'expense_cap',
        expense.amount,
        cap?.maxAmount ?? null,
        (amount, max) => `${amount} is over the ${max} cap for ${expense.category.replaceAll('_', ' ')}.`,
      ),
    ]);
  }

  private budget(budget: Money | null): Broken {
    const ceiling = this.policy.tripBudgetCeiling;
    if (ceiling === null) return null;
    if (budget === null)
      return broken({
        rule: 'trip_budget',
        message: `No budget given; the policy ceiling is ${this.formatLimit(ceiling)}.`,
        limit: ceiling,
        actual: null,
        unit: this.policy.currency,
      });
    return this.overAmount(
      'trip_budget',
      budget,
      ceiling,
      (amount, max) => `Budget ${amount} is over the ${max} ceiling.`,
    );
  }

  /** Notice in the traveller's calendar days: from today where they are to the local start date. */
  private advance(startDate: string, verb: 'Starts' | 'Departs'): Broken {
    const required = this.policy.minAdvanceBookingDays;
    // 0 means "no notice rule" (docs/policy.md), so not even a trip already under way breaks it.
    if (required === 0) return null;
    const notice = daysBetween(dateIn(this.context.timeZone, this.context.now), startDate);
    if (notice >= required) return null;
    const when =
      notice < 0
        ? `${verb === 'Starts' ? 'Started' : 'Departed'} ${plural(-notice, 'day')} ago`
        : notice === 0
          ? `${verb} today`
          : `${verb} in ${plural(notice, 'day')}`;
    return broken({
      rule: 'min_advance_days',
      message: `${when}; the policy asks for ${required === 1 ? "1 day's" : `${required} days'`} notice.`,
      limit: required,
      actual: notice,
      unit: 'days',
    });
  }

  /** A cabin is allowed on every flight (allowedCabinClasses) or from a duration (cabinRules). */
  private cabin(cabin: Cabin, durationMinutes: number): Broken {
    if (this.policy.allowedCabinClasses.includes(cabin)) return null;
    const rule = this.policy.cabinRules.find((candidate) => candidate.cabin === cabin);
    if (rule && durationMinutes >= rule.fromMinutes) return null;
    if (rule)
      return broken({
        rule: 'flight_cabin',
        message: `${CABIN_LABELS[cabin]} is allowed from ${formatDuration(rule.fromMinutes)}; this flight is ${formatDuration(durationMinutes)}.`,
        limit: rule.fromMinutes,
        actual: durationMinutes,
        unit: 'minutes',
      });
    return broken({
      rule: 'flight_cabin',
      message: `${CABIN_LABELS[cabin]} is not allowed by the policy.`,
      limit: null,
      actual: cabin,
      unit: null,
    });
  }

  private blockedAirline(carriers: string[]): Broken {
    const blocked = carriers.filter((carrier) => this.policy.blockedAirlines.includes(carrier));
    if (!blocked.length) return null;
    return broken(
      {
        rule: 'airline_blocked',
        message: `${blocked.length === 1 ? 'Airline' : 'Airlines'} ${blocked.join(', ')} ${blocked.length === 1 ? 'is' : 'are'} blocked by the policy.`,
        limit: null,
        actual: blocked.join(', '),
        unit: null,
      },
      false,
    );
  }

  /** With a preferred list, every airline of the flight must be on it. */
  private preferredAirline(carriers: string[]): Broken {
    const preferred = this.policy.preferredAirlines;
    const others = carriers.filter((carrier) => !preferred.includes(carrier));
    if (!preferred.length || !others.length) return null;
    return broken({
      rule: 'airline_not_preferred',
      message: `${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} not among the preferred airlines (${preferred.join(', ')}).`,
      limit: preferred.join(', '),
      actual: others.join(', '),
      unit: null,
    });
  }

  private connections(connections: number): Broken {
    const max = this.policy.maxConnections;
    if (max === null || connections <= max) return null;
    return broken({
      rule: 'flight_connections',
      message: `${plural(connections, 'connection')}; the policy allows ${max === 0 ? 'nonstop flights only' : `at most ${plural(max, 'connection')}`}.`,
      limit: max,
      actual: connections,
      unit: 'connections',
    });
  }

  /** A flight without an emissions estimate is not judged on CO2: there is nothing to compare. */
  private co2(co2Kg: number | null): Broken {
    const max = this.policy.maxFlightCo2Kg;
    if (max === null || co2Kg === null || co2Kg <= max) return null;
    return broken({
      rule: 'flight_co2',
      message: `Emits ${co2Kg} kg CO2 per passenger; the policy cap is ${max} kg.`,
      limit: max,
      actual: co2Kg,
      unit: 'kg',
    });
  }

  /** Compares exactly, in cents of the policy's currency (the subject's amount converted first). */
  private overAmount(
    rule: PolicyReason['rule'],
    money: Money,
    limit: string | null,
    say: (actual: string, limit: string) => string,
  ): Broken {
    if (limit === null) return null;
    const currency = this.policy.currency;
    const converted = money.currency === currency ? money.amount : this.context.convert(money, currency);
    if (toScaled(converted, 2) <= toScaled(limit, 2)) return null;
    const shown =
      money.currency === currency
        ? formatMoney(money)
        : `${formatMoney(money)} (${formatMoney({ amount: converted, currency })})`;
    return broken({ rule, message: say(shown, this.formatLimit(limit)), limit, actual: converted, unit: currency });
  }

  private formatLimit(amount: string): string {
    return formatMoney({ amount, currency: this.policy.currency });
  }
}

function keep(reasons: Broken[]): PolicyReason[] {
  return reasons.filter((reason): reason is PolicyReason => reason !== null);
}
