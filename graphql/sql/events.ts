// Webinars and other dated events as partners list them: upcoming or past, by language and group.
import type { WebinarTiming } from '../generated/resolvers'
import { ofGroup } from './groups'
import type { ListingQuery } from './listing'
import { Params } from '../../src/db/statements'

export type WebinarQuery = {
  when: WebinarTiming
  from?: string | null
  to?: string | null
  language?: string | null
  groupSlug?: string | null
  groupId?: number
  /** The stored kind, e.g. `annual-meeting`. */
  kind?: string | null
}

export const webinarListing = (q: WebinarQuery): ListingQuery => {
  const params = new Params()
  const where: string[] = []
  if (q.when === 'UPCOMING') where.push('t.starts_at >= now()')
  if (q.when === 'PAST') where.push('t.starts_at < now()')
  if (q.from) where.push(`t.starts_at >= ${params.add(q.from)}::timestamptz`)
  if (q.to) where.push(`t.starts_at < ${params.add(q.to)}::timestamptz`)
  if (q.language) {
    where.push(
      `EXISTS (SELECT 1 FROM events_languages l WHERE l.parent_id = t.id AND l.value::text = ${params.add(q.language)})`,
    )
  }
  if (q.kind) where.push(`t.kind::text = ${params.add(q.kind)}`)
  if (q.groupId !== undefined) where.push(ofGroup(params, 'events', q.groupId))
  else if (q.groupSlug) {
    where.push(`EXISTS (SELECT 1 FROM events_rels r WHERE r.parent_id = t.id AND r.path = 'workingGroups'
      AND r.working_groups_id = (SELECT id FROM working_groups WHERE slug = ${params.add(q.groupSlug)}))`)
  }
  return {
    kind: 'event',
    where,
    params: params.values,
    order: ['t.starts_at', 't.id'],
    direction: q.when === 'UPCOMING' ? 'asc' : 'desc',
  }
}
