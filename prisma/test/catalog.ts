// Reads a database's schema from pg_catalog as flat "kind name" -> "definition" entries, so two databases can be
// compared without Prisma (whose own reading of the schema is what we are checking). _prisma_migrations is left out.
import pg from 'pg';

export type Catalog = Record<string, string>;

const userRelation = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  AND c.relname <> '_prisma_migrations' AND c.relname NOT LIKE '\\_prisma\\_migrations\\_%'`;

const queries: Record<string, string> = {
  table: `SELECT n.nspname || '.' || c.relname AS name, c.relkind::text AS def
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${userRelation}`,
  column: `SELECT n.nspname || '.' || c.relname || '.' || a.attname AS name,
      concat_ws(' ', format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 'not null' END,
        'default ' || pg_get_expr(d.adbin, d.adrelid), nullif('identity ' || a.attidentity::text, 'identity '),
        nullif('generated ' || a.attgenerated::text, 'generated '), 'collate ' || nullif(co.collname, 'default')) AS def
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${userRelation}`,
  constraint: `SELECT n.nspname || '.' || c.relname || '.' || k.conname AS name, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${userRelation}`,
  index: `SELECT n.nspname || '.' || c.relname AS name, pg_get_indexdef(c.oid) AS def
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${userRelation}`,
  enum: `SELECT n.nspname || '.' || t.typname AS name, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS def
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    GROUP BY n.nspname, t.typname`,
  sequence: `SELECT schemaname || '.' || sequencename AS name,
      concat_ws(' ', data_type, start_value, increment_by, min_value, max_value, cycle) AS def FROM pg_sequences`,
  extension: `SELECT extname AS name, extversion AS def FROM pg_extension WHERE extname <> 'plpgsql'`,
};

export async function readCatalog(databaseUrl: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const catalog: Catalog = {};
    for (const [kind, sql] of Object.entries(queries)) {
      for (const row of (await client.query(sql)).rows) catalog[`${kind} ${row.name}`] = row.def;
    }
    return catalog;
  } finally {
    await client.end();
  }
}

/** One line per entry that is missing from one side or defined differently; empty when the catalogs match. */
export function catalogDifferences(a: Catalog, b: Catalog): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((name) => a[name] !== b[name])
    .map((name) => `${name}: ${a[name] ?? '(missing)'}  vs  ${b[name] ?? '(missing)'}`);
}
