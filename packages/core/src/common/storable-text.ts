/**
 * Text Postgres cannot store: `text` and `jsonb` refuse NUL (U+0000), and a lone UTF-16 surrogate has no UTF-8 form.
 * Such input is refused at the border, naming the field, rather than failing the INSERT it would reach — which may
 * be a batch shared with other requests.
 */
export function isStorableText(value: string): boolean {
  // Every request's every string passes here: one cheap scan, and the pairing check only for text with surrogates.
  if (!SUSPECT.test(value)) return true;
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for (Postgres text cannot hold it).
const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path (`components[0].parameters[1].text`) of the first string or key in value that is not storable text. */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path || 'body';
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (isPlainlyStorable(item)) continue;
      const found = findUnstorableText(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  // Parsed data only: bytes and a streamed body (an attachment upload) are not text.
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    // The path is only built for a finding: most bodies have none.
    if (!isStorableText(key)) return path ? `${path}.${key}` : key;
    if (isPlainlyStorable(item)) continue;
    const found = findUnstorableText(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** A storable string or a scalar: nothing to descend into, and no path to build. */
function isPlainlyStorable(item: unknown): boolean {
  return typeof item === 'string' ? isStorableText(item) : typeof item !== 'object' || item === null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this replaces.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * value with every character Postgres cannot store replaced by U+FFFD, for text that must be kept though nobody can
 * be asked to correct it (what a consumer sent): represented, not dropped.
 */
export function withStorableText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\ufffd') as T;
  if (Array.isArray(value)) return value.map(withStorableText) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [withStorableText(k), withStorableText(v)])) as T;
}
