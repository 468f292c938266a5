import { ApiError } from '@switchboard/core/errors/api-error';
import type { z } from 'zod';

export { valid } from '@switchboard/core/common/zod.pipe';

/**
 * The ZodPipe's check for values that do not arrive as a whole request part (a Graph object's body, a send's template
 * components): the first problem becomes a 100 whose details name the field, under `prefix` when given.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  throw ApiError.invalidParameter(`${path || 'body'}: ${issue.message.replace(/^Invalid input: /, '')}`);
}
