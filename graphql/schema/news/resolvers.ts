// News posts and newsletter editions.
import { page, parseArg, slug } from '../../arguments'
import type { Resolvers } from '../../generated/resolvers'
import { toGlobalId } from '../../../src/ids'
import { loadFile } from '../files/resolvers'
import type { EventRow, GroupRow, NewsletterRow, NewsRow, ResourceRow } from '../../rows'
import { findBySlug, listPage } from '../../sql/listing'
import { newsletterListing, newsListing } from '../../sql/news'
import { connection, toEnum, translated } from '../shared'

export const newsResolvers: Resolvers = {
  NewsPostConnection: connection,
  NewsletterConnection: connection,
  Query: {
    newsPosts: (_, args, ctx, info) =>
      listPage<NewsRow>(
        ctx,
        newsListing({
          groupSlug:
            args.workingGroup == null ? null : parseArg('workingGroup', slug, args.workingGroup),
        }),
        page(args),
        info,
      ),
    newsPost: (_, args, ctx, info) => findBySlug<NewsRow>(ctx, 'news', args.slug),
    newsletters: (_, args, ctx, info) =>
      listPage<NewsletterRow>(ctx, newsletterListing(), page(args), info),
    newsletter: (_, args, ctx, info) => findBySlug<NewsletterRow>(ctx, 'newsletter', args.slug),
  },
  NewsPost: {
    id: (n) => toGlobalId('NewsPost', n.id),
    title: (n, _, ctx, info) => translated(n.locales, 'title', ctx.chain(info)),
    date: (n) => n.date?.slice(0, 10) ?? null,
    summary: (n, _, ctx, info) => translated(n.locales, 'summary', ctx.chain(info)),
    workingGroups: (n, _, ctx) => ctx.loaders.many<GroupRow>('group', n.rels?.workingGroups),
    resources: (n, _, ctx) => ctx.loaders.many<ResourceRow>('resource', n.rels?.resources),
  },
  Newsletter: {
    id: (n) => toGlobalId('Newsletter', n.id),
    title: (n, _, ctx, info) => translated(n.locales, 'title', ctx.chain(info)),
    issueDate: (n) => n.issueDate.slice(0, 10),
    image: (n, _, ctx) => loadFile(ctx, n.imageId),
    sections: (n) => n.sections,
  },
  NewsletterSection: {
    kind: (s) => toEnum(s.kind),
    heading: (s, _, ctx, info) => translated(s.locales, 'heading', ctx.chain(info)),
    items: (s) => s.items,
  },
  NewsletterItem: {
    image: (i, _, ctx) => loadFile(ctx, i.imageId),
    // A target that is not published (a draft, a deleted post) is left out, never leaked.
    target: async (i, _, ctx) => {
      const t = i.target
      if (!t) return null
      if (t.resource) return ctx.loaders.one<ResourceRow>('resource', t.resource)
      if (t.event) return ctx.loaders.one<EventRow>('event', t.event)
      if (t.group) return ctx.loaders.one<GroupRow>('group', t.group)
      return ctx.loaders.one<NewsRow>('news', t.news)
    },
    note: (i, _, ctx, info) => translated(i.locales, 'note', ctx.chain(info)),
    title: (i, _, ctx, info) => translated(i.locales, 'title', ctx.chain(info)),
    text: (i, _, ctx, info) => translated(i.locales, 'text', ctx.chain(info)),
    date: (i) => i.date?.slice(0, 10) ?? null,
  },
}
