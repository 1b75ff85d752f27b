import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { AiErrorCode } from '../common/errors/error-codes';
import {
  AiCallError,
  AiClient,
  type CallOutcome,
  type Prompt,
  type StructuredPrompt,
  type TokenUsage,
} from './ai-client';
import { AiMeter } from './ai-meter';
import type { AiFeature } from './ai-usage.entity';

/** The plain error a failed call answers with: 504 for time, 502 for the rest. */
export function modelFailure(error: AiCallError): DomainError {
  if (error.outcome === 'timeout') return new DomainError(AiErrorCode.ModelTimeout, `${error.message}; try again`);
  return new DomainError(AiErrorCode.ModelError, error.message);
}

/**
 * Every model call of the assistant goes through here: refused without a configured model (503
 * AI_NOT_CONFIGURED), over budget or rate (429), and metered whatever its outcome.
 */
@Injectable()
export class ModelCalls {
  constructor(
    private readonly client: AiClient,
    private readonly meter: AiMeter,
  ) {}

  get configured(): boolean {
    return this.client.configured;
  }

  get model(): string | null {
    return this.client.configured ? this.client.model : null;
  }

  /** 503 AI_NOT_CONFIGURED without a model: every model route answers so, even when it could skip the model. */
  assertConfigured(): void {
    if (!this.client.configured) {
      throw new DomainError(
        AiErrorCode.NotConfigured,
        'The AI assistant is not configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server such as Ollama) and restart the API',
      );
    }
  }

  /** 503 unless a model is configured, then the budget and rate checks. */
  async admit(ctx: AuthContext): Promise<void> {
    this.assertConfigured();
    await this.meter.admit(ctx);
  }

  async structured<S extends z.ZodType>(
    ctx: AuthContext,
    feature: AiFeature,
    prompt: StructuredPrompt<S>,
  ): Promise<z.infer<S>> {
    await this.admit(ctx);
    const started = Date.now();
    try {
      const answer = await this.client.structured(prompt);
      await this.record(ctx, feature, started, answer.usage, 'ok');
      return answer.data;
    } catch (error) {
      if (!(error instanceof AiCallError)) throw error;
      await this.record(ctx, feature, started, error.usage, error.outcome);
      throw modelFailure(error);
    }
  }

  /**
   * A streamed text answer. Call `admit` first (errors before streaming are plain JSON answers);
   * the stream's own failure is thrown as an AiCallError once it has been recorded.
   */
  async *text(ctx: AuthContext, feature: AiFeature, prompt: Prompt): AsyncGenerator<string> {
    const started = Date.now();
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    let outcome: CallOutcome = 'ok';
    try {
      yield* this.client.text(prompt, usage);
    } catch (error) {
      outcome = error instanceof AiCallError ? error.outcome : 'error';
      throw error;
    } finally {
      await this.record(ctx, feature, started, usage, outcome);
    }
  }

  private record(ctx: AuthContext, feature: AiFeature, started: number, usage: TokenUsage, outcome: CallOutcome) {
    return this.meter.record(ctx, {
      feature,
      model: this.client.model,
      usage,
      latencyMs: Date.now() - started,
      outcome,
    });
  }
}
