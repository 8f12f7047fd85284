// The Alliance's public site (site/) as `npm start` serves it at /, beside the admin and the API:
// the production server, the seeded records, plain HTTP as a reader's browser or a crawler sends it.
import { spawn, spawnSync } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import getPort from 'get-port'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { signPreview } from '../../src/preview/token'
import { png } from '../helpers/files'
import { type RunningServer, startServer } from '../helpers/servers'

let server: RunningServer

beforeAll(async () => {
  server = await startServer('prod', {
    databaseUrl: inject('seededDatabaseUrl'),
    payloadSecret: inject('payloadSecret'),
  })
})
afterAll(async () => {
  await server?.stop()
})

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.base), { headers, redirect: 'manual' })

/** The page's text as a reader sees it (tags gone, entities read, spaces folded). */
const textOf = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')

/** The first admin's token, signed in over REST as the admin's login form does. */
const signIn = async () => {
  const login = await fetch(new URL('/api/users/login', server.base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@hub.test', password: inject('adminPassword') }),
  })
  return ((await login.json()) as { token: string }).token
}

const page = async (path: string) => {
  const response = await get(path)
  const html = await response.text()
  return { status: response.status, html, text: textOf(html), headers: response.headers }
}

/**
 * Facts the Alliance's pages (../shared/seeds/) show and the hub holds, per page of the site that
 * shows them. Each is text a reader would look for.
 */
const FACTS: Record<string, { path: string; facts: string[] }> = {
  'home (seed 000)': {
    path: '/en/',
    facts: [
      '2019 Annual Meeting for Child Protection in Humanitarian Action and Launch of the Second Edition of the Child Protection Minimum Standards',
      '14 – 15 October 2019',
      'Geneva, Switzerland',
      'is organizing its annual meeting in Geneva on 14 and 15 October 2019',
      'Case Management Task Force',
      'Child Protection Minimum Standards Working Group',
      'Learning and Development Working Group',
      'Minimum Standards for Child Protection in Humanitarian Action',
      'Newsletter, February 2021',
    ],
  },
  'Technical Materials (seed 001)': {
    path: '/en/resources',
    facts: [
      '70 resources',
      '2020 Annual Meeting Report Summary',
      'Evidence synthesis update: COVID-19 and refugee, IDP and migrant children',
      'Did you miss out on the Alliance 2020 Annual Meeting on Infectious Disease Outbreaks',
      'Reports',
      'Case studies',
      'Case Management Task Force',
      'Français',
      'العربية',
    ],
  },
  'a resource (seed 000, 001, 004)': {
    path: '/en/resources/minimum-standards-for-child-protection-in-humanitarian-action',
    facts: [
      'Minimum Standards for Child Protection in Humanitarian Action',
      'The Minimum Standards for Child Protection in Humanitarian Action 2019 Edition equip humanitarians',
      'Manuals, toolkits and guidance',
      '2019',
      'Child Protection Minimum Standards Working Group',
      'Polski',
      '日本語',
      'Editions in other languages',
    ],
  },
  'the newsletter (seed 002)': {
    path: '/en/newsletters/2021-02',
    facts: [
      'Newsletter, February 2021',
      'Updates from Working Groups and Task Forces',
      'Latest Resources',
      'Upcoming Webinars',
      'New Trainings and E-Learnings',
      'CAAFAG Task Force launches the Technical Note on Girls Associated with Armed Forces and Armed Groups',
      'Free introductory e-course on the 2019 CPMS updated and expanded',
      'Evidence synthesis update: COVID-19 and refugee, IDP and migrant children',
      'Webinar: social protection and humanitarian actors working together across the nexus',
      'Child Protection Capacity Building Adaptations during COVID-19: Arabic webinar',
      'Safeguarding Matters',
    ],
  },
  'the L&D working group (seed 003)': {
    path: '/en/groups/learning-and-development-working-group',
    facts: [
      'Learning and Development Working Group',
      'L+D News, May 2018',
      'L+D News, April 2018',
      'L+D News, Feb 2018',
      'Child Protection Capacity Building Adaptations during COVID-19',
    ],
  },
  'the CPMS working group (seed 004)': {
    path: '/en/groups/cpms-working-group',
    facts: [
      'Child Protection Minimum Standards Working Group',
      'International Rescue Committee',
      'Plan International',
      'cpms.wg@alliancecpha.org',
      'Overseeing the roll-out of the CPMS 2019 edition',
      'Promoting the CPMS implementation across sectors',
      'Ensuring resources are available in Arabic, French and Spanish',
      'Working Together',
      'Enhanced CPMS Indicators Table',
      'Wajahat Ali',
      'Ilenia de Marino',
      'The CPMS is Now Available in Polish and more!',
      'See all 36',
    ],
  },
  'webinars (seed 003, 004)': {
    path: '/en/webinars',
    facts: ['Past events', 'Child Protection Capacity Building Adaptations during COVID-19'],
  },
  'a webinar with sessions (seed 004)': {
    path: '/en/webinars/annual-meeting-2019',
    facts: [
      'Annual meeting',
      'Geneva, Switzerland',
      '14 – 15 October 2019',
      'Add to calendar (.ics)',
    ],
  },
  'news (seed 002, 003, 004)': {
    path: '/en/news',
    facts: [
      'L+D News, January 2017',
      'New Resources for Working Across Sectors',
      '5 February 2021',
    ],
  },
  'the CPMS standards (reference data)': {
    path: '/en/standards',
    facts: [
      'Standards to ensure a quality child protection response',
      'Coordination',
      'Dangers and injuries',
      'Community-level approaches',
      'Nutrition and child protection',
    ],
  },
}

