import { DomainError } from '../errors/domain-error';
import { CommonErrorCode } from '../errors/error-codes';

/**
 * The version a client edited: `If-Match: "3"` (or W/"3") as an alternative to `version` in the
 * body. Both may be sent only when they agree: which one to trust is not ours to guess.
 */
export function versionFrom(
  bodyVersion: number | undefined,
  ifMatch: string | undefined,
  noun: string,
): number | undefined {
  if (ifMatch === undefined) return bodyVersion;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match)
    throw new DomainError(CommonErrorCode.IfMatchInvalid, `If-Match must carry the ${noun} version, e.g. "3"`);
  const headerVersion = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== headerVersion) {
    throw new DomainError(
      CommonErrorCode.IfMatchMismatch,
      `If-Match (${headerVersion}) and version in the body (${bodyVersion}) disagree; send one`,
    );
  }
  return headerVersion;
}
