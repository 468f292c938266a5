import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The monorepo root: dependencies are hoisted there, so Turbopack and output tracing must see it.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: {
    root,
    // The SDK and protocol packages build to dist/ only when packed; in the repository their TypeScript sources are the
    // packages (what the `switchboard-source` export condition gives node, vitest and tsc).
    resolveAlias: {
      '@switchboard/sdk': './../../packages/sdk/src/index.ts',
      '@switchboard/protocol': './../../packages/protocol/src/index.ts',
    },
  },
  outputFileTracingRoot: root,
  // The builder draws a step's ways out by the flow definition's own rule (packages/business, TypeScript sources).
  transpilePackages: ['@switchboard/business', '@switchboard/sdk', '@switchboard/protocol'],
  // The builder's simulator phones are SDK devices in this server (lib/flows/simulator): Signal's native library and
  // the SDK's SQLite storage load as Node modules, not bundled.
  serverExternalPackages: ['@signalapp/libsignal-client', 'libsql', 'ws'],
};

export default config;
