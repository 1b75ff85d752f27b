import type { Schemas } from '@nestmap/api-client';
import { Badge, type Tone } from '@/components/ui';
import { formatTimestamp } from '@/lib/time/zoned-time';
import styles from './policy-verdict.module.css';

export type StoredVerdict = Schemas['PolicyVerdictResponse'];

const VERDICTS: Record<StoredVerdict['verdict'], { label: string; tone: Tone }> = {
  in_policy: { label: 'In policy', tone: 'success' },
  needs_approval: { label: 'Out of policy', tone: 'warning' },
  blocked: { label: 'Blocked by policy', tone: 'danger' },
};

/** "client_requirement" → "Client requirement", when the policy's own label is not at hand. */
const humanise = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replaceAll('_', ' ');

export interface PolicyVerdictProps {
  verdict: StoredVerdict;
  /** The policy's reason labels by code, to name the traveller's reason. */
  reasonLabels?: ReadonlyMap<string, string>;
}

/**
 * What the API's travel-policy check said about a submission: the verdict, every rule broken (as the
 * API words it) and the policy version it was judged against. The web app never judges by itself.
 */
export function PolicyVerdict({ verdict, reasonLabels }: PolicyVerdictProps) {
  // An allowed_with_reason pass keeps the broken rules: in policy because of the traveller's reason.
  const withReason = verdict.verdict === 'in_policy' && verdict.reasons.length > 0;
  const { label, tone } = withReason
    ? { label: 'Out of policy, with a reason', tone: 'warning' as const }
    : VERDICTS[verdict.verdict];
  return (
    <div className={styles.verdict}>
      <p className={styles.summary}>
        <Badge tone={tone}>{label}</Badge>
        <span className={styles.meta}>
          Policy version {verdict.policyVersion}, checked {formatTimestamp(verdict.checkedAt)}
        </span>
      </p>
      {verdict.reasons.length > 0 && (
        <ul className={styles.reasons} aria-label="Why it is out of policy">
          {verdict.reasons.map((reason) => (
            <li key={reason.rule} className={reason.overridable ? styles.reason : styles.hard}>
              {reason.message}
            </li>
          ))}
        </ul>
      )}
      {verdict.reasonCode && (
        <p className={styles.meta}>
          Traveller’s reason: {reasonLabels?.get(verdict.reasonCode) ?? humanise(verdict.reasonCode)}
        </p>
      )}
    </div>
  );
}
