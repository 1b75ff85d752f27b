import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors/domain-error';
import { CommonErrorCode } from '../errors/error-codes';
import { PROTOTYPE_KEY_MESSAGE } from '../validation/edge-input';

/** Our DTOs nest three levels; deeper documents only cost stack (recursion) and time. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** Whether JSON text nests arrays/objects deeper than `max`, by one scan before parsing. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPENERS.has(code)) {
      depth += 1;
      if (depth > max) return true;
    } else if (CLOSERS.has(code)) {
      depth -= 1;
    }
  }
  return false;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Where the parser keeps a JSON body's text as received: a webhook's signature covers those exact bytes. */
const RAW_JSON = Symbol('rawJson');

/** The JSON body as received, before parsing (undefined without a JSON body). */
export function rawJsonOf(request: object): string | undefined {
  return (request as { [RAW_JSON]?: string })[RAW_JSON];
}

/**
 * docs/security.md S20: JSON is the only body the API parses; any other media type is a 415 (Fastify's
 * answer when no parser matches). Fastify's own JSON parser still refuses `__proto__` and
 * `constructor.prototype` keys; before it, documents nested deeper than MAX_JSON_DEPTH are a 400.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    (request as { [RAW_JSON]?: string })[RAW_JSON] = body as string;
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(new DomainError(CommonErrorCode.JsonTooDeep, `JSON may nest at most ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parseJson(request, body as string, (error, value) => {
      // Valid JSON that Fastify's parser refused holds a __proto__ or constructor.prototype key.
      if (error && isJson(body as string))
        done(new DomainError(CommonErrorCode.ForbiddenKey, PROTOTYPE_KEY_MESSAGE), undefined);
      else done(error, value);
    });
  });
}
