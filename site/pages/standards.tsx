/** @jsxImportSource hono/jsx */
import type { StandardsQuery } from '../generated/graphql'
import { type Ctx, href, Layout, t, Tx } from '../ui'

const PILLARS = [1, 2, 3, 4] as const

export const StandardsPage = ({ ctx, data }: { ctx: Ctx; data: StandardsQuery }) => (
  <Layout
    ctx={ctx}
    title={t(ctx, 'standards')}
    description={`${t(ctx, 'pillar1')}; ${t(ctx, 'pillar2')}; ${t(ctx, 'pillar3')}; ${t(ctx, 'pillar4')}`}
  >
    <h1>{t(ctx, 'standards')}</h1>
    {PILLARS.map((pillar) => (
      <section aria-labelledby={`pillar-${pillar}`}>
        <h2 id={`pillar-${pillar}`}>
          {t(ctx, 'pillar', { n: pillar })}: {t(ctx, `pillar${pillar}`)}
        </h2>
        <ol start={data.standards.find((standard) => standard.pillar === pillar)?.number}>
          {data.standards
            .filter((standard) => standard.pillar === pillar)
            .map((standard) => (
              <li id={`standard-${standard.number}`}>
                <a href={`${href(ctx, '/resources')}?standard=${standard.number}`}>
                  <Tx ctx={ctx} value={standard.title} />
                </a>
              </li>
            ))}
        </ol>
      </section>
    ))}
  </Layout>
)
