import helmet, { FastifyHelmetOptions } from '@fastify/helmet';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/** docs/security.md S18: the one helmet configuration. */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      // Swagger UI (dev) needs inline styles and data: images; nothing else is served as HTML.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
  },
  frameguard: { action: 'deny' },
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
  crossOriginResourcePolicy: { policy: 'same-site' },
};

const NOT_SECURITY = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

let captured: Promise<Record<string, string>> | undefined;

/**
 * The headers helmet sets with HELMET_OPTIONS, read once per process from a throwaway instance and
 * then set on every response as they are (helmet's own hook would rebuild them per request), also
 * on responses written before routing (a malformed URL or request), which pass through no hook.
 */
export function securityHeaders(): Promise<Record<string, string>> {
  captured ??= capture();
  return captured;
}

async function capture(): Promise<Record<string, string>> {
  const probe = new FastifyAdapter().getInstance();
  await probe.register(helmet, HELMET_OPTIONS);
  probe.get('/', async () => '');
  const response = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  return Object.fromEntries(
    Object.entries(response.headers)
      .filter(([name, value]) => !NOT_SECURITY.has(name) && typeof value === 'string')
      .map(([name, value]) => [name, value as string]),
  );
}
