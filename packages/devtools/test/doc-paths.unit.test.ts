import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingDocPaths } from '../src/docs/doc-paths';
import { missingDocSections } from '../src/docs/doc-sections';
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

describe('sections named by code and docs', () => {
  const root = mkdtempSync(join(tmpdir(), 'sb-doc-sections-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put(
    'docs/business.md',
    '# Business\n## Sending\n## Store, ack (`packages/core`)\n- **What the consumer receives**: …\n',
  );
  put('ARCHITECTURE.md', '## Design decisions\n3. **✓ means the message is safe.** …\n');
  // Quotes are written as | and put in last, so the check run on this repository does not read these as references.
  const quoted = (text: string) => text.replaceAll('|', '"');
  put(
    'packages/business/src/send.ts',
    quoted(
      [
        '// docs/business.md, |Sending|; docs/business.md (|What the consumer receives|); docs/business.md |Store, ack|',
        "// ARCHITECTURE.md, |✓ means the message is safe|; ARCHITECTURE.md's |Design decisions|",
        '// docs/business.md |Webhook delivery| and docs/gone.md |Anything| name nothing',
      ].join('\n'),
    ),
  );

  it('finds references to headings and bold terms that do not exist', () => {
    const found = missingDocSections(root).map((m) => `${m.file}:${m.line} ${m.doc} |${m.section}|`);
    expect(found).toEqual([
      'packages/business/src/send.ts:3 docs/business.md |Webhook delivery|',
      'packages/business/src/send.ts:3 docs/gone.md |Anything|',
    ]);
  });

  it('every `docs/….md "Section"` reference in this repository names a heading or term of that document', () => {
    const missing = missingDocSections(REPO_ROOT).map((m) => `${m.file}:${m.line}: ${m.doc} "${m.section}"`);
    expect(missing).toEqual([]);
  });
});
