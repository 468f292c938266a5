// A package-lock.json for an empty project that installs the packed SDK, made from the repository's own lock: with it,
// `npm ci --offline` takes every dependency from the local npm cache (filled when the repository was installed), so
// the install needs no registry. Without a lock npm would ask the registry for each package's metadata.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/**
 * `tarballs`: the packed workspace packages (path, name), installed as dependencies; `devDependencies`: packages of the
 * repository's own install the project also gets (at the repository's versions), e.g. @types/node for a TypeScript app.
 */
export function offlineLock(
  repoRoot: string,
  tarballs: { path: string; name: string }[],
  devDependencies: string[] = [],
) {
  const repo = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')).packages as Record<
    string,
    LockEntry
  >;
  const packages: Record<string, LockEntry> = {};
  const rootDeps: Record<string, string> = {};
  const pending: { from: string; deps: Record<string, string> }[] = [];
  for (const { path, name } of tarballs) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, workspaceOf(repo, name), 'package.json'), 'utf8'));
    const spec = `file:${path}`;
    rootDeps[name] = spec;
    packages[`node_modules/${name}`] = {
      version: manifest.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(readFileSync(path)).digest('base64')}`,
      license: manifest.license,
      dependencies: manifest.dependencies,
      engines: manifest.engines,
      ...(manifest.bin && { bin: manifest.bin }), // npm ci links commands from the lock's entries
    };
  }
  for (const { name } of tarballs) {
    const deps = packages[`node_modules/${name}`]?.dependencies ?? {};
    pending.push({ from: `node_modules/${name}`, deps: omit(deps, rootDeps) });
  }
  const rootDevDeps = Object.fromEntries(devDependencies.map((d) => [d, repo[`node_modules/${d}`]?.version ?? '*']));
  pending.push({ from: '', deps: rootDevDeps });
  // npm's lookup: a dependency of the package at `from` is the nearest node_modules/<dep> up its path.
  while (pending.length > 0) {
    const { from, deps } = pending.pop()!;
    for (const dep of Object.keys(deps)) {
      const at = nearest(repo, from, dep);
      if (!at || packages[at]) continue;
      const entry = repo[at]!;
      // The repository's own dev/peer flags say nothing about this project.
      const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
      packages[at] = from === '' ? { ...kept, dev: true } : kept;
      pending.push({ from: at, deps: { ...entry.dependencies, ...entry.optionalDependencies } });
    }
  }
  return {
    name: 'sdk-consumer',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'sdk-consumer', dependencies: rootDeps, devDependencies: rootDevDeps }, ...packages },
  };
}

function workspaceOf(repo: Record<string, LockEntry>, name: string): string {
  const link = repo[`node_modules/${name}`];
  if (typeof link?.resolved !== 'string') throw new Error(`${name} is not a workspace package of this repository`);
  return link.resolved;
}

function nearest(repo: Record<string, LockEntry>, from: string, dep: string): string | undefined {
  const parts = from === '' ? [] : from.split('/node_modules/');
  for (let i = parts.length; i > 0; i--) {
    const at = `${parts.slice(0, i).join('/node_modules/')}/node_modules/${dep}`;
    if (repo[at]) return at;
  }
  return repo[`node_modules/${dep}`] ? `node_modules/${dep}` : undefined;
}

const omit = (deps: Record<string, string>, names: Record<string, string>) =>
  Object.fromEntries(Object.entries(deps).filter(([d]) => !(d in names)));
