import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { BookingErrorCode, PolicyErrorCode } from '../common/errors/error-codes';
import { convertToCents, formatCents } from '../currency/decimal';
import { ExchangeRatesService } from '../currency/exchange-rates.service';
import { judgeOffer, type OfferReason } from '../flights/search/offer-verdict';
import type { FlightOffer } from '../flights/supplier/flight-supplier';
import { judgeRate } from '../stays/search/rate-verdict';
import type { StayQuote } from '../stays/supplier/stay-supplier';
import type { MoneyConverter } from '../policy/policy-subject';
import type { PolicyReason, Verdict } from '../policy/policy-verdict';
import { TravelPoliciesRepository } from '../policy/travel-policies.repository';
import { policyRulesOf } from '../policy/travel-policy.schema';

/** What is booked: a flight offer, or a stay quote (its nightly rate is judged). */
export type Judged = { kind: 'flight'; offer: FlightOffer } | { kind: 'stay'; quote: StayQuote };

export interface BookingVerdict {
  verdict: Verdict;
  policyVersion: number;
  /** A flight's reasons name their slices; a stay's have none. */
  reasons: Array<PolicyReason & Partial<Pick<OfferReason, 'slices'>>>;
  /** The booker's reason code when it is what made an out-of-policy offer acceptable, else null. */
  reasonCode: string | null;
  /** The organization's reporting currency (the policy's) and the rate into it, recorded with the booking. */
  report: { currency: string; rate: string };
}

/**
 * The policy's say on booking an offer or a stay, judged as re-priced just now (the search's
 * verdict may be stale: a new price, a new policy version). Blocked → 422 POLICY_BLOCKED; out of
 * policy where the policy wants a reason and none (or an unknown one) was given → 422
 * POLICY_REASON_REQUIRED; otherwise in policy, or needs an approver.
 */
@Injectable()
export class BookingPolicy {
  constructor(
    private readonly policies: TravelPoliciesRepository,
    private readonly rates: ExchangeRatesService,
  ) {}

  async judge(
    ctx: AuthContext,
    item: Judged,
    timeZone: string | null,
    reasonCode: string | null,
    now = new Date(),
  ): Promise<BookingVerdict> {
    const policy = policyRulesOf(await this.policies.get(ctx));
    const total = item.kind === 'flight' ? item.offer.totalAmount : item.quote.totalAmount;
    const rate =
      total.currency === policy.currency
        ? '1'
        : (await this.rates.conversion(ctx, total.currency, policy.currency)).rate;
    const convert = total.currency === policy.currency ? identity : converter(rate, policy.currency);
    const context = { now, timeZone: timeZone ?? 'UTC', convert, reasonCode };
    const judged =
      item.kind === 'flight'
        ? judgeOffer(policy, item.offer, item.offer.supplierPassengerIds.length, context)
        : judgeRate(policy, item.quote, total, context);
    const noun = item.kind === 'flight' ? 'flight' : 'stay';
    if (judged.verdict === 'blocked') {
      const messages = judged.reasons.map((reason) => reason.message).join(' ');
      const onlyWantsAReason =
        judged.reasons.some((reason) => reason.rule === 'reason_code') &&
        judged.reasons.every((reason) => reason.overridable);
      if (onlyWantsAReason)
        throw new DomainError(BookingErrorCode.ReasonCodeRequired, `This ${noun} is out of policy: ${messages}`);
      throw new DomainError(PolicyErrorCode.Blocked, `The travel policy does not allow this ${noun}: ${messages}`);
    }
    // In policy despite broken rules: the reason code is what allowed it.
    const accepted = judged.verdict === 'in_policy' && judged.reasons.length > 0 ? reasonCode : null;
    return {
      verdict: judged.verdict,
      policyVersion: judged.policyVersion,
      reasons: judged.reasons,
      reasonCode: accepted,
      report: { currency: policy.currency, rate },
    };
  }
}

function converter(rate: string, to: string): MoneyConverter {
  return (money) => (money.currency === to ? money.amount : formatCents(convertToCents(money.amount, rate)));
}

const identity: MoneyConverter = (money) => money.amount;
