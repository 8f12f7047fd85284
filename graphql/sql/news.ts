// News posts and newsletter editions as partners list them.
import { ofGroup } from './groups'
import type { ListingQuery } from './listing'
import { Params } from '../../src/db/statements'

/** Posts newest first, of one group when asked (by its slug, or by id for a group's own list). */
export const newsListing = (q: { groupSlug?: string | null; groupId?: number }): ListingQuery => {
  const params = new Params()
  const where: string[] = []
  if (q.groupId !== undefined) where.push(ofGroup(params, 'news', q.groupId))
  else if (q.groupSlug) {
    where.push(`EXISTS (SELECT 1 FROM news_rels r JOIN working_groups g ON g.id = r.working_groups_id
      WHERE r.parent_id = t.id AND r.path = 'workingGroups' AND g.slug = ${params.add(q.groupSlug)})`)
  }
  return {
    kind: 'news',
    where,
    params: params.values,
    order: [`coalesce(t.date, '-infinity')`, 't.id'],
    direction: 'desc',
  }
}

/** Editions newest first. */
export const newsletterListing = (): ListingQuery => ({
  kind: 'newsletter',
  where: [],
  params: [],
  order: ['t.issue_date', 't.id'],
  direction: 'desc',
})
