import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const SPEC_PATH = new URL('../../../openapi.yaml', import.meta.url);
export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
export interface OpenApiSpec {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], OpenApiOperation>>>;
  components?: Record<string, unknown>;
}

export function loadSpec(path: URL | string = SPEC_PATH): OpenApiSpec {
  return parse(readFileSync(path, 'utf8')) as OpenApiSpec;
}

/** Every `METHOD /path` the spec declares, with OpenAPI's `{param}` templates. */
export function specRoutes(spec: OpenApiSpec): string[] {
  return Object.entries(spec.paths).flatMap(([path, ops]) =>
    METHODS.filter((m) => ops[m]).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** Fastify's `/:id` and `*` routes written the way OpenAPI writes them (`/{id}`), so the two lists compare. */
export function toOpenApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
