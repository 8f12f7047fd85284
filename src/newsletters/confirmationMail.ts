// The e-mail that asks a reader to confirm their address: a plain-text part and a small HTML part
// in the reader's language (right-to-left in Arabic), one link, no images and nothing that tracks.
import type { SendMailOptions } from 'nodemailer'

import type { LocaleCode } from '../locales'
import { CONFIRM_LINK_HOURS } from './links'
import { CONFIRMATION } from './texts'

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

/** Where a confirmation link points: the site's page for it, in the reader's language. */
export const confirmUrl = (siteUrl: string, locale: LocaleCode, token: string) =>
  `${siteUrl.replace(/\/+$/, '')}/${locale}/newsletter/confirm?token=${token}`

export const confirmationMail = ({
  to,
  from,
  locale,
  url,
}: {
  to: string
  from: string
  locale: LocaleCode
  url: string
}): SendMailOptions => {
  const t = CONFIRMATION[locale]
  const dir = locale === 'ar' ? 'rtl' : 'ltr'
  const paragraphs = [t.greeting, t.ask]
  const after = [t.expires(CONFIRM_LINK_HOURS), t.ignore, t.signature]
  return {
    from,
    to,
    subject: t.subject,
    text: [...paragraphs, url, ...after].join('\n\n'),
    html: `<!doctype html>
<html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(t.subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div style="max-width:560px;margin:0 auto" dir="${dir}">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:12px 20px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(t.button)}</a></p>
<p style="font-size:14px;color:#444444;word-break:break-all" dir="ltr">${escapeHtml(url)}</p>
${after.map((p) => `<p style="font-size:14px;color:#444444">${escapeHtml(p)}</p>`).join('\n')}
</div></body></html>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  }
}
