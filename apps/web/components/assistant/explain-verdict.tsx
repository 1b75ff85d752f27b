'use client';

import { Button } from '@/components/ui';
import { hasErrorCode } from '@/lib/api/api-error';
import { explainVerdict, useAssistantStatus } from '@/lib/api/assistant';
import { AssistantError, NotConfigured, Thinking } from './assistant-states';
import { useCancellable } from './use-cancellable';
import styles from './assistant.module.css';

/**
 * "Explain": the policy verdict in plain words, written from the engine's own reasons (the model
 * explains the verdict; it never decides it). `bookingId` explains a booking's verdict instead.
 */
export default function ExplainVerdict({ tripId, bookingId }: { tripId: string; bookingId?: string }) {
  const status = useAssistantStatus();
  const explanation = useCancellable((signal) => explainVerdict(tripId, bookingId ? { bookingId } : {}, signal));
  const { state } = explanation;
  // Without a model the link would only fail: it is left out (the verdict's reasons are listed anyway).
  if (!status.data?.configured) return null;

  return (
    <div className={styles.explain}>
      {state.status === 'idle' && (
        <Button size="sm" variant="ghost" onClick={() => void explanation.run()}>
          Explain this verdict
        </Button>
      )}
      {state.status === 'running' && <Thinking label="Explaining the verdict…" onCancel={explanation.cancel} />}
      {state.status === 'failed' &&
        (hasErrorCode(state.error, 'AI_NOT_CONFIGURED') ? (
          <NotConfigured what="The explanation" />
        ) : (
          <AssistantError error={state.error} onRetry={() => void explanation.run()} />
        ))}
      {state.status === 'done' && (
        <p className={styles.explanation} aria-live="polite">
          {state.data.explanation}
        </p>
      )}
    </div>
  );
}
