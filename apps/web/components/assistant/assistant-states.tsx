'use client';

import { Alert, Button } from '@/components/ui';
import { describeAssistantError } from '@/lib/assistant/assistant-errors';
import styles from './assistant.module.css';

/** The model is at work: said politely to screen readers, with the way out next to it. */
export function Thinking({ label, onCancel }: { label: string; onCancel(): void }) {
  return (
    <div className={styles.thinking}>
      <span className={styles.thinkingText} role="status" aria-live="polite">
        <span className={styles.spinner} aria-hidden="true" />
        {label}
      </span>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}

export function AssistantError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, message } = describeAssistantError(error);
  return (
    <Alert
      tone="danger"
      title={title}
      actions={
        onRetry && (
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        )
      }
    >
      {message}
    </Alert>
  );
}

/**
 * Instead of buttons that can only fail: what the feature does and how an operator turns it on.
 * `rest` names what works all the same (optimising a day needs no model).
 */
export function NotConfigured({ what, rest }: { what: string; rest?: string }) {
  return (
    <Alert tone="info" title="The assistant needs a language model">
      <p>
        {what} is written by a language model, and none is configured for this NestMap. {rest}
      </p>
      <details className={styles.howTo}>
        <summary>How to enable it</summary>
        <p>
          An operator sets <code>OPENAI_API_KEY</code> on the API server for OpenAI, or <code>OPENAI_BASE_URL</code> for
          any OpenAI-compatible server (Ollama, vLLM, llama.cpp), optionally with <code>OPENAI_MODEL</code>, and
          restarts the API. The assistant only ever reads your own trip; nothing is written until you accept it. See “AI
          assistant” (docs/ai.md) in the NestMap documentation.
        </p>
      </details>
    </Alert>
  );
}

export function BudgetUsedUp() {
  return (
    <Alert tone="warning" title="This month’s AI budget is used up">
      The assistant is paused for your organization until next month. An admin can raise the budget under Admin → AI
      usage.
    </Alert>
  );
}
