import type { FactoryProvider } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** AES-256-GCM with a 96-bit random IV per value (NIST SP 800-38D's recommended IV length) and a 128-bit tag. */
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The format's version: the first field of every stored value. */
const FORMAT = 'v1';

/** A stored value could not be decrypted: tampered with, moved to another row or column, or sealed with a key we no longer hold. */
export class DecryptionError extends Error {}

interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * A key id: a short HMAC of the secret, so ids need no configuration of their own and reveal
 * nothing of the key, while a stored value names the key that sealed it (rotation).
 */
function keyId(secret: string): string {
  return createHmac('sha256', secret).update('nestmap data encryption key id').digest('hex').slice(0, 8);
}

/** The secret (any string of ≥ 32 bytes, as configured) becomes a 256-bit AES key through HKDF-SHA256. */
function dataKey(secret: string): DataKey {
  return {
    id: keyId(secret),
    key: Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'nestmap data encryption v1', 32)),
  };
}

/**
 * Encrypts personal data at rest (passenger dates of birth, document numbers; docs/security.md S26).
 *
 * A stored value is `v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url). Values are sealed with the
 * current key (`DATA_ENCRYPTION_KEY`) and opened with whichever configured key their id names, so a
 * key can rotate: set the new one, keep the old in `DATA_ENCRYPTION_PREVIOUS_KEYS` until every value
 * was rewritten. The caller's `context` (table, column and row) is bound as additional authenticated
 * data: a value copied to another row or column fails to open instead of decrypting there.
 */
export class DataEncryption {
  readonly #current: DataKey;
  readonly #keys: Map<string, DataKey>;

  constructor(currentSecret: string, previousSecrets: readonly string[] = []) {
    this.#current = dataKey(currentSecret);
    this.#keys = new Map([this.#current, ...previousSecrets.map(dataKey)].map((key) => [key.id, key]));
  }

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.#current.id, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** The plaintext, or a DecryptionError that names the key id and never the value. */
  decrypt(stored: string, context: string): string {
    const parts = stored.split(':');
    if (parts.length !== 5 || parts[0] !== FORMAT)
      throw new DecryptionError(`An encrypted value of ${context} is not in the ${FORMAT} format`);
    const [, id, ivText, ciphertextText, tagText] = parts;
    const key = this.#keys.get(id);
    if (!key)
      throw new DecryptionError(
        `An encrypted value of ${context} was sealed with key ${id}, which is not configured (DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_PREVIOUS_KEYS)`,
      );
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
      throw new DecryptionError(`An encrypted value of ${context} is truncated`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new DecryptionError(
        `An encrypted value of ${context} failed authentication (key ${id}): it was altered or belongs elsewhere`,
      );
    }
  }

  /** Whether a stored value was sealed with an older key (a rotation job re-encrypts those). */
  needsRotation(stored: string): boolean {
    return stored.split(':')[1] !== this.#current.id;
  }
}

/** The application's `DataEncryption`, from `DATA_ENCRYPTION_KEY` (and the previous keys kept for rotation). */
export const dataEncryptionProvider: FactoryProvider<DataEncryption> = {
  provide: DataEncryption,
  useFactory: (config: AppConfig) => new DataEncryption(config.dataEncryption.key, config.dataEncryption.previousKeys),
  inject: [APP_CONFIG],
};
