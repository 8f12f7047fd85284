// An edition of the newsletter as an e-mail: the same content as its page on the site (the
// partner API's `newsletter`, in the reader's locale along the fallback chain), written in MJML
// and compiled to HTML that lays out in one column on a phone and holds up in Outlook's and
// Gmail's renderers, with a plain-text part. Right-to-left for Arabic. No tracking pixel, no
// rewritten links: images come from the hub, links go to the site.
import mjml2html from 'mjml'

import { dirOf, formatDate, type Lang, say } from '../i18n'
import { itemParts, type Newsletter } from '../pages/newsletters'

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

/** A text of the chain, marked with its own language when it fell back (English in a French e-mail). */
const inline = (lang: Lang, value: { text?: string | null; locale?: string | null } | null) => {
  if (!value?.text) return ''
  const from = value.locale?.toLowerCase()
  return from && from !== lang
    ? `<span lang="${from}" dir="${dirOf(from)}">${escape(value.text)}</span>`
    : escape(value.text)
}

export type EditionLinks = {
  /** The site's address, e.g. https://www.example.org (links to the edition and its items). */
  siteUrl: string
  /** This subscriber's one-click unsubscribe page. */
  unsubscribeUrl: string
  /** This subscriber's preferences page (language, interests). */
  preferencesUrl: string
}

export type EditionEmail = { subject: string; html: string; text: string }

export const renderEdition = async (
  newsletter: Newsletter,
  lang: Lang,
  links: EditionLinks,
): Promise<EditionEmail> => {
  const site = links.siteUrl.replace(/\/+$/, '')
  const dir = dirOf(lang)
  const align = dir === 'rtl' ? 'right' : 'left'
  const title = newsletter.title.text ?? newsletter.slug
  const issue = say(lang, 'issue', { date: formatDate(lang, newsletter.issueDate, 'MONTH') })
  const pageUrl = `${site}/${lang}/newsletters/${newsletter.slug}`
  const image =
    newsletter.image?.sizes.find((size) => size.name === 'LARGE')?.url ?? newsletter.image?.url

  const textLines: string[] = [title, issue, '']
  const sections = newsletter.sections.map((section) => {
    if (section.heading.text) textLines.push(section.heading.text.toUpperCase(), '')
    const items = section.items.map((item) => {
      const parts = itemParts(item)
      const href = parts.path ? `${site}/${lang}${parts.path}` : parts.url
      const heading = inline(lang, parts.title)
      textLines.push(
        `* ${parts.title?.text ?? ''}`,
        ...(parts.date ? [`  ${formatDate(lang, parts.date)}`] : []),
        ...(parts.text?.text ? [`  ${parts.text.text}`] : []),
        ...(href ? [`  ${href}`] : []),
        '',
      )
      return `<mj-text padding="8px 24px" align="${align}">
  <h3 style="margin:0 0 4px;font-size:17px;line-height:1.3">${href ? `<a href="${escape(href)}" style="color:#0b5394">${heading}</a>` : heading}</h3>
  ${parts.date ? `<p style="margin:0;color:#555555;font-size:13px">${escape(formatDate(lang, parts.date))}</p>` : ''}
  ${item.note.text ? `<p style="margin:0;color:#555555;font-size:13px">${inline(lang, item.note)}</p>` : ''}
  ${parts.text?.text ? `<p style="margin:4px 0 0">${inline(lang, parts.text)}</p>` : ''}
</mj-text>`
    })
    const heading = inline(lang, section.heading)
    return `<mj-section padding="8px 0"><mj-column>
${heading ? `<mj-text padding="16px 24px 0" align="${align}"><h2 style="margin:0;font-size:20px">${heading}</h2></mj-text>` : ''}
${items.join('\n')}
</mj-column></mj-section>`
  })
  const why = say(lang, 'emailWhy')
  const unsubscribe = say(lang, 'emailUnsubscribe')
  const preferences = say(lang, 'changePreferences')
  const onSite = say(lang, 'emailOnSite')
  textLines.push(
    onSite,
    pageUrl,
    '',
    why,
    `${preferences}: ${links.preferencesUrl}`,
    `${unsubscribe}: ${links.unsubscribeUrl}`,
  )

  const source = `<mjml lang="${lang}" dir="${dir}">
  <mj-head>
    <mj-title>${escape(title)}</mj-title>
    <mj-preview>${escape(issue)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Arial, Helvetica, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#1a1a1a" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f4f4" width="600px">
    <mj-section background-color="#0b5394" padding="16px 0">
      <mj-column>
        <mj-text color="#ffffff" font-size="13px" padding="0 24px" align="${align}">${escape(say(lang, 'siteName'))}</mj-text>
        <mj-text color="#ffffff" font-size="24px" font-weight="bold" padding="4px 24px 0" align="${align}">${inline(lang, newsletter.title) || escape(newsletter.slug)}</mj-text>
        <mj-text color="#ffffff" font-size="14px" padding="0 24px" align="${align}">${escape(issue)}</mj-text>
      </mj-column>
    </mj-section>
    <mj-wrapper background-color="#ffffff" padding="0 0 16px">
      ${image ? `<mj-section padding="0"><mj-column><mj-image src="${escape(image)}" alt="${escape(newsletter.image?.alt?.text ?? '')}" padding="0" /></mj-column></mj-section>` : ''}
      ${sections.join('\n')}
      <mj-section padding="8px 0 0"><mj-column>
        <mj-button href="${escape(pageUrl)}" background-color="#0b5394" align="${align}" padding="8px 24px">${escape(onSite)}</mj-button>
      </mj-column></mj-section>
    </mj-wrapper>
    <mj-section padding="16px 0">
      <mj-column>
        <mj-text font-size="12px" color="#555555" align="${align}" padding="0 24px">${escape(why)} <a href="${escape(links.preferencesUrl)}" style="color:#555555">${escape(preferences)}</a> · <a href="${escape(links.unsubscribeUrl)}" style="color:#555555">${escape(unsubscribe)}</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`
  const { html, errors } = await mjml2html(source, { validationLevel: 'strict' })
  if (errors.length) {
    throw new Error(`The edition's e-mail is not valid MJML: ${errors[0]!.formattedMessage}`)
  }
  return { subject: title, html, text: textLines.join('\n') }
}
