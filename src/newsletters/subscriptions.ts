// Sign-ups, confirmations and unsubscriptions, in SQL on the primary: the partner API runs them in
// the hub and in `start:api` alike (neither needs Payload for it). Every step is one transaction
// that writes the subscriber and its consent record together, or nothing.
import { createHash } from 'node:crypto'
import type pg from 'pg'
import { z } from 'zod'

import { LOCALE_CODES, type LocaleCode } from '../locales'
import { DEFAULT_INTERESTS, INTERESTS, type Interest } from './interests'
import {
  addressDigest,
  CONFIRM_LINK_HOURS,
  type LinkAction,
  type LinkProblem,
  readLink,
  signLink,
} from './links'
import { CONSENT_VERSION } from './texts'

/** What a reader sends to sign up, as the partner API's `subscribe` takes it. */
export const SignUpInput = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'is longer than 254 characters, the most an e-mail address may have')
    // zod's address rule: no spaces, line breaks, quotes or comments, so nothing can reach a header.
    .pipe(z.email('is not an e-mail address'))
    .transform((address) => address.toLowerCase()),
  locale: z.enum(LOCALE_CODES),
  interests: z
    .array(z.enum(INTERESTS))
    .min(1, 'must name at least one interest (or be left out for the newsletter)')
    .transform((list) => [...new Set(list)])
    .default(DEFAULT_INTERESTS),
})
export type SignUp = z.output<typeof SignUpInput>

/** Where a step came from, for its consent record. */
export type Origin = { source: string; client: string }

type Client = pg.Pool | pg.PoolClient

const transaction = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>) => {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

const recordConsent = (
  client: Client,
  subscriber: number,
  event: 'asked' | 'confirmed' | 'preferences' | 'unsubscribed',
  origin: Origin,
  choices?: { locale: string; interests: readonly string[] },
) =>
  client.query(
    `INSERT INTO consents (subscriber_id, event, at, source, client, wording, locale, interests)
     VALUES ($1, $2, now(), $3, $4, $5, $6, $7)`,
    [
      subscriber,
      event,
      origin.source.slice(0, 500),
      origin.client.slice(0, 100),
      event === 'unsubscribed' ? null : CONSENT_VERSION,
      choices?.locale ?? null,
      choices ? choices.interests.join(', ') : null,
    ],
  )

const setInterests = async (client: Client, subscriber: number, interests: readonly string[]) => {
  await client.query('DELETE FROM subscribers_interests WHERE parent_id = $1', [subscriber])
  await client.query(
    `INSERT INTO subscribers_interests ("order", parent_id, value)
     SELECT ordinality, $1, value::enum_subscribers_interests FROM unnest($2::text[]) WITH ORDINALITY AS t(value, ordinality)`,
    [subscriber, interests],
  )
}

/** A digest of an address, to count sign-ups per recipient without keeping the address there. */
export const recipientKey = (email: string) => createHash('sha256').update(email).digest('hex')

/**
 * A sign-up: a pending subscriber when the address is new, a consent record ("asked") either way,
 * and the confirmation link to e-mail. A subscriber's choices change only when they confirm.
 */
export const requestSubscription = async (pool: pg.Pool, signUp: SignUp, origin: Origin) => {
  const subscriber = await transaction(pool, async (client) => {
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO subscribers (email, status, locale) VALUES ($1, 'pending', $2)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [signUp.email, signUp.locale],
    )
    let id = inserted.rows[0]?.id
    if (id) await setInterests(client, id, signUp.interests)
    else {
      const found = await client.query<{ id: number }>(
        'SELECT id FROM subscribers WHERE email = $1',
        [signUp.email],
      )
      id = found.rows[0]!.id
    }
    await recordConsent(client, id, 'asked', origin, signUp)
    return id
  })
  const token = await signLink(pool, {
    s: subscriber,
    d: addressDigest(signUp.email),
    a: 'confirm',
    x: Math.ceil(Date.now() / 1000) + CONFIRM_LINK_HOURS * 3600,
    l: signUp.locale,
    i: signUp.interests,
  })
  return { subscriber, token }
}

/** A subscriber as the links' pages show it. */
export type Subscription = {
  status: 'pending' | 'subscribed' | 'unsubscribed' | 'bounced'
  locale: LocaleCode
  interests: Interest[]
  /** For the unsubscribe link on the page and in every e-mail. */
  unsubscribeToken: string
  /** For the preferences link on the page and in every e-mail. */
  preferencesToken: string
}

export class LinkRefused extends Error {
  constructor(readonly problem: LinkProblem) {
    super(
      problem === 'expired'
        ? `The link has expired: confirmation links work for ${CONFIRM_LINK_HOURS} hours. Sign up again to get a new one.`
        : 'The link is not valid: it may have been cut short when copied, or the subscription no longer exists.',
    )
  }
}

/** The subscriber a link names, locked for the step, or LinkRefused. */
const subscriberOf = async (
  client: pg.PoolClient,
  link: { s: number; d: string },
): Promise<{ id: number; email: string; status: Subscription['status']; locale: LocaleCode }> => {
  const { rows } = await client.query<{
    id: number
    email: string
    status: Subscription['status']
    locale: LocaleCode
  }>('SELECT id, email, status, locale FROM subscribers WHERE id = $1 FOR UPDATE', [link.s])
  const row = rows[0]
  // Erased, or erased and the id reused by someone else: the link is dead.
  if (!row || addressDigest(row.email) !== link.d) throw new LinkRefused('malformed')
  return row
}

