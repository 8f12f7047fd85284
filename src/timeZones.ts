// Every IANA time zone this Node knows, for the organiser's zone of an event. Editors think in
// abbreviations ("CET", "EDT") and cities ("Geneva", "New York"), not in IANA names, so each zone's
// label carries those too: the admin's select filters on the label, and `findTimeZones` uses the
// same words. Pure (Intl only), so the admin's list cell can use it in the browser.
import type { Validate } from 'payload'

/**
 * English locales whose short zone names are words, not "GMT+3": en-US (EST, PDT), en-GB (CET,
 * BST), en-IN (IST), en-KE (EAT), en-NG (WAT), en-ZA (SAST), en-AU (AEST).
 */
const NAMING_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-KE', 'en-NG', 'en-ZA', 'en-AU']

/** Names Intl gives no English abbreviation for, but the Alliance's partners use. */
const EXTRA_ABBREVIATIONS: Record<string, string[]> = {
  'Asia/Riyadh': ['AST'],
  'Asia/Baghdad': ['AST'],
  'Asia/Kuwait': ['AST'],
  'Asia/Qatar': ['AST'],
  'Asia/Bahrain': ['AST'],
  'Asia/Aden': ['AST'],
  'Asia/Karachi': ['PKT'],
  'Asia/Dhaka': ['BST'],
  'Asia/Amman': ['AST'],
  'Asia/Beirut': ['EET', 'EEST'],
  'Africa/Cairo': ['EET', 'EEST'],
  UTC: ['GMT', 'Coordinated Universal Time'],
}

/** Cities that are not the city a zone is named after. */
const EXTRA_CITIES: Record<string, string[]> = {
  'Europe/Zurich': ['Geneva', 'Bern', 'Switzerland'],
  'America/New_York': ['Washington', 'Boston', 'Ottawa'],
  'America/Los_Angeles': ['San Francisco', 'Seattle'],
  'Asia/Kolkata': ['New Delhi', 'Delhi', 'Mumbai', 'India'],
  'Asia/Shanghai': ['Beijing', 'China'],
  'Europe/Brussels': ['Belgium'],
  'Africa/Nairobi': ['Kenya'],
  'Asia/Amman': ['Jordan'],
  'Asia/Beirut': ['Lebanon'],
  'Asia/Damascus': ['Syria'],
  'Asia/Dhaka': ["Cox's Bazar", 'Bangladesh'],
  'Africa/Juba': ['South Sudan'],
}

const JANUARY = new Date(Date.UTC(2026, 0, 15, 12))
const JULY = new Date(Date.UTC(2026, 6, 15, 12))

// Formatters are costly: each holds ICU objects in native memory, which a process keeps even after
// they are collected (the allocator does not give it back). Naming every zone once took 30 of them
// per zone, 12,500 at each import of this module, about 300 MB of a hub's memory. Now: only when a
// label is first read, once per process (Next may load this module in several bundles), one per
// zone and locale asked, each for both instants, and the regional locales only for their regions.

/**
 * Where each regional locale names zones that en-US and en-GB do not (checked against Node's ICU
 * data: elsewhere it adds no word of its own).
 */
const REGIONS: Record<string, string[]> = {
  'en-IN': ['Asia'],
  'en-KE': ['Africa', 'Indian'],
  'en-NG': ['Africa', 'Indian'],
  'en-ZA': ['Africa', 'Indian'],
  'en-AU': ['Antarctica', 'Australia', 'Pacific'],
}
const namingLocalesOf = (zone: string) => {
  const region = zone.split('/')[0]!
  return NAMING_LOCALES.filter((locale) => REGIONS[locale]?.includes(region) ?? true)
}

/** The zone's name a formatter gives at an instant ("CET"; "GMT+3" where it has no word). */
const nameIn = (format: Intl.DateTimeFormat, at: Date) =>
  format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? ''

/** The zone's names in `locale` at each instant, from one formatter. */
const zoneNames = (
  zone: string,
  locale: string,
  instants: Date[],
  style: 'short' | 'long' = 'short',
) => {
  const format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
  return instants.map((at) => nameIn(format, at))
}

const isWord = (name: string) => /^[A-Z]{2,5}$/.test(name) && name !== 'UTC'

/** Each zone's abbreviations, shared by every copy of this module in the process. */
const abbreviationsFound: Map<string, string[]> = ((
  globalThis as { [key: symbol]: Map<string, string[]> }
)[Symbol.for('alliance-hub.timeZoneAbbreviations')] ??= new Map())

/** The zone's abbreviations in winter and summer, e.g. ['CET', 'CEST'] for Europe/Zurich. */
export const abbreviationsOf = (zone: string): string[] => {
  const known = abbreviationsFound.get(zone)
  if (known) return [...known]
  const byLocale = namingLocalesOf(zone).map((locale) => zoneNames(zone, locale, [JANUARY, JULY]))
  const found = new Set<string>()
  // Winter's names first, then summer's, each in the order of NAMING_LOCALES.
  for (const season of [0, 1]) {
    for (const names of byLocale) if (isWord(names[season]!)) found.add(names[season]!)
  }
  for (const extra of EXTRA_ABBREVIATIONS[zone] ?? []) if (/^[A-Z]+$/.test(extra)) found.add(extra)
  // London is GMT in winter; so is every zone at +00:00 without summer time, but those are not
  // what an editor means by "GMT".
  abbreviationsFound.set(zone, [...found])
  return [...found]
}

