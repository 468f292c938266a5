import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** A workspace: its folder (relative to the root, "" for the root itself), its package name and what it declares. */
export interface Workspace {
  dir: string;
  name: string;
  declared: Set<string>;
}

export interface ImportViolation {
  file: string;
  specifier: string;
  reason: string;
}

const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SKIP_DIRS = new Set(['node_modules', '.next', 'generated', '.git', '.data', '.cache']);
// Static imports and re-exports, dynamic import(), vi.mock() and require(): every way a file names another module.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bvi\.mock\(\s*|\brequire\(\s*)['"]([^'"\n]+)['"]/g;
/** Apps are processes, not libraries: only the test kit, which starts them in tests, may import their files. */
const APPS = new Set(['@switchboard/api', '@switchboard/workers', '@switchboard/dashboard']);
const TEST_KIT = '@switchboard/testkit';

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function workspaceOf(root: string, dir: string): Workspace {
  const pkg = readJson(join(root, dir, 'package.json'));
  const declared = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const name of Object.keys((pkg[field] as Record<string, string> | undefined) ?? {})) declared.add(name);
  }
  return { dir, name: String(pkg.name), declared };
}

/** The root's npm workspaces (globs of the form `dir/*` or a plain folder) plus the root itself. */
export function listWorkspaces(root: string): Workspace[] {
  const patterns = (readJson(join(root, 'package.json')).workspaces as string[] | undefined) ?? [];
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (!pattern.endsWith('/*')) {
      if (existsSync(join(root, pattern, 'package.json'))) dirs.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    for (const entry of readdirSync(join(root, parent))) {
      if (existsSync(join(root, parent, entry, 'package.json'))) dirs.push(`${parent}/${entry}`);
    }
  }
  return [workspaceOf(root, ''), ...dirs.map((d) => workspaceOf(root, d))];
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

/** The workspace a root-relative path belongs to: the longest workspace folder that contains it. */
function owner(workspaces: Workspace[], path: string): Workspace {
  let best = workspaces[0]!;
  for (const w of workspaces) {
    if (w.dir && (path === w.dir || path.startsWith(`${w.dir}/`)) && w.dir.length > best.dir.length) best = w;
  }
  return best;
}

/**
 * Every import that crosses a workspace boundary the wrong way: a relative path that leaves its workspace (use the
 * other workspace's package name), a `@switchboard/*` package the workspace's package.json does not declare, or an
 * app's files imported from anywhere but the test kit.
 */
export function checkWorkspaceImports(rootDir: string): ImportViolation[] {
  const root = resolve(rootDir);
  const workspaces = listWorkspaces(root);
  const names = new Set(workspaces.map((w) => w.name));
  const violations: ImportViolation[] = [];
  const files = [
    ...readdirSync(root)
      .filter((f) => SOURCE.test(f) && statSync(join(root, f)).isFile())
      .map((f) => join(root, f)),
    ...workspaces.filter((w) => w.dir).flatMap((w) => sourceFiles(join(root, w.dir))),
  ];
  for (const abs of files) {
    const file = relative(root, abs).split(sep).join('/');
    const home = owner(workspaces, file);
    const text = readFileSync(abs, 'utf8');
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) {
        const target = relative(root, resolve(dirname(abs), specifier))
          .split(sep)
          .join('/');
        const there = owner(workspaces, target);
        if (there !== home || target.startsWith('..')) {
          const to = there.dir ? `${there.name} (${there.dir})` : 'outside any workspace';
          violations.push({ file, specifier, reason: `relative import leaves ${home.dir || 'the root'} for ${to}` });
        }
        continue;
      }
      const pkg = specifier.match(/^@switchboard\/[^/]+/)?.[0];
      if (!pkg || pkg === home.name || !names.has(pkg)) continue;
      if (!home.declared.has(pkg)) {
        violations.push({ file, specifier, reason: `${pkg} is not declared in ${home.dir || '.'}/package.json` });
      } else if (APPS.has(pkg) && home.name !== TEST_KIT) {
        violations.push({ file, specifier, reason: `${pkg} is an app: only ${TEST_KIT} may import its files` });
      }
    }
  }
  return violations;
}
