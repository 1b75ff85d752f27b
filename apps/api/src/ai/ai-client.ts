import { Logger } from '@nestjs/common';
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  BadRequestError,
} from 'openai';
import { LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { AppConfig } from '../config/app-config';
import { redactForLog } from './prompt-redaction';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** How a model call ended, as the usage table records it. */
export type CallOutcome = 'ok' | 'refused' | 'invalid_output' | 'error' | 'timeout' | 'cancelled';

/** A failed model call in our terms; the tokens it spent still count against the budget. */
export class AiCallError extends Error {
  constructor(
    readonly outcome: Exclude<CallOutcome, 'ok'>,
    message: string,
    readonly usage: TokenUsage,
  ) {
    super(message);
  }
}

export interface Prompt {
  system: string;
  user: string;
  maxOutputTokens: number;
  /** Aborted when the caller's client goes away: the model call is cancelled. */
  signal?: AbortSignal;
}

export interface StructuredPrompt<S extends z.ZodType> extends Prompt {
  schema: S;
  /** The response format's name (`activity_proposals`). */
  schemaName: string;
}

export interface Answer<T> {
  data: T;
  usage: TokenUsage;
}

/** An answer that could not be used is asked for once more; then the call fails. */
const MAX_UNUSABLE_ANSWERS = 2;

const noUsage = (): TokenUsage => ({ inputTokens: 0, outputTokens: 0 });
const add = (total: TokenUsage, usage: OpenAI.CompletionUsage | null | undefined) => {
  total.inputTokens += usage?.prompt_tokens ?? 0;
  total.outputTokens += usage?.completion_tokens ?? 0;
};

class UnusableAnswer extends Error {}

/**
 * The adapter over the official SDK for OpenAI or any OpenAI-compatible server (docs/ai.md § Model
 * access). Structured answers use `chat.completions.parse` with `zodResponseFormat` (the most widely
 * supported form); a server that refuses `json_schema` gets JSON mode with the schema in the prompt
 * and our own zod validation, and is remembered for this process. The SDK retries 408/409/429/5xx
 * and lost connections with backoff (honouring `retry-after`) and times out each attempt; a deadline
 * bounds the whole call, and the caller's signal cancels it.
 */
export class AiClient {
  private readonly logger = new Logger('AiClient');
  private readonly sdk?: OpenAI;
  /** Set when the server refused `response_format: json_schema` once. */
  private jsonSchemaRefused = false;

  constructor(private readonly settings: AppConfig['ai']) {
    if (!this.configured) return;
    this.sdk = new OpenAI({
      // A local server (Ollama, vLLM) needs no key, but the SDK insists on one.
      apiKey: settings.apiKey ?? 'no-key',
      baseURL: settings.baseUrl,
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
      // The SDK's own logging could print request details: ours decides what is logged.
      logLevel: 'off',
    });
  }

  get configured(): boolean {
    return Boolean(this.settings.apiKey || this.settings.baseUrl);
  }

  get model(): string {
    return this.settings.model;
  }

  /** One structured answer, parsed by `schema`; unusable answers (malformed, truncated) are asked for twice at most. */
  async structured<S extends z.ZodType>(prompt: StructuredPrompt<S>): Promise<Answer<z.infer<S>>> {
    const usage = noUsage();
    return this.bounded(prompt.signal, usage, async (signal) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const data = this.jsonSchemaRefused
            ? await this.jsonMode(prompt, signal, usage)
            : await this.jsonSchema(prompt, signal, usage);
          return { data, usage };
        } catch (error) {
          if (!(error instanceof UnusableAnswer)) throw error;
          if (attempt >= MAX_UNUSABLE_ANSWERS)
            throw new AiCallError('invalid_output', `The model's answer was unusable twice (${error.message})`, usage);
        }
      }
    });
  }

  /** A streamed text answer: yields the text as it comes; a chunk gap longer than the timeout ends it as a timeout. */
  async *text(prompt: Prompt, usage: TokenUsage): AsyncGenerator<string> {
    const sdk = this.client();
    const idle = new AbortController();
    const signal = prompt.signal ? AbortSignal.any([prompt.signal, idle.signal]) : idle.signal;
    let timer = setTimeout(() => idle.abort(), this.settings.timeoutMs);
    let produced = 0;
    this.logPrompt(prompt);
    try {
      const stream = await sdk.chat.completions.create(
        {
          model: this.settings.model,
          messages: messages(prompt.system, prompt.user),
          max_tokens: prompt.maxOutputTokens,
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      for await (const chunk of stream) {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), this.settings.timeoutMs);
        add(usage, chunk.usage);
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          produced += delta.length;
          yield delta;
        }
      }
      // The SDK ends an aborted stream quietly, as if the answer were complete.
      if (prompt.signal?.aborted) throw new APIUserAbortError();
      if (idle.signal.aborted) throw new AiCallError('timeout', 'The model stopped answering', usage);
      // Servers without `include_usage` say nothing: the budget then counts about four characters a token.
      if (usage.outputTokens === 0) usage.outputTokens = Math.ceil(produced / 4);
      if (usage.inputTokens === 0) usage.inputTokens = Math.ceil((prompt.system.length + prompt.user.length) / 4);
    } catch (error) {
      if (idle.signal.aborted && !prompt.signal?.aborted) {
        throw new AiCallError('timeout', 'The model stopped answering', usage);
      }
      throw this.failure(error, prompt.signal, usage);
    } finally {
      clearTimeout(timer);
    }
  }

  private async jsonSchema<S extends z.ZodType>(
    prompt: StructuredPrompt<S>,
    signal: AbortSignal,
    usage: TokenUsage,
  ): Promise<z.infer<S>> {
    this.logPrompt(prompt);
    try {
      const completion = await this.client().chat.completions.parse(
        {
          model: this.settings.model,
          messages: messages(prompt.system, prompt.user),
          max_tokens: prompt.maxOutputTokens,
          response_format: zodResponseFormat(prompt.schema, prompt.schemaName),
        },
        { signal },
      );
      add(usage, completion.usage);
      const message = completion.choices[0]?.message;
      if (message?.refusal) throw new AiCallError('refused', `The model declined: ${message.refusal}`, usage);
      if (message?.parsed == null) throw new UnusableAnswer('no content');
      this.logCompletion(message.content ?? '');
      return message.parsed as z.infer<S>;
    } catch (error) {
      const unusable =
        error instanceof LengthFinishReasonError
          ? 'cut off at the length limit'
          : error instanceof SyntaxError || error instanceof z.ZodError
            ? 'not the JSON asked for'
            : null;
      if (unusable) {
        // The SDK throws before handing over the answer, and its usage with it: count the prompt
        // at about four characters a token and the answer at its limit (an upper bound).
        usage.inputTokens += Math.ceil((prompt.system.length + prompt.user.length) / 4);
        usage.outputTokens += prompt.maxOutputTokens;
        throw new UnusableAnswer(unusable);
      }
      if (error instanceof BadRequestError && /response_format|json_schema/i.test(error.message)) {
        this.logger.warn('The model server refused response_format json_schema: using JSON mode from now on');
        this.jsonSchemaRefused = true;
        return this.jsonMode(prompt, signal, usage);
      }
      throw error;
    }
  }

  /** JSON mode: the schema goes into the prompt, and the answer through our own zod validation. */
  private async jsonMode<S extends z.ZodType>(
    prompt: StructuredPrompt<S>,
    signal: AbortSignal,
    usage: TokenUsage,
  ): Promise<z.infer<S>> {
    const schema = JSON.stringify(z.toJSONSchema(prompt.schema));
    const system = `${prompt.system}\n\nAnswer with one JSON object that follows the JSON schema "${prompt.schemaName}":\n${schema}`;
    this.logPrompt({ ...prompt, system });
    const completion = await this.client().chat.completions.create(
      {
        model: this.settings.model,
        messages: messages(system, prompt.user),
        max_tokens: prompt.maxOutputTokens,
        response_format: { type: 'json_object' },
      },
      { signal },
    );
    add(usage, completion.usage);
    const choice = completion.choices[0];
    if (choice?.message?.refusal)
      throw new AiCallError('refused', `The model declined: ${choice.message.refusal}`, usage);
    if (choice?.finish_reason === 'length') throw new UnusableAnswer('cut off at the length limit');
    const content = choice?.message?.content ?? '';
    this.logCompletion(content);
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw new UnusableAnswer('not JSON');
    }
    const parsed = prompt.schema.safeParse(json);
    if (!parsed.success) throw new UnusableAnswer('not the JSON asked for');
    return parsed.data;
  }

  /** Runs `work` within the call's deadline (every attempt and retry), failing in our terms. */
  private async bounded<T>(
    callerSignal: AbortSignal | undefined,
    usage: TokenUsage,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const deadline = AbortSignal.timeout(this.deadlineMs());
    const signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
    const started = Date.now();
    try {
      return await work(signal);
    } catch (error) {
      if (deadline.aborted && !callerSignal?.aborted) {
        throw new AiCallError('timeout', 'The model did not answer in time', usage);
      }
      throw this.failure(error, callerSignal, usage, Date.now() - started);
    }
  }

  /** Room for every attempt the SDK makes, and its backoff between them. */
  private deadlineMs(): number {
    return this.settings.timeoutMs * (this.settings.maxRetries + 1) + 10_000;
  }

  private failure(
    error: unknown,
    callerSignal: AbortSignal | undefined,
    usage: TokenUsage,
    elapsedMs = 0,
  ): AiCallError {
    if (error instanceof AiCallError) return error;
    if (error instanceof APIUserAbortError || callerSignal?.aborted) {
      return new AiCallError('cancelled', 'The request was cancelled', usage);
    }
    // The SDK names its own timeout APIConnectionTimeoutError only when fetch's AbortError is of this
    // realm (not so under jest's vm): a connection error once the timeout has passed is that timeout.
    if (
      error instanceof APIConnectionTimeoutError ||
      (error instanceof APIConnectionError && elapsedMs >= this.settings.timeoutMs)
    ) {
      return new AiCallError('timeout', 'The model did not answer in time', usage);
    }
    if (error instanceof APIError && error.status !== undefined) {
      this.logger.warn(`model server answered ${error.status} (${error.code ?? error.type ?? 'no code'})`);
      const why =
        error.status === 401 || error.status === 403
          ? 'refused our credentials (check OPENAI_API_KEY)'
          : error.status === 404
            ? `does not know the model "${this.settings.model}" (check OPENAI_MODEL)`
            : error.status === 429
              ? 'kept answering "too many requests"'
              : `answered with an error (${error.status})`;
      return new AiCallError('error', `The model server ${why}`, usage);
    }
    this.logger.warn(`model server unreachable: ${(error as Error)?.message ?? 'unknown error'}`);
    return new AiCallError('error', 'The model server could not be reached', usage);
  }

  private client(): OpenAI {
    if (!this.sdk) throw new Error('AiClient used without a configured model');
    return this.sdk;
  }

  private logPrompt(prompt: Pick<Prompt, 'system' | 'user'>): void {
    if (this.settings.logPrompts !== 'redacted') return;
    this.logger.log({ prompt: { system: redactForLog(prompt.system), user: redactForLog(prompt.user) } }, 'AI prompt');
  }

  private logCompletion(content: string): void {
    if (this.settings.logPrompts !== 'redacted') return;
    this.logger.log({ completion: redactForLog(content) }, 'AI completion');
  }
}

function messages(system: string, user: string): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
