import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/** A path a document names that is not in the repository. */
export interface MissingPath {
  doc: string;
  line: number;
  path: string;
}

// The documents a reader follows into the code: their paths must lead somewhere.
const DOCS = ['README.md', 'ARCHITECTURE.md'];
const DOCS_DIR = 'docs';
/** A repo-relative path starts in one of these folders, or is one of the root's own files. */
const TOP = /^(apps|workers|packages|prisma|docs|\.ci)\//;
const ROOT_FILE = /^[\w.-]+\.(md|json|yaml|yml|ts)$|^Dockerfile$/;
/** A bare file name (`device-session.ts`): it must exist somewhere in the repository. */
const FILE_NAME = /^[\w.-]+\.(ts|tsx|mts|mjs|prisma|md)$/;
/** Where a path stops being literal: globs, placeholders, elisions. Everything before it must exist. */
const WILDCARD = /[*<>…]|\.\.\.|\$\{/;
const SKIP_DIRS = new Set(['node_modules', '.git', '.next', '.data', 'generated']);

/** `{a,b}` and `a|b` alternatives (as in `src/{core,business}` or `core/gateway|messaging/`) as separate paths. */
function expand(path: string): string[] {
  const brace = /\{([^{}]*)\}/.exec(path);
  if (brace) {
    const [whole, inner] = brace;
    return inner!.split(',').flatMap((alt) => expand(path.replace(whole, alt)));
  }
  const segments = path.split('/');
  const at = segments.findIndex((s) => s.includes('|'));
  if (at < 0) return [path];
  return segments[at]!.split('|').flatMap((alt) =>
    expand([...segments.slice(0, at), alt, ...segments.slice(at + 1)].join('/')),
  );
}

/** The literal part of a path: up to the last `/` before a wildcard, or the whole path. */
function literalPart(path: string): string {
  const wild = WILDCARD.exec(path);
  if (!wild) return path;
  return path.slice(0, path.lastIndexOf('/', wild.index) + 1);
}

/** Backticked spans and link targets of one line, each as the candidate tokens it holds. */
function candidates(line: string): { token: string; link: boolean }[] {
  const out: { token: string; link: boolean }[] = [];
  for (const m of line.matchAll(/`([^`]+)`/g)) {
    for (const token of m[1]!.split(/\s+/)) out.push({ token, link: false });
  }
  for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) out.push({ token: m[1]!, link: true });
  return out;
}

/** Cleans a token into a path to check (undefined when it is not a path of this repository). */
function asPath(token: string, link: boolean, docDir: string): string | undefined {
  if (/^[a-z]+:/i.test(token) || token.startsWith('#')) return undefined; // URLs, mailto:, anchors
  let path = token
    .replace(/#.*$/, '')
    .replace(/^["'(]+|["'),;:.]+$/g, '')
    .replace(/:\d+$/, '');
  if (path.startsWith('./')) path = path.slice(2);
  if (link) {
    // A link is relative to its document; a root-relative result is then checked like any other path.
    path = posix.normalize(posix.join(docDir, path));
    return path.startsWith('..') ? path : path || undefined;
  }
  if (path.startsWith('../')) return path; // leaves the repository: reported as missing, whatever is there
  if (TOP.test(path) || (ROOT_FILE.test(path) && !path.includes('/'))) return path;
  return undefined;
}

function allFileNames(root: string, dir = '', out = new Set<string>()): Set<string> {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    if (entry.isDirectory()) allFileNames(root, join(dir, entry.name), out);
    else out.add(entry.name);
  }
  return out;
}

/** The documents checked: README.md, ARCHITECTURE.md and docs/*.md, as repo-relative paths. */
export function documents(root: string): string[] {
  const inDocs = existsSync(join(root, DOCS_DIR))
    ? readdirSync(join(root, DOCS_DIR))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `${DOCS_DIR}/${f}`)
    : [];
  return [...DOCS.filter((d) => existsSync(join(root, d))), ...inDocs];
}

/**
 * Every repository path the documents name (in backticks or as a link) that does not exist: `packages/x/y.ts`, a folder,
 * a root file, a bare file name that is nowhere in the repository, or a link that leaves the repository. Globs and
 * placeholders (`*`, `<name>`, `…`) are checked up to their literal prefix; URLs are not paths.
 */
export function missingDocPaths(root: string, docs = documents(root)): MissingPath[] {
  const names = allFileNames(root);
  const missing: MissingPath[] = [];
  for (const doc of docs) {
    const lines = readFileSync(join(root, doc), 'utf8').split('\n');
    let fenced = false;
    lines.forEach((text, i) => {
      if (text.trimStart().startsWith('```')) fenced = !fenced;
      if (fenced) return; // code blocks: commands and sample output, not references
      for (const { token, link } of candidates(text)) {
        if (!link && FILE_NAME.test(token)) {
          if (!names.has(token)) missing.push({ doc, line: i + 1, path: token });
          continue;
        }
        const path = asPath(token, link, dirname(doc));
        if (!path) continue;
        for (const one of expand(path)) {
          const literal = literalPart(one);
          const seen = missing.some((m) => m.doc === doc && m.line === i + 1 && m.path === one);
          if (!seen && (one.startsWith('..') || (literal && !existsSync(join(root, literal))))) {
            missing.push({ doc, line: i + 1, path: one });
          }
        }
      }
    });
  }
  return missing;
}
