// The dashboard's "Translation status": per language, how many resource texts (title, summary,
// body) are missing, outdated or current, and how many editions need an update, each number a link
// to the list that shows them. A server component: one pair of SQL statements per dashboard visit.
import type { Payload, PayloadRequest } from 'payload'
import ISO6391 from 'iso-639-1'

import { translationStatus } from '../../freshness/status'

const cell = { padding: '4px 12px', textAlign: 'right' as const }

export const TranslationStatus = async ({ payload }: { payload: Payload }) => {
  const rows = await translationStatus({ payload, context: {} } as unknown as PayloadRequest)
  const admin = payload.config.routes.admin
  const list = (collection: string, query: string) =>
    `${admin}/collections/${collection}?${query}`.replace(/\[/g, '%5B').replace(/\]/g, '%5D')
  const link = (count: number, href: string) => (count ? <a href={href}>{count}</a> : 0)
  return (
    <div style={{ marginTop: 32 }}>
      <h2>Translation status</h2>
      <p>
        Resource texts (title, summary, body) with English text, by state in each locale, and
        language editions. Outdated: the English changed after the translation did (published
        versions).
      </p>
      <table>
        <thead>
          <tr>
            <th style={{ textAlign: 'left' }}>Language</th>
            <th style={cell}>Texts missing</th>
            <th style={cell}>Texts outdated</th>
            <th style={cell}>Texts current</th>
            <th style={cell}>Editions outdated</th>
            <th style={cell}>Editions current</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ language, texts, editions }) => {
            const textLink = (state: 'missing' | 'outdated' | 'current') =>
              texts
                ? link(texts[state], list('resources', `locale=${language}&translation=${state}`))
                : '–'
            const editionLink = (state: 'outdated' | 'current') =>
              link(
                editions[state],
                list('translations', `where[language][equals]=${language}&translation=${state}`),
              )
            return (
              <tr key={language}>
                <td>{ISO6391.getName(language) || language}</td>
                <td style={cell}>{textLink('missing')}</td>
                <td style={cell}>{textLink('outdated')}</td>
                <td style={cell}>{textLink('current')}</td>
                <td style={cell}>{editionLink('outdated')}</td>
                <td style={cell}>{editionLink('current')}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
