'use client'
// Above the resources and translations lists: filter by translation state (see
// src/freshness/listFilter.ts). On resources it applies to the list's locale, so it shows only in
// French, Spanish and Arabic.
import { Link, useLocale } from '@payloadcms/ui'
import { usePathname, useSearchParams } from 'next/navigation'

import { DEFAULT_LOCALE, LOCALES } from '../../locales'

const PARAM = 'translation'

export const TranslationStateFilter = ({ collectionSlug }: { collectionSlug?: string }) => {
  const { code } = useLocale()
  const pathname = usePathname()
  const params = useSearchParams()
  const resources = collectionSlug === 'resources' || pathname.endsWith('/collections/resources')
  if (resources && code === DEFAULT_LOCALE) return null
  const states: [string, string][] = resources
    ? [
        ['missing', 'Missing'],
        ['outdated', 'Needs update'],
        ['current', 'Up to date'],
      ]
    : [
        ['outdated', 'Needs update'],
        ['current', 'Up to date'],
      ]
  const active = params.get(PARAM)
  const href = (state: string | null) => {
    const next = new URLSearchParams(params.toString())
    next.delete('page')
    if (state) next.set(PARAM, state)
    else next.delete(PARAM)
    return `${pathname}?${next.toString()}`
  }
  const language = LOCALES.find((locale) => locale.code === code)?.label ?? code
  return (
    <nav
      aria-label="Translation state"
      className="hub-translation-filter"
      data-testid="translation-filter"
      style={{ display: 'flex', gap: 12, alignItems: 'baseline', margin: '0 0 16px' }}
    >
      <span>{resources ? `Translation in ${language}:` : 'Edition:'}</span>
      {[[null, 'All'] as [string | null, string], ...states].map(([state, label]) =>
        state === active || (!state && !active) ? (
          <strong key={label} aria-current="true">
            {label}
          </strong>
        ) : (
          <Link key={label} href={href(state)} prefetch={false}>
            {label}
          </Link>
        ),
      )}
    </nav>
  )
}
