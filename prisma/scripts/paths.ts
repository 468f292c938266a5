// Where the Prisma schema and migrations live, independent of the current directory.
import { fileURLToPath } from 'node:url';

export const prismaDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const schemaPath = `${prismaDir}/schema.prisma`;
export const migrationsDir = `${prismaDir}/migrations`;
/** The datamodel the migrations produce, kept in step by `db:migration:new` (see new-migration.ts). */
export const snapshotPath = `${migrationsDir}/schema.snapshot.prisma`;
export const generatedDir = fileURLToPath(new URL('../../packages/db/src/generated', import.meta.url));
