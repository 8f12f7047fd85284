// The newsletter's sign-up (`Mutation.subscribe`, `confirmSubscription`, `unsubscribe`) and what a
// form must show (`Query.newsletterConsent`). The steps themselves: src/newsletters/subscriptions.ts.
import { createGraphQLError } from 'graphql-yoga'
import { RateLimiterRes } from 'rate-limiter-flexible'

import type { PartnerContext } from '../../context'
import type { Locale, Resolvers } from '../../generated/resolvers'
import { counterPool, sharedLimiter } from '../../../src/db/rateLimits'
import { env } from '../../../src/env'
import type { LocaleCode } from '../../../src/locales'
import { mailFrom, mailTransport } from '../../../src/mail/transport'
import { confirmationMail, confirmUrl } from '../../../src/newsletters/confirmationMail'
import { INTEREST_NAMES, INTERESTS, type Interest } from '../../../src/newsletters/interests'
import {
  confirmSubscription,
  LinkRefused,
  type Origin,
  PreferencesInput,
  readPreferences,
  recipientKey,
  requestSubscription,
  SignUpInput,
  type Subscription,
  unsubscribe,
  updatePreferences,
} from '../../../src/newsletters/subscriptions'
import { CONSENT_VERSION, CONSENT_WORDING, SIGN_UP_ANSWER } from '../../../src/newsletters/texts'
import { logEvent } from '../../../src/ops/log'

/** Sign-ups a client may ask for an hour: an address without a key, or a partner's key. */
export const SIGN_UPS_PER_CLIENT = { anonymous: 20, keyed: 1000 }
/** Confirmation e-mails an address may get a day, however often it is asked for. */
export const CONFIRMATIONS_PER_RECIPIENT = 3

let limiters:
  Record<'anonymous' | 'keyed' | 'recipient', ReturnType<typeof sharedLimiter>> | undefined
const limiter = (name: 'anonymous' | 'keyed' | 'recipient') =>
  (limiters ??= {
    anonymous: sharedLimiter({
      name: 'signup-client',
      points: SIGN_UPS_PER_CLIENT.anonymous,
      seconds: 3600,
    }),
    keyed: sharedLimiter({ name: 'signup-key', points: SIGN_UPS_PER_CLIENT.keyed, seconds: 3600 }),
    recipient: sharedLimiter({
      name: 'signup-recipient',
      points: CONFIRMATIONS_PER_RECIPIENT,
      seconds: 86_400,
    }),
  })[name]

/** Takes a point; false when there was none left (a failure of the store itself is thrown). */
const take = async (name: 'anonymous' | 'keyed' | 'recipient', key: string) => {
  try {
    await limiter(name).consume(key)
    return { ok: true as const }
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false as const, retryMs: error.msBeforeNext }
    throw error
  }
}

const toLocale = (code: LocaleCode) => code.toUpperCase() as Locale
const fromLocale = (locale: Locale) => locale.toLowerCase() as LocaleCode
const toInterest = (interest: Interest) => interest.toUpperCase() as Uppercase<Interest>
const fromInterest = (interest: string) => interest.toLowerCase() as Interest

/** Where a step came from, for its consent record. */
const originOf = (ctx: PartnerContext, via: string): Origin => ({
  source: [
    via,
    ctx.caller?.key ? `key of ${ctx.caller.key.partner}` : '',
    ctx.formOrigin ? `from ${ctx.formOrigin}` : '',
  ]
    .filter(Boolean)
    .join(', '),
  client: ctx.caller?.visitor ?? ctx.caller?.address ?? 'unknown',
})

const badInput = (message: string, extensions: Record<string, unknown> = {}) =>
  createGraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, ...extensions },
  })

const refusedLink = (error: unknown) =>
  error instanceof LinkRefused
    ? badInput(error.message, { reason: error.problem === 'expired' ? 'EXPIRED' : 'INVALID' })
    : error

const asAnswer = (subscription: Subscription) => ({
  status: subscription.status.toUpperCase() as 'PENDING',
  locale: toLocale(subscription.locale),
  interests: subscription.interests.map(toInterest),
  unsubscribeToken: subscription.unsubscribeToken,
  preferencesToken: subscription.preferencesToken,
})

