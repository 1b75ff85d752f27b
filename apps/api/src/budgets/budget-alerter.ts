import { Injectable, OnModuleInit } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { toScaled } from '../currency/decimal';
import { contextOf, type OneOf } from '../events/event-map';
import { EventHandlers } from '../events/event-handlers';
import { MailService } from '../mail/mail.service';
import { TripCostsRepository } from '../trips/trip-costs.repository';
import { TripsRepository } from '../trips/trips.repository';
import { UsersRepository } from '../users/users.repository';
import type { BudgetScope } from './budget-alert.entity';
import { BudgetsService } from './budgets.service';
import { CostCentreBudgetsRepository } from './cost-centre-budgets.repository';

const EVENTS = ['booking.confirmed'] as const;
/** Highest first: a booking that jumps past both sends one e-mail, about 100 %. */
const THRESHOLDS = [100, 80];

interface Crossing {
  scope: BudgetScope;
  budgetId: string;
  what: string;
  amount: string;
  currency: string;
  spent: string;
}

/**
 * Budget alerts (docs/reports.md § Budgets): after a booking is confirmed, its trip's budget and
 * its cost centre's budget for the year are compared with what is spent; each threshold crossed
 * (80 %, 100 %) is e-mailed once to the organization's managers and admins. The claim is a unique
 * row, so concurrent bookings crossing one threshold send one e-mail, and a redelivered event none.
 */
@Injectable()
export class BudgetAlerter implements OnModuleInit {
  /** Stored in outbox rows: keep it when moving the class. */
  readonly name = 'mail.budget-alerter';
  readonly events = EVENTS;

  constructor(
    private readonly handlers: EventHandlers,
    private readonly trips: TripsRepository,
    private readonly costs: TripCostsRepository,
    private readonly budgets: CostCentreBudgetsRepository,
    private readonly costCentres: BudgetsService,
    private readonly users: UsersRepository,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.handlers.subscribe(this);
  }

  async handle(event: OneOf<(typeof EVENTS)[number]>): Promise<void> {
    const ctx = contextOf(event);
    const trip = await this.trips.findById(ctx, event.payload.tripId);
    if (!trip) return;
    const crossings: Crossing[] = [];
    if (trip.budgetAmount !== null && trip.budgetCurrency !== null) {
      crossings.push({
        scope: 'trip',
        budgetId: trip.id,
        what: `the budget of the trip "${trip.title}"`,
        amount: trip.budgetAmount,
        currency: trip.budgetCurrency,
        spent: await this.costs.plannedTotal(ctx, trip.id),
      });
    }
    const year = new Date(event.occurredAt).getUTCFullYear();
    const budget = trip.costCentre ? await this.budgets.find(ctx, trip.costCentre, year) : null;
    if (budget) {
      crossings.push({
        scope: 'cost_centre',
        budgetId: budget.id,
        what: `the ${year} budget of cost centre ${budget.costCentre}`,
        amount: budget.amount,
        currency: budget.currency,
        spent: await this.costCentres.spent(ctx, budget),
      });
    }
    for (const crossing of crossings) await this.alert(ctx, event.organizationId, crossing);
  }

  private async alert(ctx: AuthContext, organizationId: string, crossing: Crossing): Promise<void> {
    if (crossing.spent.startsWith('-')) return;
    const spent = toScaled(crossing.spent, 2);
    const amount = toScaled(crossing.amount, 2);
    const crossed = THRESHOLDS.filter((threshold) => spent * 100n >= amount * BigInt(threshold));
    const claimed: number[] = [];
    for (const threshold of crossed)
      if (await this.budgets.claimAlert(ctx, crossing.scope, crossing.budgetId, threshold, crossing.spent))
        claimed.push(threshold);
    if (claimed.length === 0) return;
    const threshold = claimed[0];
    const share = amount === 0n ? '∞' : `${(spent * 100n) / amount} %`;
    for (const recipient of await this.users.listApprovers(ctx)) {
      await this.mail.enqueue({
        organizationId,
        to: recipient.email,
        subject: `Budget ${threshold === 100 ? 'reached' : `${threshold} % used`}: ${crossing.what}`,
        text: `${crossing.spent} ${crossing.currency} of ${crossing.what} (${crossing.amount} ${crossing.currency}) is now spent: ${share}.\n\nThe spend report in NestMap (Admin → Reports) shows where it went.`,
      });
    }
  }
}
