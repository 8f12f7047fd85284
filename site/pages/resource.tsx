/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html'

import type { ResourcePageQuery } from '../generated/graphql'
import {
  type Ctx,
  FallbackNotice,
  Files,
  href,
  Languages,
  Layout,
  Organisations,
  OutdatedNotice,
  Picture,
  plain,
  t,
  Tx,
  When,
} from '../ui'

type Resource = NonNullable<ResourcePageQuery['resource']>

const Terms = ({
  ctx,
  label,
  items,
}: {
  ctx: Ctx
  label: string
  items: { name: Resource['topics'][number]['name'] }[]
}) =>
  items.length ? (
    <>
      <dt>{label}</dt>
      <dd>
        {items.map((item, i) => (
          <>
            {i ? ', ' : ''}
            <Tx ctx={ctx} value={item.name} />
          </>
        ))}
      </dd>
    </>
  ) : null

/** Its type, dates, publishers, groups, terms, countries and languages, as a list of facts. */
const ResourceFacts = ({ ctx, resource }: { ctx: Ctx; resource: Resource }) => (
  <dl class="facts">
    {resource.publicationType ? (
      <>
        <dt>{t(ctx, 'type')}</dt>
        <dd>
          <Tx ctx={ctx} value={resource.publicationType.name} />
          {resource.statusFlag ? ` · ${resource.statusFlag}` : null}
        </dd>
      </>
    ) : null}
    {resource.publicationDate ? (
      <>
        <dt>{t(ctx, 'published')}</dt>
        <dd>
          <When ctx={ctx} date={resource.publicationDate} precision={resource.datePrecision} />
        </dd>
      </>
    ) : null}
    {resource.publishers.length ? (
      <>
        <dt>{t(ctx, 'publishers')}</dt>
        <dd>
          <Organisations ctx={ctx} organisations={resource.publishers} />
        </dd>
      </>
    ) : null}
    {resource.workingGroups.length ? (
      <>
        <dt>{t(ctx, 'workingGroups')}</dt>
        <dd>
          {resource.workingGroups.map((group, i) => (
            <>
              {i ? ', ' : ''}
              <a href={href(ctx, `/groups/${group.slug}`)}>
                <Tx ctx={ctx} value={group.name} />
              </a>
            </>
          ))}
        </dd>
      </>
    ) : null}
    <Terms ctx={ctx} label={t(ctx, 'topics')} items={resource.topics} />
    <Terms ctx={ctx} label={t(ctx, 'themes')} items={resource.themes} />
    <Terms ctx={ctx} label={t(ctx, 'audiences')} items={resource.audiences} />
    {resource.countries.length ? (
      <>
        <dt>{t(ctx, 'countries')}</dt>
        <dd>{resource.countries.map((country) => country.name).join(', ')}</dd>
      </>
    ) : null}
    {resource.availableLanguages.length ? (
      <>
        <dt>{t(ctx, 'languages')}</dt>
        <dd>
          <Languages languages={resource.availableLanguages} />
        </dd>
      </>
    ) : null}
  </dl>
)

const ResourceStandards = ({ ctx, standards }: { ctx: Ctx; standards: Resource['standards'] }) =>
  standards.length ? (
    <section aria-labelledby="standards">
      <h2 id="standards">{t(ctx, 'standards')}</h2>
      <ul>
        {standards.map((standard) => (
          <li>
            <a href={href(ctx, `/standards#standard-${standard.number}`)}>
              {t(ctx, 'standard', { n: standard.number })}: <Tx ctx={ctx} value={standard.title} />
            </a>
          </li>
        ))}
      </ul>
    </section>
  ) : null

const ResourceFiles = ({ ctx, files }: { ctx: Ctx; files: Resource['files'] }) =>
  files.length ? (
    <section aria-labelledby="files">
      <h2 id="files">{t(ctx, 'files')}</h2>
      <Files ctx={ctx} files={files} />
    </section>
  ) : null

const ResourceLinks = ({ ctx, links }: { ctx: Ctx; links: Resource['links'] }) =>
  links.length ? (
    <section aria-labelledby="links">
      <h2 id="links">{t(ctx, 'links')}</h2>
      <ul>
        {links.map((link) => (
          <li>
            <a href={link.url} hreflang={link.language?.code}>
              {plain(link.label) ? <Tx ctx={ctx} value={link.label} /> : link.url}
            </a>
            {link.language ? (
              <>
                {' '}
                (<span lang={link.language.code}>{link.language.nativeName}</span>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  ) : null

/** One edition in another language: linked where it is online, with its format, date and state. */
const Edition = ({ ctx, edition }: { ctx: Ctx; edition: Resource['translations'][number] }) => (
  <li>
    <span lang={edition.language.code}>{edition.language.nativeName}</span>
    {': '}
    {edition.url ? (
      <a href={edition.url} hreflang={edition.language.code} lang={edition.language.code}>
        {edition.title}
      </a>
    ) : (
      <span lang={edition.language.code}>{edition.title}</span>
    )}
    <span class="meta">
      {' '}
      ({edition.format}
      {edition.date ? (
        <>
          , <When ctx={ctx} date={edition.date} />
        </>
      ) : null}
      {edition.progress === 'IN_PROGRESS' ? `, ${t(ctx, 'inProgress')}` : ''}
      {edition.translatedBy ? (
        <>, {t(ctx, 'translatedBy', { by: plain(edition.translatedBy.name) })}</>
      ) : null}
      )
    </span>
    {edition.outdated ? <p class="notice">{t(ctx, 'outdatedNotice')}</p> : null}
  </li>
)

const ResourceEditions = ({ ctx, editions }: { ctx: Ctx; editions: Resource['translations'] }) =>
  editions.length ? (
    <section aria-labelledby="editions">
      <h2 id="editions">{t(ctx, 'editions')}</h2>
      <ul>
        {editions.map((edition) => (
          <Edition ctx={ctx} edition={edition} />
        ))}
      </ul>
    </section>
  ) : null

export const ResourcePage = ({ ctx, resource }: { ctx: Ctx; resource: Resource }) => {
  const texts = [resource.title, resource.summary, resource.body]
  const image =
    resource.cover?.sizes.find((size) => size.name === 'LARGE')?.url ?? resource.cover?.url
  return (
    <Layout
      ctx={ctx}
      title={plain(resource.title)}
      description={plain(resource.summary)}
      image={image}
    >
      <article>
        <h1>
          <Tx ctx={ctx} value={resource.title} />
        </h1>
        <FallbackNotice ctx={ctx} values={texts} />
        <OutdatedNotice ctx={ctx} values={texts} />
        {resource.cover ? <Picture ctx={ctx} image={resource.cover} /> : null}
        {resource.summary.text ? (
          <p class="lead">
            <Tx ctx={ctx} value={resource.summary} />
          </p>
        ) : null}
        {resource.body.text ? <div class="body">{raw(resource.body.text)}</div> : null}
        <ResourceFacts ctx={ctx} resource={resource} />
        <ResourceStandards ctx={ctx} standards={resource.standards} />
        <ResourceFiles ctx={ctx} files={resource.files} />
        <ResourceLinks ctx={ctx} links={resource.links} />
        <ResourceEditions ctx={ctx} editions={resource.translations} />
      </article>
    </Layout>
  )
}
