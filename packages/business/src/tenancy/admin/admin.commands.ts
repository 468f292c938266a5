import { parseArgs } from 'node:util';
import type { ApiKeysService } from '../../auth/api-keys.service';
import { email as consoleEmail } from '../../console/members/inputs/member.input';
import type { BusinessesService } from '../businesses.service';
import { businessName, businessPhoneNumber } from '../inputs/business.input';

export interface AdminDeps {
  businesses: BusinessesService;
  keys: ApiKeysService;
  /** The console's first owner: a one-time setup link (console/members/setup-link.ts). */
  setupLink: (
    email: string,
    businessId?: string,
  ) => Promise<{ business: { id: string; name: string }; link: string; expiresAt: Date }>;
}

/** A user error: printed as one line, exit code 64 (EX_USAGE), no stack trace. */
export class AdminUsageError extends Error {}

export const USAGE = `usage: npm run admin -- <command> [options]
  bootstrap  --name <business name> --number <+E.164> [--verified-name <name>]
             first run: creates the business, the number and an API key (printed once);
             later runs with the same number change nothing and print no key
  add-number --business <waba_id> --number <+E.164> [--verified-name <name>]
  create-key --business <waba_id> [--name <label>]     prints the new key once
  revoke-key --business <waba_id> --key <api_key_id>
  create-user <email> [--business <waba_id>]
             the console's first owner: prints a one-time link where they set a password (valid 7 days);
             --business is needed only when there are several businesses
  options: --json  print one JSON object instead of text`;

const OPTIONS = {
  name: { type: 'string' },
  number: { type: 'string' },
  'verified-name': { type: 'string' },
  business: { type: 'string' },
  key: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** Runs one admin command and returns what to print (the caller prints; tests read it). */
export async function runAdmin(argv: string[], deps: AdminDeps): Promise<Record<string, unknown>> {
  const { positionals, values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const need = (name: keyof typeof values): string => {
    const v = values[name];
    if (typeof v !== 'string' || !v.trim()) throw new AdminUsageError(`--${name} is required\n${USAGE}`);
    return v.trim();
  };
  switch (positionals[0]) {
    case 'bootstrap':
      return bootstrap(deps, need('name'), need('number'), values['verified-name']);
    case 'add-number': {
      const business = await existingBusiness(deps, need('business'));
      const verifiedName = values['verified-name'] ?? business.name;
      const number = await deps.businesses.addNumber(business.id, phone(need('number')), verifiedName);
      return { waba_id: business.id, phone_number_id: number.id, display_phone_number: number.phoneNumber };
    }
    case 'create-key': {
      const business = await existingBusiness(deps, need('business'));
      const key = await deps.keys.create(business.id, values.name ?? 'admin');
      return { waba_id: business.id, api_key_id: key.id, api_key: key.token, note: 'shown once: store it now' };
    }
    case 'create-user': {
      const parsed = consoleEmail.safeParse(positionals[1] ?? '');
      if (!parsed.success)
        throw new AdminUsageError(`create-user: "${positionals[1] ?? ''}" is not an email\n${USAGE}`);
      const { business, link, expiresAt } = await deps.setupLink(parsed.data, values.business);
      return {
        email: parsed.data,
        waba_id: business.id,
        business_name: business.name,
        role: 'owner',
        setup_link: link,
        expires_at: expiresAt.toISOString(),
        note: 'open the link to set a password and sign in',
      };
    }
    case 'revoke-key':
      return deps.keys.revoke(need('business'), need('key'));
    default:
      throw new AdminUsageError(USAGE);
  }
}

async function bootstrap(deps: AdminDeps, rawName: string, rawNumber: string, verifiedName?: string) {
  const name = parse(businessName, rawName, '--name');
  const number = phone(rawNumber);
  const existing = await deps.businesses.findNumberByPhone(number);
  if (existing) {
    return {
      created: false,
      waba_id: existing.businessId,
      business_name: existing.business.name,
      phone_number_id: existing.id,
      note: 'already bootstrapped: no new key was made (use create-key for one)',
    };
  }
  const business = await deps.businesses.createBusiness(name);
  const phoneNumber = await deps.businesses.addNumber(business.id, number, verifiedName ?? name);
  const key = await deps.keys.create(business.id, 'bootstrap');
  return {
    created: true,
    waba_id: business.id,
    business_name: business.name,
    phone_number_id: phoneNumber.id,
    api_key_id: key.id,
    api_key: key.token,
    note: 'the API key is shown once: store it now',
  };
}

async function existingBusiness(deps: AdminDeps, id: string) {
  const business = await deps.businesses.read(id, id);
  if (!business) throw new AdminUsageError(`--business: no business with id ${id}`);
  return business;
}

const phone = (raw: string) => parse(businessPhoneNumber, raw, '--number');

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  v: string,
  flag: string,
) {
  const parsed = schema.safeParse(v);
  if (!parsed.success) throw new AdminUsageError(`${flag}: "${v}" is not valid`);
  return parsed.data;
}
