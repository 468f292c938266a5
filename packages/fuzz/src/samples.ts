// A valid-looking value for a JSON schema: the first branch of a oneOf, every property of an object, the first enum
// member, and strings shaped by their format, pattern or property name. URLs always point at a closed loopback port,
// so nothing the fuzzer sends can make the API reach beyond this machine.
import type { Schema } from './operations';

export const LOOPBACK_URL = 'http://127.0.0.1:9/fuzz';

export interface Known {
  /** Values for names the fixture knows (path parameters such as waba_id, fields such as `to`). */
  [name: string]: string;
}

const PATTERNS: Record<string, string> = {
  '^[0-9]{6}$': '123456',
  '^[0-9]{6,15}$': '14155552671',
  '^[0-9a-f]{64}$': 'a'.repeat(64),
  '^[a-z0-9_]{1,512}$': 'fuzz_template',
  '^wamid\\.': 'wamid.fuzz',
};

/**
 * `variant` picks the branch of every oneOf/anyOf on the way (the last one when a list is shorter), so variants
 * 0 … variants(schema) - 1 between them build every branch of every choice.
 */
export function sample(
  schema: Schema,
  resolve: (s: unknown) => Schema,
  known: Known,
  name = '',
  depth = 0,
  variant = 0,
): unknown {
  const s = resolve(schema);
  const again = (sub: unknown, subName = name, subDepth = depth) =>
    sample(resolve(sub), resolve, known, subName, subDepth, variant);
  if (s.const !== undefined) return loopbackOnly(s.const);
  if (Array.isArray(s.enum) && s.enum.length) return loopbackOnly(s.enum[0]);
  if (s.example !== undefined) return loopbackOnly(s.example);
  if (name in known) return known[name];
  const branches = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (branches?.length) return again(branches[Math.min(variant, branches.length - 1)]);
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((part) => again(part)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type ?? (s.properties ? 'object' : s.items ? 'array' : 'string')) {
    case 'object': {
      if (depth > 6) return {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(props).map(([key, sub]) => [key, again(sub, key, depth + 1)]));
    }
    case 'array': {
      const count = Math.max(1, Number(s.minItems ?? 1));
      return Array.from({ length: count }, () => again(s.items ?? {}, name, depth + 1));
    }
    case 'integer':
    case 'number':
      return Number(s.default ?? s.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      return sampleString(s, name);
  }
}

/** How many variants it takes for sample() to build every branch: the longest oneOf/anyOf inside schema. */
export function variants(schema: Schema, resolve: (s: unknown) => Schema, depth = 0): number {
  const s = resolve(schema);
  if (depth > 6) return 1;
  const branches = ((s.oneOf ?? s.anyOf) as unknown[] | undefined) ?? [];
  const children = [
    ...branches,
    ...((s.allOf as unknown[] | undefined) ?? []),
    ...Object.values((s.properties ?? {}) as Record<string, unknown>),
    ...(s.items ? [s.items] : []),
  ];
  return Math.max(branches.length, 1, ...children.map((c) => variants(resolve(c), resolve, depth + 1)));
}

/** A URL the spec gives as an example or default is replaced unless it is on loopback: nothing leaves the machine. */
function loopbackOnly(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  try {
    const host = new URL(value).hostname;
    return host === '127.0.0.1' || host === '[::1]' || host === 'localhost' ? value : LOOPBACK_URL;
  } catch {
    return LOOPBACK_URL;
  }
}

function sampleString(s: Schema, name: string): string {
  if (typeof s.default === 'string') return String(loopbackOnly(s.default));
  if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (s.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
  if (s.format === 'uri' || /url|link/i.test(name)) return LOOPBACK_URL;
  if (typeof s.pattern === 'string') {
    if (s.pattern in PATTERNS) return PATTERNS[s.pattern]!;
    if (s.pattern.startsWith('^[0-9]')) return '1';
  }
  if (/^(to|number|phone|phone_number|wa_id)$/.test(name)) return '+14155552671';
  if (name === 'language' || name === 'code') return 'en_US';
  const min = Number(s.minLength ?? 1);
  return 'fuzz'.padEnd(Math.max(min, 4), 'z').slice(0, Math.max(min, Math.min(4, Number(s.maxLength ?? 4))));
}