describe('the site, as `npm start` serves it', () => {
  it('sends a first visit to the visitor’s language, English otherwise', async () => {
    const english = await get('/')
    expect(english.status).toBe(302)
    expect(english.headers.get('location')).toBe('/en/')
    const arabic = await get('/', { 'Accept-Language': 'ar-SY, ar;q=0.9, en;q=0.5' })
    expect(arabic.headers.get('location')).toBe('/ar/')
    expect(arabic.headers.get('vary')).toMatch(/accept-language/i)
  })

  for (const [name, { path, facts }] of Object.entries(FACTS)) {
    it(`shows every fact of ${name} that the hub holds`, async () => {
      const { status, text } = await page(path)
      expect(status).toBe(200)
      const missing = facts.filter((fact) => !text.includes(fact))
      expect(missing, `missing on ${path}`).toEqual([])
    })
  }

  it('serves Arabic right-to-left, with alternates, a language switch on the same record and English fallbacks marked', async () => {
    const path = '/groups/cpms-working-group'
    const { html } = await page(`/ar${path}`)
    expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/)
    for (const lang of ['en', 'fr', 'es', 'ar']) {
      expect(html).toContain(
        `<link rel="alternate" hreflang="${lang}" href="${server.base.origin}/${lang}${path}"/>`,
      )
      expect(html).toMatch(new RegExp(`<a href="/${lang}${path}" hreflang="${lang}"`))
    }
    expect(html).toContain(`<link rel="canonical" href="${server.base.origin}/ar${path}"/>`)
    // The group's name has no Arabic yet: shown in English, marked as English, left-to-right.
    expect(html).toContain(
      '<span lang="en" dir="ltr" class="fallback">Child Protection Minimum Standards Working Group</span>',
    )
    expect(textOf(html)).toContain('أجزاء من هذه الصفحة لم تُترجم بعد')
  })

  it('marks a page with caching headers and answers a repeat with 304', async () => {
    const first = await get('/en/standards')
    await first.arrayBuffer()
    expect(first.headers.get('cache-control')).toBe('public, no-cache')
    const tag = first.headers.get('etag')
    expect(tag).toMatch(/^W\/"/)
    const again = await get('/en/standards', { 'If-None-Match': tag! })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('lists every page in every language in sitemap.xml, and robots.txt points to it', async () => {
    const robots = await (await get('/robots.txt')).text()
    expect(robots).toContain(`Sitemap: ${server.base.origin}/sitemap.xml`)
    const xml = await (await get('/sitemap.xml')).text()
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      urlset: { url: { loc: string; 'xhtml:link': { '@_hreflang': string; '@_href': string }[] }[] }
    }
    const locs = parsed.urlset.url.map((url) => url.loc)
    expect(locs).toContain(
      `${server.base.origin}/ar/resources/minimum-standards-for-child-protection-in-humanitarian-action`,
    )
    expect(locs).toContain(`${server.base.origin}/fr/newsletters/2021-02`)
    // 70 resources, 10 groups, the newsletter… in four languages.
    expect(locs.length).toBeGreaterThan(4 * 100)
    const entry = parsed.urlset.url.find(
      (url) => url.loc === `${server.base.origin}/es/groups/cpms-working-group`,
    )
    expect(entry?.['xhtml:link'].map((link) => link['@_hreflang']).sort()).toEqual([
      'ar',
      'en',
      'es',
      'fr',
      'x-default',
    ])
  })

  it('answers unknown records, bad parameters and stray methods with its own pages, never a 500', async () => {
    const cases: [string, number, string][] = [
      ['/fr/resources/no-such-resource', 404, 'Page introuvable'],
      ['/ar/groups/%F0%9F%92%A5', 404, 'الصفحة غير موجودة'],
      ['/en/nowhere', 404, 'Page not found'],
      [`/en/resources/${'a'.repeat(300)}`, 404, 'Page not found'],
      ['/en/resources?page=abc', 400, '“page” is not a whole number'],
      ['/en/resources?page=999', 400, '“page” comes with the “after” of the page before it'],
      ['/en/resources?after=junk', 400, 'This address cannot be read'],
      [`/en/resources?q=${'x'.repeat(300)}`, 400, '“q” is longer than 200 characters'],
      ['/en/resources?sort=SIDEWAYS', 400, '“sort”'],
      ['/en/resources?standard=abc', 400, '“standard”'],
      ['/es/webinars?group=%3Cscript%3E', 400, 'Esta dirección no se puede leer'],
      ['/en/resources?utm_source=x&junk[]=1', 200, '70 resources'],
      ['/en/resources?q=%00%01', 400, 'NUL character'],
    ]
    for (const [path, status, says] of cases) {
      const { status: got, text, html } = await page(path)
      expect(got, path).toBe(status)
      expect(text, path).toContain(says)
      expect(html, path).not.toMatch(/at \w+ \(|node_modules|Error:/)
    }
    const post = await fetch(new URL('/en/', server.base), { method: 'POST', body: 'x' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
  })

  it('keeps each page type within 60 KB transferred (HTML, CSS and JS, compressed)', async () => {
    /** Bytes on the wire, as a browser asking for gzip receives them. */
    const wire = (path: string) =>
      new Promise<{ bytes: number; encoding?: string }>((resolve, reject) => {
        httpRequest(
          new URL(path, server.base),
          { headers: { 'Accept-Encoding': 'gzip, deflate' } },
          (res) => {
            let bytes = 0
            res.on('data', (chunk: Buffer) => (bytes += chunk.length))
            res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] }))
          },
        )
          .on('error', reject)
          .end()
      })
    const home = await page('/en/')
    const assets = [...home.html.matchAll(/(?:href|src)="(\/_site\/[^"]+)"/g)].map((m) => m[1]!)
    expect(assets).toHaveLength(2)
    let assetBytes = 0
    for (const asset of assets) assetBytes += (await wire(asset)).bytes
    const sizes: Record<string, number> = {}
    for (const { path } of Object.values(FACTS)) {
      for (const lang of ['en', 'ar']) {
        const localized = path.replace(/^\/en/, `/${lang}`)
        const html = await wire(localized)
        expect(html.encoding, localized).toBe('gzip')
        sizes[localized] = html.bytes + assetBytes
      }
    }
    const over = Object.entries(sizes).filter(([, bytes]) => bytes > 60 * 1024)
    expect(over).toEqual([])
  })

  it('gives a cover image every size the hub made, lazily loaded', async () => {
    const token = await signIn()
    const form = new FormData()
    form.set(
      'file',
      new Blob([await png(2000, 1000)], { type: 'image/png' }),
      'cover-site-test.png',
    )
    form.set('_payload', JSON.stringify({ alt: 'Children at a learning space' }))
    const upload = await fetch(new URL('/api/media', server.base), {
      method: 'POST',
      headers: { Authorization: `JWT ${token}` },
      body: form,
    })
    expect(upload.status).toBe(201)
    const { doc: media } = (await upload.json()) as { doc: { id: number } }
    const auth = { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' }
    const found = await fetch(
      new URL('/api/resources?where[slug][equals]=cpms-e-course&limit=1', server.base),
      {
        headers: auth,
      },
    )
    const {
      docs: [resource],
    } = (await found.json()) as { docs: { id: number }[] }
    const patch = (cover: number | null) =>
      fetch(new URL(`/api/resources/${resource!.id}`, server.base), {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({ cover, _status: 'published' }),
      })
    try {
      expect((await patch(media.id)).status).toBe(200)
      const { html } = await page('/en/resources/cpms-e-course')
      const img = /<img [^>]*>/.exec(html)?.[0] ?? ''
      expect(img).toContain('alt="Children at a learning space"')
      expect(img).toContain('loading="lazy"')
      const srcset = /srcset="([^"]+)"/.exec(img)?.[1] ?? ''
      expect(srcset.split(', ').map((entry) => entry.split(' ')[1])).toEqual([
        '400w',
        '800w',
        '1600w',
      ])
      expect(img).toMatch(/sizes="[^"]+"/)
      // The og:image is the large size, for link previews.
      expect(html).toMatch(/<meta property="og:image" content="[^"]+"\/>/)
    } finally {
      await patch(null)
    }
  })

  it('shows a publish within 2 seconds', async () => {
    // An editor publishes over the hub's REST API, as the admin's form does.
    const auth = { Authorization: `JWT ${await signIn()}`, 'Content-Type': 'application/json' }
    const found = await fetch(
      new URL('/api/resources?where[slug][equals]=safeguarding-matters&limit=1', server.base),
      {
        headers: auth,
      },
    )
    const {
      docs: [resource],
    } = (await found.json()) as { docs: { id: number; title: string }[] }
    const before = await page('/en/resources/safeguarding-matters')
    expect(before.text).toContain(resource!.title)
    const title = `Safeguarding Matters (updated ${Date.now()})`
    const publish = (value: string) =>
      fetch(new URL(`/api/resources/${resource!.id}`, server.base), {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({ title: value, _status: 'published' }),
      })
    try {
      expect((await publish(title)).status).toBe(200)
      await expect
        .poll(async () => (await page('/en/resources/safeguarding-matters')).text, {
          timeout: 2000,
          interval: 100,
        })
        .toContain(title)
    } finally {
      await publish(resource!.title)
    }
  })
})

