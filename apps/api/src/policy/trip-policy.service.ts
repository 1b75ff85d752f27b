import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { PolicyErrorCode } from '../common/errors/error-codes';
import { convertToCents, formatCents } from '../currency/decimal';
import { ExchangeRatesService } from '../currency/exchange-rates.service';
import { TravelPoliciesRepository } from './travel-policies.repository';
import { evaluate } from './policy-evaluator';
import type { MoneyConverter, TripSubject } from './policy-subject';
import type { PolicyVerdict } from './policy-verdict';
import { policyRulesOf } from './travel-policy.schema';

/** The trip fields the policy reads. */
export interface JudgedTrip {
  startDate: string;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  timezone: string | null;
}

export interface TripJudgement {
  verdict: PolicyVerdict;
  /** The organization approves in-policy trips at once. */
  autoApprove: boolean;
}

/**
 * Judges a trip against its organization's current policy, with what the pure evaluator must not
 * look up itself: the clock, the trip's calendar and the organization's exchange rates.
 *
 * The amount judged is the trip's budget, not its activities' total: the budget is what an approver
 * agrees to, and the API already keeps the planned costs within it.
 */
@Injectable()
export class TripPolicyService {
  constructor(
    private readonly policies: TravelPoliciesRepository,
    private readonly rates: ExchangeRatesService,
  ) {}

  /** The verdict on submitting `trip`; a blocked trip is refused (422 POLICY_BLOCKED, its reasons in the message). */
  async judgeSubmission(ctx: AuthContext, trip: JudgedTrip, reasonCode: string | null): Promise<TripJudgement> {
    const judgement = await this.judge(ctx, trip, reasonCode);
    if (judgement.verdict.verdict === 'blocked') {
      const reasons = judgement.verdict.reasons.map((reason) => reason.message).join(' ');
      throw new DomainError(PolicyErrorCode.Blocked, `The travel policy does not allow this trip: ${reasons}`);
    }
    return judgement;
  }

  async judge(ctx: AuthContext, trip: JudgedTrip, reasonCode: string | null, now = new Date()): Promise<TripJudgement> {
    const row = await this.policies.get(ctx);
    const policy = policyRulesOf(row);
    const subject: TripSubject = {
      kind: 'trip',
      startDate: trip.startDate,
      budget:
        trip.budgetAmount !== null && trip.budgetCurrency !== null
          ? { amount: trip.budgetAmount, currency: trip.budgetCurrency }
          : null,
    };
    const needsRate =
      policy.tripBudgetCeiling !== null && subject.budget !== null && subject.budget.currency !== policy.currency;
    const convert = needsRate ? await this.converter(ctx, subject.budget!.currency, policy.currency) : unconvertible;
    // Users have no home zone yet: notice is counted on the destination's calendar, as the dates are.
    const verdict = evaluate(policy, subject, { now, timeZone: trip.timezone ?? 'UTC', convert, reasonCode });
    return { verdict, autoApprove: policy.autoApproveInPolicy && verdict.verdict === 'in_policy' };
  }

  /** A converter from one currency into the policy's, at the organization's rate (422 when it has none). */
  private async converter(ctx: AuthContext, from: string, to: string): Promise<MoneyConverter> {
    const { rate } = await this.rates.conversion(ctx, from, to);
    return (money) => formatCents(convertToCents(money.amount, rate));
  }
}

const unconvertible: MoneyConverter = (money, currency) => {
  throw new Error(`No conversion prepared from ${money.currency} into ${currency}`);
};
