// Loads a seed bundle into the hub: validated first, written in one transaction, and only what is
// missing is created, so a second run changes nothing and editors' later changes are kept.
import { buildEditorState } from '@payloadcms/richtext-lexical'
import type { SerializedParagraphNode } from '@payloadcms/richtext-lexical/lexical'
import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type CollectionSlug,
  type Payload,
  type PayloadRequest,
  type Where,
} from 'payload'

import { startOnDate } from '../src/events/knownStart'
import { toSlug } from '../src/slugs'
import type { LocaleCode } from '../src/locales'
import { checkReferences, type SeedIssue } from './references'
import { type LocalizedText, seedBundle, type SeedBundle } from './schema'

const FILE_OF: Record<keyof SeedBundle, string> = {
  organisations: 'seed/data/organisations.ts',
  people: 'seed/data/people.ts',
  topics: 'seed/data/taxonomies.ts (topics)',
  themes: 'seed/data/taxonomies.ts (themes)',
  audiences: 'seed/data/taxonomies.ts (audiences)',
  publicationTypes: 'seed/data/taxonomies.ts (publicationTypes)',
  standards: 'seed/data/taxonomies.ts (standards)',
  workingGroups: 'seed/data/working-groups.ts',
  resources: 'seed/data/resources.ts',
  translations: 'seed/data/translations.ts',
  events: 'seed/data/events.ts',
  news: 'seed/data/news.ts',
  newsletters: 'seed/data/newsletters.ts',
}

export class SeedError extends Error {
  constructor(readonly issues: string[]) {
    super(
      `The seed data has ${issues.length} problem(s); nothing was written:\n  ${issues.join('\n  ')}`,
    )
    this.name = 'SeedError'
  }
}

/** "seed/data/resources.ts, record 3 (cpms-2019), field links.0.url: must be an http(s) URL" */
const describe = (input: unknown, issue: SeedIssue): string => {
  const [collection, index, ...field] = issue.path
  const file = FILE_OF[collection as keyof SeedBundle] ?? String(collection)
  if (typeof index !== 'number') return `${file}: ${issue.message}`
  const record = (input as Record<string, Record<string, unknown>[]>)[collection as string]?.[index]
  const id = record?.slug ?? record?.key ?? record?.number
  const where = `${file}, record ${index}${id ? ` (${String(id)})` : ''}`
  return field.length
    ? `${where}, field ${field.join('.')}: ${issue.message}`
    : `${where}: ${issue.message}`
}

export const validateSeed = (input: unknown): SeedBundle => {
  const parsed = seedBundle.safeParse(input)
  if (!parsed.success) {
    throw new SeedError(
      parsed.error.issues.map((i) =>
        describe(input, { path: i.path as (string | number)[], message: i.message }),
      ),
    )
  }
  const issues = checkReferences(parsed.data)
  if (issues.length) throw new SeedError(issues.map((i) => describe(input, i)))
  return parsed.data
}

const en = (text: LocalizedText): string => (typeof text === 'string' ? text : text.en)
const enOrUndefined = (text: LocalizedText | undefined) =>
  text === undefined ? undefined : en(text)

const richText = (paragraphs: string[] | undefined) =>
  paragraphs &&
  buildEditorState<SerializedParagraphNode>({
    nodes: paragraphs.map(
      (text) => buildEditorState<SerializedParagraphNode>({ text }).root.children[0]!,
    ),
  })

/** Translations of top-level localized fields, by locale ({ fr: { title: '…' } }). */
const otherLocales = (fields: Record<string, LocalizedText | undefined>) => {
  const byLocale: Partial<Record<LocaleCode, Record<string, string>>> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (!value || typeof value === 'string') continue
    for (const locale of ['fr', 'es', 'ar'] as const) {
      const text = value[locale]
      if (text) byLocale[locale] = { ...byLocale[locale], [name]: text }
    }
  }
  return byLocale
}

export type SeedReport = Record<string, { created: number; kept: number }>

