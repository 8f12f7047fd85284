// The floor of the benchmark: each scenario as one hand-written SQL statement over `pg`, behind a
// bare node:http handler. Nothing can answer the same data faster than this on the same database.
import { createServer } from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })

/** The French text of a localized column, else the English one. */
const fr = (table: string, column: string, parent: string) =>
  `(SELECT coalesce(max(l.${column}) FILTER (WHERE l._locale = 'fr'), max(l.${column}) FILTER (WHERE l._locale = 'en'))
    FROM ${table}_locales l WHERE l._parent_id = ${parent})`

const names = (path: string, table: string, column: string, field = 'name') =>
  `(SELECT coalesce(jsonb_agg(${fr(table, field, `rr.${column}`)} ORDER BY rr."order"), '[]') FROM resources_rels rr
    WHERE rr.parent_id = r.id AND rr.path = '${path}')`

const languages = `(SELECT coalesce(jsonb_agg(DISTINCT z.code), '[]') FROM (
  SELECT v.value::text AS code FROM resources_languages v WHERE v.parent_id = r.id
  UNION SELECT t.language::text FROM translations t WHERE t.resource_id = r.id AND t._status = 'published') z)`

const resourceCard = `jsonb_build_object('id', r.id, 'slug', r.slug, 'publicationDate', r.publication_date,
  'title', ${fr('resources', 'title', 'r.id')}, 'summary', ${fr('resources', 'summary', 'r.id')},
  'workingGroups', ${names('workingGroups', 'working_groups', 'working_groups_id')},
  'topics', ${names('topics', 'topics', 'topics_id')}, 'publishers', ${names('publishers', 'organisations', 'organisations_id')},
  'availableLanguages', ${languages})`

const SQL: Record<string, string> = {
  // (a) 20 newest resources with groups, topics, publishers and languages, French then English.
  listing: `SELECT coalesce(jsonb_agg(x.card), '[]') AS json FROM (SELECT ${resourceCard} AS card FROM resources r
    WHERE r._status = 'published' ORDER BY coalesce(r.publication_date, '-infinity') DESC, r.id DESC LIMIT 20) x`,
  // (b) one resource by slug with what a detail page shows.
  detail: `SELECT ${resourceCard} || jsonb_build_object(
      'themes', ${names('themes', 'themes', 'themes_id')}, 'audiences', ${names('audiences', 'audiences', 'audiences_id')},
      'standards', ${names('standards', 'standards', 'standards_id', 'title')},
      'countries', (SELECT coalesce(jsonb_agg(c.value), '[]') FROM resources_countries c WHERE c.parent_id = r.id),
      'translations', (SELECT coalesce(jsonb_agg(jsonb_build_object('language', t.language, 'title', t.title, 'url', t.url)), '[]')
        FROM translations t WHERE t.resource_id = r.id AND t._status = 'published')) AS json
    FROM resources r WHERE r.slug = $1 AND r._status = 'published'`,
  // (c) upcoming webinars of one working group.
  webinars: `SELECT coalesce(jsonb_agg(x.w ORDER BY x.starts_at), '[]') AS json FROM (
    SELECT e.starts_at, jsonb_build_object('slug', e.slug, 'title', ${fr('events', 'title', 'e.id')}, 'startsAt', e.starts_at,
      'durationMinutes', e.duration_minutes, 'timeZone', e.startsat_tz) AS w
    FROM events e JOIN events_rels er ON er.parent_id = e.id AND er.path = 'workingGroups'
    JOIN working_groups g ON g.id = er.working_groups_id AND g.slug = $1
    WHERE e._status = 'published' AND e.starts_at >= now() ORDER BY e.starts_at LIMIT 20) x`,
  // (d) resources of one topic with counts per topic of that listing.
  facets: `WITH m AS (SELECT r.id FROM resources r WHERE r._status = 'published' AND EXISTS (
      SELECT 1 FROM resources_rels rr JOIN topics t ON t.id = rr.topics_id WHERE rr.parent_id = r.id AND rr.path = 'topics' AND t.slug = $1))
    SELECT jsonb_build_object(
      'total', (SELECT count(*) FROM m),
      'edges', (SELECT coalesce(jsonb_agg(x.card), '[]') FROM (SELECT ${resourceCard} AS card FROM resources r JOIN m ON m.id = r.id
        ORDER BY coalesce(r.publication_date, '-infinity') DESC, r.id DESC LIMIT 20) x),
      'topics', (SELECT coalesce(jsonb_agg(jsonb_build_object('value', t.slug, 'count', f.n)), '[]') FROM (
        SELECT rr.topics_id, count(DISTINCT m.id) AS n FROM m JOIN resources_rels rr ON rr.parent_id = m.id AND rr.path = 'topics'
        GROUP BY rr.topics_id) f JOIN topics t ON t.id = f.topics_id)) AS json`,
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor')
  const sql = SQL[url.pathname.slice(1)]
  if (!sql) {
    res.writeHead(404).end()
    return
  }
  const param = url.searchParams.get('p')
  pool
    .query<{ json: unknown }>(sql, param === null ? [] : [param])
    .then(({ rows }) => {
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ data: rows[0]?.json ?? null }))
    })
    .catch((error: Error) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(error.message)
    })
})

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor ready'))
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
