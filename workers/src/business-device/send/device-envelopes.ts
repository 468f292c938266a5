import { ProtocolAddress } from '@signalapp/libsignal-client';
import type { SendGroup } from '@switchboard/protocol';
import type { DeviceCrypto } from '@switchboard/sdk';

/** A consumer device a message can be encrypted for, with the registration id its session knows. */
export interface SessionTarget {
  deviceId: number;
  registrationId: number;
}

/**
 * Sessions started with every listed device of `consumer` that has none, then the devices that have one. A device
 * the server has no keys for is left out: the core refuses the send naming it, and the caller corrects its list.
 */
export async function sessionTargets(c: DeviceCrypto, consumer: string, deviceIds: number[]): Promise<SessionTarget[]> {
  await c.ensureSessions(consumer, deviceIds);
  const targets: SessionTarget[] = [];
  for (const deviceId of deviceIds) {
    const record = await c.stores.sessions.getSession(ProtocolAddress.new(consumer, deviceId));
    if (record?.hasCurrentState()) targets.push({ deviceId, registrationId: record.remoteRegistrationId() });
  }
  return targets;
}

/** One message encrypted for each target device: the consumer's part of a send (one envelope per device). */
export async function encryptFor(
  c: DeviceCrypto,
  consumer: string,
  targets: SessionTarget[],
  plaintext: Uint8Array,
): Promise<SendGroup> {
  const envelopes: SendGroup['envelopes'] = [];
  for (const { deviceId, registrationId } of targets) {
    const { type, body } = await c.encrypt({ accountId: consumer, deviceId }, plaintext);
    envelopes.push({ deviceId, registrationId, type: type as 2 | 3, ciphertext: body });
  }
  return { accountId: consumer, envelopes };
}
