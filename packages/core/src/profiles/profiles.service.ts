import { Injectable } from '@nestjs/common';
import { ApiError } from '../errors/api-error';
import { b64 } from '../keys/outputs/keys.output';
import type { PrivacyInput, ProfileInput } from './inputs/profile.input';
import { type PrivacySettings, ProfileRepository } from './profile.repository';
import { type Viewer, type Visibility, visibleTo } from './visibility';

export interface ProfileOutput {
  account_id: string;
  version: number;
  /** Null until the owner first writes its profile (privacy settings alone make no name). */
  name: string | null;
  about?: string;
  photo?: { attachment_id: string; pointer: string };
}

export interface PresenceRights {
  online: boolean;
  lastSeen: boolean;
}

/** Profile's column defaults for last seen and online (schema.prisma), for owners without a row. */
const PRESENCE_DEFAULT: Visibility = 'contacts';

export interface PrivacyOutput {
  photo: string;
  about: string;
  last_seen: string;
  online: string;
}

const privacyOutput = (s: PrivacySettings): PrivacyOutput => ({
  photo: s.photo,
  about: s.about,
  last_seen: s.lastSeen,
  online: s.online,
});

/**
 * Profiles the server cannot read (docs/core.md "Discovery, profiles and privacy"): devices write fields sealed with
 * the account's profile key; the server hands them out as the owner's privacy settings allow, and the key — which
 * only the owner's contacts got, inside Signal messages — does the rest.
 */
@Injectable()
export class ProfilesService {
  constructor(private readonly profiles: ProfileRepository) {}

  async write(accountId: string, input: ProfileInput): Promise<{ version: number }> {
    const written = await this.profiles.writeContent(accountId, {
      name: input.name,
      about: input.about ?? null,
      photo: input.photo?.pointer ?? null,
      photoAttachmentId: input.photo?.attachment_id ?? null,
    });
    if (!written) {
      throw ApiError.invalidParameter('photo.attachment_id: no attachment of this account has that id');
    }
    return written;
  }

  async read(viewerId: string, ownerId: string): Promise<ProfileOutput> {
    const row = await this.profiles.find(ownerId);
    if (!row) throw ApiError.notFound(`profile ${ownerId}`);
    const viewer = await this.viewer(viewerId, ownerId);
    const photo = row.photo && row.photoAttachmentId && visibleTo(row.photoVisibility, viewer);
    return {
      account_id: ownerId,
      version: row.version,
      name: row.name ? b64(row.name) : null,
      ...(row.about && visibleTo(row.aboutVisibility, viewer) && { about: b64(row.about) }),
      ...(photo && { photo: { attachment_id: row.photoAttachmentId!, pointer: b64(row.photo!) } }),
    };
  }

  /** How `viewerId` stands to `ownerId` for the owner's privacy settings. */
  async viewer(viewerId: string, ownerId: string): Promise<Viewer> {
    if (viewerId === ownerId) return 'self';
    return (await this.profiles.isContact(ownerId, viewerId)) ? 'contact' : 'stranger';
  }

  /** What `viewerId` may see of each owner's presence (two queries, whatever the number of owners). */
  async presenceRights(viewerId: string, ownerIds: string[]): Promise<Map<string, PresenceRights>> {
    const [rows, listing] = await Promise.all([
      this.profiles.presenceSettings(ownerIds),
      this.profiles.ownersListing(ownerIds, viewerId),
    ]);
    const settings = new Map(rows.map((r) => [r.accountId, r]));
    const rights = new Map<string, PresenceRights>();
    for (const owner of ownerIds) {
      const viewer: Viewer = owner === viewerId ? 'self' : listing.has(owner) ? 'contact' : 'stranger';
      const s = settings.get(owner);
      rights.set(owner, {
        online: visibleTo(s?.onlineVisibility ?? PRESENCE_DEFAULT, viewer),
        lastSeen: visibleTo(s?.lastSeenVisibility ?? PRESENCE_DEFAULT, viewer),
      });
    }
    return rights;
  }

  async privacy(accountId: string): Promise<PrivacyOutput> {
    return privacyOutput(await this.profiles.privacy(accountId));
  }

  async setPrivacy(accountId: string, input: PrivacyInput): Promise<PrivacyOutput> {
    const { last_seen: lastSeen, ...rest } = input;
    return privacyOutput(await this.profiles.setPrivacy(accountId, { ...rest, ...(lastSeen && { lastSeen }) }));
  }

  async setContacts(accountId: string, contactIds: string[]): Promise<{ contacts: number }> {
    return { contacts: await this.profiles.setContacts(accountId, contactIds) };
  }
}
