/** The stable names of the rules: what clients switch on (messages are for people). */
export const POLICY_RULES = [
  'trip_budget',
  'min_advance_days',
  'flight_cabin',
  'flight_fare',
  'airline_blocked',
  'airline_not_preferred',
  'flight_connections',
  'flight_co2',
  'stay_nightly_rate',
  'expense_cap',
  'reason_code',
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export const VERDICTS = ['in_policy', 'needs_approval', 'blocked'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One rule the subject breaks. Money limits and actuals are amounts in the policy's currency. */
export interface PolicyReason {
  rule: PolicyRule;
  message: string;
  limit: string | number | null;
  actual: string | number | null;
  /** What limit and actual count: the policy's currency code, 'minutes', 'days', 'kg', 'connections'; null for names. */
  unit: string | null;
  /** False when neither an approver nor a reason code can allow it (a blocked airline). */
  overridable: boolean;
}

export interface PolicyVerdict {
  verdict: Verdict;
  /** The policy version judged against: store it with the verdict. */
  policyVersion: number;
  reasons: PolicyReason[];
  /** The traveller's reason code that made an out-of-policy subject acceptable, else null. */
  reasonCode: string | null;
}
