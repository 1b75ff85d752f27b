import { DataEncryption, DecryptionError } from './data-encryption';

const KEY = 'k'.repeat(32);
const OTHER_KEY = 'o'.repeat(40);
const CONTEXT = 'passenger_profiles.born_on:9d4c0f3e-0000-4000-8000-000000000001';

/** Flips one bit of the base64url field `index` of a stored value. */
function flip(stored: string, index: number): string {
  const parts = stored.split(':');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 1;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe('DataEncryption (AES-256-GCM)', () => {
  const encryption = new DataEncryption(KEY);

  it('round-trips a value, in the v1 format naming its key, with no plaintext in it', () => {
    const stored = encryption.encrypt('1985-04-12', CONTEXT);
    expect(stored).toMatch(/^v1:[0-9a-f]{8}:[\w-]{16}:[\w-]+:[\w-]{22}$/);
    expect(stored.split(':')[1]).toBe(encryption.currentKeyId);
    expect(stored).not.toContain('1985');
    expect(encryption.decrypt(stored, CONTEXT)).toBe('1985-04-12');
    expect(encryption.decrypt(encryption.encrypt('', CONTEXT), CONTEXT)).toBe('');
    expect(encryption.decrypt(encryption.encrypt('Zoë Ł 山田', CONTEXT), CONTEXT)).toBe('Zoë Ł 山田');
  });

  it('uses a fresh 96-bit IV per value: the same plaintext never gives the same ciphertext', () => {
    const values = Array.from({ length: 50 }, () => encryption.encrypt('1985-04-12', CONTEXT));
    expect(new Set(values).size).toBe(50);
    expect(new Set(values.map((value) => value.split(':')[2])).size).toBe(50);
    expect(Buffer.from(values[0].split(':')[2], 'base64url')).toHaveLength(12);
  });

  it('derives a key id from the key: stable for one key, different for another, never the key itself', () => {
    expect(new DataEncryption(KEY).currentKeyId).toBe(encryption.currentKeyId);
    expect(new DataEncryption(OTHER_KEY).currentKeyId).not.toBe(encryption.currentKeyId);
    expect(KEY).not.toContain(encryption.currentKeyId);
  });

  it('refuses a value sealed with a key it does not hold, naming the key id', () => {
    const stored = new DataEncryption(OTHER_KEY).encrypt('1985-04-12', CONTEXT);
    expect(() => encryption.decrypt(stored, CONTEXT)).toThrow(DecryptionError);
    expect(() => encryption.decrypt(stored, CONTEXT)).toThrow(/sealed with key [0-9a-f]{8}, which is not configured/);
  });

  it('refuses a value whose key id was rewritten to the current key (wrong key): authentication fails', () => {
    const stored = new DataEncryption(OTHER_KEY).encrypt('1985-04-12', CONTEXT);
    const relabelled = stored.replace(/^v1:[0-9a-f]{8}:/, `v1:${encryption.currentKeyId}:`);
    expect(() => encryption.decrypt(relabelled, CONTEXT)).toThrow(/failed authentication/);
  });

  it('opens values of a previous key after rotation, seals new ones with the new key, and says which need rewriting', () => {
    const old = encryption.encrypt('A1234567', CONTEXT);
    const rotated = new DataEncryption(OTHER_KEY, [KEY]);
    expect(rotated.decrypt(old, CONTEXT)).toBe('A1234567');
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.encrypt('A1234567', CONTEXT);
    expect(fresh.split(':')[1]).toBe(rotated.currentKeyId);
    expect(rotated.needsRotation(fresh)).toBe(false);
  });

  it.each([
    ['the IV', 2],
    ['the ciphertext', 3],
    ['the tag', 4],
  ])('refuses a value with a bit of %s flipped: a clear error, never garbage', (_label, index) => {
    const stored = encryption.encrypt('1985-04-12', CONTEXT);
    expect(() => encryption.decrypt(flip(stored, index), CONTEXT)).toThrow(DecryptionError);
    expect(() => encryption.decrypt(flip(stored, index), CONTEXT)).toThrow(/failed authentication|truncated/);
  });

  it('refuses a value moved to another row or column (the context is authenticated)', () => {
    const stored = encryption.encrypt('1985-04-12', CONTEXT);
    expect(() => encryption.decrypt(stored, 'passenger_profiles.born_on:another-user')).toThrow(
      /failed authentication/,
    );
    expect(() =>
      encryption.decrypt(stored, 'passenger_profiles.document_number:9d4c0f3e-0000-4000-8000-000000000001'),
    ).toThrow(/failed authentication/);
  });

  it('refuses values that are not in the format, or truncated, without echoing them', () => {
    for (const bad of ['1985-04-12', 'v2:abc:def:ghi:jkl', 'v1:only:three']) {
      expect(() => encryption.decrypt(bad, CONTEXT)).toThrow(DecryptionError);
    }
    const stored = encryption.encrypt('1985-04-12', CONTEXT);
    const [format, id, iv, ciphertext, tag] = stored.split(':');
    expect(() => encryption.decrypt([format, id, iv, ciphertext, tag.slice(0, 10)].join(':'), CONTEXT)).toThrow(
      /truncated/,
    );
    try {
      encryption.decrypt('v1:zz:1985-04-12:x:y', CONTEXT);
    } catch (error) {
      expect((error as Error).message).not.toContain('1985-04-12');
    }
  });
});
