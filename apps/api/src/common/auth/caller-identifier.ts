import type { FastifyRequest } from 'fastify';
import type { AuthContext } from './auth-context';

/**
 * Who a request's access token names, from its signature and claims alone (no database): enough
 * to name the caller in a log line before authentication has run, never to authorize anything.
 */
export abstract class CallerIdentifier {
  abstract identify(request: FastifyRequest): Promise<AuthContext | undefined>;
}
