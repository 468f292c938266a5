import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

const BASE = 10n ** 15n;
const BLOCK = 1000n;

/** What a Graph id in a URL looks like; anything else cannot name an object. */
export const GRAPH_ID = /^[0-9]{1,20}$/;

/** The largest Postgres bigint: ids kept in bigint columns are at most this. */
export const INT8_MAX = 9_223_372_036_854_775_807n;

/** This process's ids: the block in use and, once the refill has landed, one spare block. */
class IdPool {
  private next = 0n;
  private end = 0n;
  private spare?: bigint;
  refill?: () => void;

  take(): bigint | undefined {
    if (this.next >= this.end) {
      if (this.spare === undefined) {
        this.refill?.();
        return undefined;
      }
      [this.next, this.end, this.spare] = [this.spare, this.spare + BLOCK, undefined];
    }
    if (this.spare === undefined) this.refill?.();
    const id = this.next;
    this.next += 1n;
    return id;
  }

  add(start: bigint): void {
    if (this.next >= this.end) [this.next, this.end] = [start, start + BLOCK];
    else this.spare ??= start;
  }

  get full(): boolean {
    return this.next < this.end && this.spare !== undefined;
  }
}

const pool = new IdPool();

/**
 * Meta-style numeric ids for anything that appears in a Graph URL (`{waba_id}`, `{phone_number_id}`, template,
 * media and subscription ids): 16 digits, unique across kinds and processes — the `GET /{id}` dispatcher relies on
 * it — and below 2^53, so JSON readers that parse them as numbers lose nothing. Each process takes blocks of 1,000
 * from the database (one insert per block, see GraphIdBlock), so ids grow roughly, not strictly, with time.
 *
 * Synchronous: it draws from blocks GraphIds fetched ahead (import GraphIdsModule in the module that uses it).
 */
export function newGraphId(): string {
  const id = pool.take();
  if (id === undefined) throw new Error('no Graph ids in hand: is GraphIdsModule imported, and did the app init?');
  return format(id);
}

const format = (id: bigint) => (BASE + id).toString();

/** Keeps the process's id pool stocked; `await ids.newGraphId()` also waits out a burst that empties it. */
@Injectable()
export class GraphIds implements OnModuleInit {
  private filling?: Promise<void>;

  constructor(private readonly prisma: PrismaService) {}

  /** Never fails the boot: an API started before its migrations still serves /ready, which says what is missing. */
  async onModuleInit(): Promise<void> {
    pool.refill = () => void this.fill().catch(() => undefined);
    try {
      while (!pool.full) await this.fill();
    } catch {}
  }

  async newGraphId(): Promise<string> {
    for (;;) {
      const id = pool.take();
      if (id !== undefined) return format(id);
      await this.fill();
    }
  }

  /** One block at a time per process, however many callers ask. */
  private fill(): Promise<void> {
    this.filling ??= this.prisma.client.graphIdBlock
      .create({ data: {} })
      .then((block) => pool.add(block.id * BLOCK))
      .finally(() => {
        this.filling = undefined;
      });
    return this.filling;
  }
}
