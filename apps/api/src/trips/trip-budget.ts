import { Injectable } from '@nestjs/common';
import type { Activity } from '../activities/activity.entity';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { TripErrorCode } from '../common/errors/error-codes';
import type { MoneyDto } from '../common/money/money.dto';
import { convertToCents, formatCents, toScaled } from '../currency/decimal';
import { Conversion, ExchangeRatesService } from '../currency/exchange-rates.service';
import type { Trip } from './trip.entity';
import { TripCostsRepository } from './trip-costs.repository';

/**
 * The budget invariant (R17): the costs of a trip's activities, each converted into the budget
 * currency at the rate recorded with it, never add up to more than the budget. Callers hold the
 * trip's row lock, so concurrent writers are checked one after the other.
 */
@Injectable()
export class TripBudget {
  constructor(
    private readonly costs: TripCostsRepository,
    private readonly rates: ExchangeRatesService,
  ) {}

  /** How a cost converts into the trip's budget currency; null when there is no cost or no budget. */
  async conversionFor(ctx: AuthContext, trip: Trip, cost: MoneyDto | null): Promise<Conversion | null> {
    if (!cost || trip.budgetCurrency === null) return null;
    return this.rates.conversion(ctx, cost.currency, trip.budgetCurrency);
  }

  /** 422 unless the activity's converted cost fits beside the trip's other planned costs. */
  async assertActivityFits(ctx: AuthContext, trip: Trip, activity: Activity): Promise<void> {
    if (trip.budgetAmount === null || activity.costAmount === null || activity.costRate === null) return;
    const others = toScaled(await this.costs.plannedTotal(ctx, trip.id, activity.id), 2);
    if (others + convertToCents(activity.costAmount, activity.costRate) > toScaled(trip.budgetAmount, 2)) {
      throw new DomainError(
        TripErrorCode.BudgetExceeded,
        `This cost would take the itinerary over the trip budget of ${trip.budgetAmount} ${trip.budgetCurrency} (already planned: ${formatCents(others)} ${trip.budgetCurrency})`,
      );
    }
  }

  /**
   * Prepares a new budget: when its currency changes, every cost is re-converted at today's rate;
   * a budget below the planned total is refused (422, naming the total).
   */
  async applyBudget(ctx: AuthContext, trip: Trip, budget: MoneyDto): Promise<void> {
    if (budget.currency !== trip.budgetCurrency) {
      const currencies = await this.costs.costCurrencies(ctx, trip.id);
      await this.costs.setRates(ctx, trip.id, await this.rates.conversions(ctx, currencies, budget.currency));
    }
    const planned = toScaled(await this.costs.plannedTotal(ctx, trip.id), 2);
    if (planned > toScaled(budget.amount, 2)) {
      throw new DomainError(
        TripErrorCode.BudgetBelowPlanned,
        `A budget of ${budget.amount} ${budget.currency} is below what the itinerary already plans: ${formatCents(planned)} ${budget.currency}`,
      );
    }
  }
}
