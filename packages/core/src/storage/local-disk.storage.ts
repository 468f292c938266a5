import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStorage } from './blob-storage';

const KEY = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Blobs on the local file system under a root directory (MEDIA_DIR, ATTACHMENTS_DIR): `<dir>/<last two characters
 * of the key>/<key>`, so no directory grows past a few thousand entries. A file is written under a temporary name, fsynced, then renamed into place:
 * a crash mid-upload leaves no half file under a real key.
 */
export class LocalDiskStorage implements BlobStorage {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async put(key: string, source: Readable): Promise<void> {
    const path = this.pathOf(key);
    const tmp = join(this.root, 'tmp', `${randomUUID()}.part`);
    await mkdir(dirname(tmp), { recursive: true });
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(source, createWriteStream(tmp, { flags: 'wx' }));
      const handle = await open(tmp, 'r+');
      await handle.sync().finally(() => handle.close());
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | undefined> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return { stream: createReadStream(path), size: info.size };
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key "${key}"`);
    return join(this.root, key.slice(-2), key);
  }
}
