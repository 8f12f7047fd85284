/** @jsxImportSource hono/jsx */
// The newsletter's pages: the sign-up form, and the pages its e-mails link to. Opening a link only shows a button: mail scanners
// fetch every link they see, and must neither confirm nor unsubscribe anyone. The button posts
// back to the same address, as does a mail program's one-click unsubscribe (RFC 8058).
import type { SignUpConsentFragment } from '../generated/graphql'
import { dirOf, isLang, LANGS, type Lang, NATIVE } from '../i18n'
import { type Ctx, href, Layout, t } from '../ui'

export type LinkStep = 'confirm' | 'unsubscribe'
/** Before the click, after it, or a link the hub refused (and why). */
export type LinkState =
  | { kind: 'ask' }
  /** Done; a confirmation also gives the reader their preferences link. */
  | { kind: 'done'; preferencesToken?: string }
  | { kind: 'refused'; expired: boolean }

const TEXTS = {
  confirm: {
    ask: ['confirmTitle', 'confirmAsk', 'confirmButton'],
    done: ['subscribedTitle', 'subscribed'],
  },
  unsubscribe: {
    ask: ['unsubscribeTitle', 'unsubscribeAsk', 'unsubscribeButton'],
    done: ['unsubscribedTitle', 'unsubscribed'],
  },
} as const

export const SubscriptionLinkPage = ({
  ctx,
  step,
  state,
  action,
}: {
  ctx: Ctx
  step: LinkStep
  state: LinkState
  /** The page's own address, token included, for the button's form. */
  action: string
}) => {
  if (state.kind === 'refused') {
    const title = t(ctx, 'linkRefusedTitle')
    return (
      <Layout ctx={ctx} title={title} alternates={false}>
        <h1>{title}</h1>
        <p>{t(ctx, state.expired ? 'linkExpired' : 'linkInvalid')}</p>
        <p>
          <a href={href(ctx, '/newsletters')}>{t(ctx, 'newsletters')}</a>
        </p>
      </Layout>
    )
  }
  if (state.kind === 'done') {
    const [title, text] = TEXTS[step].done
    return (
      <Layout ctx={ctx} title={t(ctx, title)} alternates={false}>
        <h1>{t(ctx, title)}</h1>
        <p role="status">{t(ctx, text)}</p>
        {state.preferencesToken ? (
          <p>
            <a
              href={`${href(ctx, '/newsletter/preferences')}?token=${encodeURIComponent(state.preferencesToken)}`}
            >
              {t(ctx, 'changePreferences')}
            </a>
          </p>
        ) : null}
        <p>
          <a href={href(ctx, '/newsletters')}>{t(ctx, 'newsletters')}</a>
        </p>
      </Layout>
    )
  }
  const [title, text, button] = TEXTS[step].ask
  return (
    <Layout ctx={ctx} title={t(ctx, title)} alternates={false}>
      <h1>{t(ctx, title)}</h1>
      <p>{t(ctx, text)}</p>
      <form method="post" action={action}>
        <button type="submit">{t(ctx, button)}</button>
      </form>
    </Layout>
  )
}

/** The consent and interests as the hub gives them (`newsletterConsent`). */
export type Consent = SignUpConsentFragment
type InterestValue = Consent['interests'][number]['value']

/** What the reader typed and chose, kept when the form comes back with a problem. */
export type SignUpState = {
  email: string
  locale: Lang
  interests: InterestValue[]
  problem?: { field: 'email' | 'interests'; message: string }
}

const LanguageChoice = ({ ctx, id, value }: { ctx: Ctx; id: string; value: Lang }) => (
  <p class="field">
    <label for={id}>{t(ctx, 'mailLanguage')}</label>
    <select id={id} name="locale">
      {LANGS.map((lang) => (
        <option value={lang} lang={lang} selected={lang === value}>
          {NATIVE[lang]}
        </option>
      ))}
    </select>
  </p>
)

const InterestChoice = ({
  ctx,
  consent,
  chosen,
  problem,
}: {
  ctx: Ctx
  consent: Consent
  chosen: InterestValue[]
  problem?: string
}) => (
  <fieldset
    class="choices"
    aria-invalid={problem ? 'true' : undefined}
    aria-describedby={problem ? 'interests-problem' : undefined}
  >
    <legend>{t(ctx, 'interestsLegend')}</legend>
    {problem ? (
      <p id="interests-problem" class="problem">
        {problem}
      </p>
    ) : null}
    {consent.interests.map((interest) => (
      <label class="check">
        <input
          type="checkbox"
          name="interests"
          value={interest.value}
          checked={chosen.includes(interest.value)}
        />
        <span>{interest.label}</span>
      </label>
    ))}
  </fieldset>
)

/**
 * The sign-up form, on the newsletters page and on its own page when it comes back with a
 * problem. It works without JavaScript; the browser's own checks come first, the hub's after.
 */
