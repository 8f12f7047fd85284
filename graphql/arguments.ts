// Arguments that GraphQL's types cannot check alone, validated with zod. Errors name the argument
// and say what is wrong, with the code BAD_USER_INPUT.
import { createGraphQLError } from 'graphql-yoga'
import { z } from 'zod'

import { isCountryCode } from '../src/countries'
import { isLanguageCode } from '../src/languages'
import { SLUG_PATTERN } from '../src/slugs'

export const MAX_PAGE_SIZE = 100

export const badInput = (argument: string, message: string) =>
  createGraphQLError(`${argument}: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  })

/** Parses `value` with `schema`; a failure becomes a BAD_USER_INPUT error naming the argument. */
export const parseArg = <T>(argument: string, schema: z.ZodType<T>, value: unknown): T => {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const path = [argument, ...issue.path].join('.')
  throw badInput(path, issue.message)
}

/** A page size of at least `least` (one rule, so that every value below it gets the same words). */
const pageSize = (least: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(least, `must be ${least} or more`)
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)

export const first = pageSize(0)
/** A sync page must hold something, or its token could never move on. */
export const syncFirst = pageSize(1)

export const slug = z.string().regex(SLUG_PATTERN, 'must be a slug such as "cpms-working-group"')
export const language = z
  .string()
  .refine(isLanguageCode, 'must be an ISO 639-1 code such as "fr" or "pl"')
export const country = z
  .string()
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 code such as "SY"')
export const date = z.iso.date('must be a date such as 2021-02-01')
export const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 instant such as 2026-01-01T00:00:00Z',
})
export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'must be an IANA time zone such as Africa/Nairobi')
export const search = z
  .string()
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')

/** `first` and `after` of a connection; the listing decodes `after` (it knows its own order). */
export const page = (args: { first?: number | null; after?: string | null }) => ({
  first: parseArg('first', first, args.first ?? 20),
  after: args.after ?? undefined,
})
