// The seed holds the Alliance's real records, can run again without changing anything, and
// either writes everything or nothing.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { seedData } from '../../seed/data'
import { generateVolume } from '../../seed/generate'
import { runSeed, SeedError } from '../../seed/seed'
import { hub, unique } from '../helpers/hub'

let payload: Payload

beforeAll(async () => {
  payload = await hub()
})

const one = async <T>(promise: Promise<{ docs: T[] }>) => (await promise).docs[0]!

describe('the seeded hub', () => {
  it('holds the CPMS Working Group with its leads, lead agencies and contact', async () => {
    const group = await one(
      payload.find({
        collection: 'working-groups',
        where: { slug: { equals: 'cpms-working-group' } },
        depth: 2,
      }),
    )
    expect(group.contactEmail).toBe('cpms.wg@alliancecpha.org')
    const leadAgencies = (group.leadOrganisations ?? []).map((o) =>
      typeof o === 'object' ? o.name : o,
    )
    expect(leadAgencies).toEqual(
      expect.arrayContaining(['International Rescue Committee', 'Plan International']),
    )
    const leads = (group.leads ?? []).map((l) => {
      const person = l.person as {
        name: string
        organisation: { shortName?: string; name: string }
      }
      return `${person.name} (${person.organisation.shortName ?? person.organisation.name})`
    })
    expect(leads).toEqual(
      expect.arrayContaining([
        'Wajahat Ali (IRC)',
        expect.stringMatching(/^Ilenia de Marino \(Plan/),
      ]),
    )
  })

  it('holds the first coaching webinar at its real time and length', async () => {
    const webinar = await one(
      payload.find({
        collection: 'events',
        where: { title: { like: 'Defining coaching mentoring and supervision' } },
      }),
    )
    expect(new Date(webinar.startsAt).toISOString()).toBe('2018-02-20T11:00:00.000Z')
    expect(webinar.durationMinutes).toBe(75)
    expect(webinar.series).toMatchObject({ part: 1, of: 3 })
  })

  it('holds the February 2021 newsletter with its four sections in order', async () => {
    const edition = await one(
      payload.find({ collection: 'newsletters', where: { slug: { equals: '2021-02' } } }),
    )
    expect(edition.sections?.map((s) => s.kind)).toEqual([
      'group-updates',
      'latest-resources',
      'upcoming-webinars',
      'trainings',
    ])
    expect(edition.sections?.every((s) => (s.items?.length ?? 0) > 0)).toBe(true)
  })

  it('holds the CPMS 2019 in Polish among its language editions', async () => {
    const { docs } = await payload.find({
      collection: 'translations',
      where: {
        language: { equals: 'pl' },
        'resource.slug': {
          equals: 'minimum-standards-for-child-protection-in-humanitarian-action',
        },
      },
      depth: 0,
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({
      title: 'Minimalne standardy ochrony dzieci w działaniach humanitarnych',
      sourceEdition: '2019',
      progress: 'complete',
    })
  })

  it('holds all 28 CPMS standards in their four pillars', async () => {
    const { docs } = await payload.find({ collection: 'standards', limit: 100, sort: 'number' })
    expect(docs.map((d) => d.number)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1))
    expect(new Set(docs.map((d) => d.pillar))).toEqual(new Set(['1', '2', '3', '4']))
  })
})

/** When each seeded resource was last written. */
const seededResourceStamps = async () =>
  (
    await payload.find({
      collection: 'resources',
      where: { slug: { in: seedData.resources.map((r) => r.slug) } },
      pagination: false,
      draft: true,
      depth: 0,
      select: { updatedAt: true },
    })
  ).docs

describe('running the seed', () => {
  it('changes nothing the second time', async () => {
    const before = await seededResourceStamps()
    const report = await runSeed(payload, seedData)
    for (const [collection, counts] of Object.entries(report)) {
      expect({ collection, created: counts.created }).toEqual({ collection, created: 0 })
    }
    const after = await seededResourceStamps()
    expect(after).toEqual(before)
  })

  it('names the file, record and field of bad data, and writes nothing', async () => {
    const orgKey = unique('new-org')
    const bad = {
      ...seedData,
      organisations: [
        ...seedData.organisations,
        { key: orgKey, name: 'New organisation', kind: 'ngo' },
      ],
      resources: [
        ...seedData.resources,
        {
          slug: unique('bad-resource'),
          title: 'Bad',
          links: [{ kind: 'video', url: 'ftp://example.org/x' }],
        },
      ],
    }
    const index = bad.resources.length - 1
    await expect(runSeed(payload, bad)).rejects.toThrow(SeedError)
    await expect(runSeed(payload, bad)).rejects.toThrow(
      new RegExp(
        `seed/data/resources\\.ts, record ${index} \\(bad-resource-[a-z0-9]+\\), field links\\.0\\.url: must be an http\\(s\\) URL`,
      ),
    )
    expect(
      (await payload.count({ collection: 'organisations', where: { slug: { equals: orgKey } } }))
        .totalDocs,
    ).toBe(0)
  })

  it('names a reference to a record that does not exist', async () => {
    const bad = {
      ...seedData,
      news: [
        {
          slug: unique('orphan-news'),
          title: 'Orphan',
          date: '2021-01-01',
          workingGroups: ['no-such-group'],
        },
      ],
    }
    await expect(runSeed(payload, bad)).rejects.toThrow(
      /seed\/data\/news\.ts, record 0 \(orphan-news-\w+\), field workingGroups\.0: refers to working-groups "no-such-group"/,
    )
  })

  it('rolls back everything when a write fails half-way', async () => {
    const keys = [unique('org-one'), unique('org-two'), unique('org-three')]
    const partial = {
      ...seedData,
      organisations: [
        ...seedData.organisations,
        ...keys.map((key) => ({ key, name: key, kind: 'ngo' })),
      ],
    }
    let written = 0
    await expect(
      runSeed(payload, partial, {
        onProgress: (collection, done) => {
          // Fail after the second new organisation has been written.
          if (
            collection === 'organisations' &&
            done === seedData.organisations.length + 2 &&
            ++written
          ) {
            throw new Error('simulated crash')
          }
        },
      }),
    ).rejects.toThrow('simulated crash')
    expect(written).toBe(1)
    const { totalDocs } = await payload.count({
      collection: 'organisations',
      where: { slug: { in: keys } },
    })
    expect(totalDocs).toBe(0)
  })
})

describe('the volume generator', () => {
  it('adds N resources with translations, and nothing more when run again', async () => {
    const first = await generateVolume(payload, 3)
    const slugs = [
      'generated-resource-000001',
      'generated-resource-000002',
      'generated-resource-000003',
    ]
    const { docs } = await payload.find({
      collection: 'resources',
      where: { slug: { in: slugs } },
      depth: 0,
    })
    expect(docs).toHaveLength(3)
    expect(first.created + first.kept).toBe(3)
    expect(
      docs.every((d) => (d.workingGroups?.length ?? 0) > 0 && (d.topics?.length ?? 0) > 0),
    ).toBe(true)
    const editions = await payload.count({
      collection: 'translations',
      where: { resource: { in: docs.map((d) => d.id) } },
    })
    expect(editions.totalDocs).toBeGreaterThanOrEqual(3)
    expect(await generateVolume(payload, 3)).toEqual({ created: 0, kept: 3 })
  })
})
