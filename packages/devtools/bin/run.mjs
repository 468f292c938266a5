#!/usr/bin/env node
// Runs a TypeScript entry point: `node run.mjs path/to/file.ts [args...]`.
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

register('./swc-hooks.mjs', import.meta.url);
process.argv.splice(1, 1); // so the entry sees its own path as argv[1]
await import(pathToFileURL(resolve(process.argv[1])).href);
