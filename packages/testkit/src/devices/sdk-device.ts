import { newAccount } from '@switchboard/api/test/core/core-harness';
import type { RunningApi } from '@switchboard/api/test/harness';
import {
  Connection,
  type DeviceCredentials,
  DeviceCrypto,
  type IncomingMessage,
  type IncomingReceipt,
  linkDevice,
  MemoryStorage,
  Messenger,
  type RestClient,
} from '../../src';

/** A complete SDK device (keys published, connected), recording what it receives. */
export interface SdkDevice {
  credentials: DeviceCredentials;
  rest: RestClient;
  crypto: DeviceCrypto;
  connection: Connection;
  messenger: Messenger;
  inbox: IncomingMessage[];
  receipts: IncomingReceipt[];
  storage: MemoryStorage;
  /** Connects (again) with the same keys and storage: a restart of the app. */
  reconnect(): Promise<void>;
  stop(): Promise<void>;
}

export async function sdkDevice(
  api: RunningApi,
  account?: { rest: RestClient; credentials: DeviceCredentials },
  options: { connect?: boolean } = {},
): Promise<SdkDevice> {
  const { rest, credentials } = account ?? (await newAccount(api));
  const storage = new MemoryStorage();
  const crypto = new DeviceCrypto(credentials, storage, rest);
  await crypto.publishKeys({ preKeys: 5, kyberPreKeys: 5 });
  const device = { credentials, rest, crypto, storage, inbox: [], receipts: [] } as unknown as SdkDevice;
  const wire = () => {
    device.connection = new Connection({ baseUrl: api.url, credentials, minBackoffMs: 20, maxBackoffMs: 200 });
    device.messenger = new Messenger(device.connection, crypto, storage);
    device.messenger.onMessage((m) => void device.inbox.push(m));
    device.messenger.onReceipt((r) => void device.receipts.push(r));
  };
  wire();
  device.reconnect = async () => {
    await device.connection.close();
    wire();
    device.messenger.restore();
    await device.connection.start();
  };
  device.stop = () => device.connection.close();
  if (options.connect !== false) await device.connection.start();
  return device;
}

/** A companion linked to `primary`'s account, keys published. */
export async function sdkCompanion(api: RunningApi, primary: SdkDevice, options: { connect?: boolean } = {}) {
  const linked = await linkDevice(primary.rest);
  return sdkDevice(api, linked, options);
}

export const texts = (d: SdkDevice) => d.inbox.map((m) => m.text);

export const addr = (d: SdkDevice) => ({ accountId: d.credentials.accountId, deviceId: d.credentials.deviceId });
