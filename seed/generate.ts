// Volume data for benchmarks: N realistic resources in 4 locales, with their relations, language
// editions and (one in ten) a webinar, linked to the real groups and taxonomies of the seed.
// Written with set-based SQL in batches (100,000 resources take well under two minutes), the same
// N always gives the same records, and what exists already is skipped.
import type { Payload } from 'payload'
import type pg from 'pg'

const BATCH = 5000

const SUBJECTS = {
  en: [
    'case management in refugee settings',
    'child protection in COVID-19 responses',
    'unaccompanied and separated children',
    'community-level child protection',
    'psychosocial support for adolescents',
    'cash assistance and child protection',
    'children associated with armed forces',
    'child labour in displacement',
  ],
  fr: [
    'la gestion de cas en contexte de réfugiés',
    'la protection de l’enfance face à la COVID-19',
    'les enfants non accompagnés et séparés',
    'la protection de l’enfance au niveau communautaire',
    'le soutien psychosocial des adolescents',
    'les transferts monétaires et la protection de l’enfance',
    'les enfants associés aux forces armées',
    'le travail des enfants en situation de déplacement',
  ],
  es: [
    'la gestión de casos en contextos de refugio',
    'la protección de la niñez ante la COVID-19',
    'los niños no acompañados y separados',
    'la protección comunitaria de la niñez',
    'el apoyo psicosocial a adolescentes',
    'las transferencias monetarias y la protección de la niñez',
    'los niños vinculados a fuerzas armadas',
    'el trabajo infantil en el desplazamiento',
  ],
  ar: [
    'إدارة الحالات في سياقات اللجوء',
    'حماية الطفل في الاستجابة لجائحة كوفيد-19',
    'الأطفال غير المصحوبين والمنفصلين عن ذويهم',
    'حماية الطفل على مستوى المجتمع المحلي',
    'الدعم النفسي والاجتماعي للمراهقين',
    'المساعدات النقدية وحماية الطفل',
    'الأطفال المرتبطون بالقوات المسلحة',
    'عمل الأطفال في سياق النزوح',
  ],
}
const KINDS = {
  en: ['Guidance on', 'Toolkit for', 'Case study:', 'Lessons from', 'Brief on'],
  fr: ['Orientations sur', 'Boîte à outils pour', 'Étude de cas :', 'Leçons tirées de', 'Note sur'],
  es: [
    'Orientaciones sobre',
    'Caja de herramientas para',
    'Estudio de caso:',
    'Lecciones de',
    'Nota sobre',
  ],
  ar: ['إرشادات حول', 'مجموعة أدوات من أجل', 'دراسة حالة:', 'دروس مستفادة من', 'موجز حول'],
}
const PLACES = [
  'Bangladesh',
  'Syria',
  'South Sudan',
  'Colombia',
  'Yemen',
  'Ukraine',
  'Nigeria',
  'Iraq',
]
const EDITION_LANGUAGES = ['fr', 'es', 'ar', 'pt', 'ru', 'zh', 'tr', 'pl']

type Progress = (done: number, total: number) => void

const ids = async (db: pg.PoolClient, table: string) =>
  (await db.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).rows.map((r) => r.id)

/** `($n::text[])[1 + i % cardinality]`: the i-th value of an array parameter, cycling. */
const nth = (param: string, i = 'i', offset = 0) =>
  `(${param})[1 + (${i} + ${offset}) % cardinality(${param})]`

/** The ids the volume links to: the seed's groups, taxonomies and organisations. */
const linkedIds = async (db: pg.PoolClient) => {
  const [groups, topics, themes, audiences, organisations, standards, types] = [
    await ids(db, 'working_groups'),
    await ids(db, 'topics'),
    await ids(db, 'themes'),
    await ids(db, 'audiences'),
    await ids(db, 'organisations'),
    await ids(db, 'standards'),
    await ids(db, 'publication_types'),
  ]
  if (!groups.length || !topics.length || !types.length) {
    throw new Error('Run the seed first: the volume links to its groups and taxonomies.')
  }
  return { groups, topics, themes, audiences, organisations, standards, types }
}
type Linked = Awaited<ReturnType<typeof linkedIds>>

