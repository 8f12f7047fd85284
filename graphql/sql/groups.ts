// Working groups as partners list them, and what is filed under a group.
import type { ListingQuery } from './listing'
import { Params } from '../../src/db/statements'

/** Items of a collection filed under a group through its `workingGroups` relationship. */
export const ofGroup = (params: Params, table: 'resources' | 'news' | 'events', groupId: number) =>
  `EXISTS (SELECT 1 FROM ${table}_rels r WHERE r.parent_id = t.id AND r.path = 'workingGroups'
    AND r.working_groups_id = ${params.add(groupId)}::int)`

/** Groups in slug order, of a kind and a status when asked ('task-force', 'active'). */
export const groupListing = (q: { kind?: string | null; status?: string | null }): ListingQuery => {
  const params = new Params()
  const where: string[] = []
  if (q.kind) where.push(`t.kind::text = ${params.add(q.kind)}`)
  if (q.status) where.push(`t.status::text = ${params.add(q.status)}`)
  return {
    kind: 'group',
    where,
    params: params.values,
    order: ['t.slug', 't.id'],
    direction: 'asc',
  }
}

/** A group's resources, newest first. */
export const groupResourceListing = (groupId: number): ListingQuery => {
  const params = new Params()
  return {
    kind: 'resource',
    where: [ofGroup(params, 'resources', groupId)],
    params: params.values,
    order: [`coalesce(t.publication_date, '-infinity')`, 't.id'],
    direction: 'desc',
  }
}
