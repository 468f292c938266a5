// The operations openapi.yaml declares, in the form the fuzzer needs: where each parameter goes, the request body's
// media types and schema, and which credential the operation takes.
import type { OpenApiSpec } from '@switchboard/contract';

export type Schema = Record<string, unknown>;
export type Auth = 'business' | 'operator' | 'device' | 'console' | 'none';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  id: string;
  method: string;
  /** The OpenAPI template, e.g. /{waba_id}/contacts/{wa_id}. */
  path: string;
  parameters: Parameter[];
  /** Media type → schema of the request body, when the operation takes one. */
  body?: { required: boolean; content: Record<string, Schema> };
  auth: Auth;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export function operations(spec: OpenApiSpec): Operation[] {
  const resolve = (node: unknown): Schema => resolveRef(spec, node);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths) as [string, Record<string, unknown>][]) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const parameters = [...shared, ...((op.parameters as unknown[] | undefined) ?? [])]
        .map((p) => resolve(p))
        .map((p) => ({
          name: String(p.name),
          in: p.in as Parameter['in'],
          required: p.required === true,
          schema: resolve(p.schema ?? {}),
        }));
      const requestBody = op.requestBody ? resolve(op.requestBody) : undefined;
      const content = requestBody?.content as Record<string, { schema?: unknown }> | undefined;
      const security = (op.security as Record<string, unknown>[] | undefined) ?? [];
      const schemes = security.flatMap((s) => Object.keys(s));
      ops.push({
        id: String(op.operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        parameters,
        body: content && {
          required: requestBody?.required === true,
          content: Object.fromEntries(
            Object.entries(content).map(([type, media]) => [type, resolve(media.schema ?? {})]),
          ),
        },
        auth: schemes.includes('businessAuth')
          ? 'business'
          : schemes.includes('operatorAuth')
            ? 'operator'
            : schemes.includes('deviceAuth')
              ? 'device'
              : schemes.includes('consoleSession')
                ? 'console'
                : 'none',
      });
    }
  }
  return ops;
}

/** Follows `#/...` references until a node that is not one. */
export function resolveRef(spec: unknown, node: unknown): Schema {
  let current = node as Schema;
  for (let hops = 0; typeof current?.$ref === 'string' && hops < 20; hops++) {
    const parts = (current.$ref as string).replace(/^#\//, '').split('/');
    current = parts.reduce<unknown>((acc, k) => (acc as Record<string, unknown>)?.[k], spec) as Schema;
  }
  return current ?? {};
}
