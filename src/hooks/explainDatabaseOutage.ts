// Payload answers 500 "An unknown error occurred." when PostgreSQL is unreachable mid-request. That
// is an outage, not a bug: 503 with a message an editor understands (the REST route adds
// Retry-After). Payload runs each write in a transaction, so a failed save changed nothing.
import type { AfterErrorHook } from 'payload'

import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../db/outage'

export const explainDatabaseOutage: AfterErrorHook = ({ error }) => {
  if (!isDatabaseUnavailable(error)) return
  return {
    response: { errors: [{ message: DATABASE_UNAVAILABLE }] },
    status: 503,
    graphqlResult: { message: DATABASE_UNAVAILABLE },
  }
}