const subscriptionOf = async (
  pool: pg.Pool,
  client: Client,
  row: { id: number; email: string },
): Promise<Subscription> => {
  const { rows } = await client.query<{
    status: Subscription['status']
    locale: LocaleCode
    interests: Interest[] | null
  }>(
    `SELECT s.status, s.locale,
            (SELECT array_agg(i.value::text ORDER BY i."order") FROM subscribers_interests i WHERE i.parent_id = s.id) AS interests
     FROM subscribers s WHERE s.id = $1`,
    [row.id],
  )
  const { status, locale, interests } = rows[0]!
  return {
    status,
    locale,
    interests: interests ?? [],
    unsubscribeToken: await unsubscribeToken(pool, row),
    preferencesToken: await preferencesToken(pool, row),
  }
}

/** The token of a subscriber's unsubscribe link: no expiry, good until they are erased. */
export const unsubscribeToken = (pool: pg.Pool, subscriber: { id: number; email: string }) =>
  signLink(pool, { s: subscriber.id, d: addressDigest(subscriber.email), a: 'unsubscribe' })

/** The token of a subscriber's preferences link: no expiry either (it is in every e-mail). */
export const preferencesToken = (pool: pg.Pool, subscriber: { id: number; email: string }) =>
  signLink(pool, { s: subscriber.id, d: addressDigest(subscriber.email), a: 'preferences' })

const linkOrRefuse = async (pool: pg.Pool, token: string, action: LinkAction) => {
  const read = await readLink(pool, token, action)
  if ('problem' in read) throw new LinkRefused(read.problem)
  return read.link
}

/** The owner clicked the confirmation link: subscribed with the choices it carries. Clicking again changes nothing. */
export const confirmSubscription = async (pool: pg.Pool, token: string, origin: Origin) => {
  const link = await linkOrRefuse(pool, token, 'confirm')
  return transaction(pool, async (client) => {
    const row = await subscriberOf(client, link)
    const choices = { locale: link.l ?? row.locale, interests: link.i ?? DEFAULT_INTERESTS }
    const before = await subscriptionOf(pool, client, row)
    const same =
      before.status === 'subscribed' &&
      before.locale === choices.locale &&
      sameInterests(before.interests, choices.interests)
    if (!same) {
      await client.query(
        `UPDATE subscribers SET status = 'subscribed', locale = $2, confirmed_at = now(),
                unsubscribed_at = NULL, updated_at = now() WHERE id = $1`,
        [row.id, choices.locale],
      )
      await setInterests(client, row.id, choices.interests)
      await recordConsent(client, row.id, 'confirmed', origin, choices)
    }
    return subscriptionOf(pool, client, row)
  })
}

/** One click in an e-mail (RFC 8058) or on the page: no more mail. Clicking again changes nothing. */
export const unsubscribe = async (pool: pg.Pool, token: string, origin: Origin) => {
  const link = await linkOrRefuse(pool, token, 'unsubscribe')
  return transaction(pool, async (client) => {
    const row = await subscriberOf(client, link)
    if (row.status !== 'unsubscribed') {
      await client.query(
        `UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now()
         WHERE id = $1`,
        [row.id],
      )
      await recordConsent(client, row.id, 'unsubscribed', origin)
    }
    return subscriptionOf(pool, client, row)
  })
}

/** What a preferences link's page shows: the subscription as it stands (read, not locked). */
export const readPreferences = async (pool: pg.Pool, token: string) => {
  const link = await linkOrRefuse(pool, token, 'preferences')
  const { rows } = await pool.query<{ id: number; email: string }>(
    'SELECT id, email FROM subscribers WHERE id = $1',
    [link.s],
  )
  const row = rows[0]
  if (!row || addressDigest(row.email) !== link.d) throw new LinkRefused('malformed')
  return subscriptionOf(pool, pool, row)
}

/** The same interests, in whatever order. */
const sameInterests = (a: readonly string[], b: readonly string[]) =>
  [...a].sort().join() === [...b].sort().join()

/** What a reader may change on the preferences page. */
export const PreferencesInput = z.object({
  locale: z.enum(LOCALE_CODES),
  interests: z
    .array(z.enum(INTERESTS))
    .min(1, 'must name at least one interest (to receive nothing, unsubscribe)')
    .transform((list) => [...new Set(list)]),
})
export type Preferences = z.output<typeof PreferencesInput>

/**
 * The owner saved their preferences: language and interests changed and consented to. Saving
 * unchanged choices records nothing. The status never changes here: the link is in every e-mail,
 * and e-mails are forwarded, so coming back after unsubscribing takes a new sign-up and its
 * confirmation, and a bounced address stays bounced until an admin resumes it.
 */
export const updatePreferences = async (
  pool: pg.Pool,
  token: string,
  choices: Preferences,
  origin: Origin,
) => {
  const link = await linkOrRefuse(pool, token, 'preferences')
  return transaction(pool, async (client) => {
    const row = await subscriberOf(client, link)
    const before = await subscriptionOf(pool, client, row)
    const same =
      before.locale === choices.locale && sameInterests(before.interests, choices.interests)
    if (!same) {
      await client.query('UPDATE subscribers SET locale = $2, updated_at = now() WHERE id = $1', [
        row.id,
        choices.locale,
      ])
      await setInterests(client, row.id, choices.interests)
      await recordConsent(client, row.id, 'preferences', origin, choices)
    }
    return subscriptionOf(pool, client, row)
  })
}
