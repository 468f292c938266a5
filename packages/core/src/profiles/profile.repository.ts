import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import type { Visibility } from './visibility';

/** Far enough that a profile photo's attachment outlives any purge while it is the photo. */
const KEPT = new Date('9999-12-31T00:00:00Z');

export interface ProfileContent {
  name: Uint8Array;
  about: Uint8Array | null;
  photo: Uint8Array | null;
  photoAttachmentId: string | null;
}

export interface PrivacySettings {
  photo: Visibility;
  about: Visibility;
  lastSeen: Visibility;
  online: Visibility;
}

/** Profiles, their privacy settings and owners' contact lists in Postgres. */
@Injectable()
export class ProfileRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(accountId: string) {
    return this.prisma.client.profile.findUnique({ where: { accountId } });
  }

  /** The presence settings of these owners that have a row (the others have the defaults). */
  presenceSettings(ownerIds: string[]) {
    return this.prisma.client.profile.findMany({
      where: { accountId: { in: ownerIds } },
      select: { accountId: true, lastSeenVisibility: true, onlineVisibility: true },
    });
  }

  /** Which of these owners count `contactId` among their contacts. */
  async ownersListing(ownerIds: string[], contactId: string): Promise<Set<string>> {
    const rows = await this.prisma.client.profileContact.findMany({
      where: { ownerId: { in: ownerIds }, contactId },
      select: { ownerId: true },
    });
    return new Set(rows.map((r) => r.ownerId));
  }

  isContact(ownerId: string, contactId: string): Promise<boolean> {
    return this.prisma.client.profileContact.count({ where: { ownerId, contactId } }).then((n) => n > 0);
  }

  /**
   * Replaces the content and bumps the version. The new photo's attachment is kept (its expiry pushed out) and the
   * previous one's released to the purge, in the same transaction. False when the photo is not the owner's upload.
   */
  writeContent(accountId: string, content: ProfileContent): Promise<{ version: number } | undefined> {
    return this.prisma.client.$transaction(async (tx) => {
      const previous = await tx.profile.findUnique({ where: { accountId }, select: { photoAttachmentId: true } });
      const photoId = content.photoAttachmentId;
      if (photoId && photoId !== previous?.photoAttachmentId) {
        const kept = await tx.attachment.updateMany({
          where: { id: photoId, uploaderAccountId: accountId },
          data: { expiresAt: KEPT },
        });
        if (kept.count === 0) return undefined;
      }
      if (previous?.photoAttachmentId && previous.photoAttachmentId !== photoId) {
        await tx.attachment.updateMany({ where: { id: previous.photoAttachmentId }, data: { expiresAt: new Date() } });
      }
      const data = {
        name: Buffer.from(content.name),
        about: content.about && Buffer.from(content.about),
        photo: content.photo && Buffer.from(content.photo),
        photoAttachmentId: photoId,
      };
      const row = await tx.profile.upsert({
        where: { accountId },
        create: { accountId, ...data, version: 1 },
        update: { ...data, version: { increment: 1 } },
        select: { version: true },
      });
      return row;
    });
  }

  async privacy(accountId: string): Promise<PrivacySettings> {
    await this.ensureRow(accountId);
    return settingsOf(await this.prisma.client.profile.findUniqueOrThrow({ where: { accountId } }));
  }

  async setPrivacy(accountId: string, changes: Partial<PrivacySettings>): Promise<PrivacySettings> {
    const data = {
      ...(changes.photo && { photoVisibility: changes.photo }),
      ...(changes.about && { aboutVisibility: changes.about }),
      ...(changes.lastSeen && { lastSeenVisibility: changes.lastSeen }),
      ...(changes.online && { onlineVisibility: changes.online }),
    };
    await this.ensureRow(accountId);
    return settingsOf(await this.prisma.client.profile.update({ where: { accountId }, data }));
  }

  /**
   * The owner's row with the schema's default settings, if it has none yet, as `INSERT … ON CONFLICT DO NOTHING`.
   * Not an upsert: Prisma runs an upsert as the database's own only under conditions, otherwise as a read then an
   * insert, and the fuzzer's concurrent GET and PUT of a new account's settings raced into a unique violation (500).
   */
  private async ensureRow(accountId: string): Promise<void> {
    await this.prisma.client.profile.createMany({ data: [{ accountId }], skipDuplicates: true });
  }

  /** Replaces the owner's contact list. */
  async setContacts(ownerId: string, contactIds: string[]): Promise<number> {
    const unique = [...new Set(contactIds)].filter((id) => id !== ownerId);
    await this.prisma.client.$transaction([
      this.prisma.client.profileContact.deleteMany({ where: { ownerId } }),
      this.prisma.client.profileContact.createMany({ data: unique.map((contactId) => ({ ownerId, contactId })) }),
    ]);
    return unique.length;
  }
}

export function settingsOf(row: {
  photoVisibility: Visibility;
  aboutVisibility: Visibility;
  lastSeenVisibility: Visibility;
  onlineVisibility: Visibility;
}): PrivacySettings {
  return {
    photo: row.photoVisibility,
    about: row.aboutVisibility,
    lastSeen: row.lastSeenVisibility,
    online: row.onlineVisibility,
  };
}
