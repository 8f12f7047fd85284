// Working groups, task forces and initiatives, with their leads, resources, webinars and news.
import { page } from '../../arguments'
import type { Resolvers } from '../../generated/resolvers'
import { toGlobalId } from '../../../src/ids'
import type {
  EventRow,
  GroupRow,
  NewsRow,
  OrganisationRow,
  PersonRow,
  ResourceRow,
} from '../../rows'
import { webinarListing } from '../../sql/events'
import { groupListing, groupResourceListing } from '../../sql/groups'
import { findBySlug, listPage } from '../../sql/listing'
import { newsListing } from '../../sql/news'
import { connection, toEnum, translated } from '../shared'

const groupKinds = {
  WORKING_GROUP: 'working-group',
  TASK_FORCE: 'task-force',
  INITIATIVE: 'initiative',
} as const

export const groupResolvers: Resolvers = {
  WorkingGroupConnection: connection,
  Query: {
    workingGroups: (_, args, ctx, info) =>
      listPage<GroupRow>(
        ctx,
        groupListing({
          kind: args.kind ? groupKinds[args.kind] : null,
          status: args.status ? args.status.toLowerCase() : null,
        }),
        page(args),
        info,
      ),
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
      listPage<ResourceRow>(ctx, groupResourceListing(g.id), page(args), info),
    webinars: (g, args, ctx, info) =>
      listPage<EventRow>(
        ctx,
        webinarListing({ when: args.when ?? 'ALL', groupId: g.id }),
        page(args),
        info,
      ),
    news: (g, args, ctx, info) =>
      listPage<NewsRow>(ctx, newsListing({ groupId: g.id }), page(args), info),
  },
  GroupLead: {
    person: async (l, _, ctx) => (await ctx.loaders.one<PersonRow>('person', l.personId))!,
    role: (l, _, ctx, info) => translated(l.locales, 'role', ctx.chain(info)),
  },
}
