import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The monorepo root: dependencies are hoisted there, so Turbopack and output tracing must see it.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
  // The builder draws a step's ways out by the flow definition's own rule (packages/business, TypeScript sources).
  transpilePackages: ['@switchboard/business'],
};

export default config;
