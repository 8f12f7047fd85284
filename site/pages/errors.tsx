/** @jsxImportSource hono/jsx */
import { type Ctx, href, Layout, t } from '../ui'

/** 404, 400 and 500 in the visitor's language: what happened and a way on, never a stack trace. */
export const ErrorPage = ({
  ctx,
  status,
  why,
}: {
  ctx: Ctx
  status: 400 | 403 | 404 | 500 | 502
  why?: string
}) => {
  const [title, text] =
    status === 404
      ? [t(ctx, 'notFoundTitle'), t(ctx, 'notFound')]
      : status === 400
        ? [t(ctx, 'badRequestTitle'), t(ctx, 'badRequest', { why: why ?? '' })]
        : status === 403
          ? [t(ctx, 'previewRefusedTitle'), t(ctx, 'previewRefused', { why: why ?? '' })]
          : [t(ctx, 'errorTitle'), t(ctx, 'error')]
  return (
    <Layout ctx={ctx} title={title} alternates={false}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={href(ctx, '/')}>{t(ctx, 'backHome')}</a> ·{' '}
        <a href={href(ctx, '/resources')}>{t(ctx, 'library')}</a>
      </p>
    </Layout>
  )
}
