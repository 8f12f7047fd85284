// Working groups, task forces and initiatives, with their leads, resources, webinars and news.
import { page } from '../../arguments'
import type { Resolvers } from '../../generated/resolvers'
import { toGlobalId } from '../../ids'
import type {
  EventRow,
  GroupRow,
  NewsRow,
  OrganisationRow,
  PersonRow,
  ResourceRow,
} from '../../rows'
import { findBySlug, listPage } from '../../sql/listing'
import { toEnum, translated } from '../shared'
import { webinarListing } from '../webinars/resolvers'

const groupKinds = {
  WORKING_GROUP: 'working-group',
  TASK_FORCE: 'task-force',
  INITIATIVE: 'initiative',
} as const

/** Items of a collection filed under a group through its `workingGroups` relationship. */
const ofGroup = (table: 'resources' | 'news', groupId: number) =>
  `EXISTS (SELECT 1 FROM ${table}_rels r WHERE r.parent_id = t.id AND r.path = 'workingGroups' AND r.working_groups_id = ${Number(groupId)})`

export const groupResolvers: Resolvers = {
  Query: {
    workingGroups: (_, args, ctx, info) => {
      const where: string[] = []
      const params: unknown[] = []
      if (args.kind) {
        params.push(groupKinds[args.kind])
        where.push(`t.kind::text = $${params.length}`)
      }
      if (args.status) {
        params.push(args.status.toLowerCase())
        where.push(`t.status::text = $${params.length}`)
      }
      return listPage<GroupRow>(
        ctx,
        { kind: 'group', where, params, order: ['t.slug', 't.id'], direction: 'asc' },
        page(args),
        info,
      )
    },
    workingGroup: (_, args, ctx, info) => findBySlug<GroupRow>(ctx, 'group', args.slug),
  },
  WorkingGroup: {
    id: (g) => toGlobalId('WorkingGroup', g.id),
    name: (g, _, ctx, info) => translated(g.locales, 'name', ctx.chain(info)),
    summary: (g, _, ctx, info) => translated(g.locales, 'summary', ctx.chain(info)),
    kind: (g) => toEnum(g.kind),
    status: (g) => toEnum(g.status),
    leadOrganisations: (g, _, ctx) =>
      ctx.loaders.many<OrganisationRow>('organisation', g.rels?.leadOrganisations),
    leads: (g) => g.leads,
    priorities: (g, _, ctx, info) =>
      g.priorities.map((p) => translated(p, 'text', ctx.chain(info))),
    keyTools: (g, _, ctx) => ctx.loaders.many<ResourceRow>('resource', g.rels?.keyTools),
    resources: (g, args, ctx, info) =>
      listPage<ResourceRow>(
        ctx,
        {
          kind: 'resource',
          where: [ofGroup('resources', g.id)],
          params: [],
          order: [`coalesce(t.publication_date, '-infinity')`, 't.id'],
          direction: 'desc',
        },
        page(args),
        info,
      ),
    webinars: (g, args, ctx, info) =>
      listPage<EventRow>(
        ctx,
        webinarListing({ when: args.when ?? 'ALL', groupId: g.id }),
        page(args),
        info,
      ),
    news: (g, args, ctx, info) =>
      listPage<NewsRow>(
        ctx,
        {
          kind: 'news',
          where: [ofGroup('news', g.id)],
          params: [],
          order: [`coalesce(t.date, '-infinity')`, 't.id'],
          direction: 'desc',
        },
        page(args),
        info,
      ),
  },
  GroupLead: {
    person: async (l, _, ctx) => (await ctx.loaders.one<PersonRow>('person', l.personId))!,
    role: (l, _, ctx, info) => translated(l.locales, 'role', ctx.chain(info)),
  },
}
