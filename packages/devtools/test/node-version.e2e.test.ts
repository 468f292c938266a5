import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/', import.meta.url));

// A copy of the entry points under a package.json that asks for a Node nobody has: they must stop before installing.
const root = mkdtempSync(join(tmpdir(), 'sb-node-version-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'packages/devtools/bin'), { recursive: true });
for (const file of ['start.mjs', 'test.mjs', 'bootstrap.mjs', 'node-engines.mjs']) {
  copyFileSync(join(bin, file), join(root, 'packages/devtools/bin', file));
}
writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'x', engines: { node: '>=99.1' } }));

describe('npm start and npm test on an unsupported Node', () => {
  it.each(['start.mjs', 'test.mjs'])(
    '%s stops with one line naming both versions, before installing anything',
    (entry) => {
      const run = spawnSync(process.execPath, [join(root, 'packages/devtools/bin', entry)], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        `switchboard: Node.js ${process.versions.node} is not supported: this project needs Node.js >=99.1 ` +
          '(package.json "engines"); install a Node.js in that range and run the command again.',
      );
      expect(existsSync(join(root, 'node_modules'))).toBe(false);
    },
  );
});
