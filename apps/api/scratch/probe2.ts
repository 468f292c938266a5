import { createPrisma } from '@switchboard/db';
const p = createPrisma(process.env.DATABASE_URL!);
const acc = (await p.device.findFirst({ select: { accountId: true } }))!.accountId;
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  await Promise.all(Array.from({ length: 2000 }, () => p.device.findMany({
      where: { accountId: acc, registrationId: { not: null }, signedPreKey: { not: null }, lastResortKyberKey: { not: null } },
      select: { deviceId: true, registrationId: true }, orderBy: { deviceId: 'asc' } })));
  console.log('2000 activeDevices ms', Math.round(performance.now() - t));
}
await p.$disconnect();
