import { pendingAccessToken, refreshSession } from './session-client';

describe('the page’s first refresh', () => {
  it('makes a request asked for while its answer is still being read wait for the token, not go without one', async () => {
    let readBody!: (body: unknown) => void;
    const body = new Promise((resolve) => (readBody = resolve));
    (globalThis as unknown as { fetch: unknown }).fetch = jest.fn(async () => ({
      ok: true,
      status: 200,
      json: () => body,
    }));

    const refreshed = refreshSession();
    await new Promise((resolve) => setTimeout(resolve, 0)); // the response has arrived, its body not yet
    const waiting = pendingAccessToken();
    expect(waiting).not.toBeNull();

    readBody({ accessToken: 'token-1', user: { id: 'u1', name: 'Tom' } });
    await refreshed;
    expect(await waiting).toBe('token-1');
    expect(pendingAccessToken()).toBeNull();
  });
});
