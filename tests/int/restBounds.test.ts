// Payload's REST API for visitors who are not signed in: bounded pages and depth, and ids that
// cannot exist answered 404, never 500. Signed-in editors keep the whole API.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { makeUser, rest } from '../helpers/hub'
import { type RunningServer, startServer } from '../helpers/servers'

/** A 1×1 PNG. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describe('anonymous REST is bounded', () => {
  it('refuses pages over 100, limit=0, pagination=false and depth over 2, naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/resources?limit=100000&depth=10', 'limit'],
      ['/resources?limit=101', 'limit'],
      ['/resources?limit=0', 'limit'],
      ['/resources?limit=-1', 'limit'],
      ['/resources?limit=abc', 'limit'],
      ['/resources?pagination=false', 'pagination'],
      ['/resources?depth=3', 'depth'],
      ['/resources?depth=abc', 'depth'],
      ['/resources?page=abc', 'page'],
      ['/topics?limit=0', 'limit'],
    ]
    for (const [path, parameter] of cases) {
      const { status, body } = await rest('GET', path)
      expect(status, path).toBe(400)
      expect(body.errors?.[0]?.message, path).toMatch(new RegExp(`^${parameter}:`))
    }
  })

  it('serves pages of up to 100 with depth up to 2', async () => {
    const { status, body } = await rest('GET', '/resources?limit=100&depth=2')
    expect(status).toBe(200)
    expect(body.limit).toBe(100)
    expect(body.docs.length).toBeGreaterThan(0)
    // Relations are still filled in for depth 2 (they are reads too, but not the visitor's own).
    const withGroup = body.docs.find((d: any) => d.workingGroups?.length)
    expect(typeof withGroup.workingGroups[0]).toBe('object')
  })

  it('keeps the whole API for signed-in editors', async () => {
    const { token } = await makeUser('editor')
    const { status, body } = await rest('GET', '/resources?limit=0&depth=3', { token })
    expect(status).toBe(200)
    expect(body.docs.length).toBeGreaterThan(60)
  })

  it('answers 404 to ids that cannot exist, for everyone', async () => {
    const { token } = await makeUser('editor')
    for (const id of ['abc', '99999999999999999999', '-1', '0', '1.5', '2147483648']) {
      for (const options of [{}, { token }]) {
        const { status } = await rest('GET', `/resources/${id}`, options)
        expect(status, `${id} ${options ? 'signed in' : ''}`).toBe(404)
      }
    }
    const patch = await rest('PATCH', '/resources/abc', { token, body: { summary: 'x' } })
    expect(patch.status).toBe(404)
    const remove = await rest('DELETE', '/resources/99999999999999999999', { token })
    expect(remove.status).toBe(404)
  })
})

describe('the REST gate in front of Next (src/http/restGate.ts), through the hub’s server', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer('prod', {
      databaseUrl: inject('databaseUrl'),
      payloadSecret: inject('payloadSecret'),
    })
  }, 120_000)
  afterAll(() => server?.stop())

  /**
   * Sends a body of 1 MB chunks (no Content-Length) until the server answers or `chunks` are sent:
   * the status (null when the server cut the connection first), what it said, and how many chunks
   * went out.
   */
  const stream = (path: string, headers: Record<string, string>, chunks: number) =>
    new Promise<{ status: number | null; sent: number; text: string }>((resolve) => {
      const chunk = Buffer.alloc(1024 * 1024, 120)
      let sent = 0
      let answered = false
      const request = http.request(new URL(path, server.base), {
        method: 'POST',
        headers: { ...headers, 'Transfer-Encoding': 'chunked' },
      })
      request.on('response', (response) => {
        answered = true
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (part) => (text += part))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, sent, text }))
      })
      request.on('error', () => (answered ? undefined : resolve({ status: null, sent, text: '' })))
      const send = () => {
        while (!answered && sent < chunks) {
          sent++
          if (!request.write(chunk)) return void request.once('drain', send)
        }
        if (!answered) request.end()
      }
      send()
    })

  it('answers 413 to a JSON body over 2 MB and an upload over 51 MB, declared or streamed', async () => {
    const declared = await fetch(new URL('/api/resources', server.base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'x'.repeat(3 * 1024 * 1024) }),
    })
    expect(declared.status).toBe(413)
    expect((await declared.json()).errors[0].message).toMatch(/larger than 2 MB/)
    // An upload by someone not signed in is held to the 2 MB of any other body.
    const anonymous = await stream(
      '/api/media',
      { 'Content-Type': 'multipart/form-data; boundary=x' },
      10,
    )
    expect(anonymous.status).toBe(413)
    expect(anonymous.text).toMatch(/larger than 2 MB/)
    // Signed in, the media library takes up to 51 MB; a 60 MB file is told so.
    const { token } = await makeUser('editor')
    const auth = {
      'Content-Type': 'multipart/form-data; boundary=x',
      Authorization: `JWT ${token}`,
    }
    const editor = await stream('/api/media', auth, 60)
    expect(editor.status).toBe(413)
    expect(editor.text).toMatch(/larger than 51 MB/)
    // An endless upload is not read for ever: the server stops reading 16 MB past the limit.
    const endless = await stream('/api/media', auth, 200)
    expect(endless.sent).toBeLessThan(200)
    expect([413, null]).toContain(endless.status)
    // Large bodies only for an upload to the media library by someone signed in.
    const form = new FormData()
    form.set('email', 'x'.repeat(3 * 1024 * 1024))
    const login = await fetch(new URL('/api/users/login', server.base), {
      method: 'POST',
      body: form,
    })
    expect(login.status).toBe(413)
  })

  it('hands bodies within the limit on whole: a sign-in and an upload reach Payload', async () => {
    const wrong = await fetch(new URL('/api/users/login', server.base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@test.example', password: 'not the password' }),
    })
    expect(wrong.status).toBe(401)
    const { token } = await makeUser('editor')
    const form = new FormData()
    form.set('_payload', JSON.stringify({ alt: 'A pixel sent through the gate' }))
    form.set('file', new Blob([PIXEL], { type: 'image/png' }), 'gate-pixel.png')
    const upload = await fetch(new URL('/api/media', server.base), {
      method: 'POST',
      headers: { Authorization: `JWT ${token}` },
      body: form,
    })
    const text = await upload.text()
    expect(upload.status, text).toBe(201)
    expect(JSON.parse(text).doc.filename).toMatch(/^gate-pixel/)
  })

  it('answers 404 for a collection Payload keeps internal or a name of an object’s own property', async () => {
    for (const path of ['/api/payload-migrations', '/api/__proto__', '/api/constructor/1']) {
      const response = await fetch(new URL(path, server.base))
      expect(response.status, path).toBe(404)
    }
  })
})
