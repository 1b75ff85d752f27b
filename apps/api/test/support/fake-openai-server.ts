import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A local server speaking OpenAI's chat completions wire format (`POST /v1/chat/completions`), so the
 * real SDK (`openai`, fetch) is tested end to end: `chat.completion` objects with `usage`, refusals
 * (`message.refusal`), `finish_reason: "length"`, streamed `chat.completion.chunk` SSE events ending
 * in `data: [DONE]` (with a usage chunk when `stream_options.include_usage`), and OpenAI's error body
 * `{ error: { message, type, param, code } }`. Shapes follow openai/openai-openapi; the answers are ours.
 *
 *   const model = await startFakeOpenAi();   // OPENAI_BASE_URL = model.url, any OPENAI_API_KEY
 *   model.inject(Faults.rateLimited());      // the next request answers 429
 *   model.respondWith('activity_proposals', (request) => ({ proposals: [...] }));
 *   await model.close();
 *
 * Without an override it answers plausibly from the prompt: proposals on the trip's first day near
 * its destination (read from the `<trip_data>` block our prompts carry), a trip plan for the city the
 * sentence names, a short explanation, a streamed briefing. The browser e2e runs against it too.
 */

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  headers: IncomingMessage['headers'];
  /** The client went away before the answer was complete (a cancelled call). */
  aborted?: boolean;
}

export interface ModelFault {
  /** Answer with this HTTP status and OpenAI error (429, 500, 400 …). */
  status?: number;
  type?: string;
  code?: string;
  message?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (longer than the client's timeout is a timeout). */
  delayMs?: number;
  /** Answer with this assistant content as is (malformed or hostile JSON, any text). */
  content?: string;
  /** Answer with a refusal instead of content. */
  refusal?: string;
  /** `finish_reason: "length"` with the content cut in half (a truncated answer). */
  truncated?: boolean;
  /** Streams only: wait this long between chunks. */
  chunkDelayMs?: number;
}

export const ModelFaults = {
  rateLimited: (retryAfterMs = 0): ModelFault => ({
    status: 429,
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests',
    headers: { 'retry-after-ms': String(retryAfterMs) },
  }),
  serverError: (status = 500): ModelFault => ({
    status,
    type: 'server_error',
    message: 'The server had an error while processing your request.',
    headers: { 'retry-after-ms': '0' },
  }),
  /** What a server without structured outputs says to `response_format: json_schema`. */
  jsonSchemaUnsupported: (): ModelFault => ({
    status: 400,
    type: 'invalid_request_error',
    code: 'unsupported_parameter',
    message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
  }),
  refusal: (text = "I'm sorry, but I can't help with that request."): ModelFault => ({ refusal: text }),
  malformed: (content = '{"proposals": [ {"title": "Lunch", '): ModelFault => ({ content }),
  truncated: (): ModelFault => ({ truncated: true }),
  slow: (delayMs: number): ModelFault => ({ delayMs }),
  slowStream: (chunkDelayMs: number): ModelFault => ({ chunkDelayMs }),
};

type Responder = (request: ChatRequest) => unknown;

export interface FakeOpenAi {
  /** The base URL for the SDK (`…/v1`). */
  readonly url: string;
  readonly requests: ChatRequest[];
  /** The next `times` requests meet `fault`, in order of injection. */
  inject(fault: ModelFault, times?: number): void;
  /** Answers requests for this response-format name (or 'text' for plain ones) with the object returned. */
  respondWith(name: string, responder: Responder): void;
  reset(): void;
  close(): Promise<void>;
}

const TOKENS_PER_CHAR = 1 / 4;
const tokens = (text: string) => Math.max(1, Math.ceil(text.length * TOKENS_PER_CHAR));

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const faults: ModelFault[] = [];
  const responders = new Map<string, Responder>();
  const requests: ChatRequest[] = [];

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, { type: 'server_error', message: String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake-openai');
    if (request.method !== 'POST' || url.pathname.replace(/\/+$/, '') !== '/v1/chat/completions') {
      return sendError(response, 404, {
        type: 'invalid_request_error',
        message: `Unknown request URL: ${url.pathname}`,
      });
    }
    if (request.headers.authorization?.startsWith('Bearer ') !== true) {
      return sendError(response, 401, {
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        message: 'You did not provide an API key.',
      });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<ChatRequest, 'headers'>;
    const chat: ChatRequest = { ...body, headers: request.headers };
    requests.push(chat);
    response.on('close', () => {
      if (!response.writableFinished) chat.aborted = true;
    });

    const fault = faults.shift();
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (response.destroyed) return;
    if (fault?.status) return sendError(response, fault.status, fault, fault.headers);

    const name = chat.response_format?.json_schema?.name ?? schemaNameInPrompt(chat) ?? 'text';
    let content =
      fault?.content ??
      (chat.response_format?.type === 'json_schema' || chat.response_format?.type === 'json_object'
        ? JSON.stringify((responders.get(name) ?? defaultAnswer(name))(chat))
        : String((responders.get('text') ?? defaultText)(chat)));
    const finishReason = fault?.truncated ? 'length' : 'stop';
    if (fault?.truncated) content = content.slice(0, Math.floor(content.length / 2));
    const usage = {
      prompt_tokens: tokens(chat.messages.map((message) => message.content).join('\n')),
      completion_tokens: tokens(content),
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;

    if (chat.stream) return stream(response, chat, content, finishReason, usage, fault?.chunkDelayMs ?? 0);
    send(response, 200, {
      id: `chatcmpl-${randomBytes(8).toString('hex')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: chat.model,
      system_fingerprint: 'fp_fake',
      choices: [
        {
          index: 0,
          message: fault?.refusal
            ? { role: 'assistant', content: null, refusal: fault.refusal }
            : { role: 'assistant', content, refusal: null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
    });
  }

  async function stream(
    response: ServerResponse,
    chat: ChatRequest,
    content: string,
    finishReason: string,
    usage: Record<string, number>,
    chunkDelayMs: number,
  ): Promise<void> {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const base = {
      id: `chatcmpl-${randomBytes(8).toString('hex')}`,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: chat.model,
    };
    const event = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
    event({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const piece of content.match(/[^ ]+ */g) ?? []) {
      if (chunkDelayMs) await sleep(chunkDelayMs);
      if (response.destroyed) return;
      event({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
    }
    event({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] });
    if (chat.stream_options?.include_usage) event({ ...base, choices: [], usage });
    response.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    inject(fault, times = 1) {
      for (let i = 0; i < times; i += 1) faults.push(fault);
    },
    respondWith(name, responder) {
      responders.set(name, responder);
    },
    reset() {
      faults.length = 0;
      responders.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** In JSON mode (no json_schema) our prompts name the schema: "…the JSON schema "activity_proposals"…". */
function schemaNameInPrompt(chat: ChatRequest): string | undefined {
  if (chat.response_format?.type !== 'json_object') return undefined;
  return chat.messages.map((message) => message.content.match(/JSON schema "(\w+)"/)?.[1]).find(Boolean);
}

/** The JSON between `<tag>` and `</tag>` in the last user message, as our prompts delimit data. */
export function promptBlock(chat: ChatRequest, tag: string): any {
  const user = [...chat.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
  const match = user.match(new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`));
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]);
  } catch {
    return match[1];
  }
}

