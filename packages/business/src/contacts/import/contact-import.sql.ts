/**
 * One batch of imported contacts: created when new, else merged — a profile name given replaces the stored one,
 * tags are added to the stored ones (each once), attributes given replace those keys only. Opt status, window and
 * history are never touched by an import. $1 businessId; $2 wa_ids, $3 profile names (null: keep), $4 tags (a JSON
 * array per row), $5 attributes (a JSON object per row). Answers one row per contact: whether it was created.
 */
export const IMPORT_CONTACTS_SQL = `
INSERT INTO "Contact" AS c ("businessId", "waId", "profileName", "tags", "attributes", "updatedAt")
SELECT $1::text, r.w, r.n,
       ARRAY(SELECT jsonb_array_elements_text(r.t::jsonb)), r.a::jsonb, now() AT TIME ZONE 'UTC'
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS r(w, n, t, a)
ON CONFLICT ("businessId", "waId") DO UPDATE SET
  "profileName" = COALESCE(EXCLUDED."profileName", c."profileName"),
  "tags" = ARRAY(SELECT DISTINCT x FROM unnest(c."tags" || EXCLUDED."tags") AS x ORDER BY x),
  "attributes" = c."attributes" || EXCLUDED."attributes",
  "updatedAt" = now() AT TIME ZONE 'UTC'
RETURNING (xmax = 0) AS created`;