describe('editors’ preview of drafts on the site', () => {
  const rest = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(new URL(path, server.base), {
      method,
      headers: {
        Authorization: `JWT ${token ?? (await signIn())}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      redirect: 'manual',
    })
    return response
  }
  /** The admin's Preview click: the hub's endpoint sends the browser to the site with a token. */
  const previewLink = async (collection: string, id: number, locale = 'en') => {
    const response = await rest(
      'GET',
      `/api/preview?collection=${collection}&id=${id}&locale=${locale}`,
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('cache-control')).toBe('no-store')
    return new URL(response.headers.get('location')!, server.base)
  }
  const partner = (query: string, headers: Record<string, string> = {}) =>
    fetch(new URL('/graphql', server.base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    })

  it('shows a saved draft of a published resource to the editor, and nothing changes for readers', async () => {
    const found = await (
      await rest('GET', '/api/resources?where[slug][equals]=safeguarding-matters&limit=1')
    ).json()
    const resource = found.docs[0] as { id: number; title: string }
    const draftTitle = `Safeguarding Matters, second edition (draft ${Date.now()})`
    const saved = await rest('PATCH', `/api/resources/${resource.id}?draft=true`, {
      title: draftTitle,
      summary: 'A draft summary no reader has seen.',
    })
    expect(saved.status).toBe(200)
    try {
      // Readers: the published page and the partner API are as they were.
      expect((await page('/en/resources/safeguarding-matters')).text).not.toContain(draftTitle)
      // The editor's click.
      const link = await previewLink('resources', resource.id)
      expect(link.pathname).toMatch(/^\/preview\/en\/resources\/[\w-]+$/)
      const preview = await get(`${link.pathname}${link.search}`)
      const html = await preview.text()
      expect(preview.status).toBe(200)
      expect(textOf(html)).toContain(draftTitle)
      expect(textOf(html)).toContain('A draft summary no reader has seen.')
      expect(textOf(html)).toContain('Preview of a draft: readers do not see this yet.')
      expect(preview.headers.get('cache-control')).toBe('private, no-store')
      expect(preview.headers.get('x-robots-tag')).toBe('noindex')
      expect(html).toContain('<meta name="robots" content="noindex"/>')
      // The language switch keeps the token; the Arabic preview is right-to-left.
      const arabic = new RegExp(`href="(/preview/ar/resources/[\\w-]+\\?token=[^"]+)"`).exec(
        html,
      )?.[1]
      expect(arabic).toBeDefined()
      const ar = await page(arabic!.replace(/&amp;/g, '&'))
      expect(ar.status).toBe(200)
      expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/)
      // The partner API with the token: the draft, never cached.
      const token = link.searchParams.get('token')!
      const id = link.pathname.split('/').pop()!
      const answer = await partner(
        `{ preview(id: "${id}") { ... on Resource { title { text } } } }`,
        {
          'X-Preview-Token': token,
        },
      )
      expect(answer.headers.get('cache-control')).toBe('private, no-store')
      expect((await answer.json()).data.preview.title.text).toBe(draftTitle)
      // Without it, readers get the published title.
      const plain = await partner('{ resource(slug: "safeguarding-matters") { title { text } } }')
      expect((await plain.json()).data.resource.title.text).toBe(resource.title)
    } finally {
      await rest('PATCH', `/api/resources/${resource.id}`, {
        title: resource.title,
        _status: 'published',
      })
    }
  })

  it('previews a record never published, which readers cannot find', async () => {
    const created = await rest('POST', '/api/news?draft=true', {
      title: 'A news post still in draft',
      summary: 'Written, not yet published.',
      _status: 'draft',
    })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number; slug: string } }
    expect((await page(`/en/news/${doc.slug}`)).status).toBe(404)
    const link = await previewLink('news', doc.id, 'fr')
    const preview = await page(`${link.pathname}${link.search}`)
    expect(preview.status).toBe(200)
    expect(preview.text).toContain('A news post still in draft')
    expect(preview.text).toContain('Aperçu d’un brouillon')
  })

  it('previews webinars, newsletters and working groups too', async () => {
    for (const [collection, slug, says] of [
      ['events', 'annual-meeting-2019', '14 – 15 October 2019'],
      ['newsletters', '2021-02', 'Updates from Working Groups and Task Forces'],
      ['working-groups', 'cpms-working-group', 'cpms.wg@alliancecpha.org'],
    ] as const) {
      const found = await (
        await rest('GET', `/api/${collection}?where[slug][equals]=${slug}&limit=1`)
      ).json()
      const link = await previewLink(collection, found.docs[0].id)
      const preview = await page(`${link.pathname}${link.search}`)
      expect(preview.status, collection).toBe(200)
      expect(preview.text, collection).toContain(says)
    }
  })

  it('refuses a missing, altered, expired or other document’s token, saying which', async () => {
    const found = await (
      await rest('GET', '/api/resources?where[slug][equals]=cpms-e-course&limit=1')
    ).json()
    const link = await previewLink('resources', found.docs[0].id)
    const id = link.pathname.split('/').pop()!
    const token = link.searchParams.get('token')!
    const ask = async (headers: Record<string, string>, node = id) => {
      const answer = await partner(`{ preview(id: "${node}") { __typename } }`, headers)
      const body = (await answer.json()) as {
        errors?: { message: string; extensions: { code: string } }[]
      }
      expect(answer.headers.get('cache-control')).not.toMatch(/public/)
      return body.errors?.[0]
    }
    expect(await ask({})).toMatchObject({
      message: expect.stringContaining('needs the token'),
      extensions: { code: 'PREVIEW_TOKEN_INVALID' },
    })
    const [body, signature] = token.split('.')
    const claim = JSON.parse(Buffer.from(body!, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...claim, id: claim.id + 1 })).toString('base64url')
    expect((await ask({ 'X-Preview-Token': `${forged}.${signature}` }))?.message).toMatch(/altered/)
    const expired = signPreview(
      { collection: 'resources', id: claim.id },
      inject('payloadSecret'),
      Date.now() - 60 * 60 * 1000,
    )
    expect((await ask({ 'X-Preview-Token': expired }))?.message).toMatch(
      /expired at .*open Preview in the admin again/,
    )
    const otherId = Buffer.from(`Resource:${claim.id + 1}`).toString('base64url')
    expect((await ask({ 'X-Preview-Token': token }, otherId))?.message).toMatch(/another document/)
    // On the site: its own page, in the reader's language, 403, never stored.
    const refused = await get(
      `/preview/es/resources/${id}?token=${encodeURIComponent(`${forged}.${signature}`)}`,
    )
    expect(refused.status).toBe(403)
    expect(refused.headers.get('cache-control')).toBe('private, no-store')
    expect(textOf(await refused.text())).toContain('Este enlace de vista previa no se puede usar')
    // And the hub's endpoint wants a signed-in user who may read the document.
    const anonymous = await fetch(
      new URL(`/api/preview?collection=resources&id=${claim.id}`, server.base),
      {
        redirect: 'manual',
      },
    )
    expect(anonymous.status).toBe(401)
    const bad = await rest('GET', '/api/preview?collection=users&id=1')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /^collection: /,
    )
  })
})

