// The generated client loads under vitest and round-trips a row through the pg adapter on the run's database.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@switchboard/config';
import { createPrisma, Prisma } from '@switchboard/db';
import { afterAll, describe, expect, it } from 'vitest';

const prisma = createPrisma(loadConfig().databaseUrl);
afterAll(() => prisma.$disconnect());

describe('@switchboard/db', () => {
  it('writes and reads a ServiceNode, and reports unique violations as P2002', async () => {
    const id = `test-${randomUUID()}`;
    const data = { id, kind: 'worker', host: 'test-host', pid: process.pid, lastSeenAt: new Date() };
    try {
      const created = await prisma.serviceNode.create({ data });
      expect(created.startedAt).toBeInstanceOf(Date);
      expect(await prisma.serviceNode.findUnique({ where: { id } })).toEqual(created);
      const duplicate = await prisma.serviceNode.create({ data }).catch((err: unknown) => err);
      expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect((duplicate as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
    } finally {
      await prisma.serviceNode.deleteMany({ where: { id } });
    }
  });
});
