import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Marks an operation open to anonymous callers (set by `@Public()`); becomes `security: []`. */
export const PUBLIC_EXTENSION = 'x-public';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('NestMap API')
    .setDescription(
      'Corporate travel: trips, itineraries, approvals, organizations. Errors: {statusCode, message, error, code, requestId} (+ errors per field on VALIDATION_FAILED); switch on code (docs/errors.md).',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'The server this document was read from (paths start with /api)')
    .addBearerAuth()
    .build();
}

/**
 * The served OpenAPI document. Public operations say so explicitly (`security: []`) — Swagger's
 * decorators cannot express an empty requirement per method — and a requirement declared on both a
 * controller and its method is listed once.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, openApiConfig());
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (typeof item)[typeof method] & { [PUBLIC_EXTENSION]?: boolean };
      if (!operation) continue;
      if (operation[PUBLIC_EXTENSION]) {
        operation.security = [];
        delete operation[PUBLIC_EXTENSION];
      } else if (operation.security) {
        operation.security = [
          ...new Map(operation.security.map((requirement) => [JSON.stringify(requirement), requirement])).values(),
        ];
      }
    }
  }
  return document;
}