/** The resources a batch created: their ids and numbers, parameters $1 and $2 of `ROWS`. */
type Batch = { newIds: number[]; numbers: number[] }
const ROWS = `unnest($1::int[], $2::int[]) AS r(id, i)`

export const generateVolume = async (payload: Payload, count: number, onProgress?: Progress) => {
  const pool = (payload.db as unknown as { pool: pg.Pool }).pool
  const db = await pool.connect()
  let created = 0
  try {
    const linked = await linkedIds(db)
    for (let start = 1; start <= count; start += BATCH) {
      const end = Math.min(count, start + BATCH - 1)
      await db.query('BEGIN')
      const batch = await insertResources(db, start, end, linked)
      if (batch.newIds.length) {
        await insertTexts(db, batch)
        await insertRelations(db, batch, linked)
        await db.query(
          `INSERT INTO resources_languages ("order", parent_id, value) SELECT 1, r.id, 'en' FROM ${ROWS}`,
          [batch.newIds, batch.numbers],
        )
        await insertEditions(db, batch)
        await insertWebinars(db, batch, linked)
      }
      await db.query('COMMIT')
      created += batch.newIds.length
      onProgress?.(end, count)
    }
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    db.release()
  }
  return { created, kept: count - created }
}

/** Resources `start` to `end` that do not exist yet. */
const insertResources = async (db: pg.PoolClient, start: number, end: number, linked: Linked) => {
  const inserted = await db.query<{ id: number; i: number }>(
    `INSERT INTO resources (slug, publication_type_id, publication_date, date_precision, _status)
     SELECT 'generated-resource-' || lpad(i::text, 6, '0'), ${nth('$3::int[]')},
            make_date(2015 + i % 10, 1 + i % 12, 1 + i % 28), 'day', 'published'
     FROM generate_series($1::int, $2::int) i
     ON CONFLICT (slug) DO NOTHING
     RETURNING id, substring(slug FROM 20)::int AS i`,
    [start, end, linked.types],
  )
  return { newIds: inserted.rows.map((r) => r.id), numbers: inserted.rows.map((r) => r.i) }
}

/** Titles in the four locales; summaries in English and French. */
const insertTexts = async (db: pg.PoolClient, { newIds, numbers }: Batch) => {
  const title = (k: number, s: number) =>
    `${nth(`$${k}::text[]`, 'r.i')} || ' ' || ${nth(`$${s}::text[]`, 'r.i', 3)} || ' (' || ${nth('$11::text[]', 'r.i', 5)} || ', ' || (2015 + r.i % 10) || ')'`
  await db.query(
    `INSERT INTO resources_locales (title, summary, _locale, _parent_id)
     SELECT ${title(3, 4)}, 'A practical resource on ' || ${nth('$4::text[]', 'r.i', 3)} || ', drawing on programmes in ' || ${nth('$11::text[]', 'r.i', 5)} || '.', 'en'::_locales, r.id FROM ${ROWS}
     UNION ALL SELECT ${title(5, 6)}, 'Une ressource pratique sur ' || ${nth('$6::text[]', 'r.i', 3)} || '.', 'fr'::_locales, r.id FROM ${ROWS}
     UNION ALL SELECT ${title(7, 8)}, NULL, 'es'::_locales, r.id FROM ${ROWS}
     UNION ALL SELECT ${title(9, 10)}, NULL, 'ar'::_locales, r.id FROM ${ROWS}`,
    [
      newIds,
      numbers,
      KINDS.en,
      SUBJECTS.en,
      KINDS.fr,
      SUBJECTS.fr,
      KINDS.es,
      SUBJECTS.es,
      KINDS.ar,
      SUBJECTS.ar,
      PLACES,
    ],
  )
}

