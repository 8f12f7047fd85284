// The bench's site pages: each page type of the Alliance's site (site/), as the hub serves it, and
// the partner API requests that page makes (the same persisted GETs, by hash), so that a page's
// latency is read beside the latency of the API answers it waits for.
import { chainOf } from '../site/i18n'
import { persistedUrl } from '../site/hub'
import {
  GroupQuery,
  HomeQuery,
  LibraryQuery,
  ResourceQuery,
  StandardsQuery,
  WebinarsQuery,
} from '../site/queries'
import type { Bases, Request } from './scenarios'

type SitePage = {
  id: string
  name: string
  page: (b: Bases) => Request
  /** The partner API requests the page makes, at once (the page waits for the slowest). */
  api: (b: Bases) => Request[]
}

const get = (url: string | URL): Request => ({ url: String(url), method: 'GET', headers: {} })
const en = chainOf('en')
/** The bench's busiest group, or the CPMS Working Group when no group has upcoming events. */
const groupOf = (b: Bases) => b.group || 'cpms-working-group'

export const SITE_PAGES: SitePage[] = [
  {
    id: 's1',
    name: 'site: home',
    page: (b) => get(`${b.hub}/en/`),
    api: (b) => [get(persistedUrl(`${b.hub}/graphql`, HomeQuery, en))],
  },
  {
    id: 's2',
    name: 'site: library, first page',
    page: (b) => get(`${b.hub}/en/resources`),
    api: (b) => [
      get(
        persistedUrl(`${b.hub}/graphql`, LibraryQuery, {
          ...en,
          first: 20,
          filter: {},
          sort: 'NEWEST',
        }),
      ),
    ],
  },
  {
    id: 's3',
    name: 'site: a resource',
    page: (b) => get(`${b.hub}/en/resources/${b.slug}`),
    api: (b) => [get(persistedUrl(`${b.hub}/graphql`, ResourceQuery, { ...en, slug: b.slug }))],
  },
  {
    id: 's4',
    name: 'site: a working group',
    page: (b) => get(`${b.hub}/en/groups/${groupOf(b)}`),
    api: (b) => [get(persistedUrl(`${b.hub}/graphql`, GroupQuery, { ...en, slug: groupOf(b) }))],
  },
  {
    id: 's5',
    name: 'site: webinars',
    page: (b) => get(`${b.hub}/en/webinars`),
    api: (b) => [get(persistedUrl(`${b.hub}/graphql`, WebinarsQuery, en))],
  },
  {
    id: 's6',
    name: 'site: CPMS standards',
    page: (b) => get(`${b.hub}/en/standards`),
    api: (b) => [get(persistedUrl(`${b.hub}/graphql`, StandardsQuery, en))],
  },
]