describe('npm run start:site, alone against a hub’s partner API', () => {
  it('serves the same pages from HUB_GRAPHQL_URL, and refuses to start without it', async () => {
    const api = await startServer('api', {
      databaseUrl: inject('seededDatabaseUrl'),
      payloadSecret: inject('payloadSecret'),
    })
    const port = await getPort({ host: '127.0.0.1' })
    const site = spawn(process.execPath, ['--import', 'tsx', 'site/start.ts'], {
      env: {
        ...process.env,
        HUB_GRAPHQL_URL: new URL('/graphql', api.base).href,
        PORT: String(port),
      },
      stdio: 'ignore',
    })
    try {
      const home = `http://127.0.0.1:${port}/ar/groups/cpms-working-group`
      await expect
        .poll(async () => (await fetch(home).catch(() => undefined))?.status, {
          timeout: 60_000,
          interval: 500,
        })
        .toBe(200)
      const text = textOf(await (await fetch(home)).text())
      expect(text).toContain('cpms.wg@alliancecpha.org')
      expect(text).toContain('مجموعة عمل')
      // Feeds are the hub's: linked at its own address.
      expect(await (await fetch(`http://127.0.0.1:${port}/en/`)).text()).toContain(
        `href="${api.base.origin}/feeds/en/resources.atom"`,
      )
    } finally {
      site.kill('SIGTERM')
      await api.stop()
    }
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'site/start.ts'], {
      env: { ...process.env, HUB_GRAPHQL_URL: 'not a url', PORT: String(port) },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(refused.status).toBe(2)
    // One line naming the variable and the fix, no stack trace.
    expect(refused.stderr.trim()).toBe(
      'Environment: HUB_GRAPHQL_URL="not a url" must be the http(s) address of a hub’s /graphql. Fix: set it to a hub’s partner API, e.g. https://hub.example.org/graphql.',
    )
  }, 120_000)
})
