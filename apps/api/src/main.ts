import compress from '@fastify/compress';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { connectionErrorHandler, routingErrorHandler } from './common/http/framework-errors';
import { createOpenApiDocument } from './common/http/openapi';
import { acceptJsonBodiesOnly } from './common/http/json-body';
import { requestIdFor } from './common/http/logger.options';
import { securityHeaders } from './common/http/security-headers';
import { edgeInputRefusal } from './common/validation/edge-input';
import type { AppConfig } from './config/app-config';
import { PRIMARY_CLIENT_CONFIG } from './common/database/database.module';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';

export const API_PREFIX = 'api';

/**
 * Builds the configured application without listening, so the process entry (index.ts), the
 * e2e tests and the OpenAPI export all run exactly the same bootstrap.
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const headers = await securityHeaders();
  const headersTimeout = Math.min(config.http.headersTimeoutMs, config.http.requestTimeoutMs);
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Keep-alive sockets are closed on shutdown once idle; in-flight requests still finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    genReqId: requestIdFor,
    requestTimeout: config.http.requestTimeoutMs,
    // Node checks both timeouts only every connectionsCheckingInterval (30 s by default).
    http: { headersTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) },
    // Errors answered before routing get the same body and headers as every other error.
    frameworkErrors: routingErrorHandler(headers),
    clientErrorHandler: connectionErrorHandler(headers),
  });
  // Nest's own parsers would add application/x-www-form-urlencoded; acceptJsonBodiesOnly decides.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  // Live updates (docs/realtime.md) on the same port, under /api/socket.io.
  app.useWebSocketAdapter(
    new RealtimeIoAdapter(app, { redisUrl: config.redisUrl, database: app.get(PRIMARY_CLIENT_CONFIG) }),
  );

  const fastify = app.getHttpAdapter().getInstance();
  acceptJsonBodiesOnly(fastify);
  // NUL (PostgreSQL cannot store it), lone surrogates (URIError) and prototype keys are refused at
  // the edge for every route, before guards (the throttler keys on the e-mail) and pipes.
  fastify.addHook('preValidation', async (request) => {
    const refusal =
      edgeInputRefusal(request.params) ?? edgeInputRefusal(request.query) ?? edgeInputRefusal(request.body);
    if (refusal) throw refusal;
  });
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

  // Helmet's headers (HELMET_OPTIONS), built once: registering helmet itself rebuilds them on every request.
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
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
    SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => createOpenApiDocument(app), {
      jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    });
  }
  return app;
}
