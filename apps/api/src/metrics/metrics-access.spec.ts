import { mayReadMetrics } from './metrics-access';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('mayReadMetrics', () => {
  it.each(['127.0.0.1', '127.10.0.3', '::1', '::ffff:127.0.0.1'])('lets loopback %s in without a token', (ip) => {
    expect(mayReadMetrics(ip, undefined, undefined)).toBe(true);
  });

  it.each(['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', '2001:db8::1', '0.0.0.0'])(
    'refuses %s without a token',
    (ip) => {
      expect(mayReadMetrics(ip, undefined, TOKEN)).toBe(false);
      expect(mayReadMetrics(ip, `Bearer ${TOKEN}`, undefined)).toBe(false);
    },
  );

  it('lets a remote scraper in with the configured token only', () => {
    expect(mayReadMetrics('10.0.0.5', `Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(mayReadMetrics('10.0.0.5', `Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(mayReadMetrics('10.0.0.5', `Bearer ${TOKEN.slice(1)}`, TOKEN)).toBe(false);
    expect(mayReadMetrics('10.0.0.5', TOKEN, TOKEN)).toBe(false);
  });
});
