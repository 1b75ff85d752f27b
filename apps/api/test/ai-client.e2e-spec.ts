import { z } from 'zod';
import { AiCallError, AiClient, type TokenUsage } from '../src/ai/ai-client';
import type { AppConfig } from '../src/config/app-config';
import { type FakeOpenAi, ModelFaults, startFakeOpenAi } from './support/fake-openai-server';

const Schema = z.object({ items: z.array(z.object({ title: z.string(), minutes: z.number() })) });
const prompt = { system: 'You plan.', user: 'Plan.', maxOutputTokens: 500, schema: Schema, schemaName: 'plan_items' };
const ITEMS = { items: [{ title: 'Walk', minutes: 30 }] };

/**
 * The AI adapter through the real `openai` SDK against a local server speaking the chat completions
 * wire format (docs/ai.md § Model access): structured output, refusal, malformed and truncated
 * answers, 429 and 500 with the SDK's retries, timeouts, the JSON-mode fallback, slow streaming and
 * cancellation.
 */
describe('AiClient against an OpenAI-compatible server', () => {
  let model: FakeOpenAi;

  beforeAll(async () => {
    model = await startFakeOpenAi();
  });
  afterAll(() => model.close());
  beforeEach(() => model.reset());

  const client = (settings: Partial<AppConfig['ai']> = {}) =>
    new AiClient({
      apiKey: 'sk-test',
      baseUrl: model.url,
      model: 'gpt-test',
      timeoutMs: 2000,
      maxRetries: 2,
      logPrompts: 'off',
      ...settings,
    });

  async function failure(work: Promise<unknown>): Promise<AiCallError> {
    const error = await work.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AiCallError);
    return error as AiCallError;
  }

  it('asks for a strict json_schema and returns the parsed answer with its token usage', async () => {
    model.respondWith('plan_items', () => ({ ...ITEMS, organizationId: 'someone-else' }));
    const answer = await client().structured(prompt);
    expect(answer.data).toEqual(ITEMS);
    expect(answer.usage.inputTokens).toBeGreaterThan(0);
    expect(answer.usage.outputTokens).toBeGreaterThan(0);
    const [sent] = model.requests;
    expect(sent.model).toBe('gpt-test');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'plan_items', strict: true },
    });
    expect(sent.messages.map((message) => message.role)).toEqual(['system', 'user']);
  });

  it('reports a refusal as such, without asking again', async () => {
    model.inject(ModelFaults.refusal());
    const error = await failure(client().structured(prompt));
    expect(error.outcome).toBe('refused');
    expect(error.message).toMatch(/declined/);
    expect(model.requests).toHaveLength(1);
  });

  it('asks once more after malformed JSON, counting the tokens of both answers', async () => {
    model.respondWith('plan_items', () => ITEMS);
    model.inject(ModelFaults.malformed('{"items": [ {"title": '));
    const answer = await client().structured(prompt);
    expect(answer.data).toEqual(ITEMS);
    expect(model.requests).toHaveLength(2);
    expect(answer.usage.outputTokens).toBeGreaterThan(5);
  });

  it('fails with invalid_output after two unusable answers (malformed, then truncated at the length limit)', async () => {
    model.respondWith('plan_items', () => ITEMS);
    model.inject(ModelFaults.malformed());
    model.inject(ModelFaults.truncated());
    const error = await failure(client().structured(prompt));
    expect(error.outcome).toBe('invalid_output');
    expect(error.usage.inputTokens).toBeGreaterThan(0);
    expect(model.requests).toHaveLength(2);
  });

  it('treats an answer of the wrong shape as unusable', async () => {
    model.inject(ModelFaults.malformed('{"items": "none"}'), 2);
    expect((await failure(client().structured(prompt))).outcome).toBe('invalid_output');
  });

  it('retries a 429 and a 500 through the SDK, then answers', async () => {
    model.respondWith('plan_items', () => ITEMS);
    model.inject(ModelFaults.rateLimited(0));
    model.inject(ModelFaults.serverError(500));
    const answer = await client().structured(prompt);
    expect(answer.data).toEqual(ITEMS);
    expect(model.requests).toHaveLength(3);
  });

  it('gives up after the bounded retries with a plain message', async () => {
    model.inject(ModelFaults.serverError(503), 3);
    const error = await failure(client().structured(prompt));
    expect(error.outcome).toBe('error');
    expect(error.message).toBe('The model server answered with an error (503)');
    expect(model.requests).toHaveLength(3);
  });

  it('times out a model that does not answer', async () => {
    model.inject(ModelFaults.slow(3000));
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 300, maxRetries: 0 }).structured(prompt));
    expect(error.outcome).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('falls back to JSON mode with the schema in the prompt when the server refuses json_schema, and remembers it', async () => {
    model.respondWith('plan_items', () => ITEMS);
    model.inject(ModelFaults.jsonSchemaUnsupported());
    const ai = client();
    expect((await ai.structured(prompt)).data).toEqual(ITEMS);
    expect((await ai.structured(prompt)).data).toEqual(ITEMS);
    expect(model.requests.map((request) => request.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
    expect(model.requests[1].messages[0].content).toContain('JSON schema "plan_items"');
    // JSON mode is validated by our own zod schema: a wrong shape is still unusable.
    model.inject(ModelFaults.malformed('{"items": [{"title": 3}]}'), 2);
    expect((await failure(ai.structured(prompt))).outcome).toBe('invalid_output');
  });

  it('streams text as it comes, slow chunks included, with the usage the server reports', async () => {
    model.respondWith('text', () => 'One two three four.');
    model.inject(ModelFaults.slowStream(50));
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    const pieces: string[] = [];
    for await (const piece of client().text({ system: 's', user: 'u', maxOutputTokens: 100 }, usage))
      pieces.push(piece);
    expect(pieces.join('')).toBe('One two three four.');
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(model.requests[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('ends a stream whose chunks stop coming as a timeout', async () => {
    model.respondWith('text', () => 'One two three four.');
    model.inject(ModelFaults.slowStream(800));
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    const read = async () => {
      for await (const _piece of client({ timeoutMs: 300 }).text(
        { system: 's', user: 'u', maxOutputTokens: 100 },
        usage,
      ));
    };
    expect((await failure(read())).outcome).toBe('timeout');
  });

  it('cancels the model call when the caller aborts, and the server sees the connection go', async () => {
    model.respondWith('text', () => 'word '.repeat(50));
    model.inject(ModelFaults.slowStream(100));
    const abort = new AbortController();
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    const read = async () => {
      for await (const _piece of client().text(
        { system: 's', user: 'u', maxOutputTokens: 100, signal: abort.signal },
        usage,
      ))
        abort.abort();
    };
    expect((await failure(read())).outcome).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(model.requests[0].aborted).toBe(true);
  });
});
