import { brokenRules } from './policy-rules';
import type { EvaluationContext, PolicySubject } from './policy-subject';
import type { PolicyReason, PolicyVerdict } from './policy-verdict';
import type { TravelPolicyRules } from './travel-policy.schema';

/**
 * Judges a trip, a flight, a stay rate or an expense against a parsed policy. Pure: the clock,
 * the traveller's zone and the exchange rates come in through `context`.
 *
 * How broken rules combine: none → in_policy; a non-overridable one (a blocked airline) →
 * blocked; otherwise the policy's `outOfPolicy` decides — blocked, needs_approval, or
 * allowed_with_reason: in_policy when the traveller gave one of the policy's reason codes,
 * blocked (with a `reason_code` reason asking for one) when not.
 */
export function evaluate(policy: TravelPolicyRules, subject: PolicySubject, context: EvaluationContext): PolicyVerdict {
  const reasons = brokenRules(policy, subject, context);
  const verdict = (
    verdict: PolicyVerdict['verdict'],
    extra: PolicyReason[] = [],
    reasonCode: string | null = null,
  ): PolicyVerdict => ({
    verdict,
    policyVersion: policy.version,
    reasons: [...reasons, ...extra],
    reasonCode,
  });
  if (!reasons.length) return verdict('in_policy');
  if (reasons.some((reason) => !reason.overridable)) return verdict('blocked');
  switch (policy.outOfPolicy) {
    case 'blocked':
      return verdict('blocked');
    case 'needs_approval':
      return verdict('needs_approval');
    case 'allowed_with_reason': {
      const given = context.reasonCode ?? null;
      if (given !== null && policy.reasonCodes.some((reason) => reason.code === given))
        return verdict('in_policy', [], given);
      return verdict('blocked', [missingReason(policy, given)]);
    }
  }
}

function missingReason(policy: TravelPolicyRules, given: string | null): PolicyReason {
  const labels = policy.reasonCodes.map((reason) => reason.label).join('; ');
  return {
    rule: 'reason_code',
    message:
      given === null
        ? `Out of policy: give one of the organization's reasons to go ahead (${labels}).`
        : `"${given}" is not one of the organization's reasons (${labels}).`,
    limit: policy.reasonCodes.map((reason) => reason.code).join(', '),
    actual: given,
    unit: null,
    overridable: true,
  };
}
