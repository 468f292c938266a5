#!/usr/bin/env node
// `npm test`: installs what is missing, then runs the whole suite in a database and Redis key space of its own.
import { enableTypeScript, ensureInstalled, ensureSupportedNode } from './bootstrap.mjs';

ensureSupportedNode();
ensureInstalled();
enableTypeScript();
const { runTests } = await import('../src/cli/test.ts');
process.exitCode = await runTests(process.argv.slice(2));
