import { EARLY_REFRESH_SCRIPT, takeEarlyRefresh } from './early-refresh';
import { getAccessToken, refreshSession } from './session-client';

const session = { accessToken: 'token-1', user: { id: 'u1', name: 'Tom' } };
const answer = (body: unknown) => ({ ok: true, status: 200, json: async () => body }) as unknown as Response;

describe('early session refresh', () => {
  const fetchMock = jest.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    (globalThis as unknown as { fetch: unknown }).fetch = fetchMock;
  });

  it('the inline script sends the refresh, with the CSRF header, and leaves its answer for the page', async () => {
    const response = answer(session);
    fetchMock.mockResolvedValue(response);
    new Function(EARLY_REFRESH_SCRIPT)();
    expect(fetchMock).toHaveBeenCalledWith(
      '/session/refresh',
      expect.objectContaining({ method: 'POST', headers: expect.objectContaining({ 'X-NestMap-CSRF': '1' }) }),
    );
    expect(await takeEarlyRefresh()).toBe(response);
    expect(takeEarlyRefresh()).toBeUndefined();
  });

  it('the first refresh takes the early answer; the next one asks again', async () => {
    fetchMock.mockResolvedValue(answer(session));
    new Function(EARLY_REFRESH_SCRIPT)();
    expect(await refreshSession()).toEqual(session);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(getAccessToken()).toBe('token-1');

    fetchMock.mockResolvedValue(answer({ ...session, accessToken: 'token-2' }));
    expect((await refreshSession())?.accessToken).toBe('token-2');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
