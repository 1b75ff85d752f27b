import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { BookingErrorCode, PolicyErrorCode } from '../common/errors/error-codes';
import { convertToCents, formatCents } from '../currency/decimal';
import { ExchangeRatesService } from '../currency/exchange-rates.service';
import { judgeOffer, type OfferReason } from '../flights/search/offer-verdict';
import type { FlightOffer } from '../flights/supplier/flight-supplier';
import type { MoneyConverter } from '../policy/policy-subject';
import type { Verdict } from '../policy/policy-verdict';
import { TravelPoliciesRepository } from '../policy/travel-policies.repository';
import { policyRulesOf } from '../policy/travel-policy.schema';

export interface BookingVerdict {
  verdict: Verdict;
  policyVersion: number;
  reasons: OfferReason[];
  /** The booker's reason code when it is what made an out-of-policy offer acceptable, else null. */
  reasonCode: string | null;
  /** The organization's reporting currency (the policy's) and the rate into it, recorded with the booking. */
  report: { currency: string; rate: string };
}

/**
 * The policy's say on booking an offer, judged on the offer as re-priced just now (the search's
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
    offer: FlightOffer,
    timeZone: string | null,
    reasonCode: string | null,
    now = new Date(),
  ): Promise<BookingVerdict> {
    const policy = policyRulesOf(await this.policies.get(ctx));
    const from = offer.totalAmount.currency;
    const rate = from === policy.currency ? '1' : (await this.rates.conversion(ctx, from, policy.currency)).rate;
    const convert = from === policy.currency ? identity : converter(rate, policy.currency);
    const judged = judgeOffer(policy, offer, offer.supplierPassengerIds.length, {
      now,
      timeZone: timeZone ?? 'UTC',
      convert,
      reasonCode,
    });
    if (judged.verdict === 'blocked') {
      const messages = judged.reasons.map((reason) => reason.message).join(' ');
      const onlyWantsAReason =
        judged.reasons.some((reason) => reason.rule === 'reason_code') &&
        judged.reasons.every((reason) => reason.overridable);
      if (onlyWantsAReason)
        throw new DomainError(BookingErrorCode.ReasonCodeRequired, `This flight is out of policy: ${messages}`);
      throw new DomainError(PolicyErrorCode.Blocked, `The travel policy does not allow this flight: ${messages}`);
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
