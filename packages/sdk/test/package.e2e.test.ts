import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomNumber } from '@switchboard/testkit/core';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { afterAll, describe, expect, it } from 'vitest';
import { offlineLock } from './package/offline-lock';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '../../..');
const FIXTURES = join(import.meta.dirname, 'package');
const TSC = join(REPO, 'node_modules/.bin/tsc');

// The SDK as an app developer gets it: `npm pack` of the SDK and the protocol package it depends on, installed into an
// empty project outside the repository from the local npm cache (no registry: a lock made from the repository's),
// then used from plain JavaScript (ESM and CommonJS) and type-checked from TypeScript against its declarations.
describe('the SDK as a library: packed, installed outside the repository, used', { timeout: 180_000 }, () => {
  const world = sdkWorld();
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('installs offline from its tarballs and works: messages over the real API, require(), type declarations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-sdk-package-'));
    dirs.push(dir);
    const app = join(dir, 'app');
    await run('npm', ['pack', '--pack-destination', dir, '-w', '@switchboard/protocol', '-w', '@switchboard/sdk'], {
      cwd: REPO,
    });
    const tarballs = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    expect(tarballs.sort()).toEqual(['switchboard-protocol-0.1.0.tgz', 'switchboard-sdk-0.1.0.tgz']);
    const { stdout: listing } = await run('tar', ['-tzf', join(dir, 'switchboard-sdk-0.1.0.tgz')]);
    expect(listing).toContain('package/dist/index.js');
    expect(listing).toContain('package/dist/index.d.ts');
    expect(listing).not.toMatch(/package\/(src|test)\//); // built code only

    mkdirSync(app);
    const lock = offlineLock(
      REPO,
      [
        { path: join(dir, 'switchboard-protocol-0.1.0.tgz'), name: '@switchboard/protocol' },
        { path: join(dir, 'switchboard-sdk-0.1.0.tgz'), name: '@switchboard/sdk' },
      ],
      ['@types/node'],
    );
    const { dependencies, devDependencies } = lock.packages[''];
    const manifest = { name: 'sdk-consumer', private: true, dependencies, devDependencies };
    writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
    for (const f of ['app.mjs', 'app.cjs', 'types.ts', 'tsconfig.json']) copyFileSync(join(FIXTURES, f), join(app, f));
    await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: app });

    const [alice, bob] = [randomNumber(), randomNumber()];
    const { stdout } = await run('node', ['app.mjs', world.api.url, alice, bob], { cwd: app });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      text: 'hello from an installed SDK',
      from: alice,
      sameId: true,
    });
    const usage = await run(join(app, 'node_modules/.bin/switchboard-chat'), [], { cwd: app }).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(usage).toMatchObject({ code: 64, stderr: expect.stringMatching(/^usage: /) }); // the reference client's bin
    const { stdout: required } = await run('node', ['app.cjs'], { cwd: app });
    expect(JSON.parse(required)).toEqual({ messenger: 'function', encodeFrame: 'function' });

    await run(TSC, ['-p', 'tsconfig.json'], { cwd: app }); // throws on a type error
    // Storage values are strings: a number must not compile, so the declarations carry real types (not any).
    writeFileSync(
      join(app, 'types.ts'),
      "import { MemoryStorage } from '@switchboard/sdk';\nnew MemoryStorage().set('k', 42);\n",
    );
    const wrong = await run(TSC, ['-p', 'tsconfig.json'], { cwd: app }).then(
      () => ({ stdout: 'compiled' }),
      (err: { stdout: string }) => err,
    );
    expect(wrong.stdout).toMatch(/types\.ts\(2,\d+\): error TS2345/);
  });
});
