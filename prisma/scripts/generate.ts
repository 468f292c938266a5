// `npm run db:generate`: generates the Prisma client into packages/db/src/generated, offline and quietly.
// Skips the work when the output was generated from the same schema by the same Prisma version.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { generatedDir, schemaPath } from './paths';

const stampPath = `${generatedDir}/.schema-hash`;

function expectedStamp(): string {
  const cli = createRequire(import.meta.url).resolve('prisma/package.json');
  const { version } = JSON.parse(readFileSync(cli, 'utf8')) as { version: string };
  return createHash('sha256').update(`prisma ${version}\n`).update(readFileSync(schemaPath)).digest('hex');
}

/** Generates the client unless it is up to date (or `force`). Returns whether it ran `prisma generate`. */
export async function generateClient({ force = false } = {}): Promise<boolean> {
  const stamp = expectedStamp();
  const current = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : '';
  if (!force && current === stamp && existsSync(`${generatedDir}/client.ts`)) return false;
  const cli = `${dirname(createRequire(import.meta.url).resolve('prisma/package.json'))}/build/index.js`;
  const env = {
    ...process.env,
    // `prisma generate` insists on finding the schema engine binary, and downloads it when missing (impossible
    // offline), though generating does not run it. Any existing file satisfies the check.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1', // no telemetry request
  };
  try {
    await promisify(execFile)(process.execPath, [cli, 'generate', '--schema', schemaPath], { env });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`prisma generate failed:\n${`${stdout}\n${stderr}`.trim()}`);
  }
  await writeFile(stampPath, `${stamp}\n`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const ran = await generateClient({ force: process.argv.includes('--force') });
    console.log(ran ? 'db:generate: generated the Prisma client' : 'db:generate: Prisma client is up to date');
  } catch (err) {
    console.error(`db:generate: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
