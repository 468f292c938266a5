import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTestArgs } from '../src/cli/test';
import { REPO_ROOT } from '../src/services';
import { TIER_OF_FILE, TIERS } from '../src/tiers';

const SKIP = new Set(['node_modules', '.next', '.git', '.data', 'generated']);

function testFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) testFiles(path, out);
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(relative(REPO_ROOT, path));
  }
  return out;
}

describe('test tiers', () => {
  it('every test file names its tier, so `npm test -- --tier <name>` finds it', () => {
    const files = ['apps', 'workers', 'packages', 'prisma'].flatMap((d) => testFiles(join(REPO_ROOT, d)));
    expect(files.length).toBeGreaterThan(80);
    expect(files.filter((f) => !TIER_OF_FILE.test(f))).toEqual([]);
  });

  it('vitest declares one project per tier', () => {
    const config = readFileSync(join(REPO_ROOT, 'vitest.config.ts'), 'utf8');
    expect(config).toContain(`const TIERS = [${TIERS.map((t) => `'${t}'`).join(', ')}] as const;`);
  });

  it('npm test takes --tier and passes everything else to vitest', () => {
    expect(parseTestArgs(['--tier', 'unit', 'apps/api'])).toEqual({ tiers: ['unit'], vitest: ['apps/api'] });
    expect(parseTestArgs(['--tier=e2e', '-t', 'x'])).toEqual({ tiers: ['e2e'], vitest: ['-t', 'x'] });
    expect(() => parseTestArgs(['--tier', 'slow'])).toThrow(/unit, integration, e2e/);
  });
});
