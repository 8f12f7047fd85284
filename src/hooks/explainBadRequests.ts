// Payload answers 500 "An unknown error occurred." whenever something it did not expect goes wrong,
// and much of that is a stranger's input: a `where` that is not JSON, an id out of range, a NUL in a
// string, a broken multipart body, a file name that is not valid percent-encoding. Those are the
// client's mistakes: a 400 that says so (anything else stays a 500, logged in full).
import type { AfterErrorHook } from 'payload'

/** PostgreSQL's "data exception" class: a value that does not fit its column's type. */
const isDataException = (error: unknown): boolean => {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e.code === 'string' && e.code.startsWith('22')) return true
  }
  return false
}

/** What busboy (Payload's multipart parser) says about a body that is not valid multipart. */
const MULTIPART = /multipart|boundary|unexpected end of form|malformed part/i

export const badRequestMessage = (error: Error): string | undefined => {
  if (isDataException(error)) {
    return 'A value in the request does not fit its field (a number out of range, text with a NUL character, or the like).'
  }
  if (error instanceof SyntaxError) return 'A parameter or the body is not valid JSON.'
  if (error instanceof URIError) return 'The address is not valid percent-encoding.'
  if (MULTIPART.test(error.message) || /not eligible for file upload/.test(error.message)) {
    return 'The multipart body is malformed.'
  }
  // `near`, `within` or `intersects` on a field that is not a map point.
  if (/operators\[[^\]]+\] is not a function/.test(error.message)) {
    return 'A `where` operator does not apply to that field.'
  }
  // e.g. /api/users/verify/…: e-mail verification is off, so its token field does not exist.
  if (/^Cannot find field for path/.test(error.message)) return 'That field does not exist here.'
  return undefined
}

export const explainBadRequests: AfterErrorHook = ({ error }) => {
  const message = badRequestMessage(error)
  if (!message) return
  return { response: { errors: [{ message }] }, status: 400 }
}
