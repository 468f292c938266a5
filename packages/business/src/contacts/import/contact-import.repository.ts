import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { IMPORT_CONTACTS_SQL } from './contact-import.sql';

export interface ImportRow {
  waId: string;
  profileName: string | null;
  tags: string[];
  attributes: Record<string, string>;
}

/** Rows per statement: five arrays of this length stay far below any parameter size limit. */
const BATCH = 2_000;

/** Writes an import's rows (IMPORT_CONTACTS_SQL), batch by batch; answers how many contacts were new. */
@Injectable()
export class ContactImportRepository {
  constructor(private readonly prisma: PrismaService) {}

  async upsert(businessId: string, rows: ImportRow[]): Promise<{ created: number; updated: number }> {
    let created = 0;
    for (let from = 0; from < rows.length; from += BATCH) {
      const batch = rows.slice(from, from + BATCH);
      const result = await this.prisma.client.$queryRawUnsafe<{ created: boolean }[]>(
        IMPORT_CONTACTS_SQL,
        businessId,
        batch.map((r) => r.waId),
        batch.map((r) => r.profileName),
        batch.map((r) => JSON.stringify(r.tags)),
        batch.map((r) => JSON.stringify(r.attributes)),
      );
      created += result.filter((r) => r.created).length;
    }
    return { created, updated: rows.length - created };
  }
}
