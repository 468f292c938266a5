import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem, satisfiesRange } from '../bin/node-engines.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
const promised: string = readJson('package.json').engines.node;
/** The oldest Node the project promises: the version its "engines" range starts at. */
const oldest = /^>=\s*(\d+\.\d+(?:\.\d+)?)$/.exec(promised)?.[1];

// Packages that ask for a newer Node but are never loaded by Switchboard, with the reason. Anything else asking for more
// than the project promises is a dependency to pin lower (root package.json "overrides").
const NEVER_LOADED: Record<string, string> = {
  '@prisma/streams-local':
    "imported only by `prisma dev` (Prisma's local database server), which the project never runs",
};

describe('Node engine ranges', () => {
  it.each([
    ['20.20.2', '>=20.19', true],
    ['20.18.3', '>=20.19', false],
    ['20.19.0', '^20.19 || ^22.12 || >=24.0', true],
    ['21.7.0', '^20.19 || ^22.12 || >=24.0', false],
    ['20.20.2', '>=22.12.0 || >=20.19.0 <21.0.0', true],
    ['20.20.2', '>= 20', true],
    ['20.20.2', '10.* || >= 12.*', true],
    ['20.20.2', '^20.9.0', true],
    ['22.1.0', '^20.9.0', false],
    ['20.20.2', '>=22', false],
    ['20.20.2', '~20.19', false],
    ['20.20.2', '*', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfiesRange(version, range)).toBe(expected);
  });

  it('npm start and npm test refuse an older Node with one line naming both versions', () => {
    expect(nodeVersionProblem('>=20.19', '20.20.2')).toBeNull();
    expect(nodeVersionProblem('>=20.19', '18.19.1')).toMatch(/Node\.js 18\.19\.1 is not supported.*>=20\.19/);
  });

  it('every locked dependency runs on the oldest Node the project promises', () => {
    expect(oldest, `engines.node "${promised}" should be a plain ">=x.y" floor`).toBeDefined();
    const lock = readJson('package-lock.json') as { packages: Record<string, { engines?: unknown; version?: string }> };
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const node = (entry.engines as { node?: string } | undefined)?.node;
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      if (!node || NEVER_LOADED[name] || satisfiesRange(oldest as string, node)) continue;
      refusing.push(`${name}@${entry.version} wants node ${node}`);
    }
    expect(refusing).toEqual([]);
  });
});
