// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), so migrations need no downloaded binary.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { parse } from 'pg-connection-string';

export type { SchemaEngine };

// Our tsconfig has no "dom" lib and @types/node 20 does not declare WebAssembly: the one call we make.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
};

let ready: Promise<void> | undefined;

// The package's ESM entry imports the .wasm file directly, which Node refuses: instantiate it by hand instead.
function initWasm(): Promise<void> {
  ready ??= (async () => {
    // The .wasm is not in the package's exports map: locate it beside the exported glue module.
    const glue = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const path = glue.replace(/\.js$/, '.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(path), { './schema_engine_bg.js': bindings });
    const exports = instance.exports as unknown as { __wbindgen_start(): void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return ready;
}

// The engine reads pg_catalog columns of Postgres' one-byte type "char" (oid 18), which @prisma/adapter-pg does not
// map ("Column type 'char' could not be deserialized"), so introspection and shadow-database diffs failed. pg already
// returns those values as strings, so presenting the column as text (oid 25) is lossless. Done in the pg Client,
// below the adapter, so pooled queries (callback style) and transactions (promise style) both get it.
function charAsText(result: pg.QueryResult | undefined) {
  for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
  return result;
}

class CharAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; we only post-process its result.
  override query(...args: any[]): any {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (err: Error | null, res: pg.QueryResult) => callback(err, charAsText(res));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const ret = (super.query as (...a: any[]) => any)(...args);
    return ret instanceof Promise ? ret.then(charAsText) : ret;
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

// @prisma/adapter-pg 7.10 runs a script by splitting it at every ";", which breaks on semicolons in strings, function
// bodies and DO blocks. Send it whole, as Prisma's native engine does. Postgres runs a multi-statement simple query
// as one implicit transaction, so a failing migration also leaves nothing half-applied.
function sendScriptsWhole(adapter: PgAdapter): PgAdapter {
  const onError = (adapter as unknown as { onError(err: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script) => {
    await (adapter.underlyingDriver() as pg.Pool).query(script).catch(onError); // onError rethrows for the engine
  };
  return adapter;
}

class PgFactory extends PrismaPg {
  constructor(private readonly pool: pg.Pool) {
    super(pool);
  }

  override async connect() {
    return sendScriptsWhole(await super.connect());
  }

  // adapter-pg drops a shadow database while its own pool still holds a connection to it, so the DROP fails and
  // every shadow database leaks. Close that pool first, then drop.
  override async connectToShadowDb() {
    const shadow = sendScriptsWhole(await super.connectToShadowDb());
    const shadowPool = shadow.underlyingDriver() as pg.Pool;
    const { database } = shadowPool.options as pg.PoolConfig;
    shadow.dispose = async () => {
      await shadowPool.end();
      const admin = new pg.Client(this.pool.options as pg.ClientConfig);
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`).finally(() => admin.end());
    };
    return shadow;
  }
}

/**
 * Opens a schema engine on `databaseUrl`, which must exist: the engine connects at once, even for diffs between
 * schema files. Call `close()` when done.
 */
export async function openEngine(databaseUrl: string): Promise<{ engine: SchemaEngine; close(): Promise<void> }> {
  await initWasm();
  // A parsed config, not { connectionString }: the adapter makes its shadow database's pool as { ...config, database },
  // and a connectionString would silently override that `database` and point the "shadow" at the real database.
  const pool = new pg.Pool({ ...(parse(databaseUrl) as pg.PoolConfig), Client: CharAsTextClient });
  pool.on('error', () => {}); // an idle client dropped by the server must not crash the process
  const adapter = bindMigrationAwareSqlAdapterFactory(new PgFactory(pool));
  const log = process.env.DEBUG?.includes('prisma') ? (line: string) => process.stderr.write(`${line}\n`) : () => {};
  const engine = await bindings.SchemaEngine.new({ datamodels: undefined }, log, adapter);
  return {
    engine,
    async close() {
      engine.free();
      await pool.end();
    },
  };
}

/** One line for an operator: engine errors carry a Rust backtrace and pg's connection errors can be nested. */
export function describeError(err: unknown): string {
  const e = err as { message?: string; code?: string; errors?: unknown[] };
  if (!e?.message && e?.errors?.length) return describeError(e.errors[0]); // AggregateError (e.g. localhost v4+v6)
  const text = (e?.message ?? String(err)).split(/\n\s+0: /)[0] ?? '';
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return e?.code && !line.includes(e.code) ? `${line} (${e.code})` : line;
}
