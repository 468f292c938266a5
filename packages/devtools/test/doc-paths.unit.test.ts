import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingDocPaths } from '../src/docs/doc-paths';
import { REPO_ROOT } from '../src/services';

const fixture = mkdtempSync(join(tmpdir(), 'sb-doc-paths-'));
function write(path: string, text = '') {
  mkdirSync(dirname(join(fixture, path)), { recursive: true });
  writeFileSync(join(fixture, path), text);
}
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

write('package.json', '{}');
write('packages/core/src/send.service.ts');
write('workers/src/campaigns/dispatch/dispatch-batch.ts');
write('docs/other.md');
write(
  'README.md',
  [
    'Sends start in `packages/core/src/send.service.ts` and `workers/src/campaigns/dispatch/` (see [other](docs/other.md)).',
    'Globs check their literal part: `packages/*/src`, `workers/src/<feature>/`, `packages/core/src/{send.service.ts,gone.ts}`.',
    'URLs are not paths: [site](https://example.com/packages/x.ts), `http://127.0.0.1:3000/v1/ws`; `package.json` is here.',
    'Stale: `packages/core/src/old.ts`, `apps/api/src/core/gateway|messaging/`, the bare `device.ts`, [notes](../elsewhere/NOTES.md).',
    '```sh',
    'node packages/nowhere/cli.ts   # commands in code blocks are not references',
    '```',
  ].join('\n'),
);
write('docs/guide.md', 'Relative links resolve from the document: [readme](../README.md), [gone](missing.md).');

describe('paths named in the docs', () => {
  it('finds what does not exist, and only that', () => {
    const found = missingDocPaths(fixture).map((m) => `${m.doc}:${m.line} ${m.path}`);
    expect(found).toEqual([
      'README.md:2 packages/core/src/gone.ts',
      'README.md:4 packages/core/src/old.ts',
      'README.md:4 apps/api/src/core/gateway/',
      'README.md:4 apps/api/src/core/messaging/',
      'README.md:4 device.ts',
      'README.md:4 ../elsewhere/NOTES.md',
      'docs/guide.md:1 docs/missing.md',
    ]);
  });

  it('README.md, ARCHITECTURE.md and docs/*.md name only paths that exist in this repository', () => {
    const missing = missingDocPaths(REPO_ROOT).map((m) => `${m.doc}:${m.line}: ${m.path}`);
    expect(missing).toEqual([]);
  });
});
