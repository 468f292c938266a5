// ESM loader hooks: run TypeScript sources directly with SWC.
// Why SWC and not tsx/esbuild: NestJS dependency injection needs emitDecoratorMetadata, which esbuild does not emit.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Transformed sources are cached on disk by content (source, path, options and SWC's version), so a process whose
// sources were compiled before never loads SWC: its native binding costs ~25 MB of resident memory in every
// Switchboard process, which the worker's memory budget (≤ 300 MB RSS) feels. Delete the folder to clear it.
const require = createRequire(import.meta.url);
const CACHE_DIR = join(dirname(require.resolve('@swc/core/package.json')), '..', '..', '.cache', 'switchboard-swc');
const SWC_VERSION = JSON.parse(readFileSync(require.resolve('@swc/core/package.json'), 'utf8')).version;
let swc;

const TS = /\.(ts|tsx|mts)$/;

function candidate(url) {
  if (!url.startsWith('file:')) return null;
  const path = fileURLToPath(url);
  if (existsSync(path) && statSync(path).isFile()) return null;
  for (const ext of ['.ts', '.tsx', '/index.ts']) {
    if (existsSync(path + ext)) return pathToFileURL(path + ext).href;
  }
  if (path.endsWith('.js') && existsSync(`${path.slice(0, -3)}.ts`))
    return pathToFileURL(`${path.slice(0, -3)}.ts`).href;
  return null;
}

// Publishable workspace packages (packages/sdk, packages/protocol) export their built dist/ to installers and their
// TypeScript sources under this condition, which the repository's tools (this loader, tsc, vitest) ask for.
const SOURCE_CONDITION = 'switchboard-source';

export async function resolve(specifier, context, next) {
  if ((specifier.startsWith('.') || specifier.startsWith('/')) && context.parentURL) {
    const fixed = candidate(new URL(specifier, context.parentURL).href);
    if (fixed) return { url: fixed, shortCircuit: true, format: 'module' };
  }
  return next(specifier, { ...context, conditions: [SOURCE_CONDITION, ...(context.conditions ?? [])] });
}

export async function load(url, context, next) {
  if (!TS.test(url) || url.includes('/node_modules/')) return next(url, context);
  const filename = fileURLToPath(url);
  const source = readFileSync(filename, 'utf8');
  const options = {
    filename,
    sourceMaps: 'inline',
    module: { type: 'es6' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: url.endsWith('x'), decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  };
  const key = createHash('sha256')
    .update(`${SWC_VERSION}\0${JSON.stringify(options)}\0${source}`)
    .digest('hex');
  const cached = join(CACHE_DIR, key.slice(0, 2), `${key}.js`);
  if (existsSync(cached)) return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, options);
  try {
    // Written aside and renamed, so a process reading it never sees half a file.
    mkdirSync(dirname(cached), { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A read-only install still runs; it compiles every time.
  }
  return { format: 'module', source: code, shortCircuit: true };
}
