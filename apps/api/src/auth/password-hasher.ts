import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * node-argon2 writes the parameters as `m=…,p=…,t=…`; the reference encoding (and docs/security.md S9)
 * is `m=…,t=…,p=…`, which other argon2 implementations require. Verification reads either order.
 */
const NODE_ARGON2_ORDER = /^(\$argon2id\$v=\d+\$)m=(\d+),p=(\d+),t=(\d+)\$/;
const CANONICAL = /^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$/;

/**
 * argon2id at (at least) OWASP's minimum row: m=19 MiB, t=2, p=1 (≈ 40 ms a hash on a 2-core box).
 */
@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions & { raw?: false };
  /** Verified against when the e-mail is unknown, so both paths cost the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = { type: argon2.argon2id, ...config.argon2 };
    this.dummyHash = argon2.hash('nestmap-timing-equaliser', this.options);
  }

  async hash(password: string): Promise<string> {
    return (await argon2.hash(password, this.options)).replace(NODE_ARGON2_ORDER, '$1m=$2,t=$4,p=$3$');
  }

  /** Compares in constant time; pass `undefined` for an unknown account. */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    const ok = await argon2.verify(hash ?? (await this.dummyHash), password);
    return ok && hash !== undefined;
  }

  /** True when the stored hash was made with weaker parameters than today's, or is not in the reference encoding. */
  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, this.options) || !CANONICAL.test(hash);
  }
}
