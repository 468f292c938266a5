import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

const SHAPE = /^\+?[0-9 ().-]{5,40}$/;
const MAX_CACHED = 50_000;

/**
 * `to` as the Cloud API takes it (+, spaces, hyphens and parentheses allowed) → the wa_id: the E.164 digits without
 * "+", when libphonenumber's full metadata calls the number valid. With a "+" the number is international. Without,
 * it is tried as international first — the wa_id form clients echo from webhooks ("16505551234") — then as a
 * national number of the business number's country (Meta's documented rule for numbers without "+"), so
 * "(650) 555-1234" from a US number works too. A small cache keeps the parse off the hot path for repeat recipients.
 */
export class Recipients {
  private readonly cache = new Map<string, string | null>();

  toWaId(input: string, country?: CountryCode): string | undefined {
    const key = `${country ?? ''}|${input}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const waId = normalize(input, country) ?? null;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, waId);
    return waId ?? undefined;
  }
}

function normalize(input: string, country?: CountryCode): string | undefined {
  const raw = input.trim();
  if (!SHAPE.test(raw)) return undefined;
  const digits = raw.replace(/\D/g, '');
  const international = valid(`+${digits}`);
  if (raw.startsWith('+')) return international;
  return international ?? (country ? valid(digits, country) : undefined);
}

function valid(text: string, country?: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(text, country);
  return parsed?.isValid() ? parsed.number.slice(1) : undefined;
}

/** The country of a business number in E.164, for national-format recipients. */
export function countryOf(e164: string): CountryCode | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}