/** Runs a step of a link, its refusal as BAD_USER_INPUT with a reason. */
const byLink = (step: Promise<Subscription>) =>
  step.then(asAnswer, (error: unknown) => {
    throw refusedLink(error)
  })

/** Sends in the background: the answer must not wait for SMTP, nor differ in time by address. */
const sendConfirmation = (message: ReturnType<typeof confirmationMail>, subscriber: number) => {
  mailTransport()
    .sendMail(message)
    .then(
      () =>
        logEvent('info', 'mail', `Confirmation e-mail sent to subscriber ${subscriber}`, {
          subscriber,
        }),
      (error: Error) =>
        logEvent(
          'warn',
          'mail',
          `Confirmation e-mail to subscriber ${subscriber} not sent: ${error.message}`,
          { subscriber },
        ),
    )
}

export const newsletterResolvers: Resolvers = {
  Query: {
    // Personal: for the link's owner, never kept by any cache.
    newsletterSubscription: (_, { token }, ctx) => {
      ctx.noStore()
      return byLink(readPreferences(counterPool(), token))
    },
    newsletterConsent: (_, __, ctx, info) => {
      const locale = (ctx.chain(info)[0] ?? 'en') as LocaleCode
      return {
        version: CONSENT_VERSION,
        text: CONSENT_WORDING[locale],
        locale: toLocale(locale),
        interests: INTERESTS.map((value) => ({
          value: toInterest(value),
          label: INTEREST_NAMES[value][locale],
        })),
      }
    },
  },
  Mutation: {
    subscribe: async (_, args, ctx) => {
      const parsed = SignUpInput.safeParse({
        email: args.email,
        locale: fromLocale(args.locale),
        interests: args.interests?.map(fromInterest),
      })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        const field = String(issue.path[0] ?? 'email')
        throw badInput(`\`${field}\` ${issue.message}.`, { field })
      }
      const signUp = parsed.data
      // A reader on the hub's own site counts as themselves, not as the site's key.
      const visitor = ctx.caller?.visitor
      const keyed = Boolean(ctx.caller?.key) && !visitor
      const client = visitor ?? ctx.caller?.key?.keyId ?? ctx.caller?.address ?? 'unknown'
      const allowed = await take(keyed ? 'keyed' : 'anonymous', client)
      if (!allowed.ok) {
        const seconds = Math.max(1, Math.ceil(allowed.retryMs / 1000))
        throw createGraphQLError(
          `Too many sign-ups from this client: ${keyed ? SIGN_UPS_PER_CLIENT.keyed : SIGN_UPS_PER_CLIENT.anonymous} an hour. Try again in ${seconds} seconds.`,
          {
            extensions: {
              code: 'RATE_LIMITED',
              http: { status: 429, headers: { 'Retry-After': String(seconds) } },
            },
          },
        )
      }
      const answer = { message: SIGN_UP_ANSWER[signUp.locale] }
      // Past its daily few, an address is neither written nor mailed; the answer is the same.
      if (!(await take('recipient', recipientKey(signUp.email))).ok) return answer
      const pool = counterPool()
      const { subscriber, token } = await requestSubscription(
        pool,
        signUp,
        originOf(ctx, 'sign-up'),
      )
      sendConfirmation(
        confirmationMail({
          to: signUp.email,
          from: mailFrom(),
          locale: signUp.locale,
          url: confirmUrl(env.SITE_URL ?? ctx.origin, signUp.locale, token),
        }),
        subscriber,
      )
      return answer
    },
    confirmSubscription: (_, { token }, ctx) =>
      byLink(confirmSubscription(counterPool(), token, originOf(ctx, 'confirmation link'))),
    unsubscribe: (_, { token }, ctx) =>
      byLink(unsubscribe(counterPool(), token, originOf(ctx, 'unsubscribe link'))),
    updateNewsletterPreferences: (_, args, ctx) => {
      const parsed = PreferencesInput.safeParse({
        locale: fromLocale(args.locale),
        interests: args.interests.map(fromInterest),
      })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        const field = String(issue.path[0] ?? 'interests')
        throw badInput(`\`${field}\` ${issue.message}.`, { field })
      }
      return byLink(
        updatePreferences(
          counterPool(),
          args.token,
          parsed.data,
          originOf(ctx, 'preferences link'),
        ),
      )
    },
  },
}
