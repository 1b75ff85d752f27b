import { ApiError, describeError, type ErrorCode } from '../api/api-error';

export type AssistantProblem =
  'not_configured' | 'budget_exceeded' | 'rate_limited' | 'model_error' | 'timeout' | 'other';

/** The user pressed Cancel (or left): not an error to show. */
export const isCancelled = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

const PROBLEMS: Partial<Record<ErrorCode, AssistantProblem>> = {
  AI_NOT_CONFIGURED: 'not_configured',
  AI_BUDGET_EXCEEDED: 'budget_exceeded',
  RATE_LIMITED: 'rate_limited',
  AI_MODEL_ERROR: 'model_error',
  AI_MODEL_TIMEOUT: 'timeout',
};

export function assistantProblem(error: unknown): AssistantProblem {
  return (error instanceof ApiError && error.code && PROBLEMS[error.code]) || 'other';
}

/** What went wrong and what to do, in the assistant's terms (a model, a budget) rather than HTTP's. */
export function describeAssistantError(error: unknown): { title: string; message: string } {
  const said = error instanceof ApiError ? error.messages.join(' ') : '';
  switch (assistantProblem(error)) {
    case 'not_configured':
      return {
        title: 'The assistant is not set up',
        message: 'No language model is configured for NestMap. An operator can enable one (see “How to enable it”).',
      };
    case 'budget_exceeded':
      return {
        title: 'This month’s AI budget is used up',
        message: 'Your organization has used its monthly allowance. An admin can raise it under Admin → AI usage.',
      };
    case 'rate_limited': {
      const wait = (error as ApiError).retryAfter;
      return {
        title: 'The assistant is busy',
        message: `Your organization asked the assistant many times in a short while. ${
          wait ? `Try again in ${Math.ceil(wait)} seconds.` : 'Wait a moment and try again.'
        }`,
      };
    }
    case 'model_error':
      return {
        title: 'The model could not answer',
        message: `${said || 'The language model failed.'} Nothing was changed; try again.`,
      };
    case 'timeout':
      return {
        title: 'The model took too long',
        message: 'It did not answer in time. Nothing was changed; try again, perhaps with a shorter request.',
      };
    default:
      return { title: 'The assistant could not help', message: describeError(error) };
  }
}
