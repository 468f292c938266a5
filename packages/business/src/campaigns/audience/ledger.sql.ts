/**
 * The ledger inserts. Reasons are decided in this order: invalid_number, duplicate (the CSV reader), opted_out (a
 * MARKETING template and a contact who opted out: `$marketing`), missing_variable.
 */

/** One batch of CSV rows: $1 campaign, $2 business, $3..$7 the rows' columns, $8 marketing. */
export const INSERT_CSV_BATCH_SQL = `
INSERT INTO "CampaignRecipient" ("campaignId", "seq", "input", "waId", "variables", "state", "reason")
SELECT $1, r.seq, r.input, r.wa_id, r.vars::jsonb,
       (CASE WHEN x.reason IS NULL THEN 'PENDING' ELSE 'SKIPPED' END)::"CampaignRecipientState", x.reason
FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[]) AS r(seq, input, wa_id, vars, reason)
LEFT JOIN "Contact" c ON c."businessId" = $2 AND c."waId" = r.wa_id
CROSS JOIN LATERAL (SELECT CASE
  WHEN r.reason IN ('invalid_number', 'duplicate') THEN r.reason
  WHEN $8::boolean AND c."optStatus" = 'OPTED_OUT' THEN 'opted_out'
  ELSE r.reason END AS reason) x`;

/**
 * The contacts of business $b with every tag in $t and the attribute pairs $a (jsonb containment), with `v.vars`: the
 * values of the `count` variable names in $n (an attribute, or the contact's wa_id / profile_name), empty ones left
 * out, and `missing`: whether one is left out. The names are unrolled into the statement (one expression each) rather
 * than aggregated per row: on 1,000,000 contacts that is ~10 s less.
 */
const contacts = (b: number, t: number, a: number, n: number, count: number) => {
  const value = (i: number) => `nullif(CASE ($${n}::text[])[${i}]
    WHEN 'wa_id' THEN to_jsonb(c."waId") WHEN 'profile_name' THEN to_jsonb(c."profileName")
    ELSE c."attributes" -> ($${n}::text[])[${i}] END, '""'::jsonb)`;
  const pairs = Array.from({ length: count }, (_, i) => `($${n}::text[])[${i + 1}], ${value(i + 1)}`);
  const vars = count ? `jsonb_strip_nulls(jsonb_build_object(${pairs.join(',\n    ')}))` : 'NULL::jsonb';
  return {
    from: `FROM "Contact" c CROSS JOIN LATERAL (SELECT ${vars} AS vars) v`,
    where: `c."businessId" = $${b} AND c."tags" @> $${t}::text[] AND c."attributes" @> $${a}::jsonb`,
    // With no names $n is still referenced: Postgres must be able to type every parameter.
    missing: count ? `NOT (v.vars ?& $${n}::text[])` : `cardinality($${n}::text[]) < 0`,
  };
};

/**
 * A contact audience in one statement, however large: $1 campaign, $2 business, $3 tags, $4 attributes, $5 the
 * variable names the template uses (`names` of them), $6 marketing. Ordered by wa_id, so `seq` is reproducible.
 */
export function insertContactsSql(names: number): string {
  const audience = contacts(2, 3, 4, 5, names);
  return `
INSERT INTO "CampaignRecipient" ("campaignId", "seq", "input", "waId", "variables", "state", "reason")
SELECT $1, row_number() OVER (ORDER BY c."waId"), c."waId", c."waId", v.vars,
       (CASE WHEN x.reason IS NULL THEN 'PENDING' ELSE 'SKIPPED' END)::"CampaignRecipientState", x.reason
${audience.from}
CROSS JOIN LATERAL (SELECT CASE
  WHEN $6::boolean AND c."optStatus" = 'OPTED_OUT' THEN 'opted_out'
  WHEN ${audience.missing} THEN 'missing_variable' END AS reason) x
WHERE ${audience.where}`;
}

/** $1 business, $2 tags, $3 attributes, $4 names: the first contact having every variable, to validate the template. */
export function firstContactSql(names: number): string {
  const sample = contacts(1, 2, 3, 4, names);
  return `SELECT v.vars ${sample.from} WHERE ${sample.where} AND NOT ${sample.missing} ORDER BY c."waId" LIMIT 1`;
}