function defaultAnswer(name: string): Responder {
  switch (name) {
    case 'activity_proposals':
      return (chat) => {
        const trip = promptBlock(chat, 'trip_data');
        // "Propose activities for 2026-03-10 only."
        const day = chat.messages.at(-1)?.content.match(/for (\d{4}-\d{2}-\d{2}) only/)?.[1];
        return { proposals: sampleProposals(day ? { ...trip, startDate: day } : trip) };
      };
    case 'trip_plan':
      return (chat) => samplePlan(String(promptBlock(chat, 'request') ?? ''));
    case 'verdict_explanation':
      return () => ({
        explanation: 'This needs approval because it breaks the rules listed: each reason names its limit.',
      });
    default:
      return () => ({});
  }
}

/** Two proposals on the trip's first day, a few hundred metres from its destination. */
function sampleProposals(trip: any): unknown[] {
  const date = trip?.startDate ?? '2026-03-10';
  const near = (offset: number) =>
    typeof trip?.destination?.latitude === 'number'
      ? { latitude: trip.destination.latitude + offset, longitude: trip.destination.longitude + offset }
      : { latitude: null, longitude: null };
  return [
    {
      title: 'Team lunch near the venue',
      type: 'meal',
      date,
      startTime: '12:30',
      endTime: '13:30',
      placeName: `Restaurant in ${trip?.destination?.name ?? 'town'}`,
      ...near(0.002),
      notes: 'Book a table for the team.',
      estimatedCost: { amount: '45.00', currency: 'EUR' },
    },
    {
      title: 'Old town walk',
      type: 'sight',
      date,
      startTime: '17:00',
      endTime: '18:30',
      placeName: `Old town, ${trip?.destination?.name ?? 'town'}`,
      ...near(-0.003),
      notes: null,
      estimatedCost: null,
    },
  ];
}

function samplePlan(sentence: string): unknown {
  const city = sentence.match(/\bin ([A-Z][\w-]+(?: [A-Z][\w-]+)?)/)?.[1] ?? 'Berlin';
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 32 * 86_400_000).toISOString().slice(0, 10);
  return {
    title: `${city} trip`,
    destination: city,
    startDate: start,
    endDate: end,
    purpose: sentence.slice(0, 200),
    proposals: sampleProposals({ startDate: start, destination: { name: city } }),
  };
}

function defaultText(chat: ChatRequest): string {
  const day = promptBlock(chat, 'day_data');
  const count = Array.isArray(day?.activities) ? day.activities.length : 0;
  return `Your day has ${count} planned ${count === 1 ? 'activity' : 'activities'}. Leave time to travel between places.`;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  error: Pick<ModelFault, 'type' | 'code' | 'message'>,
  headers: Record<string, string> = {},
): void {
  send(
    response,
    status,
    {
      error: {
        message: error.message ?? 'error',
        type: error.type ?? 'invalid_request_error',
        param: null,
        code: error.code ?? null,
      },
    },
    headers,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
