// Volume data for benchmarks: N realistic resources with translations, and webinars, linked to
// the real groups and taxonomies. Deterministic (same N, same records) and skips what exists.
import type { Payload } from 'payload'

const TITLE_WORDS = [
  'Guidance on',
  'Toolkit for',
  'Case study:',
  'Lessons from',
  'Training package on',
  'Brief on',
  'Field handbook for',
  'Assessment of',
  'Webinar recording:',
  'Technical note on',
]
const SUBJECTS = [
  'case management in refugee settings',
  'child protection in COVID-19 responses',
  'unaccompanied and separated children',
  'community-level child protection',
  'psychosocial support for adolescents',
  'cash assistance and child protection',
  'children associated with armed forces',
  'child labour in displacement',
  'family tracing and reunification',
  'early childhood development in emergencies',
]
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
const LANGUAGES = ['fr', 'es', 'ar', 'pt', 'ru', 'zh', 'tr', 'pl'] as const

/** A small deterministic pseudo-random generator, so a scale always yields the same data. */
const random = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296
  return seed / 4294967296
}

type Progress = (done: number, total: number) => void

export const generateVolume = async (payload: Payload, count: number, onProgress?: Progress) => {
  const ids = async (
    collection:
      | 'working-groups'
      | 'topics'
      | 'themes'
      | 'audiences'
      | 'organisations'
      | 'standards'
      | 'publication-types',
  ) =>
    (
      await payload.find({ collection, limit: 0, pagination: false, depth: 0, select: {} })
    ).docs.map((d) => d.id)
  const [groups, topics, themes, audiences, organisations, standards, types] = await Promise.all([
    ids('working-groups'),
    ids('topics'),
    ids('themes'),
    ids('audiences'),
    ids('organisations'),
    ids('standards'),
    ids('publication-types'),
  ])
  if (!groups.length || !topics.length)
    throw new Error('Run the seed first: the volume links to its groups and taxonomies.')
  const rand = random(count)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
  const some = <T>(list: readonly T[], max: number) => [
    ...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(list))),
  ]

  let created = 0
  for (let i = 1; i <= count; i++) {
    const slug = `generated-resource-${String(i).padStart(6, '0')}`
    const exists = await payload.count({
      collection: 'resources',
      where: { slug: { equals: slug } },
    })
    if (!exists.totalDocs) {
      const subject = pick(SUBJECTS)
      const place = pick(PLACES)
      const title = `${pick(TITLE_WORDS)} ${subject} (${place}, ${2015 + (i % 10)})`
      const resource = await payload.create({
        collection: 'resources',
        locale: 'en',
        depth: 0,
        data: {
          _status: 'published',
          slug,
          title,
          summary: `A practical resource on ${subject}, drawing on programmes in ${place}. It helps child protection practitioners plan, deliver and measure their work.`,
          publicationType: pick(types),
          publicationDate: `${2015 + (i % 10)}-${String(1 + (i % 12)).padStart(2, '0')}-01`,
          publishers: some(organisations, 2),
          workingGroups: some(groups, 2),
          topics: some(topics, 3),
          themes: some(themes, 2),
          audiences: some(audiences, 2),
          standards: some(standards, 3),
          languages: ['en'],
        },
      })
      if (i % 2 === 0) {
        await payload.update({
          collection: 'resources',
          id: resource.id,
          locale: 'fr',
          depth: 0,
          data: { title: `[FR] ${title}` },
        })
      }
      for (const language of some(LANGUAGES, 2)) {
        await payload.create({
          collection: 'translations',
          depth: 0,
          data: {
            _status: 'published',
            resource: resource.id,
            language,
            title: `${title} (${language})`,
            progress: 'complete',
            format: 'full',
          },
        })
      }
      if (i % 10 === 0) {
        const start = new Date(Date.UTC(2016 + (i % 11), i % 12, 1 + (i % 27), 8 + (i % 9)))
        await payload.create({
          collection: 'events',
          locale: 'en',
          depth: 0,
          data: {
            _status: 'published',
            slug: `generated-webinar-${String(i).padStart(6, '0')}`,
            title: `Webinar: ${subject}`,
            kind: 'webinar',
            startsAt: start.toISOString(),
            startsAt_tz: 'Europe/Zurich',
            precision: 'exact',
            durationMinutes: 60 + 15 * (i % 3),
            format: 'online',
            languages: [pick(['en', 'fr', 'es', 'ar'] as const)],
            workingGroups: some(groups, 1),
            topics: some(topics, 2),
          },
        })
      }
      created++
    }
    onProgress?.(i, count)
  }
  return { created, kept: count - created }
}
