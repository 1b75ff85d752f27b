import { DomainError } from '../errors/domain-error';
import { CommonErrorCode } from '../errors/error-codes';

/** A NUL (PostgreSQL cannot store it in text) or a UTF-16 surrogate without its pair. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const ILL_FORMED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Keys that reach an object's prototype when code copies properties. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const ILL_FORMED_MESSAGE = 'Text may not contain NUL characters or unpaired UTF-16 surrogates';
export const PROTOTYPE_KEY_MESSAGE = 'Keys named __proto__, constructor or prototype are not accepted';

/**
 * Why a parsed body, query or params object must be refused before any guard, pipe or query sees
 * it (a 400 to throw), or undefined when it may go on (the DTOs validate the rest).
 */
export function edgeInputRefusal(value: unknown): DomainError | undefined {
  if (typeof value === 'string')
    return ILL_FORMED.test(value) ? new DomainError(CommonErrorCode.IllFormedText, ILL_FORMED_MESSAGE) : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const refusal = edgeInputRefusal(item);
      if (refusal) return refusal;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (PROTOTYPE_KEYS.has(key)) return new DomainError(CommonErrorCode.ForbiddenKey, PROTOTYPE_KEY_MESSAGE);
    const refusal = edgeInputRefusal(key) ?? edgeInputRefusal(child);
    if (refusal) return refusal;
  }
  return undefined;
}
