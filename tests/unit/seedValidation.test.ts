// Seed files are checked before anything is written; errors say where and what (no database here).
import { describe, expect, it } from 'vitest'

import { seedData } from '../../seed/data'
import { SeedError, validateSeed } from '../../seed/seed'

const problems = (input: unknown) => {
  try {
    validateSeed(input)
    return []
  } catch (error) {
    if (error instanceof SeedError) return error.issues
    throw error
  }
}

describe('seed validation', () => {
  it('accepts the real records', () => {
    expect(problems(seedData)).toEqual([])
  })

  it('names the file, record and field of an event in an unknown time zone', () => {
    const events = seedData.events.map((e, i) =>
      i === 2 ? { ...e, timeZone: 'Europe/Geneva' } : e,
    )
    expect(problems({ ...seedData, events })).toEqual([
      expect.stringMatching(
        /^seed\/data\/events\.ts, record 2 \([\w-]+\), field timeZone: must be a canonical IANA time zone/,
      ),
    ])
  })

  it('refuses a start time that is not UTC', () => {
    const events = seedData.events.map((e, i) =>
      i === 0 ? { ...e, startsAt: '2018-02-20T12:00:00+01:00' } : e,
    )
    expect(problems({ ...seedData, events })).toEqual([
      expect.stringMatching(/events\.ts, record 0 .*field startsAt: must be a UTC instant/),
    ])
  })

  it('reports a slug used twice', () => {
    const resources = [...seedData.resources, seedData.resources[0]!]
    expect(problems({ ...seedData, resources })).toEqual([
      expect.stringMatching(
        new RegExp(`resources\\.ts, record ${resources.length - 1} .*appears twice`),
      ),
    ])
  })
})
