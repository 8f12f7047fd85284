// The shape of seed files, checked with zod before anything is written to the database.
// Records refer to each other by `key` (organisations, people, taxonomies) or `slug` (content).
import { z } from 'zod'
import { isLanguageCode } from '../src/languages'
import { isCountryCode } from '../src/countries'
import { TIME_ZONES } from '../src/timeZones'
import { SLUG_PATTERN } from '../src/slugs'
import { STANDARD_COUNT } from '../src/standards'

const slug = z.string().regex(SLUG_PATTERN, 'must be lower-case words joined by hyphens')
const key = slug

/** Text a reader sees: plain English, or one string per locale (English required). */
export const localizedText = z.union([
  z.string().min(1),
  z
    .object({
      en: z.string().min(1),
      fr: z.string().min(1).optional(),
      es: z.string().min(1).optional(),
      ar: z.string().min(1).optional(),
    })
    .strict(),
])
export type LocalizedText = z.infer<typeof localizedText>

/** Paragraphs of rich text; each string becomes one paragraph (English only in the seed). */
const paragraphs = z.array(z.string().min(1)).min(1)

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
const instant = z.iso.datetime({
  offset: false,
  message: 'must be a UTC instant like 2018-02-20T11:00:00Z',
})
const url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
const language = z.string().refine(isLanguageCode, 'must be an ISO 639-1 language code')
const country = z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code')
const zones = new Set(TIME_ZONES.map((zone) => zone.value))
const timeZone = z
  .string()
  .refine(
    (tz) => zones.has(tz),
    'must be a canonical IANA time zone such as Europe/Zurich (Geneva) or America/New_York',
  )

export const organisationSeed = z
  .object({
    key,
    name: localizedText,
    shortName: z.string().optional(),
    kind: z.enum(['un-agency', 'ngo', 'network', 'government', 'academic', 'donor', 'other']),
    website: url.optional(),
  })
  .strict()

export const personSeed = z
  .object({
    key,
    name: z.string().min(1),
    organisation: key.optional(),
    jobTitle: localizedText.optional(),
    email: z.email().optional(),
  })
  .strict()

export const termSeed = z
  .object({ key, name: localizedText, description: localizedText.optional() })
  .strict()

export const standardSeed = z
  .object({
    number: z.number().int().min(1).max(STANDARD_COUNT),
    pillar: z.number().int().min(1).max(4),
    title: localizedText,
  })
  .strict()

export const workingGroupSeed = z
  .object({
    slug,
    name: localizedText,
    shortName: z.string().optional(),
    kind: z.enum(['working-group', 'task-force', 'initiative']),
    status: z.enum(['active', 'archived']).default('active'),
    leadOrganisations: z.array(key).default([]),
    contactEmail: z.email().optional(),
    summary: localizedText.optional(),
    mission: paragraphs.optional(),
    priorities: z.array(localizedText).default([]),
    leads: z.array(z.object({ person: key, role: localizedText.optional() }).strict()).default([]),
    members: z.array(key).default([]),
    keyTools: z.array(slug).default([]),
  })
  .strict()

