/** The parts of the served OpenAPI document that generated tests walk. */
export interface Schema {
  type?: string;
  format?: string;
  example?: unknown;
  enum?: unknown[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  security?: unknown[];
  'x-roles'?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Route {
  method: string;
  path: string;
  operation: Operation;
}

/** Schema helpers bound to one document: resolution of `$ref`/`allOf` and valid sample values. */
export class OpenApiWalker {
  constructor(readonly document: OpenApiDocument) {}

  routes(): Route[] {
    return Object.entries(this.document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
  }

  resolve(schema: Schema): Schema {
    if (schema.allOf?.length) return { ...this.resolve(schema.allOf[0]), nullable: schema.nullable };
    return schema.$ref ? this.document.components.schemas[schema.$ref.split('/').pop()!] : schema;
  }

  bodySchema(operation: Operation): Schema | undefined {
    const schema = operation.requestBody?.content['application/json']?.schema;
    return schema && this.resolve(schema);
  }

  /** A value the validators accept, from the schema's example, enum or format. */
  sample(schema: Schema): unknown {
    const s = this.resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    if (s.type === 'array') return [];
    if (s.type === 'boolean') return true;
    if (s.type === 'number' || s.type === 'integer') return 1;
    if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
    if (s.format === 'date') return '2026-03-10';
    if (s.properties) return this.body(s);
    return 'value';
  }

  /** Every documented property filled in, so validation passes and the route reaches its logic. */
  body(schema: Schema): Record<string, unknown> {
    const s = this.resolve(schema);
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([name, property]) => [name, this.sample(property)]),
    );
  }
}
