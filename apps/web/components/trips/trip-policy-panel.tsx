'use client';

import dynamic from 'next/dynamic';
import { PolicyVerdict } from '@/components/policy/policy-verdict';
import { Card } from '@/components/ui';
import type { Trip } from '@/lib/api/trips';

// The assistant's explanation loads with the panel only when there is a verdict to explain.
const ExplainVerdict = dynamic(() => import('@/components/assistant/explain-verdict'), { ssr: false });

/**
 * The travel policy's verdict on the trip's last submission, as the API stored it (with the policy
 * version): why it waits for an approver, or that it went through in policy. Nothing before a submission.
 */
export function TripPolicyPanel({ trip }: { trip: Trip }) {
  if (!trip.policy) return null;
  return (
    <Card title="Travel policy" aria-label="Travel policy">
      <PolicyVerdict verdict={trip.policy} />
      <ExplainVerdict tripId={trip.id} />
    </Card>
  );
}
