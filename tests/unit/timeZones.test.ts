// Naming time zones makes Intl.DateTimeFormat objects, each holding ICU objects in native memory
// that a process keeps after they are collected. The module once made 30 per zone (12,500) at
// every import, in each of the bundles Next loads it in: about 300 MB of a hub's resident memory,
// and 1.4 s of each start. Counted here, as memory itself is not something a test can assert
// steadily.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let made = 0
const Original = Intl.DateTimeFormat

beforeEach(() => {
  made = 0
  vi.resetModules()
  vi.stubGlobal('Intl', {
    ...Intl,
    supportedValuesOf: Intl.supportedValuesOf,
    DateTimeFormat: new Proxy(Original, {
      construct(target, args) {
        made++
        return Reflect.construct(target, args)
      },
    }),
  })
})
afterEach(() => vi.unstubAllGlobals())

const load = () => import('../../src/timeZones')

describe('time zones', () => {
  it('are listed for the config without naming any zone', async () => {
    const { TIME_ZONES } = await load()
    expect(TIME_ZONES.length).toBeGreaterThan(300)
    expect(TIME_ZONES.map((zone) => zone.value)).toContain('Europe/Zurich')
    expect(made).toBe(0)
  })

  it('are named once per process, with fewer than three formatters per zone', async () => {
    // As in a new process (the names are kept process-wide).
    delete (globalThis as { [key: symbol]: unknown })[
      Symbol.for('alliance-hub.timeZoneAbbreviations')
    ]
    const { TIME_ZONES, findTimeZones } = await load()
    const zones = TIME_ZONES.length
    const zurich = TIME_ZONES.find((zone) => zone.value === 'Europe/Zurich')!
    expect(zurich.label).toBe('Europe/Zurich — Zurich, Geneva, Bern, Switzerland · CET/CEST')
    expect(TIME_ZONES.find((zone) => zone.value === 'Africa/Nairobi')!.label).toMatch(/· EAT$/)
    // Node 20's ICU calls it Asia/Calcutta, later ones Asia/Kolkata.
    expect(TIME_ZONES.find((zone) => /^Asia\/(Kolkata|Calcutta)$/.test(zone.value))!.label).toMatch(
      /· IST$/,
    )
    const labels = TIME_ZONES.map((zone) => zone.label)
    // en-US and en-GB for every zone, the regional locales for their regions.
    expect(made).toBeGreaterThanOrEqual(2 * zones)
    expect(made).toBeLessThan(3 * zones)
    const naming = made
    // Read again, and by another copy of the module (Next loads it in several bundles): none made.
    expect(TIME_ZONES.map((zone) => zone.label)).toEqual(labels)
    vi.resetModules()
    expect((await load()).TIME_ZONES.map((zone) => zone.label)).toEqual(labels)
    expect(made).toBe(naming)
    // The search adds each zone's long name (one formatter for both seasons).
    expect(findTimeZones('CET')[0]).toBe('Europe/Zurich')
    expect(findTimeZones('Geneva')).toEqual(['Europe/Zurich'])
    expect(made).toBe(naming + zones)
  })

  it('keep the few formatters an event list shows again and again', async () => {
    const { formatZoned } = await load()
    const shown = () =>
      ['2026-07-21T12:00:00Z', '2026-01-10T08:30:00Z'].map((at) => formatZoned(at, 'Europe/Zurich'))
    expect(shown()).toEqual([
      '21 Jul 2026, 14:00 CEST (Europe/Zurich)',
      '10 Jan 2026, 09:30 CET (Europe/Zurich)',
    ])
    const first = made
    shown()
    // Only the date's own formatter is made again; the zone's names are kept.
    expect(made - first).toBe(2)
  })
})
