import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A local server speaking Stripe's v1 wire format for the routes NestMap uses, so the real SDK
 * (`stripe@23`, pointed here with host/port/protocol) is tested end to end: form-encoded request
 * bodies with bracketed keys (`metadata[booking_id]=…`), JSON objects shaped like Stripe's
 * (`object`, `id` prefixes, amounts in minor units, `livemode: false`), Stripe's errors
 * `{ error: { type, code, decline_code, message, payment_intent? } }` with their statuses (402 card
 * errors, 429 rate limits, 500s) and `Idempotency-Key` replays: the same key answers the same
 * stored response, as Stripe does (429s are not stored). Shapes follow the SDK's types
 * (node_modules/stripe/cjs/resources/*.d.ts) and Stripe's OpenAPI document; the data is our own.
 *
 * Test cards, chosen by their last four digits as Stripe's test numbers are: 4242 succeeds, 0002
 * is declined (generic_decline), 9995 is declined (insufficient_funds), 3184 requires
 * authentication (off-session: 402 authentication_required).
 *
 *   const stripe = await startFakeStripe();        // STRIPE_API_BASE_URL = stripe.url
 *   stripe.inject('POST /v1/payment_intents', StripeFaults.rateLimited());
 *   stripe.paymentIntents                           // every PaymentIntent made
 *   await stripe.close();
 */

/** What the API is configured with against this server (tests and the browser e2e). */
export const STRIPE_SECRET_KEY = 'sk_test_fake_0123456789';
export const STRIPE_WEBHOOK_SECRET = 'whsec_test_0123456789abcdef0123456789abcdef';

export type StripeRoute =
  | 'POST /v1/customers'
  | 'POST /v1/checkout/sessions'
  | 'GET /v1/setup_intents/:id'
  | 'GET /v1/payment_methods/:id'
  | 'POST /v1/payment_methods/:id/detach'
  | 'POST /v1/payment_intents'
  | 'GET /v1/payment_intents/:id'
  | 'POST /v1/payment_intents/:id/capture'
  | 'POST /v1/payment_intents/:id/cancel'
  | 'POST /v1/refunds';

export interface StripeFault {
  status?: number;
  type?: string;
  code?: string;
  message?: string;
  /** Wait this long before answering: longer than the SDK's timeout is a timeout. */
  delayMs?: number;
}

export const StripeFaults = {
  rateLimited: (): StripeFault => ({
    status: 429,
    type: 'invalid_request_error',
    code: 'rate_limit',
    message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
  }),
  serverError: (): StripeFault => ({
    status: 500,
    type: 'api_error',
    message: 'An unknown error occurred',
  }),
  slow: (delayMs: number): StripeFault => ({ delayMs }),
};

type Json = Record<string, unknown>;
type Params = Record<string, unknown>;

interface StoredAnswer {
  status: number;
  body: Json;
}

export interface FakeStripe {
  url: string;
  customers: Json[];
  checkoutSessions: Json[];
  paymentIntents: Json[];
  refunds: Json[];
  /** Every request, in order: method, path, form parameters and Idempotency-Key. */
  requests: Array<{ method: string; path: string; params: Params; idempotencyKey: string | undefined }>;
  /** The next request to `route` answers with `fault` (queued: several calls queue several faults). */
  inject(route: StripeRoute, fault: StripeFault): void;
  /**
   * The admin finished Checkout with a card: Stripe makes the PaymentMethod, attaches it to the
   * customer, and the session's SetupIntent succeeds. Returns the objects the webhooks carry.
   */
  completeCheckout(
    sessionId: string,
    card?: { last4?: string; brand?: string },
  ): { session: Json; setupIntent: Json; paymentMethod: Json };
  close(): Promise<void>;
}

const DECLINES: Record<string, { code: string; decline_code: string; message: string }> = {
  '0002': { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  '9995': { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  '3184': {
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
};

export async function startFakeStripe(): Promise<FakeStripe> {
  const objects = new Map<string, Json>();
  const idempotent = new Map<string, StoredAnswer>();
  const faults = new Map<string, StripeFault[]>();
  const fake: Omit<FakeStripe, 'url' | 'close'> = {
    customers: [],
    checkoutSessions: [],
    paymentIntents: [],
    refunds: [],
    requests: [],
    inject(route, fault) {
      faults.set(route, [...(faults.get(route) ?? []), fault]);
    },
    completeCheckout(sessionId, card = {}) {
      const session = objects.get(sessionId);
      if (!session) throw new Error(`no checkout session ${sessionId}`);
      const last4 = card.last4 ?? '4242';
      const paymentMethod: Json = {
        id: newId('pm'),
        object: 'payment_method',
        type: 'card',
        customer: session.customer,
        created: now(),
        livemode: false,
        metadata: {},
        billing_details: { address: null, email: null, name: null, phone: null },
        card: {
          brand: card.brand ?? 'visa',
          last4,
          exp_month: 12,
          exp_year: 2034,
          country: 'US',
          funding: 'credit',
          fingerprint: randomBytes(8).toString('hex'),
          checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
        },
      };
      objects.set(paymentMethod.id as string, paymentMethod);
      const setupIntent: Json = {
        id: newId('seti'),
        object: 'setup_intent',
        status: 'succeeded',
        usage: 'off_session',
        customer: session.customer,
        payment_method: paymentMethod.id,
        metadata: (session.setup_intent_data as Json | undefined)?.metadata ?? {},
        created: now(),
        livemode: false,
        last_setup_error: null,
        next_action: null,
      };
      objects.set(setupIntent.id as string, setupIntent);
      Object.assign(session, { status: 'complete', setup_intent: setupIntent.id });
      return { session, setupIntent, paymentMethod };
    },
  };

  const handlers: Array<{
    route: StripeRoute;
    pattern: RegExp;
    handle: (params: Params, id?: string) => StoredAnswer;
  }> = [
    {
      route: 'POST /v1/customers',
      pattern: /^\/v1\/customers$/,
      handle: (params) => {
        const customer = {
          id: newId('cus'),
          object: 'customer',
          created: now(),
          livemode: false,
          description: params.description ?? null,
          email: params.email ?? null,
          metadata: params.metadata ?? {},
          invoice_settings: { default_payment_method: null },
        };
        objects.set(customer.id, customer);
        fake.customers.push(customer);
        return ok(customer);
      },
    },
    {
      route: 'POST /v1/checkout/sessions',
      pattern: /^\/v1\/checkout\/sessions$/,
      handle: (params) => {
        if (params.mode !== 'setup') return invalid('mode', 'This fake only speaks setup mode');
        if (!params.success_url) return invalid('success_url', 'Missing required param: success_url.');
        const id = newId('cs_test');
        const session = {
          id,
          object: 'checkout.session',
          mode: 'setup',
          status: 'open',
          customer: params.customer ?? null,
          client_reference_id: params.client_reference_id ?? null,
          currency: params.currency ?? null,
          metadata: params.metadata ?? {},
          setup_intent: null,
          setup_intent_data: params.setup_intent_data ?? null,
          payment_intent: null,
          success_url: params.success_url,
          cancel_url: params.cancel_url ?? null,
          url: `https://checkout.stripe.com/c/pay/${id}`,
          created: now(),
          expires_at: now() + 86_400,
          livemode: false,
        };
        objects.set(id, session);
        fake.checkoutSessions.push(session);
        return ok(session);
      },
    },
    {
      route: 'GET /v1/setup_intents/:id',
      pattern: /^\/v1\/setup_intents\/([\w-]+)$/,
      handle: (params, id) => {
        const setupIntent = objects.get(id!);
        if (!setupIntent) return missing('setup_intent', id!);
        const expand = Object.values((params.expand as Params | undefined) ?? {});
        return ok(
          expand.includes('payment_method')
            ? { ...setupIntent, payment_method: objects.get(setupIntent.payment_method as string) }
            : setupIntent,
        );
      },
    },
    {
      route: 'GET /v1/payment_methods/:id',
      pattern: /^\/v1\/payment_methods\/([\w-]+)$/,
      handle: (_params, id) => {
        const method = objects.get(id!);
        return method ? ok(method) : missing('payment_method', id!);
      },
    },
    {
      route: 'POST /v1/payment_methods/:id/detach',
      pattern: /^\/v1\/payment_methods\/([\w-]+)\/detach$/,
      handle: (_params, id) => {
        const method = objects.get(id!);
        if (!method) return missing('payment_method', id!);
        method.customer = null;
        return ok(method);
      },
    },
    {
      route: 'POST /v1/payment_intents',
      pattern: /^\/v1\/payment_intents$/,
      handle: (params) => createPaymentIntent(params),
    },
    {
      route: 'GET /v1/payment_intents/:id',
      pattern: /^\/v1\/payment_intents\/([\w-]+)$/,
      handle: (params, id) => {
        const intent = objects.get(id!);
        if (!intent) return missing('payment_intent', id!);
        const expand = Object.values((params.expand as Params | undefined) ?? {});
        return ok(
          expand.includes('latest_charge') && intent.latest_charge
            ? { ...intent, latest_charge: objects.get(intent.latest_charge as string) }
            : intent,
        );
      },
    },
    {
      route: 'POST /v1/payment_intents/:id/capture',
      pattern: /^\/v1\/payment_intents\/([\w-]+)\/capture$/,
      handle: (params, id) => {
        const intent = objects.get(id!);
        if (!intent) return missing('payment_intent', id!);
        if (intent.status !== 'requires_capture') return unexpectedState(intent, 'capture');
        const amount = params.amount_to_capture === undefined ? intent.amount : Number(params.amount_to_capture);
        if (!Number.isInteger(amount) || (amount as number) > (intent.amount as number) || (amount as number) < 1)
          return invalid('amount_to_capture', 'The amount to capture must be at most the amount authorised.');
        Object.assign(intent, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
        Object.assign(objects.get(intent.latest_charge as string)!, { captured: true, amount_captured: amount });
        return ok(intent);
      },
    },
    {
      route: 'POST /v1/payment_intents/:id/cancel',
      pattern: /^\/v1\/payment_intents\/([\w-]+)\/cancel$/,
      handle: (params, id) => {
        const intent = objects.get(id!);
        if (!intent) return missing('payment_intent', id!);
        if (intent.status === 'succeeded' || intent.status === 'canceled') return unexpectedState(intent, 'cancel');
        Object.assign(intent, {
          status: 'canceled',
          amount_capturable: 0,
          canceled_at: now(),
          cancellation_reason: params.cancellation_reason ?? null,
        });
        return ok(intent);
      },
    },
    {
      route: 'POST /v1/refunds',
      pattern: /^\/v1\/refunds$/,
      handle: (params) => {
        const intent = objects.get(params.payment_intent as string);
        if (!intent) return missing('payment_intent', String(params.payment_intent));
        if (intent.status !== 'succeeded')
          return invalid('payment_intent', 'This PaymentIntent does not have a successful charge to refund.');
        const charge = objects.get(intent.latest_charge as string)!;
        const left = (charge.amount_captured as number) - (charge.amount_refunded as number);
        const amount = params.amount === undefined ? left : Number(params.amount);
        if (!Number.isInteger(amount) || amount < 1 || amount > left)
          return invalid('amount', `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`);
        const refund = {
          id: newId('re'),
          object: 'refund',
          amount,
          currency: intent.currency,
          charge: charge.id,
          payment_intent: intent.id,
          status: 'succeeded',
          reason: params.reason ?? null,
          metadata: params.metadata ?? {},
          created: now(),
        };
        Object.assign(charge, {
          amount_refunded: (charge.amount_refunded as number) + amount,
          refunded: (charge.amount_refunded as number) + amount === charge.amount_captured,
        });
        fake.refunds.push(refund);
        return ok(refund);
      },
    },
  ];

  function createPaymentIntent(params: Params): StoredAnswer {
    const amount = Number(params.amount);
    if (!Number.isInteger(amount) || amount < 1) return invalid('amount', 'Invalid positive integer');
    if (params.payment_method_types !== undefined)
      return invalid('payment_method_types', 'Received unknown parameter: payment_method_types');
    const method = objects.get(params.payment_method as string);
    if (!method) return missing('payment_method', String(params.payment_method));
    if (method.customer !== params.customer)
      return invalid('payment_method', 'The provided PaymentMethod does not belong to the customer.');
    const automatic = params.automatic_payment_methods as Params | undefined;
    if (
      params.confirm === 'true' &&
      automatic?.enabled === 'true' &&
      automatic.allow_redirects !== 'never' &&
      !params.return_url
    )
      return invalid(
        'return_url',
        'A return_url must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed.',
      );
    const intent: Json = {
      id: newId('pi'),
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: params.currency,
      customer: params.customer,
      payment_method: method.id,
      capture_method: params.capture_method ?? 'automatic_async',
      confirmation_method: 'automatic',
      automatic_payment_methods: automatic
        ? { enabled: true, allow_redirects: automatic.allow_redirects ?? 'always' }
        : null,
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      status: 'requires_confirmation',
      last_payment_error: null,
      latest_charge: null,
      next_action: null,
      canceled_at: null,
      cancellation_reason: null,
      created: now(),
      livemode: false,
    };
    objects.set(intent.id as string, intent);
    fake.paymentIntents.push(intent);
    if (params.confirm !== 'true') return ok(intent);
    const decline = DECLINES[(method.card as Json).last4 as string];
    if (decline) {
      const error = { type: 'card_error', ...decline, doc_url: `https://stripe.com/docs/error-codes/${decline.code}` };
      Object.assign(intent, {
        status: 'requires_payment_method',
        last_payment_error: { ...error, payment_method: method },
      });
      return { status: 402, body: { error: { ...error, payment_intent: intent, payment_method: method } } };
    }
    const charge: Json = {
      id: newId('ch'),
      object: 'charge',
      amount,
      amount_captured: 0,
      amount_refunded: 0,
      captured: false,
      refunded: false,
      currency: intent.currency,
      payment_intent: intent.id,
      payment_method: method.id,
      status: 'succeeded',
      metadata: intent.metadata,
      created: now(),
    };
    objects.set(charge.id as string, charge);
    const manual = intent.capture_method === 'manual';
    Object.assign(intent, {
      status: manual ? 'requires_capture' : 'succeeded',
      amount_capturable: manual ? amount : 0,
      amount_received: manual ? 0 : amount,
      latest_charge: charge.id,
    });
    if (!manual) Object.assign(charge, { captured: true, amount_captured: amount });
    return ok(intent);
  }

  const server: Server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => {
      send(response, { status: 500, body: { error: { type: 'api_error', message: String(error) } } });
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-stripe');
    const method = request.method ?? 'GET';
    const text = await readBody(request);
    const params = parseForm(method === 'GET' ? url.search.slice(1) : text);
    const key = header(request, 'idempotency-key');
    fake.requests.push({ method, path: url.pathname, params, idempotencyKey: key });
    // Not Stripe: the browser e2e (another process) finishes a Checkout as the admin would at Stripe.
    const finished = /^\/_fake\/checkout\/sessions\/([\w-]+)\/complete$/.exec(url.pathname);
    if (method === 'POST' && finished) {
      send(response, ok(fake.completeCheckout(finished[1], { last4: params.last4 as string | undefined })));
      return;
    }
    if (!(header(request, 'authorization') ?? '').startsWith('Bearer sk_')) {
      send(response, {
        status: 401,
        body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } },
      });
      return;
    }
    const match = handlers
      .filter((handler) => handler.route.startsWith(`${method} `))
      .map((handler) => ({ handler, found: handler.pattern.exec(url.pathname) }))
      .find(({ found }) => found);
    if (!match) {
      send(response, missing('route', `${method} ${url.pathname}`));
      return;
    }
    const fault = faults.get(match.handler.route)?.shift();
    // A slow Stripe still does the work: the client that gave up does not know whether it happened.
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const stored = key && method === 'POST' ? idempotent.get(`${key} ${url.pathname}`) : undefined;
    if (stored) {
      send(response, stored, { 'idempotent-replayed': 'true', 'original-request': 'req_fake' });
      return;
    }
    const result: StoredAnswer = fault?.status
      ? {
          status: fault.status,
          body: { error: { type: fault.type ?? 'api_error', code: fault.code, message: fault.message ?? 'error' } },
        }
      : match.handler.handle(params, match.found![1]);
    // Stripe saves the result once the endpoint started executing, 500s included (a rate-limited request never starts).
    if (key && method === 'POST' && result.status !== 429) idempotent.set(`${key} ${url.pathname}`, result);
    send(response, result);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } as FakeStripe;
}

function send(response: ServerResponse, { status, body }: StoredAnswer, headers: Record<string, string> = {}): void {
  if (response.destroyed) return;
  response.writeHead(status, {
    'content-type': 'application/json',
    'request-id': `req_${randomBytes(7).toString('hex')}`,
    'stripe-version': '2026-10-28.endive',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

function ok(body: Json): StoredAnswer {
  return { status: 200, body };
}

function invalid(param: string, message: string): StoredAnswer {
  return { status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_invalid', param, message } } };
}

function missing(kind: string, id: string): StoredAnswer {
  return {
    status: 404,
    body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'` } },
  };
}

function unexpectedState(intent: Json, action: string): StoredAnswer {
  return {
    status: 400,
    body: {
      error: {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `This PaymentIntent could not be ${action}d because it has a status of ${String(intent.status)}.`,
        payment_intent: intent,
      },
    },
  };
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `a[b][c]=1&expand[0]=x` → `{ a: { b: { c: '1' } }, expand: { 0: 'x' } }` (Stripe's form encoding). */
export function parseForm(text: string): Params {
  const result: Params = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const keys = name.replace(/\]/g, '').split('[');
    let target = result;
    keys.slice(0, -1).forEach((key) => {
      target[key] = (target[key] as Params | undefined) ?? {};
      target = target[key] as Params;
    });
    target[keys[keys.length - 1]] = value;
  }
  return result;
}
