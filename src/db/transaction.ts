// Raw SQL inside the request's own transaction: what hooks write beside a save (the change log,
// the text-change times, the webhook outbox) must commit or roll back with it.
import type { SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

export type Execute = (query: SQL) => Promise<{ rows: Record<string, unknown>[] }>

/** The request's transaction (Payload opens one per operation), else the pool. */
export const transactionOf = async (req: PayloadRequest): Promise<Execute> => {
  const db = req.payload.db as unknown as {
    drizzle: { execute: Execute }
    sessions?: Record<string | number, { db: { execute: Execute } }>
  }
  const id = req.transactionID ? await req.transactionID : undefined
  const session = id !== undefined ? db.sessions?.[id]?.db : undefined
  return (query) => (session ?? db.drizzle).execute(query)
}
