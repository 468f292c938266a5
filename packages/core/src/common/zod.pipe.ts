import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ApiError } from '../errors/api-error';

/**
 * Validates one request part (body, params or query) against a zod schema. The first problem becomes a 400 with
 * code 100 whose details name the field (`pre_keys[3].public_key: ...`), which is what a client developer needs.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw ApiError.invalidParameter(`${fieldPath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`);
  }
}

function fieldPath(path: PropertyKey[]): string {
  if (!path.length) return 'body';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** `@Body(body(schema))` reads better at the call site than `new ZodPipe(schema)`. */
export const valid = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);
