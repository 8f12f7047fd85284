/** @jsxImportSource hono/jsx */
// The pages the newsletter's e-mails link to. Opening a link only shows a button: mail scanners
// fetch every link they see, and must neither confirm nor unsubscribe anyone. The button posts
// back to the same address, as does a mail program's one-click unsubscribe (RFC 8058).
import { type Ctx, href, Layout, t } from '../ui'

export type LinkStep = 'confirm' | 'unsubscribe'
/** Before the click, after it, or a link the hub refused (and why). */
export type LinkState = { kind: 'ask' } | { kind: 'done' } | { kind: 'refused'; expired: boolean }

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