/** Formatters kept for the zones events are shown in (a few), one per zone and naming locale. */
const kept = new Map<string, Intl.DateTimeFormat>()
const keptFormatter = (zone: string, locale: string) => {
  const key = `${locale} ${zone}`
  let format = kept.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
    kept.set(key, format)
  }
  return format
}
const nameAt = (zone: string, locale: string, at: Date) => nameIn(keptFormatter(zone, locale), at)

/** The zone's abbreviation at an instant (CEST in July for Europe/Zurich), else "UTC+02:00". */
export const abbreviationAt = (zone: string, at: Date): string => {
  for (const locale of NAMING_LOCALES) {
    const name = nameAt(zone, locale, at)
    if (isWord(name) || name === 'UTC') return name
  }
  const offset = nameAt(zone, 'en-GB', at).replace('GMT', '')
  return offset ? `UTC${offset}` : 'UTC'
}

const cityOf = (zone: string) => (zone.split('/').pop() ?? zone).replaceAll('_', ' ')

/** Everything a zone can be found by: its name, city, abbreviations, long names, extra cities. */
const wordsOf = (zone: string) => {
  const longNames = new Set(zoneNames(zone, 'en-US', [JANUARY, JULY], 'long'))
  return [
    zone,
    cityOf(zone),
    ...abbreviationsOf(zone),
    ...(EXTRA_ABBREVIATIONS[zone] ?? []),
    ...(EXTRA_CITIES[zone] ?? []),
    ...[...longNames].filter((name) => !name.startsWith('GMT')),
  ]
}

/** "Europe/Zurich — Zurich, Geneva, Bern · CET/CEST": what the admin's select shows and filters. */
const labelOf = (zone: string) => {
  const cities = [cityOf(zone), ...(EXTRA_CITIES[zone] ?? [])].join(', ')
  const abbreviations = abbreviationsOf(zone)
  return `${zone} — ${cities}${abbreviations.length ? ` · ${abbreviations.join('/')}` : ''}`
}

const ZONES = Intl.supportedValuesOf('timeZone')

/**
 * The admin's options. A label is made when first read (by the admin's client config, in the
 * process serving the admin), not in every process that loads the config.
 */
export const TIME_ZONES: { readonly label: string; readonly value: string }[] = ZONES.map(
  (value) => {
    let label: string | undefined
    return {
      value,
      get label() {
        return (label ??= labelOf(value))
      },
    }
  },
)

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replaceAll('_', ' ')
    .trim()

let index: { zone: string; words: string[] }[] | undefined
/** Every zone's words, made on the first search. */
const searchIndex = () =>
  (index ??= ZONES.map((zone) => ({ zone, words: wordsOf(zone).map(normalise) })))

/**
 * Zones matching what an editor typed: an exact abbreviation or city first ("CET", "EDT",
 * "Nairobi", "Geneva"), then anything containing the words. Used by tests; the admin's select
 * does the containing match on the same words through the labels.
 */
export const findTimeZones = (query: string): string[] => {
  const q = normalise(query)
  if (!q) return []
  const entries = searchIndex()
  const exact = entries.filter(({ words }) => words.includes(q)).map(({ zone }) => zone)
  const partial = entries
    .filter(({ zone, words }) => !exact.includes(zone) && words.some((word) => word.includes(q)))
    .map(({ zone }) => zone)
  return [...rank(exact), ...partial]
}

/** The zones the Alliance's events mostly use come first among equal matches. */
const USUAL = [
  'Europe/Zurich',
  'America/New_York',
  'Africa/Nairobi',
  'Europe/London',
  'Africa/Lagos',
  'Asia/Kolkata',
  'Asia/Riyadh',
  'Asia/Amman',
  'America/Los_Angeles',
  'Africa/Dakar',
  'Asia/Dhaka',
  'Europe/Paris',
  'Europe/Berlin',
]
const rank = (zones: string[]) => {
  const place = (zone: string) => (USUAL.includes(zone) ? USUAL.indexOf(zone) : USUAL.length)
  return [...zones].sort((a, b) => place(a) - place(b))
}

const known = new Set(ZONES)

export const knownTimeZone: Validate<unknown> = (value) =>
  value == null || (typeof value === 'string' && known.has(value))
    ? true
    : `Unknown time zone "${String(value)}": choose an IANA zone such as Europe/Zurich or Africa/Nairobi.`

/**
 * An instant on the organiser's clock with the zone, as the events list shows it:
 * "21 Jul 2026, 14:00 CEST (Europe/Zurich)".
 */
export const formatZoned = (at: string | Date, zone: string | null | undefined): string => {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return ''
  const timeZone = zone && known.has(zone) ? zone : 'UTC'
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date)
  return `${text} ${abbreviationAt(timeZone, date)} (${timeZone})`
}
