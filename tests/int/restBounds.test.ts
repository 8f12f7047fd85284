// Payload's REST API for visitors who are not signed in: bounded pages and depth, and ids that
// cannot exist answered 404, never 500. Signed-in editors keep the whole API.
import { describe, expect, it } from 'vitest'

import { makeUser, rest } from '../helpers/hub'

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

describe('request bodies', () => {
  it('answers 413 to a JSON body over 2 MB and an upload over 51 MB, declared or streamed', async () => {
    const { POST } = await import('../../src/app/(payload)/api/[...slug]/route')
    const params = { params: Promise.resolve({ slug: ['resources'] }) }
    const big = JSON.stringify({ title: 'x'.repeat(3 * 1024 * 1024) })
    const declared = await POST(
      new Request('http://hub.test/api/resources', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: big,
      }),
      params,
    )
    expect(declared.status).toBe(413)
    expect((await declared.json()).errors[0].message).toMatch(/larger than 2 MB/)
    const chunk = new Uint8Array(1024 * 1024)
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 60) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const streamed = await POST(
      new Request('http://hub.test/api/media', {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
        body: endless,
        duplex: 'half',
      } as RequestInit),
      { params: Promise.resolve({ slug: ['media'] }) },
    )
    expect(streamed.status).toBe(413)
    expect(sent).toBeLessThan(60)
    // Large bodies only for an upload to the media library by someone signed in.
    const form = new FormData()
    form.set('email', 'x'.repeat(3 * 1024 * 1024))
    const login = await POST(
      new Request('http://hub.test/api/users/login', { method: 'POST', body: form }),
      {
        params: Promise.resolve({ slug: ['users', 'login'] }),
      },
    )
    expect(login.status).toBe(413)
  })
})
