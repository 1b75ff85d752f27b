import { DomainError } from '../common/errors/domain-error';
import { canonicalJson, idempotencyKeyOf, requestFingerprint } from './idempotency-key';

describe('Idempotency-Key', () => {
  it('accepts a UUID and any printable ASCII key up to 255 characters', () => {
    expect(idempotencyKeyOf('7f1d2c3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f')).toBe('7f1d2c3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f');
    expect(idempotencyKeyOf('x'.repeat(255))).toHaveLength(255);
  });

  it.each([undefined, '', '   ', 'x'.repeat(256), 'has space', 'ünïcode', 'tab\there', ['a', 'b']])(
    'refuses %p with IDEMPOTENCY_KEY_INVALID',
    (header) => {
      expect(() => idempotencyKeyOf(header as string | undefined)).toThrow(DomainError);
      try {
        idempotencyKeyOf(header as string | undefined);
      } catch (error) {
        expect((error as DomainError).code).toBe('IDEMPOTENCY_KEY_INVALID');
      }
    },
  );
});

describe('request fingerprint', () => {
  it('ignores key order and undefined fields', () => {
    expect(requestFingerprint({ a: 1, b: { c: [1, 2], d: undefined } })).toBe(
      requestFingerprint({ b: { c: [1, 2] }, a: 1 }),
    );
    expect(canonicalJson({ b: 1, a: [null, 'x'] })).toBe('{"a":[null,"x"],"b":1}');
  });

  it('differs when anything asked for differs', () => {
    expect(requestFingerprint({ tripId: 't1', offerId: 'o1' })).not.toBe(
      requestFingerprint({ tripId: 't2', offerId: 'o1' }),
    );
    expect(requestFingerprint({ offerId: 'o1', passengerIds: ['a', 'b'] })).not.toBe(
      requestFingerprint({ offerId: 'o1', passengerIds: ['b', 'a'] }),
    );
  });
});
