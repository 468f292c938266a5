import { ProtocolAddress } from '@signalapp/libsignal-client';
import { EnvelopeType, type EnvelopeTypeCode, type SendFrame, type SendGroup } from '@switchboard/protocol';
import type { KnownDevices } from './known-devices';
import type { MessagingCrypto } from './types';

/**
 * Builds a send: one envelope for every device this device believes the recipient has (the primary at first contact;
 * a 409 names the rest) and for this account's other devices, starting the sessions it lacks.
 */
export class Envelopes {
  constructor(
    private readonly crypto: MessagingCrypto,
    private readonly known: KnownDevices,
  ) {}

  /** A send to every device of `to` and this account's others, with what `body` gives for each side. */
  async frame(id: bigint, to: string, body: (self: boolean) => Uint8Array, plain = false): Promise<SendFrame> {
    const me = this.crypto.address;
    const theirs = this.known.get(to) ?? [1]; // every account has a primary; the server names the rest (409)
    const mine = (this.known.get(me.accountId) ?? []).filter((d) => d !== me.deviceId);
    const groups: SendGroup[] = [await this.group(to, theirs, body(false), plain)];
    if (mine.length && to !== me.accountId) groups.push(await this.group(me.accountId, mine, body(true), plain));
    return { t: 'send', id, groups };
  }

  private async group(accountId: string, deviceIds: number[], content: Uint8Array, plain: boolean): Promise<SendGroup> {
    await this.crypto.ensureSessions(accountId, deviceIds);
    const envelopes = [];
    for (const deviceId of deviceIds) {
      const address = { accountId, deviceId };
      const record = await this.crypto.stores.sessions.getSession(ProtocolAddress.new(accountId, deviceId));
      if (!record?.hasCurrentState()) continue; // no keys on the server: left out; a 409 will say so if it matters
      const registrationId = record.remoteRegistrationId();
      if (plain) {
        envelopes.push({ deviceId, registrationId, type: EnvelopeType.Plaintext, ciphertext: content });
        continue;
      }
      const { type, body } = await this.crypto.encrypt(address, content);
      envelopes.push({ deviceId, registrationId, type: type as EnvelopeTypeCode, ciphertext: body });
    }
    return { accountId, envelopes };
  }
}
