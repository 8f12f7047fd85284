import config from '@payload-config'
import { generatePageMetadata, RootPage } from '@payloadcms/next/views'
import type { Metadata } from 'next'

import { refusedCreation } from '../../../../components/admin/refusedCreation'
import { importMap } from '../importMap.js'

type Args = {
  params: Promise<{ segments: string[] }>
  searchParams: Promise<{ [key: string]: string | string[] }>
}

export const generateMetadata = ({ params, searchParams }: Args): Promise<Metadata> =>
  generatePageMetadata({ config, params, searchParams })

const Page = async ({ params, searchParams }: Args) => {
  // A create page the user may not use: the list, under the reason (not "you must be logged in").
  const refused = await refusedCreation((await params).segments)
  if (!refused) return RootPage({ config, params, searchParams, importMap })
  const list = await RootPage({
    config,
    params: Promise.resolve({ segments: ['collections', refused.collection] }),
    searchParams,
    importMap,
  })
  return (
    <>
      <div
        role="alert"
        className="hub-refusal"
        style={{
          padding: '12px 24px',
          background: 'var(--theme-warning-100, #fff4d6)',
          color: 'var(--theme-warning-800, #5c3d00)',
          borderBottom: '1px solid var(--theme-warning-300, #e0b84d)',
          fontSize: '14px',
        }}
      >
        {refused.message}
      </div>
      {list}
    </>
  )
}

export default Page