export const SignUpForm = ({
  ctx,
  consent,
  state,
}: {
  ctx: Ctx
  consent: Consent
  state?: SignUpState
}) => {
  const problem = state?.problem
  return (
    <section class="signup" aria-labelledby="signup-title">
      <h2 id="signup-title">{t(ctx, 'signUpTitle')}</h2>
      <p>{t(ctx, 'signUpIntro')}</p>
      <form method="post" action={href(ctx, '/newsletter/subscribe')}>
        <p class="field">
          <label for="signup-email">{t(ctx, 'emailLabel')}</label>
          <input
            id="signup-email"
            name="email"
            type="email"
            required
            maxlength={254}
            autocomplete="email"
            value={state?.email ?? ''}
            aria-invalid={problem?.field === 'email' ? 'true' : undefined}
            aria-describedby={problem?.field === 'email' ? 'email-problem' : undefined}
          />
          {problem?.field === 'email' ? (
            <span id="email-problem" class="problem">
              {problem.message}
            </span>
          ) : null}
        </p>
        <LanguageChoice ctx={ctx} id="signup-locale" value={state?.locale ?? ctx.lang} />
        <InterestChoice
          ctx={ctx}
          consent={consent}
          chosen={state?.interests ?? ['NEWSLETTER']}
          problem={problem?.field === 'interests' ? problem.message : undefined}
        />
        <p class="consent">{consent.text}</p>
        <button type="submit">{t(ctx, 'subscribeButton')}</button>
      </form>
    </section>
  )
}

/** After a sign-up: the hub's answer, or the form again with what to mend. */
export const SignUpPage = ({
  ctx,
  consent,
  state,
  answer,
}: {
  ctx: Ctx
  consent: Consent
  state: SignUpState
  /** The hub's message (the same for every address), or what stopped the sign-up. */
  answer?: { message: string; refused?: boolean }
}) => {
  if (answer && !answer.refused) {
    return (
      <Layout ctx={ctx} title={t(ctx, 'signUpSentTitle')} alternates={false}>
        <h1>{t(ctx, 'signUpSentTitle')}</h1>
        {/* The hub answers in the language chosen for the e-mails. */}
        <p role="status" lang={state.locale} dir={dirOf(state.locale)}>
          {answer.message}
        </p>
        <p>
          <a href={href(ctx, '/newsletters')}>{t(ctx, 'newsletters')}</a>
        </p>
      </Layout>
    )
  }
  return (
    <Layout ctx={ctx} title={t(ctx, 'signUpTitle')} alternates={false}>
      <h1>{t(ctx, 'signUpTitle')}</h1>
      {answer ? (
        <p class="notice" role="alert">
          {answer.message}
        </p>
      ) : null}
      <SignUpForm ctx={ctx} consent={consent} state={state} />
    </Layout>
  )
}

/** The preferences link's page: language and interests, saved by a POST to itself. */
export const PreferencesPage = ({
  ctx,
  consent,
  subscription,
  action,
  saved,
  problem,
}: {
  ctx: Ctx
  consent: Consent
  subscription: {
    status: string
    locale: string
    interests: InterestValue[]
    unsubscribeToken: string
  }
  /** The page's own address, token included. */
  action: string
  saved?: boolean
  problem?: string
}) => {
  const locale = subscription.locale.toLowerCase()
  // Unsubscribed: nothing to choose until they sign up again (a confirmation goes to the address).
  if (subscription.status === 'UNSUBSCRIBED') {
    return (
      <Layout ctx={ctx} title={t(ctx, 'preferencesTitle')} alternates={false}>
        <h1>{t(ctx, 'preferencesTitle')}</h1>
        <p class="notice">{t(ctx, 'preferencesUnsubscribed')}</p>
        <p>
          <a href={`${href(ctx, '/newsletters')}#signup-title`}>{t(ctx, 'signUpTitle')}</a>
        </p>
      </Layout>
    )
  }
  return (
    <Layout ctx={ctx} title={t(ctx, 'preferencesTitle')} alternates={false}>
      <h1>{t(ctx, 'preferencesTitle')}</h1>
      {saved ? (
        <p class="notice" role="status">
          {t(ctx, 'preferencesSaved')}
        </p>
      ) : null}
      {subscription.status === 'BOUNCED' ? (
        <p class="notice">{t(ctx, 'preferencesBounced')}</p>
      ) : null}
      <p>{t(ctx, 'preferencesIntro')}</p>
      <form method="post" action={action}>
        <LanguageChoice
          ctx={ctx}
          id="preferences-locale"
          value={isLang(locale) ? locale : ctx.lang}
        />
        <InterestChoice
          ctx={ctx}
          consent={consent}
          chosen={subscription.interests}
          problem={problem}
        />
        <p class="consent">{consent.text}</p>
        <button type="submit">{t(ctx, 'preferencesSave')}</button>
      </form>
      <p>
        <a
          href={`${href(ctx, '/newsletter/unsubscribe')}?token=${encodeURIComponent(subscription.unsubscribeToken)}`}
        >
          {t(ctx, 'preferencesNothing')}
        </a>
      </p>
    </Layout>
  )
}
