import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { requestIdFor } from './common/http/logger.options';
import type { AppConfig } from './config/app-config';

export const API_PREFIX = 'api';

/**
 * Builds the configured application without listening, so the process entry (index.ts), the
 * e2e tests and the OpenAPI export all run exactly the same bootstrap.
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Keep-alive sockets are closed on shutdown once idle; in-flight requests still finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    genReqId: requestIdFor,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: a text/plain body is refused with 415 instead of reaching validation as a string.
  fastify.removeContentTypeParser('text/plain');
  // While shutting down, responses close their connection: a keep-alive socket that was busy when
  // the server began closing would otherwise hold the process open until its idle timeout.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    reply.header('X-Request-Id', request.id);
    if (closing) reply.header('Connection', 'close');
  });

  await app.register(helmet, {
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
  });
  await app.register(compress, { threshold: 1024 });
  const allowed = new Set(config.corsOrigins);
  app.enableCors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });

  if (config.apiDocsEnabled) {
    SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => SwaggerModule.createDocument(app, openApiConfig()), {
      jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    });
  }
  return app;
}

export function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('NestMap API')
    .setDescription('Corporate travel: trips, itineraries, approvals, organizations. Errors: {statusCode, message, error, requestId}.')
    .setVersion('1')
    .addBearerAuth()
    .build();
}
