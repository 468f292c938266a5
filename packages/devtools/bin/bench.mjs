#!/usr/bin/env node
// `npm run bench -- <suite> …` (`node bench.mjs packages/bench/src/cli.ts <suite> …`): installs what is missing and
// generates the Prisma client, which the suites' in-process API and workers import, then runs the benchmark CLI.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { enableTypeScript, ensureInstalled, ensureSupportedNode } from './bootstrap.mjs';

ensureSupportedNode();
ensureInstalled();
enableTypeScript();
const { generateClient } = await import('@switchboard/prisma/scripts/generate');
if (await generateClient()) process.stderr.write('bench: generated the Prisma client\n');
process.argv.splice(1, 1); // so the CLI sees its own path as argv[1] and the suite from argv[2] on
await import(pathToFileURL(resolve(process.argv[1])).href);
