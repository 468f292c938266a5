import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeysService } from '@switchboard/business/auth/api-keys.service';
import { ContactsService } from '@switchboard/business/contacts/contacts.service';
import { MessageLogService } from '@switchboard/business/messages/log/message-log.service';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { type ContractResponse, contractFetch } from '@switchboard/contract';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { OPERATOR_TOKEN, type RunningApi, startApi } from '../api';

export interface GraphError {
  error: { code: number; message: string; type: string; error_data?: { details: string }; fbtrace_id: string };
}

export interface TestBusiness {
  id: string;
  phoneNumberId: string;
  headers: Record<string, string>;
  /** A JSON call through contractFetch (every response checked against openapi.yaml), under /v23.0. */
  call<T = unknown>(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ContractResponse<T>>;
  /** The platform operator's review decision on one of this business's templates (the operator's credential). */
  review<T = unknown>(templateId: string, body: unknown): Promise<ContractResponse<T>>;
  /** A consumer (fresh valid number) who messaged this business `agoMs` ago: their window is open if < 24 h. */
  consumer(agoMs?: number): Promise<string>;
}

/**
 * The API in this process with media on a temporary directory and manual template review (no workers needed), plus
 * helpers to create businesses, consumers with open windows, and inbound messages.
 */
export async function startBusinessApi(overrides: Record<string, string> = {}) {
  const mediaDir = await mkdtemp(join(tmpdir(), 'sb-media-'));
  const api: RunningApi = await startApi({
    MEDIA_DIR: mediaDir,
    TEMPLATE_REVIEW: 'manual',
    // Tests send back to back, faster than 80 a second and more than 45 to one consumer: the sending limits have
    // tests of their own (test/business/limits), which set these back.
    MESSAGES_PER_SECOND_DEFAULT: '1000',
    PAIR_RATE_BURST: '10000',
    // Consumer devices register from 127.0.0.1, whose per-address budgets every file of the run shares (one Redis
    // prefix), as startCoreApi says; the tests of those limits lower them again.
    OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
    OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
    LINK_REQUESTS_PER_CLIENT_PER_HOUR: '1000000',
    ...overrides,
  });
  const call =
    (headers: Record<string, string>) =>
    <T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
      contractFetch<T>(`${api.url}/v23.0${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...headers,
          ...(init.body !== undefined && { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
      });

  return {
    api,
    mediaDir,
    async business(): Promise<TestBusiness> {
      const businesses = api.app.get(BusinessesService);
      const business = await businesses.createBusiness(`biz ${randomBytes(3).toString('hex')}`);
      const number = await businesses.addNumber(business.id, randomBusinessNumber(), 'Test Shop');
      const key = await api.app.get(ApiKeysService).create(business.id, 'test');
      const headers = { authorization: `Bearer ${key.token}` };
      return {
        id: business.id,
        phoneNumberId: number.id,
        headers,
        call: call(headers),
        review: (templateId, body) =>
          call({ authorization: `Bearer ${OPERATOR_TOKEN}` })(`/${templateId}/review`, { method: 'POST', body }),
        consumer: async (agoMs = 60_000) => {
          const waId = randomConsumer();
          await api.app.get(ContactsService).recordInbound(business.id, waId, 'Pablo', new Date(Date.now() - agoMs));
          return waId;
        },
      };
    },
    /** An inbound message from `waId` in the log, as the send pipeline records it; returns its wamid. */
    async inbound(b: TestBusiness, waId: string): Promise<string> {
      const wamid = `wamid.in${randomBytes(12).toString('hex')}`;
      await api.app.get(MessageLogService).recordInbound({
        wamid,
        businessId: b.id,
        phoneNumberId: b.phoneNumberId,
        waId,
        type: 'text',
        payload: { text: { body: 'hello' } },
        at: new Date(),
      });
      return wamid;
    },
    async close() {
      await api.close();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}

export type BusinessApi = Awaited<ReturnType<typeof startBusinessApi>>;

/** A valid UK mobile number's digits (the wa_id form), different on every call. */
export function randomConsumer(): string {
  for (;;) {
    const n = `+447${randomInt(100_000_000, 999_999_999)}`;
    const parsed = parsePhoneNumberFromString(n);
    if (parsed?.isValid() && parsed.getType() === 'MOBILE') return n.slice(1);
  }
}

function randomBusinessNumber(): string {
  return `+1650${randomInt(2_000_000, 9_999_999)}`;
}
