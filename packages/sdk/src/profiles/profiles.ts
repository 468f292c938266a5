// Discovery and profiles as an app uses them: find which address-book numbers are on Switchboard, publish this
// account's profile sealed with its profile key, read contacts' profiles with the keys their messages brought.
import { downloadAttachment, uploadAttachment } from '../attachments/attachments';
import { type AttachmentPointer, attachmentPointerOf } from '../attachments/pointer';
import { fromBase64, type Storage, toBase64 } from '../crypto/storage';
import type { RestClient } from '../rest';
import type { PrivacySettings } from '../rest-types';
import { openProfileField, type ProfileField, sealProfileField } from './profile-cipher';
import { ProfileKeys } from './profile-keys';

export interface Profile {
  accountId: string;
  version: number;
  name?: string;
  /** Left out when the owner's privacy settings hide it from this account (or it has none). */
  about?: string;
  photo?: AttachmentPointer;
}

export interface NewProfile {
  name: string;
  about?: string;
  /** The picture's bytes: encrypted and uploaded as an attachment, whose pointer goes into the sealed profile. */
  photo?: { bytes: Uint8Array; mime_type: string };
}

const LOOKUP_BATCH = 1_000; // the API's per-request maximum

export class Profiles {
  readonly keys: ProfileKeys;

  constructor(
    private readonly rest: RestClient,
    storage: Storage,
    private readonly accountId: string,
  ) {
    this.keys = new ProfileKeys(storage);
  }

  /** The registered accounts among `numbers` (E.164), by number. Counts against the daily lookup quota. */
  async lookup(numbers: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < numbers.length; i += LOOKUP_BATCH) {
      const { accounts } = await this.rest.lookupNumbers(numbers.slice(i, i + LOOKUP_BATCH));
      for (const a of accounts) found.set(a.number, a.account_id);
    }
    return found;
  }

  /**
   * An address book sync: looks the numbers up and makes the registered ones this account's contact list (what a
   * `contacts` privacy setting lets see). Returns them, by number.
   */
  async syncContacts(numbers: string[]): Promise<Map<string, string>> {
    const found = await this.lookup(numbers);
    await this.rest.putProfileContacts([...found.values()]);
    return found;
  }

  /** Seals and stores this account's profile (replacing it whole); its photo becomes an encrypted attachment. */
  async publish(profile: NewProfile): Promise<{ version: number }> {
    const key = this.keys.own();
    const seal = (field: ProfileField, text: string) => toBase64(sealProfileField(key, this.accountId, field, text));
    let photo: { attachment_id: string; pointer: string } | undefined;
    if (profile.photo) {
      const pointer = await uploadAttachment(this.rest, profile.photo.bytes, { mime_type: profile.photo.mime_type });
      photo = { attachment_id: pointer.id, pointer: seal('photo', JSON.stringify(pointer)) };
    }
    return this.rest.putProfile({
      name: seal('name', profile.name),
      ...(profile.about !== undefined && { about: seal('about', profile.about) }),
      ...(photo && { photo }),
    });
  }

  /**
   * An account's profile, opened with its key (this account's own, or the one its messages brought); undefined
   * while this device has no key for it. An ApiRequestError 404 when it never wrote one.
   */
  async fetch(accountId: string): Promise<Profile | undefined> {
    const key = accountId === this.accountId ? this.keys.own() : this.keys.of(accountId);
    if (!key) return undefined;
    const sealed = await this.rest.getProfile(accountId);
    const open = (field: ProfileField, value: string) => openProfileField(key, accountId, field, fromBase64(value));
    const pointer = sealed.photo && attachmentPointerOf(JSON.parse(open('photo', sealed.photo.pointer)));
    return {
      accountId,
      version: sealed.version,
      ...(sealed.name && { name: open('name', sealed.name) }),
      ...(sealed.about && { about: open('about', sealed.about) }),
      ...(pointer && { photo: pointer }),
    };
  }

  /** The photo's bytes, downloaded and checked (digest and MAC) against the sealed pointer. */
  downloadPhoto(profile: Profile): Promise<Buffer> | undefined {
    return profile.photo && downloadAttachment(this.rest, profile.photo);
  }

  privacy(): Promise<PrivacySettings> {
    return this.rest.getPrivacy();
  }

  setPrivacy(changes: Partial<PrivacySettings>): Promise<PrivacySettings> {
    return this.rest.putPrivacy(changes);
  }
}
