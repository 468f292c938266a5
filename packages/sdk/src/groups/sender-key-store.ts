import { type ProtocolAddress, SenderKeyRecord, SenderKeyStore, type Uuid } from '@signalapp/libsignal-client';
import { fromBase64, type Storage, toBase64 } from '../crypto/storage';

const key = (sender: ProtocolAddress, distributionId: Uuid) =>
  `groups:sender-key:${sender.name()}.${sender.deviceId()}:${distributionId}`;

/** libsignal's sender keys (this device's own per group, and every member device's it received), in the Storage. */
export class StorageSenderKeyStore extends SenderKeyStore {
  constructor(private readonly storage: Storage) {
    super();
  }

  async saveSenderKey(sender: ProtocolAddress, distributionId: Uuid, record: SenderKeyRecord): Promise<void> {
    this.storage.set(key(sender, distributionId), toBase64(record.serialize()));
  }

  async getSenderKey(sender: ProtocolAddress, distributionId: Uuid): Promise<SenderKeyRecord | null> {
    const raw = this.storage.get(key(sender, distributionId));
    return raw === undefined ? null : SenderKeyRecord.deserialize(fromBase64(raw));
  }
}
