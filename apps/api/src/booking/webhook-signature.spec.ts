import { signWebhook, webhookSignatureProblem } from './webhook-signature';

const SECRET = 'whsec_test_0123456789abcdef';
const BODY = '{"id":"wev_1","type":"ping.triggered","data":{"object":{}}}';
const NOW = new Date('2027-03-01T10:00:00Z');

describe('Duffel webhook signature', () => {
  it('accepts HMAC-SHA256(secret, "t.rawBody") within the tolerance', () => {
    expect(webhookSignatureProblem(signWebhook(BODY, SECRET, NOW), BODY, SECRET, NOW)).toBeNull();
    expect(
      webhookSignatureProblem(signWebhook(BODY, SECRET, new Date(NOW.getTime() - 299_000)), BODY, SECRET, NOW),
    ).toBeNull();
  });

  it('refuses a changed body, another secret, a missing or malformed header', () => {
    const header = signWebhook(BODY, SECRET, NOW);
    expect(webhookSignatureProblem(header, BODY.replace('ping', 'pong'), SECRET, NOW)).toBe('mismatch');
    expect(webhookSignatureProblem(header, `${BODY} `, SECRET, NOW)).toBe('mismatch');
    expect(webhookSignatureProblem(header, BODY, 'whsec_other', NOW)).toBe('mismatch');
    expect(webhookSignatureProblem(undefined, BODY, SECRET, NOW)).toBe('missing');
    expect(webhookSignatureProblem(['a', 'b'], BODY, SECRET, NOW)).toBe('missing');
    expect(webhookSignatureProblem('v1=abc', BODY, SECRET, NOW)).toBe('malformed');
    expect(webhookSignatureProblem('t=abc,v1=00', BODY, SECRET, NOW)).toBe('malformed');
    expect(webhookSignatureProblem(header.replace(/v1=\w+/, 'v1=zz'), BODY, SECRET, NOW)).toBe('mismatch');
  });

  it('refuses a signature older (or newer) than five minutes: a captured request cannot be replayed later', () => {
    expect(
      webhookSignatureProblem(signWebhook(BODY, SECRET, new Date(NOW.getTime() - 301_000)), BODY, SECRET, NOW),
    ).toBe('too_old');
    expect(
      webhookSignatureProblem(signWebhook(BODY, SECRET, new Date(NOW.getTime() + 301_000)), BODY, SECRET, NOW),
    ).toBe('too_old');
  });

  it('refuses everything when no secret is configured', () => {
    expect(webhookSignatureProblem(signWebhook(BODY, SECRET, NOW), BODY, undefined, NOW)).toBe('no_secret');
  });
});
