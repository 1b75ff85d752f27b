'use client';

import { useEffect, useRef, useState } from 'react';
import { Button, Field, Select } from '@/components/ui';
import { streamBriefing } from '@/lib/api/assistant';
import { ApiError, type ErrorCode } from '@/lib/api/api-error';
import { isCancelled } from '@/lib/assistant/assistant-errors';
import { briefingEvents } from '@/lib/assistant/sse';
import { formatDay } from '@/lib/time/zoned-time';
import { AssistantError, Thinking } from './assistant-states';
import styles from './assistant.module.css';

type Briefing =
  | { status: 'idle' }
  | { status: 'streaming'; text: string }
  | { status: 'done'; text: string }
  | { status: 'cancelled'; text: string }
  | { status: 'failed'; text: string; error: unknown };

/** The day's briefing, written as the model streams it; Cancel stops the model too. */
export function DailyBriefing({ tripId, days, defaultDay }: { tripId: string; days: string[]; defaultDay: string }) {
  const [day, setDay] = useState(defaultDay);
  const [briefing, setBriefing] = useState<Briefing>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    let text = '';
    setBriefing({ status: 'streaming', text });
    try {
      for await (const event of briefingEvents(await streamBriefing(tripId, day, current.signal))) {
        if (event.type === 'delta') {
          text += event.text;
          setBriefing({ status: 'streaming', text });
        } else if (event.type === 'error') {
          // The stream's own error event has the API's code and message, like an error response.
          throw new ApiError(200, [event.message], undefined, undefined, event.code as ErrorCode);
        } else break;
      }
      setBriefing({ status: 'done', text });
    } catch (error) {
      if (current.signal.aborted || isCancelled(error)) return;
      setBriefing({ status: 'failed', text, error });
    }
  };
  const cancel = () => {
    controller.current?.abort();
    setBriefing((current) => ({ status: 'cancelled', text: 'text' in current ? current.text : '' }));
  };
  const streaming = briefing.status === 'streaming';

  return (
    <div className={styles.section}>
      <div className={styles.inline}>
        <Field label="Day">
          <Select value={day} disabled={streaming} onChange={(event) => setDay(event.target.value)}>
            {days.map((date, index) => (
              <option key={date} value={date}>
                Day {index + 1} · {formatDay(date)}
              </option>
            ))}
          </Select>
        </Field>
        {!streaming && (
          <Button variant="primary" onClick={() => void start()}>
            {briefing.status === 'idle' ? 'Write the briefing' : 'Write it again'}
          </Button>
        )}
      </div>
      {streaming && <Thinking label="Writing the briefing…" onCancel={cancel} />}
      {briefing.status === 'failed' && <AssistantError error={briefing.error} onRetry={() => void start()} />}
      {briefing.status === 'cancelled' && <p className={styles.muted}>Stopped. Nothing more was asked of the model.</p>}
      {'text' in briefing && briefing.text && (
        <div className={styles.briefing} aria-live="polite" aria-busy={streaming} aria-label="Briefing">
          {briefing.text}
        </div>
      )}
    </div>
  );
}
