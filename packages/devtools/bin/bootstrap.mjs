// First step of `npm start` and `npm test` on a fresh clone: install dependencies if they are missing or stale,
// then make TypeScript importable. Plain JavaScript with no dependencies, because nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { nodeVersionProblem } from './node-engines.mjs';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Stops with one clear line when this Node is outside the root package.json's "engines", before npm or SWC fail. */
export function ensureSupportedNode(log = (line) => process.stderr.write(`${line}\n`)) {
  const { engines } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const problem = nodeVersionProblem(engines?.node);
  if (!problem) return;
  log(problem);
  process.exit(1);
}

export function ensureInstalled(log = (line) => process.stderr.write(`${line}\n`)) {
  const lock = `${root}package-lock.json`;
  const installed = `${root}node_modules/.package-lock.json`;
  const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
  if (!stale) return;
  log('installing dependencies (npm install, pinned by package-lock.json)…');
  // Not `npm ci`: npm 11 behind a registry mirror leaves other platforms' optional packages out of the lock file,
  // and `npm ci` then refuses it as out of sync (npm/cli#9342). `npm install` installs the locked versions.
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    log('switchboard: npm could not install the dependencies (see above).');
    process.exit(result.status ?? 1);
  }
}

export function enableTypeScript() {
  register('./swc-hooks.mjs', import.meta.url);
}