type Progress = (collection: string, done: number, total: number) => void

export const runSeed = async (
  payload: Payload,
  input: unknown,
  { onProgress }: { onProgress?: Progress } = {},
): Promise<SeedReport> => {
  const data = validateSeed(input)
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    const report = await write(payload, req, data, onProgress)
    await commitTransaction(req)
    return report
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

/** Each seeded collection's ids by natural key (slug, key or number), for the records after it. */
type Ids = Map<string, Map<string | number, number>>

/** What every step writes with: the transaction's request, the ids so far, the counts. */
type Writer = {
  payload: Payload
  req: PayloadRequest
  ids: Ids
  report: SeedReport
  onProgress?: Progress
}

const idOf = (ids: Ids, collection: string, key: string | number): number => {
  const id = ids.get(collection)?.get(key)
  if (id === undefined) throw new Error(`No ${collection} "${key}" was seeded`)
  return id
}
const idsOf = (ids: Ids, collection: string, keys: (string | number)[]) =>
  keys.map((k) => idOf(ids, collection, k))

/** Create each record unless one with the same natural key exists; remember every id. */
const upsert = async <T>(
  w: Writer,
  collection: CollectionSlug,
  records: T[],
  naturalKey: (r: T) => { key: string | number; where: Where },
  build: (r: T) => {
    data: Record<string, unknown>
    localized?: Record<string, LocalizedText | undefined>
  },
) => {
  const { payload, req } = w
  const known = new Map<string | number, number>()
  w.ids.set(collection, known)
  const counts = { created: 0, kept: 0 }
  w.report[collection] = counts
  for (const [i, record] of records.entries()) {
    const { key: value, where } = naturalKey(record)
    const existing = await payload.find({
      collection,
      where,
      limit: 1,
      depth: 0,
      draft: true,
      pagination: false,
      select: {},
      req,
    })
    const found = existing.docs[0]
    if (found) {
      known.set(value, found.id as number)
      counts.kept++
    } else {
      const { data, localized = {} } = build(record)
      const created = await payload.create({
        collection,
        data,
        locale: 'en',
        depth: 0,
        req,
      } as never)
      const id = (created as { id: number }).id
      for (const [locale, fields] of Object.entries(otherLocales(localized))) {
        await payload.update({ collection, id, data: fields, locale, depth: 0, req } as never)
      }
      known.set(value, id)
      counts.created++
    }
    w.onProgress?.(collection, i + 1, records.length)
  }
}

const published = { _status: 'published' }
const by = (field: string, value: string | number) => ({
  key: value,
  where: { [field]: { equals: value } },
})

const write = async (
  payload: Payload,
  req: PayloadRequest,
  data: SeedBundle,
  onProgress?: Progress,
) => {
  const w: Writer = { payload, req, ids: new Map(), report: {}, onProgress }
  await writeOrganisationsAndPeople(w, data)
  await writeTaxonomies(w, data)
  // Groups first without their key tools (resources refer to groups, and groups to resources).
  await writeWorkingGroups(w, data)
  await writeResources(w, data)
  await linkKeyTools(w, data)
  await writeTranslations(w, data)
  await writeEvents(w, data)
  await writeNews(w, data)
  await writeNewsletters(w, data)
  return w.report
}

const writeOrganisationsAndPeople = async (w: Writer, data: SeedBundle) => {
  await upsert(
    w,
    'organisations',
    data.organisations,
    (r) => by('slug', r.key),
    (r) => ({
      data: {
        slug: r.key,
        name: en(r.name),
        shortName: r.shortName,
        kind: r.kind,
        website: r.website,
      },
      localized: { name: r.name },
    }),
  )
  await upsert(
    w,
    'people',
    data.people,
    (r) => by('slug', r.key),
    (r) => ({
      data: {
        slug: r.key,
        name: r.name,
        organisation: r.organisation && idOf(w.ids, 'organisations', r.organisation),
        jobTitle: enOrUndefined(r.jobTitle),
        email: r.email,
      },
      localized: { jobTitle: r.jobTitle },
    }),
  )
}

/** Topics, themes, audiences and publication types, then the standards. */
const writeTaxonomies = async (w: Writer, data: SeedBundle) => {
  const terms = [
    ['topics', data.topics],
    ['themes', data.themes],
    ['audiences', data.audiences],
    ['publication-types', data.publicationTypes],
  ] as const
  for (const [collection, records] of terms) {
    await upsert(
      w,
      collection,
      records,
      (r) => by('slug', r.key),
      (r) => ({
        data: { slug: r.key, name: en(r.name), description: enOrUndefined(r.description) },
        localized: { name: r.name, description: r.description },
      }),
    )
  }
  await upsert(
    w,
    'standards',
    data.standards,
    (r) => by('number', r.number),
    (r) => ({
      data: {
        number: r.number,
        pillar: String(r.pillar),
        title: en(r.title),
        slug: `${r.number}-${toSlug(en(r.title))}`,
      },
      localized: { title: r.title },
    }),
  )
}

/** The groups without their key tools (linkKeyTools adds them once resources exist). */
const writeWorkingGroups = (w: Writer, data: SeedBundle) =>
  upsert(
    w,
    'working-groups',
    data.workingGroups,
    (r) => by('slug', r.slug),
    (r) => ({
      data: {
        slug: r.slug,
        name: en(r.name),
        shortName: r.shortName,
        kind: r.kind,
        status: r.status,
        summary: enOrUndefined(r.summary),
        leadOrganisations: idsOf(w.ids, 'organisations', r.leadOrganisations),
        contactEmail: r.contactEmail,
        mission: richText(r.mission),
        priorities: r.priorities.map((text) => ({ text: en(text) })),
        leads: r.leads.map((l) => ({
          person: idOf(w.ids, 'people', l.person),
          role: enOrUndefined(l.role),
        })),
        members: idsOf(w.ids, 'organisations', r.members),
      },
      localized: { name: r.name, summary: r.summary },
    }),
  )

const writeResources = (w: Writer, data: SeedBundle) =>
  upsert(
    w,
    'resources',
    data.resources,
    (r) => by('slug', r.slug),
    (r) => ({
      data: {
        ...published,
        slug: r.slug,
        title: en(r.title),
        summary: enOrUndefined(r.summary),
        body: richText(r.body),
        publicationType: r.publicationType && idOf(w.ids, 'publication-types', r.publicationType),
        publicationDate: r.publicationDate,
        datePrecision: r.datePrecision,
        statusFlag: r.statusFlag,
        publishers: idsOf(w.ids, 'organisations', r.publishers),
        workingGroups: idsOf(w.ids, 'working-groups', r.workingGroups),
        topics: idsOf(w.ids, 'topics', r.topics),
        themes: idsOf(w.ids, 'themes', r.themes),
        audiences: idsOf(w.ids, 'audiences', r.audiences),
        standards: idsOf(w.ids, 'standards', r.standards),
        countries: r.countries,
        languages: r.languages,
        links: r.links.map((l) => ({
          kind: l.kind,
          url: l.url,
          language: l.language,
          label: enOrUndefined(l.label),
        })),
      },
      localized: { title: r.title, summary: r.summary },
    }),
  )

/** Key tools, once resources exist; only for groups this run created. */
const linkKeyTools = async ({ payload, req, ids }: Writer, data: SeedBundle) => {
  for (const group of data.workingGroups) {
    if (!group.keyTools.length) continue
    const id = idOf(ids, 'working-groups', group.slug)
    const current = await payload.findByID({
      collection: 'working-groups',
      id,
      depth: 0,
      req,
      select: { keyTools: true },
    })
    if (!current.keyTools?.length) {
      await payload.update({
        collection: 'working-groups',
        id,
        data: { keyTools: idsOf(ids, 'resources', group.keyTools) },
        depth: 0,
        req,
      })
    }
  }
}

const writeTranslations = (w: Writer, data: SeedBundle) =>
  upsert(
    w,
    'translations',
    data.translations,
    (r) => ({
      key: r.key,
      where: {
        resource: { equals: idOf(w.ids, 'resources', r.resource) },
        language: { equals: r.language },
        format: { equals: r.format },
      },
    }),
    (r) => ({
      data: {
        ...published,
        resource: idOf(w.ids, 'resources', r.resource),
        language: r.language,
        title: r.title,
        url: r.url,
        translatedBy: r.translatedBy && idOf(w.ids, 'organisations', r.translatedBy),
        date: r.date,
        progress: r.progress,
        format: r.format,
        sourceEdition: r.sourceEdition,
      },
    }),
  )

const writeEvents = (w: Writer, data: SeedBundle) =>
  upsert(
    w,
    'events',
    data.events,
    (r) => by('slug', r.slug),
    (r) => ({
      data: {
        ...published,
        slug: r.slug,
        title: en(r.title),
        kind: r.kind,
        series: r.series && { name: en(r.series.name), part: r.series.part, of: r.series.of },
        // A date-only start is written as its date (YYYY-MM-DD…): midnight there (src/events/knownStart.ts).
        startsAt:
          r.precision === 'exact' ? r.startsAt : startOnDate(r.startsAt, r.timeZone, r.precision),
        startsAt_tz: r.timeZone,
        precision: r.precision,
        approximateLabel: enOrUndefined(r.approximateLabel),
        durationMinutes: r.durationMinutes,
        format: r.format,
        location: enOrUndefined(r.location),
        languages: r.languages,
        interpretation: r.interpretation,
        workingGroups: idsOf(w.ids, 'working-groups', r.organisers),
        speakers: r.speakers.map((s) => ({
          person: idOf(w.ids, 'people', s.person),
          affiliation: s.affiliation && idOf(w.ids, 'organisations', s.affiliation),
          role: enOrUndefined(s.role),
        })),
        audiences: idsOf(w.ids, 'audiences', r.audiences),
        topics: idsOf(w.ids, 'topics', r.topics),
        summary: enOrUndefined(r.summary),
        registrationUrl: r.registrationUrl,
        recordingUrl: r.recordingUrl,
      },
      localized: {
        title: r.title,
        summary: r.summary,
        approximateLabel: r.approximateLabel,
        location: r.location,
      },
    }),
  )

const writeNews = (w: Writer, data: SeedBundle) =>
  upsert(
    w,
    'news',
    data.news,
    (r) => by('slug', r.slug),
    (r) => ({
      data: {
        ...published,
        slug: r.slug,
        title: en(r.title),
        date: r.date,
        summary: enOrUndefined(r.summary),
        body: richText(r.body),
        workingGroups: idsOf(w.ids, 'working-groups', r.workingGroups),
        resources: idsOf(w.ids, 'resources', r.resources),
      },
      localized: { title: r.title, summary: r.summary },
    }),
  )

const writeNewsletters = (w: Writer, data: SeedBundle) =>
  upsert(
    w,
    'newsletters',
    data.newsletters,
    (r) => by('slug', r.slug),
    (r) => ({
      data: {
        ...published,
        slug: r.slug,
        title: en(r.title),
        issueDate: r.issueDate,
        intro: richText(r.intro),
        sections: r.sections.map((s) => ({
          kind: s.kind,
          heading: en(s.heading),
          items: s.items.map((item) =>
            'ref' in item
              ? {
                  type: 'reference',
                  reference: {
                    relationTo: item.ref.collection,
                    value: idOf(w.ids, item.ref.collection, item.ref.slug),
                  },
                  note: enOrUndefined(item.note),
                }
              : {
                  type: 'free',
                  title: en(item.title),
                  text: enOrUndefined(item.text),
                  url: item.url,
                  date: item.date,
                },
          ),
        })),
      },
      localized: { title: r.title },
    }),
  )
