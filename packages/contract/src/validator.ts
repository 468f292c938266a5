import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { METHODS, type OpenApiSpec } from './spec';

export interface ObservedResponse {
  method: string;
  /** The concrete path requested, e.g. /v1/keys/abc/1 (query string ignored). */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

/**
 * Checks real responses against openapi.yaml: the path and method must be declared, the status must be documented
 * (exactly, or by its `4XX`/`default` class) and a JSON body must satisfy the documented schema.
 */
export class ContractValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly templates: { regex: RegExp; template: string }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly spec: OpenApiSpec) {
    (addFormats as unknown as (a: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema({ $id: 'spec', components: spec.components ?? {} });
    this.templates = Object.keys(spec.paths)
      // Literal segments beat templated ones: /v1/devices/link before /v1/devices/{id}.
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
      .map((template) => ({
        template,
        regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      }));
  }

  /** Returns the problems found; an empty list means the response matches the contract. */
  check(r: ObservedResponse): string[] {
    const where = `${r.method.toUpperCase()} ${r.path} → ${r.status}`;
    // Graph version prefixes (/v23.0/...) are stripped by the API before routing, so the spec lists paths without.
    const path = r.path.split('?')[0]!.replace(/^\/v[0-9]+\.[0-9]+(?=\/)/, '');
    const template = this.templates.find((t) => t.regex.test(path))?.template;
    if (!template) return [`${where}: path not in openapi.yaml`];
    const method = r.method.toLowerCase() as (typeof METHODS)[number];
    const op = this.spec.paths[template]?.[method];
    if (!op) return [`${where}: method not in openapi.yaml for ${template}`];
    const responses = op.responses ?? {};
    const doc = responses[String(r.status)] ?? responses[`${String(r.status)[0]}XX`] ?? responses.default;
    if (!doc) return [`${where}: status not documented for ${method.toUpperCase()} ${template}`];
    const resolved = this.resolve(doc) as { content?: Record<string, { schema?: unknown }> };
    if (!resolved.content) return r.body === undefined || r.body === '' ? [] : [`${where}: body not documented`];
    const mediaType = (r.contentType ?? '').split(';')[0]!.trim();
    const media = resolved.content[mediaType];
    if (!media)
      return [`${where}: content type "${mediaType}" not documented (${Object.keys(resolved.content).join(', ')})`];
    if (!media.schema) return [];
    const key = `${method} ${template} ${r.status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(this.rewriteRefs(media.schema) as object);
      this.compiled.set(key, validate);
    }
    if (validate(r.body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message}`);
  }

  private resolve(node: unknown): unknown {
    const ref = (node as { $ref?: string })?.$ref;
    if (!ref) return node;
    const parts = ref.replace(/^#\//, '').split('/');
    return this.resolve(parts.reduce<unknown>((acc, k) => (acc as Record<string, unknown>)?.[k], this.spec));
  }

  /** Points `#/components/...` refs at the schema registered as "spec". */
  private rewriteRefs(schema: unknown): unknown {
    return JSON.parse(JSON.stringify(schema), (key, value) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `spec${value}` : value,
    );
  }
}
