/**
 * @jest-environment node
 */
import { createAuthFetch, singleFlight } from './auth-fetch';

const json = (status: number, body: unknown = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function request(token = 'old', body?: string) {
  return new Request('http://localhost/api/trips', {
    method: body ? 'POST' : 'GET',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body,
  });
}

describe('createAuthFetch', () => {
  it('passes through anything that is not a 401', async () => {
    const send = jest.fn(async () => json(200, { ok: true }));
    const refresh = jest.fn();
    const response = await createAuthFetch({ fetch: send, refresh })(request());
    expect(response.status).toBe(200);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes once on a 401 and retries with the new token and the same body', async () => {
    const seen: { auth: string | null; body: string }[] = [];
    const send = jest.fn(async (req: Request) => {
      seen.push({ auth: req.headers.get('Authorization'), body: await req.text() });
      return seen.length === 1 ? json(401) : json(201, { id: 't1' });
    });
    const refresh = jest.fn(async () => 'new');
    const response = await createAuthFetch({ fetch: send, refresh })(request('old', '{"title":"Berlin"}'));
    expect(response.status).toBe(201);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([
      { auth: 'Bearer old', body: '{"title":"Berlin"}' },
      { auth: 'Bearer new', body: '{"title":"Berlin"}' },
    ]);
  });

  it('does not loop: a second 401 is returned as it is', async () => {
    const send = jest.fn(async () => json(401));
    const refresh = jest.fn(async () => 'new');
    const response = await createAuthFetch({ fetch: send, refresh })(request());
    expect(response.status).toBe(401);
    expect(send).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('reports the end of the session when the refresh fails', async () => {
    const ended = jest.fn();
    const send = jest.fn(async () => json(401));
    const response = await createAuthFetch({ fetch: send, refresh: async () => null, onSessionEnded: ended })(
      request(),
    );
    expect(response.status).toBe(401);
    expect(send).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('does not refresh for requests sent without a token (nothing to renew)', async () => {
    const refresh = jest.fn(async () => 'new');
    await createAuthFetch({ fetch: async () => json(401), refresh })(request(''));
    expect(refresh).not.toHaveBeenCalled();
  });

  it("waits for the page's first token before sending a request that has none", async () => {
    const sent: (string | null)[] = [];
    const send = async (req: Request) => {
      sent.push(req.headers.get('Authorization'));
      return json(200);
    };
    let pending: Promise<string | null> | null = Promise.resolve('first');
    const authFetch = createAuthFetch({ fetch: send, refresh: async () => null, pendingToken: () => pending });
    await authFetch(request(''));
    pending = null;
    await authFetch(request(''));
    await authFetch(request('mine'));
    expect(sent).toEqual(['Bearer first', null, 'Bearer mine']);
  });

  it('shares one refresh between concurrent 401s (refresh tokens are single use)', async () => {
    let refreshes = 0;
    const refresh = singleFlight(async () => {
      refreshes += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return `token-${refreshes}`;
    });
    const send = async (req: Request) =>
      req.headers.get('Authorization') === 'Bearer old'
        ? json(401)
        : json(200, { auth: req.headers.get('Authorization') });
    const authFetch = createAuthFetch({ fetch: send, refresh });
    const responses = await Promise.all([authFetch(request()), authFetch(request()), authFetch(request())]);
    expect(refreshes).toBe(1);
    expect(await Promise.all(responses.map((r) => r.json()))).toEqual([
      { auth: 'Bearer token-1' },
      { auth: 'Bearer token-1' },
      { auth: 'Bearer token-1' },
    ]);
  });
});

describe('singleFlight', () => {
  it('starts a new run once the previous one settled', async () => {
    let runs = 0;
    const run = singleFlight(async () => ++runs);
    expect(await Promise.all([run(), run()])).toEqual([1, 1]);
    expect(await run()).toBe(2);
  });

  it('lets the next call retry after a failure', async () => {
    let runs = 0;
    const run = singleFlight(async () => {
      runs += 1;
      if (runs === 1) throw new Error('network');
      return runs;
    });
    await expect(run()).rejects.toThrow('network');
    expect(await run()).toBe(2);
  });
});
