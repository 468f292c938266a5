// A typed client for the core's REST endpoints (accounts, PIN, devices, keys).
import type {
  AttachmentUploaded,
  Bundles,
  DeviceCredentials,
  DeviceSummary,
  DirectoryMatch,
  KeyCounts,
  KeyUpload,
  LinkedDevice,
  LinkStart,
  PrivacySettings,
  PushRegistration,
  Registration,
  SealedProfile,
  SealedProfileInput,
} from './rest-types';

export type * from './rest-types';

/** A non-2xx answer, with the fields of the API's error envelope. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly details: string | undefined,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}${code === undefined ? '' : ` code ${code}`}: ${details ?? JSON.stringify(body)}`);
    this.name = 'ApiRequestError';
  }
}

export interface RestClientOptions {
  baseUrl: string;
  credentials?: DeviceCredentials;
  /** Replaceable for tests (contract validation, a chosen source address). */
  fetch?: typeof fetch;
}

export const authorizationHeader = ({ accountId, deviceId, password }: DeviceCredentials): string =>
  `Basic ${Buffer.from(`${accountId}.${deviceId}:${password}`).toString('base64')}`;

export class RestClient {
  readonly baseUrl: string;
  readonly credentials?: DeviceCredentials;
  private readonly fetchFn: typeof fetch;

  constructor(options: RestClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.credentials = options.credentials;
    this.fetchFn = options.fetch ?? fetch;
  }

  /** The same client acting as a device (or, without credentials, as nobody). */
  as(credentials?: DeviceCredentials): RestClient {
    return new RestClient({ baseUrl: this.baseUrl, credentials, fetch: this.fetchFn });
  }

  // accounts
  requestCode = (number: string) =>
    this.call<{ number: string; expires_in_s: number }>('POST', '/v1/accounts/verification', { number });
  /** Development only: the last code "sent" to a number. */
  devVerificationCode = (number: string) =>
    this.call<{ number: string; code: string }>(
      'GET',
      `/v1/dev/verification-codes?number=${encodeURIComponent(number)}`,
    );
  register = (input: { number: string; code: string; pin?: string; name?: string }) =>
    this.call<Registration>('POST', '/v1/accounts/registration', input);
  pinStatus = () => this.call<{ enabled: boolean }>('GET', '/v1/accounts/pin');
  setPin = (pin: string, currentPin?: string) =>
    this.call<{ enabled: true }>('PUT', '/v1/accounts/pin', { pin, ...(currentPin && { current_pin: currentPin }) });
  disablePin = (pin: string) => this.call<void>('DELETE', '/v1/accounts/pin', { pin });

  // devices
  listDevices = () => this.call<{ devices: DeviceSummary[] }>('GET', '/v1/devices');
  unlinkDevice = (deviceId: number) => this.call<void>('DELETE', `/v1/devices/${deviceId}`);
  startLink = () => this.call<LinkStart>('POST', '/v1/devices/link');
  approveLink = (linkCode: string) => this.call<void>('POST', '/v1/devices/link/approve', { link_code: linkCode });
  completeLink = (input: { link_code: string; link_secret: string; name?: string }) =>
    this.call<LinkedDevice>('POST', '/v1/devices/link/complete', input);

  // keys
  uploadKeys = (keys: KeyUpload) => this.call<KeyCounts>('PUT', '/v1/keys', keys);
  keyCounts = () => this.call<KeyCounts>('GET', '/v1/keys');
  fetchBundles = (accountId: string, deviceId: number | 'all') =>
    this.call<Bundles>('GET', `/v1/keys/${accountId}/${deviceId}`);

  // push: where this device's wake-ups go while it is offline
  registerPush = (registration: PushRegistration) => this.call<void>('PUT', '/v1/devices/push', registration);
  unregisterPush = () => this.call<void>('DELETE', '/v1/devices/push');
  vapidKey = () => this.call<{ public_key: string }>('GET', '/v1/push/vapid');

  // directory and profiles (profiles/ seals and opens the fields)
  lookupNumbers = (numbers: string[]) =>
    this.call<{ accounts: DirectoryMatch[] }>('POST', '/v1/directory/lookup', { numbers });
  putProfile = (profile: SealedProfileInput) => this.call<{ version: number }>('PUT', '/v1/profile', profile);
  getProfile = (accountId: string) => this.call<SealedProfile>('GET', `/v1/profiles/${accountId}`);
  getPrivacy = () => this.call<PrivacySettings>('GET', '/v1/profile/privacy');
  putPrivacy = (changes: Partial<PrivacySettings>) => this.call<PrivacySettings>('PUT', '/v1/profile/privacy', changes);
  putProfileContacts = (accountIds: string[]) =>
    this.call<{ contacts: number }>('PUT', '/v1/profile/contacts', { account_ids: accountIds });

  // attachments: opaque encrypted blobs (attachments/ encrypts and verifies them)
  /** `expiresInS`: a lifetime shorter than the server's attachment TTL (a disappearing message's attachment). */
  uploadAttachmentBlob = (blob: Uint8Array, expiresInS?: number) =>
    this.call<AttachmentUploaded>('POST', `/v1/attachments${expiresInS ? `?expires_in_s=${expiresInS}` : ''}`, blob);
  downloadAttachmentBlob = async (id: string): Promise<Uint8Array> =>
    new Uint8Array(await (await this.request('GET', `/v1/attachments/${encodeURIComponent(id)}`)).arrayBuffer());

  /** One JSON request as this device (the SDK's feature clients, e.g. groups/, build on it). */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await (await this.request(method, path, body)).text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The response of a 2xx answer; anything else throws ApiRequestError. A Uint8Array body goes as raw bytes. */
  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.credentials) headers.authorization = authorizationHeader(this.credentials);
    const binary = body instanceof Uint8Array;
    if (body !== undefined) headers['content-type'] = binary ? 'application/octet-stream' : 'application/json';
    const res = await this.fetchFn(`${this.baseUrl}${path}`, {
      method,
      headers,
      // A browser's fetch (the DOM lib's BodyInit) takes bytes over an ArrayBuffer, not a SharedArrayBuffer: ours are.
      ...(body !== undefined && { body: binary ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body) }),
    });
    if (res.ok) return res;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    const error = (parsed as { error?: { code?: number; error_data?: { details?: string }; message?: string } })?.error;
    throw new ApiRequestError(res.status, error?.code, error?.error_data?.details ?? error?.message, parsed);
  }
}
