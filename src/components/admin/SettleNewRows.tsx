'use client'
// Beside every array field: a row added while the form's previous form-state request was on its way
// could stay a grey placeholder, its own request never sent (Payload's form compares the state
// after the earlier answer and finds nothing new), until some other field changed. When a new
// row is still loading after a moment, this marks it again so that the form asks the server for it.
import { useForm, useFormFields } from '@payloadcms/ui'
import { useEffect } from 'react'

const WAIT_MS = 1200

type Row = { id: string; isLoading?: boolean; settleTries?: number }

export const SettleNewRows = ({ path }: { path: string }) => {
  const rows = useFormFields(([fields]) => fields[path]?.rows) as Row[] | undefined
  const { dispatchFields } = useForm()
  const loading = (rows ?? []).filter((row) => row.isLoading && (row.settleTries ?? 0) < 3)
  const key = loading.map((row) => `${row.id}:${row.settleTries ?? 0}`).join(',')

  useEffect(() => {
    if (!key || !rows) return
    const timer = setTimeout(() => {
      dispatchFields({
        type: 'UPDATE',
        path,
        rows: rows.map((row) =>
          row.isLoading ? { ...row, settleTries: (row.settleTries ?? 0) + 1 } : row,
        ),
      } as never)
    }, WAIT_MS)
    return () => clearTimeout(timer)
    // `key` names the rows still loading and how often they were marked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, path, dispatchFields])

  return null
}
