import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWorkspaceImports } from '../src/imports/workspace-imports';

const root = mkdtempSync(join(tmpdir(), 'sb-imports-'));
function write(path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
const pkg = (name: string, deps: string[] = [], devDeps: string[] = []) =>
  JSON.stringify({
    name,
    dependencies: Object.fromEntries(deps.map((d) => [d, '*'])),
    devDependencies: Object.fromEntries(devDeps.map((d) => [d, '*'])),
  });

// A small repository: two apps, a package and the test kit, with one import of each kind the check must refuse and the
// forms it allows.
write('package.json', JSON.stringify({ workspaces: ['apps/*', 'workers', 'packages/*'] }));
write('apps/api/package.json', pkg('@switchboard/api', ['@switchboard/core']));
write('apps/api/lib/send.service.ts', 'export const send = 1;\n');
write('workers/package.json', pkg('@switchboard/workers', ['@switchboard/core'], ['@switchboard/api']));
write('packages/core/package.json', pkg('@switchboard/core'));
write('packages/core/src/rule.ts', 'export const rule = 1;\n');
write('packages/testkit/package.json', pkg('@switchboard/testkit', ['@switchboard/api']));
// Quotes are added last (|x| becomes 'x'), so the check run on this repository does not read the fixture as imports.
const source = (lines: string[]) => `${lines.join('\n').replaceAll('|', "'")}\n`;
write(
  'workers/src/consumer.ts',
  source([
    'import { send } from |../../apps/api/lib/send.service|;',
    'import { rule } from |@switchboard/core/rule|;',
    'import { local } from |./local|;',
    'const lazy = () => import(|../../apps/api/lib/send.service|);',
    'import { other } from |@switchboard/other/x|;',
    'import { api } from |@switchboard/api/test/harness|;',
  ]),
);
write('workers/src/local.ts', 'export const local = 1;\n');
write('workers/test/consumer.unit.test.ts', source(['import { send } from |@switchboard/api/lib/send.service|;']));
write('packages/testkit/src/api.ts', source(['import { send } from |@switchboard/api/lib/send.service|;']));
write('packages/core/src/undeclared.ts', source(['import { x } from |@switchboard/workers/consumer|;']));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('workspace import check', () => {
  const found = checkWorkspaceImports(root).map((v) => `${v.file} ${v.specifier}`);

  it('catches a relative import into another workspace, static or dynamic', () => {
    expect(found.filter((f) => f.startsWith('workers/src/consumer.ts ../../apps/api/lib/send.service'))).toHaveLength(
      2,
    );
  });

  it('catches an undeclared @switchboard package, and an app imported outside the test kit (tests too)', () => {
    expect(found).toContain('packages/core/src/undeclared.ts @switchboard/workers/consumer');
    expect(found).toContain('workers/src/consumer.ts @switchboard/api/test/harness');
    expect(found).toContain('workers/test/consumer.unit.test.ts @switchboard/api/lib/send.service');
  });

  it('lets declared packages, relative imports at home, the test kit, and unknown packages through', () => {
    expect(found).toHaveLength(5);
  });
});