export const resourceSeed = z
  .object({
    slug,
    title: localizedText,
    summary: localizedText.optional(),
    body: paragraphs.optional(),
    publicationType: key.optional(),
    /** First day of the period when only a month or a year is known; see `datePrecision`. */
    publicationDate: isoDate.optional(),
    datePrecision: z.enum(['day', 'month', 'year']).default('day'),
    publishers: z.array(key).default([]),
    workingGroups: z.array(slug).default([]),
    topics: z.array(key).default([]),
    themes: z.array(key).default([]),
    audiences: z.array(key).default([]),
    standards: z.array(z.number().int().min(1).max(STANDARD_COUNT)).default([]),
    countries: z.array(country).default([]),
    languages: z.array(language).default(['en']),
    statusFlag: z.enum(['field-testing']).optional(),
    links: z
      .array(
        z
          .object({
            kind: z.enum(['document', 'video', 'website', 'course']),
            url,
            label: localizedText.optional(),
            language: language.optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()

export const translationSeed = z
  .object({
    key,
    resource: slug,
    language,
    /**
     * The title in the language's own script, when known. Not for English, French, Spanish or
     * Arabic: such an edition takes the resource's title in that locale.
     */
    title: z.string().min(1).optional(),
    url: url.optional(),
    translatedBy: key.optional(),
    date: isoDate.optional(),
    progress: z.enum(['in-progress', 'complete']),
    sourceEdition: z.string().optional(),
    format: z.enum(['full', 'summary']).default('full'),
  })
  .strict()

export const eventSeed = z
  .object({
    slug,
    title: localizedText,
    kind: z.enum([
      'webinar',
      'live-qa',
      'training-of-trainers',
      'annual-meeting',
      'virtual-launch',
      'training',
      'meeting',
    ]),
    series: z
      .object({
        name: localizedText,
        part: z.number().int().min(1),
        of: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    /** An instant; for a start known only to the day, month or approximately, its date part is the date. */
    startsAt: instant,
    /** How exact `startsAt` is: an approximate start ("mid-March") is shown with `approximateLabel`. */
    precision: z.enum(['exact', 'day', 'month', 'approximate']).default('exact'),
    approximateLabel: localizedText.optional(),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 14)
      .optional(),
    timeZone,
    format: z.enum(['online', 'in-person', 'hybrid']),
    location: localizedText.optional(),
    languages: z.array(language).min(1),
    interpretation: z.array(language).default([]),
    organisers: z.array(slug).default([]),
    speakers: z
      .array(
        z
          .object({ person: key, affiliation: key.optional(), role: localizedText.optional() })
          .strict(),
      )
      .default([]),
    audiences: z.array(key).default([]),
    topics: z.array(key).default([]),
    summary: localizedText.optional(),
    registrationUrl: url.optional(),
    recordingUrl: url.optional(),
  })
  .strict()
  .refine((e) => e.precision !== 'approximate' || e.approximateLabel, {
    message: 'an approximate start needs an approximateLabel such as "mid-March"',
    path: ['approximateLabel'],
  })

export const newsPostSeed = z
  .object({
    slug,
    title: localizedText,
    /** Left out when the page gives none. */
    date: isoDate.optional(),
    summary: localizedText.optional(),
    body: paragraphs.optional(),
    workingGroups: z.array(slug).default([]),
    resources: z.array(slug).default([]),
  })
  .strict()

const newsletterRef = z
  .object({
    ref: z
      .object({ collection: z.enum(['resources', 'events', 'working-groups', 'news']), slug })
      .strict(),
    note: localizedText.optional(),
  })
  .strict()
const newsletterFreeItem = z
  .object({
    title: localizedText,
    text: localizedText.optional(),
    url: url.optional(),
    date: isoDate.optional(),
  })
  .strict()

export const newsletterSeed = z
  .object({
    slug,
    title: localizedText,
    issueDate: isoDate,
    intro: paragraphs.optional(),
    sections: z
      .array(
        z
          .object({
            kind: z.enum([
              'group-updates',
              'latest-resources',
              'upcoming-webinars',
              'trainings',
              'other',
            ]),
            heading: localizedText,
            items: z.array(z.union([newsletterRef, newsletterFreeItem])).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()

/** Everything one seed run writes, in the order it is written. */
export const seedBundle = z
  .object({
    organisations: z.array(organisationSeed),
    people: z.array(personSeed),
    topics: z.array(termSeed),
    themes: z.array(termSeed),
    audiences: z.array(termSeed),
    publicationTypes: z.array(termSeed),
    standards: z.array(standardSeed),
    workingGroups: z.array(workingGroupSeed),
    resources: z.array(resourceSeed),
    translations: z.array(translationSeed),
    events: z.array(eventSeed),
    news: z.array(newsPostSeed),
    newsletters: z.array(newsletterSeed),
  })
  .strict()

export type SeedBundle = z.infer<typeof seedBundle>
export type SeedInput = z.input<typeof seedBundle>
export type OrganisationSeed = z.input<typeof organisationSeed>
export type PersonSeed = z.input<typeof personSeed>
export type TermSeed = z.input<typeof termSeed>
export type StandardSeed = z.input<typeof standardSeed>
export type WorkingGroupSeed = z.input<typeof workingGroupSeed>
export type ResourceSeed = z.input<typeof resourceSeed>
export type TranslationSeed = z.input<typeof translationSeed>
export type EventSeed = z.input<typeof eventSeed>
export type NewsPostSeed = z.input<typeof newsPostSeed>
export type NewsletterSeed = z.input<typeof newsletterSeed>
