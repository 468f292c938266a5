// The chat app's device: registered on first run (the code from the development endpoint where the server has one,
// else typed in), its keys and Signal state kept in one SQLite file per number, so later runs are the same device.
import { DeviceCrypto } from '../crypto/device-crypto';
import { SqliteStorage } from '../crypto/sqlite-storage';
import { registerWithDevCode } from '../onboarding';
import { ApiRequestError, RestClient } from '../rest';
import type { DeviceCredentials } from '../rest-types';

const CREDENTIALS = 'chat:credentials';

export interface ChatDevice {
  rest: RestClient;
  credentials: DeviceCredentials;
  storage: SqliteStorage;
  crypto: DeviceCrypto;
}

export async function openDevice(
  baseUrl: string,
  number: string,
  file: string,
  askCode: () => Promise<string>,
): Promise<ChatDevice> {
  const storage = new SqliteStorage(file);
  const saved = storage.get(CREDENTIALS);
  if (saved) {
    const credentials = JSON.parse(saved) as DeviceCredentials;
    const rest = new RestClient({ baseUrl, credentials });
    return { rest, credentials, storage, crypto: new DeviceCrypto(credentials, storage, rest) };
  }
  const { rest, credentials } = await register(new RestClient({ baseUrl }), number, askCode);
  const crypto = new DeviceCrypto(credentials, storage, rest);
  await crypto.publishKeys();
  storage.set(CREDENTIALS, JSON.stringify(credentials)); // last: a run that failed before here registers again
  return { rest, credentials, storage, crypto };
}

async function register(rest: RestClient, number: string, askCode: () => Promise<string>) {
  try {
    return await registerWithDevCode(rest, number);
  } catch (err) {
    // No development endpoint (production, or an SMS provider is configured): the code came by SMS.
    if (!(err instanceof ApiRequestError) || err.status !== 404) throw err;
  }
  const registration = await rest.register({ number, code: await askCode() });
  const credentials = {
    accountId: registration.account_id,
    deviceId: registration.device_id,
    password: registration.password,
  };
  return { rest: rest.as(credentials), credentials };
}