/** Publishers, a group, two topics, a theme, an audience and two standards each. */
const insertRelations = async (db: pg.PoolClient, { newIds, numbers }: Batch, linked: Linked) => {
  const rel = (path: string, column: string, param: string, order = 1, offset = 0) =>
    `SELECT ${order}, r.id, '${path}', ${column === 'organisations_id' ? nth(param, 'r.i', offset) : 'NULL::int'},
       ${column === 'working_groups_id' ? nth(param, 'r.i', offset) : 'NULL::int'}, ${column === 'topics_id' ? nth(param, 'r.i', offset) : 'NULL::int'},
       ${column === 'themes_id' ? nth(param, 'r.i', offset) : 'NULL::int'}, ${column === 'audiences_id' ? nth(param, 'r.i', offset) : 'NULL::int'},
       ${column === 'standards_id' ? nth(param, 'r.i', offset) : 'NULL::int'} FROM ${ROWS}`
  const { organisations, groups, topics, themes, audiences, standards } = linked
  await db.query(
    `INSERT INTO resources_rels ("order", parent_id, path, organisations_id, working_groups_id, topics_id, themes_id, audiences_id, standards_id)
     ${[
       rel('publishers', 'organisations_id', '$3::int[]'),
       rel('workingGroups', 'working_groups_id', '$4::int[]'),
       rel('topics', 'topics_id', '$5::int[]'),
       rel('topics', 'topics_id', '$5::int[]', 2, 3),
       rel('themes', 'themes_id', '$6::int[]'),
       rel('audiences', 'audiences_id', '$7::int[]'),
       rel('standards', 'standards_id', '$8::int[]'),
       rel('standards', 'standards_id', '$8::int[]', 2, 7),
     ].join(' UNION ALL ')}`,
    [newIds, numbers, organisations, groups, topics, themes, audiences, standards],
  )
}

/** A complete language edition each, and one in progress for every second resource. */
const insertEditions = async (db: pg.PoolClient, { newIds, numbers }: Batch) => {
  await db.query(
    `INSERT INTO translations (resource_id, language, format, progress, title, _status, source_edition, source_version_date)
     SELECT r.id, ${nth('$3::text[]', 'r.i')}::iso_639_1, 'full'::enum_translations_format, 'complete'::enum_translations_progress, 'Edition ' || r.i, 'published'::enum_translations_status, '2019', now() FROM ${ROWS}
     UNION ALL
     SELECT r.id, ${nth('$3::text[]', 'r.i', 4)}::iso_639_1, 'full'::enum_translations_format, 'in-progress'::enum_translations_progress, 'Edition ' || r.i, 'published'::enum_translations_status, '2019', now()
     FROM ${ROWS} WHERE r.i % 2 = 0`,
    [newIds, numbers, EDITION_LANGUAGES],
  )
}

/** One resource in ten gets a webinar, spread from 2016 to 2030 so that some are upcoming. */
const insertWebinars = async (db: pg.PoolClient, { newIds, numbers }: Batch, linked: Linked) => {
  await db.query(
    `WITH e AS (
       INSERT INTO events (slug, kind, starts_at, startsat_tz, duration_minutes, precision, format, _status)
       SELECT 'generated-webinar-' || lpad(r.i::text, 6, '0'), 'webinar',
              make_timestamptz(2016 + r.i % 15, 1 + r.i % 12, 1 + r.i % 27, 8 + r.i % 9, 0, 0, 'UTC'),
              'Europe/Zurich', 60 + 15 * (r.i % 3), 'exact', 'online', 'published'
       FROM ${ROWS} WHERE r.i % 10 = 0
       ON CONFLICT (slug) DO NOTHING
       RETURNING id, substring(slug FROM 19)::int AS i
     ), l AS (
       INSERT INTO events_locales (title, _locale, _parent_id)
       SELECT 'Webinar: ' || ${nth('$3::text[]', 'e.i')}, 'en'::_locales, e.id FROM e
       UNION ALL SELECT 'Webinaire : ' || ${nth('$4::text[]', 'e.i')}, 'fr'::_locales, e.id FROM e
     ), g AS (
       INSERT INTO events_languages ("order", parent_id, value) SELECT 1, e.id, ${nth("ARRAY['en','fr','es','ar']", 'e.i')}::iso_639_1 FROM e
     )
     INSERT INTO events_rels ("order", parent_id, path, working_groups_id) SELECT 1, e.id, 'workingGroups', ${nth('$5::int[]', 'e.i')} FROM e`,
    [newIds, numbers, SUBJECTS.en, SUBJECTS.fr, linked.groups],
  )
}
