// First step of `npm start` and `npm test` on a fresh clone: install dependencies if they are missing or stale,
// then make TypeScript importable. Plain JavaScript with no dependencies, because nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

export function ensureInstalled(log = (line) => process.stderr.write(`${line}\n`)) {
  const lock = `${root}package-lock.json`;
  const installed = `${root}node_modules/.package-lock.json`;
  const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
  if (!stale) return;
  log('installing dependencies (npm ci)…');
  const args = existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    log('switchboard: npm could not install the dependencies (see above).');
    process.exit(result.status ?? 1);
  }
}

export function enableTypeScript() {
  register('./swc-hooks.mjs', import.meta.url);
}
