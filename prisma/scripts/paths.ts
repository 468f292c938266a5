// Where the Prisma schema and migrations live, independent of the current directory.
import { fileURLToPath } from 'node:url';

export const prismaDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const schemaPath = `${prismaDir}/schema.prisma`;
export const migrationsDir = `${prismaDir}/migrations`;
export const generatedDir = fileURLToPath(new URL('../../packages/db/src/generated', import.meta.url));
