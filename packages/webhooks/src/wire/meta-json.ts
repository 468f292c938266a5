/**
 * JSON serialised the way Meta's webhooks are (PHP's json_encode with default flags): every non-ASCII UTF-16 code
 * unit as a lowercase `\uXXXX` (astral characters become their surrogate pair) and "/" as "\/". Graph's webhook docs
 * say the signature is computed over this escaped form, and real deliveries carry `"image\/jpeg"`; receivers that
 * re-serialise a parsed body the PHP way (or that hash Meta's documented form) therefore verify our signatures too.
 * Everything else is JSON.stringify's output, which already escapes control characters with lowercase hex.
 */
const NEEDS_ESCAPE = /[\u0080-\uffff/]/g;

const escapeUnit = (unit: string): string =>
  unit === '/' ? '\\/' : `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Escapes an already serialised JSON text. Safe because "/" and non-ASCII can only occur inside JSON strings. */
export function escapeJsonLikeMeta(json: string): string {
  return json.replace(NEEDS_ESCAPE, escapeUnit);
}

/** JSON.stringify, then Meta's escaping. Throws on values JSON cannot represent at the top level (undefined). */
export function metaJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('webhook value must be JSON-serialisable');
  return escapeJsonLikeMeta(json);
}
