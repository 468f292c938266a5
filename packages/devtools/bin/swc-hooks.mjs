// ESM loader hooks: run TypeScript sources directly with SWC.
// Why SWC and not tsx/esbuild: NestJS dependency injection needs emitDecoratorMetadata, which esbuild does not emit.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from '@swc/core';

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

export async function resolve(specifier, context, next) {
  if ((specifier.startsWith('.') || specifier.startsWith('/')) && context.parentURL) {
    const fixed = candidate(new URL(specifier, context.parentURL).href);
    if (fixed) return { url: fixed, shortCircuit: true, format: 'module' };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!TS.test(url) || url.includes('/node_modules/')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'es6' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: url.endsWith('x'), decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  });
  return { format: 'module', source: code, shortCircuit: true };
}
