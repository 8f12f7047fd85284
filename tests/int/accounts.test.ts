// Accounts: the password rule on every path that sets a password, the session cookie's flags, a
// production server that refuses to start half-configured, and the sign-in throttle per client
// address that replaced Payload's account lock. Through Payload's real REST and GraphQL handlers.
import { GRAPHQL_POST, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { inspect } from 'node:util'
import { pathToFileURL } from 'node:url'
import getPort from 'get-port'
import type { Payload } from 'payload'
import { generatePayloadCookie } from 'payload/shared'
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import config from '../../payload.config'
import { Users } from '../../collections/Users'
import { addressKey, clientAddress, UNKNOWN_CLIENT } from '../../src/auth/clientAddress'
import { sessionCookieOptions } from '../../src/auth/cookies'
import { createLoginThrottle, LOGIN_LIMITS } from '../../src/auth/loginThrottle'
import { isLoopbackHost, localServerUrl } from '../../src/auth/serverUrl'
import { hub, makeUser, type TestUser, unique } from '../helpers/hub'

const handlers = { POST: REST_POST(config), PATCH: REST_PATCH(config) }

type Call = { token?: string; body?: unknown; from?: string }

/** One REST call with the whole Response (status, headers, JSON), from a given client address. */
const call = async (method: keyof typeof handlers, route: string, options: Call = {}) => {
  const url = new URL(`http://hub.test/api${route}`)
  const request = new Request(url, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(options.token ? { Authorization: `JWT ${options.token}` } : {}),
      // What Next hands a route handler: the peer's address (or the proxy's list) in x-forwarded-for.
      ...(options.from ? { 'X-Forwarded-For': options.from } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const slug = url.pathname.replace(/^\/api\//, '').split('/')
  const response = await handlers[method](request, { params: Promise.resolve({ slug }) })
  return { status: response.status, headers: response.headers, body: await response.json() }
}

const login = (email: string, password: string, from?: string) =>
  call('POST', '/users/login', { body: { email, password }, from })

/** The message Payload puts on the `password` field of a ValidationError. */
const passwordError = (body: any): string | undefined =>
  body.errors?.[0]?.data?.errors?.find((e: { path: string }) => e.path === 'password')?.message

const RULE = 'Password must be at least 12 characters long.'
const GOOD = 'twelve chars' // exactly 12

let payload: Payload
let admin: TestUser

/** A signed-in editor with a known password. */
const newEditor = async (password = 'a long test password') => {
  const email = `${unique('account')}@test.example`
  const user = await payload.create({
    collection: 'users',
    data: { email, password, name: 'Account test', role: 'editor' },
  })
  const { token } = await payload.login({ collection: 'users', data: { email, password } })
  return { id: user.id, email, password, token: token! }
}

beforeAll(async () => {
  payload = await hub()
  admin = await makeUser('admin')
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('the password rule (12 characters at least, for everyone)', () => {
  it('applies when an admin creates an account, and names the field and the rule', async () => {
    for (const password of ['eleven char', '🔑'.repeat(6)]) {
      const refused = await call('POST', '/users', {
        token: admin.token,
        body: { email: `${unique('short')}@test.example`, password, name: 'Short', role: 'editor' },
      })
      expect(refused.status).toBe(400)
      expect(refused.body.errors[0].message).toBe('The following field is invalid: password')
      expect(passwordError(refused.body)).toBe(RULE)
    }
    const created = await call('POST', '/users', {
      token: admin.token,
      body: {
        email: `${unique('long')}@test.example`,
        password: GOOD,
        name: 'Long',
        role: 'editor',
      },
    })
    expect(created.status).toBe(201)
  })

  it('applies to the first-user registration', async () => {
    // /first-register only works on a hub without users; this database has some, so the one
    // lookup that asks "is there any user?" answers no, and everything else runs for real.
    const findOne = payload.db.findOne.bind(payload.db)
    vi.spyOn(payload.db, 'findOne').mockImplementation(async (args) =>
      args.collection === 'users' && Object.keys(args.where ?? {}).length === 0
        ? null
        : findOne(args),
    )
    const email = `${unique('first')}@test.example`
    const refused = await call('POST', '/users/first-register', {
      body: { email, password: 'short', name: 'First', role: 'editor' },
    })
    expect(refused.status).toBe(400)
    expect(passwordError(refused.body)).toBe(RULE)
    expect(
      (await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs,
    ).toBe(0)

    const registered = await call('POST', '/users/first-register', {
      body: { email, password: GOOD, name: 'First', role: 'editor' },
    })
    expect(registered.status).toBe(200)
    expect(registered.body.user.email).toBe(email)
  })

  it('applies when a user changes their own password, and when an admin changes someone’s', async () => {
    const editor = await newEditor()
    for (const token of [editor.token, admin.token]) {
      const refused = await call('PATCH', `/users/${editor.id}`, {
        token,
        body: { password: 'too short' },
      })
      expect(refused.status).toBe(400)
      expect(passwordError(refused.body)).toBe(RULE)
    }
    // Refused changes left the old password in place.
    await expect(
      payload.login({
        collection: 'users',
        data: { email: editor.email, password: editor.password },
      }),
    ).resolves.toMatchObject({ token: expect.any(String) })

    const changed = await call('PATCH', `/users/${editor.id}`, {
      token: editor.token,
      body: { password: 'my new long password' },
    })
    expect(changed.status).toBe(200)
    expect((await login(editor.email, 'my new long password', '192.0.2.80')).status).toBe(200)

    // Saving other fields without a password keeps the password.
    const renamed = await call('PATCH', `/users/${editor.id}`, {
      token: admin.token,
      body: { name: 'Renamed' },
    })
    expect(renamed.status).toBe(200)
  })

  it('applies to a password reset with a token, which Payload’s field validation never sees', async () => {
    const editor = await newEditor()
    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: editor.email },
      disableEmail: true,
    })
    // REST passes anything but text on as an empty password.
    for (const password of ['short', 123456789012345]) {
      const refused = await call('POST', '/users/reset-password', { body: { token, password } })
      expect(refused.status).toBe(400)
      expect(passwordError(refused.body)).toBe(RULE)
    }
    await expect(
      payload.resetPassword({
        collection: 'users',
        data: { token: token!, password: 123456789012345 as unknown as string },
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      data: { errors: [{ path: 'password', message: 'Password must be text.' }] },
    })
    // The refused attempts changed nothing: the old password works and the token is still good.
    expect((await login(editor.email, editor.password, '192.0.2.81')).status).toBe(200)
    const reset = await call('POST', '/users/reset-password', {
      body: { token, password: 'a brand new password' },
    })
    expect(reset.status).toBe(200)
    expect((await login(editor.email, 'a brand new password', '192.0.2.81')).status).toBe(200)
  })
})

describe('the session cookie', () => {
  it('is Secure when the hub’s address is https, and SameSite=Lax always', () => {
    expect(sessionCookieOptions('https://hub.example.org')).toEqual({
      secure: true,
      sameSite: 'Lax',
    })
    expect(sessionCookieOptions('http://127.0.0.1:3000')).toEqual({
      secure: false,
      sameSite: 'Lax',
    })
    expect(sessionCookieOptions(undefined)).toEqual({ secure: false, sameSite: 'Lax' })

    // What Payload writes in Set-Cookie with each setting.
    const cookieFor = (serverUrl: string) =>
      generatePayloadCookie({
        collectionAuthConfig: {
          ...(Users.auth as object),
          cookies: sessionCookieOptions(serverUrl),
        } as never,
        cookiePrefix: 'payload',
        token: 'x',
      }) as string
    expect(cookieFor('https://hub.example.org')).toMatch(/; Secure=true;.*; SameSite=Lax/)
    expect(cookieFor('http://127.0.0.1:3000')).not.toMatch(/Secure/)
  })

  it('follows SERVER_URL when the collection is configured', async () => {
    const before = process.env.SERVER_URL
    try {
      process.env.SERVER_URL = 'https://hub.example.org'
      vi.resetModules()
      const { Users: httpsUsers } = await import('../../collections/Users')
      expect(httpsUsers.auth).toMatchObject({ cookies: { secure: true, sameSite: 'Lax' } })
    } finally {
      if (before === undefined) delete process.env.SERVER_URL
      else process.env.SERVER_URL = before
      vi.resetModules()
    }
  })

  it('comes with a REST sign-in as configured here (SERVER_URL unset: not Secure)', async () => {
    const editor = await newEditor()
    const { status, headers } = await login(editor.email, editor.password, '192.0.2.82')
    expect(status).toBe(200)
    const cookie = headers.get('set-cookie')!
    expect(cookie).toMatch(/^payload-token=[^;]+;/)
    expect(cookie).toMatch(/; HttpOnly=true/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
    expect(process.env.SERVER_URL ?? '').not.toMatch(/^https:/)
  })
})

describe('a production server', () => {
  const nextBin = path.resolve('node_modules/next/dist/bin/next')

  /** Runs `next start` and waits for it to exit (or gives up after `ms`). */
  const nextStart = async (env: NodeJS.ProcessEnv, ms = 15_000) => {
    const port = await getPort()
    const child = spawn(
      process.execPath,
      [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const started = Date.now()
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGTERM')
        resolve(null)
      }, ms)
      child.on('exit', (exitCode) => {
        clearTimeout(timer)
        resolve(exitCode)
      })
    })
    return { code, output, seconds: (Date.now() - started) / 1000 }
  }

  const productionEnv = (overrides: Record<string, string | undefined>) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      PAYLOAD_SECRET: 'x'.repeat(32),
      SERVER_URL: 'http://127.0.0.1:1',
    }
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) delete env[name]
      else env[name] = value
    }
    return env
  }

  it('refuses to start without SERVER_URL, at once, naming it', async () => {
    const { code, output, seconds } = await nextStart(productionEnv({ SERVER_URL: undefined }))
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    expect(seconds).toBeLessThan(10)
    expect(output).toMatch(/cannot start in production/)
    expect(output).toMatch(/SERVER_URL is not set/)
    expect(output).not.toMatch(/PAYLOAD_SECRET/)
  })

  it('names every missing variable', async () => {
    const { code, output } = await nextStart(
      productionEnv({ SERVER_URL: undefined, PAYLOAD_SECRET: undefined }),
    )
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    expect(output).toMatch(/SERVER_URL is not set/)
    expect(output).toMatch(/PAYLOAD_SECRET is not set/)
  })

  it('checks only when serving: the build phase and development load the config without them', async () => {
    const nextConfigUrl = pathToFileURL(path.resolve('next.config.mjs')).href
    const { default: nextConfig, productionProblems } = (await import(nextConfigUrl)) as {
      default: (phase: string) => Record<string, unknown>
      productionProblems: (env: Record<string, string | undefined>) => string[]
    }
    expect(productionProblems({})).toHaveLength(2)
    expect(productionProblems({ SERVER_URL: 'ftp://x', PAYLOAD_SECRET: 'short' })).toEqual([
      'SERVER_URL must be an http:// or https:// address',
      'PAYLOAD_SECRET must be at least 32 characters',
    ])
    expect(
      productionProblems({ SERVER_URL: 'https://hub.example.org', PAYLOAD_SECRET: 'y'.repeat(32) }),
    ).toEqual([])
    const saved = { ...process.env }
    try {
      delete process.env.SERVER_URL
      delete process.env.PAYLOAD_SECRET
      ;(process.env as Record<string, string>).NODE_ENV = 'production'
      expect(nextConfig('phase-production-build')).toMatchObject({ images: { unoptimized: true } })
      expect(() => nextConfig('phase-production-server')).toThrow(/SERVER_URL is not set/)
      ;(process.env as Record<string, string>).NODE_ENV = 'development'
      expect(nextConfig('phase-development-server')).toMatchObject({
        images: { unoptimized: true },
      })
    } finally {
      process.env = saved
    }
  })

  it('started by `npm start -- --production` knows its address on a loopback host, and asks elsewhere', async () => {
    expect(
      ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].every(
        isLoopbackHost,
      ),
    ).toBe(true)
    expect(
      ['0.0.0.0', '::', '10.0.0.5', 'hub.example.org', '::ffff:7f:1', '::2'].some(isLoopbackHost),
    ).toBe(false)
    expect(localServerUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000')
    expect(localServerUrl('::1', 3000)).toBe('http://[::1]:3000')

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/hub.ts', '--production'], {
      env: productionEnv({ SERVER_URL: undefined, HOST: '0.0.0.0', NODE_ENV: undefined }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(2)
    expect(output).toMatch(/SERVER_URL is not set\. A production hub listening on 0\.0\.0\.0/)
  })
})

describe('the environment', () => {
  /** Loads src/env.ts afresh with these variables; its error message, or undefined. */
  const envProblem = async (overrides: Record<string, string>) => {
    const { parseEnv } = await import('../../src/env')
    const result = parseEnv({ ...process.env, ...overrides }, 'hub')
    return result.ok ? undefined : result.problems.join('\n')
  }

  it('checks TRUSTED_PROXIES, SERVER_URL and the bootstrap admin’s password', async () => {
    expect(await envProblem({ TRUSTED_PROXIES: '1' })).toBeUndefined()
    // Empty is unset, as in most process managers' files: the default, no proxy.
    expect(await envProblem({ TRUSTED_PROXIES: '' })).toBeUndefined()
    for (const value of ['-1', 'one', '1.5']) {
      expect(await envProblem({ TRUSTED_PROXIES: value })).toBe(
        `TRUSTED_PROXIES="${value}" must be a whole number of proxies. Fix: set it to the number of proxies in front of the hub (0, 1, 2…).`,
      )
    }
    expect(await envProblem({ SERVER_URL: 'ftp://hub.example.org' })).toMatch(
      /^SERVER_URL="ftp:\/\/hub.example.org" must be an http:\/\/ or https:\/\/ address\. Fix: /,
    )
    // A password is never echoed.
    expect(await envProblem({ HUB_ADMIN_PASSWORD: 'eleven char' })).toBe(
      'HUB_ADMIN_PASSWORD (value hidden) must be at least 12 characters long. Fix: choose a longer password.',
    )
  })
})

describe('the sign-in throttle', () => {
  it('reads the client’s address from x-forwarded-for, trusting the given number of proxies', () => {
    const from = (value: string | null, trusted = 0) =>
      clientAddress(new Headers(value === null ? {} : { 'x-forwarded-for': value }), trusted)
    expect(from('203.0.113.7')).toBe('203.0.113.7') // Next itself, for a direct connection
    expect(from('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(from('6.6.6.6, 203.0.113.7')).toBe('203.0.113.7') // the client's own entry is ignored
    expect(from('6.6.6.6, 203.0.113.7, 10.0.0.2', 1)).toBe('203.0.113.7') // CDN → proxy → hub
    expect(from('203.0.113.7', 2)).toBe('203.0.113.7') // skipped the outer proxies
    expect(from(null)).toBe(UNKNOWN_CLIENT)
    expect(from('')).toBe(UNKNOWN_CLIENT)
    expect(from('not an address')).toBe(UNKNOWN_CLIENT)
    expect(addressKey('203.0.113.7:51234')).toBe('203.0.113.7')
    expect(addressKey('[2001:db8:1:2::7]:443')).toBe('2001:db8:1:2::/64')
    // One IPv6 /64 is one client: its holder cannot start afresh from each of its addresses.
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb::9'))
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'))
  })

  it('answers 429 with Retry-After after 5 failures from one address, while the account still signs in elsewhere', async () => {
    const editor = await newEditor()
    const A = '203.0.113.7'
    const B = '198.51.100.20'
    const logged = [
      vi.spyOn(payload.logger, 'error'),
      vi.spyOn(payload.logger, 'info'),
      vi.spyOn(payload.logger, 'warn'),
    ]

    for (let i = 0; i < LOGIN_LIMITS.perAddressAndAccount.attempts; i++) {
      expect((await login(editor.email, `wrong password ${i}`, A)).status).toBe(401)
    }
    const throttled = await login(editor.email, 'wrong password again', A)
    expect(throttled.status).toBe(429)
    const retryAfter = Number(throttled.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(14 * 60)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    expect(throttled.body.errors[0].message).toMatch(
      /^Too many failed sign-in attempts from your network\. Try again in 15 minutes \(after \d\d:\d\d UTC\)\.$/,
    )
    expect(throttled.body.errors[0].data).toEqual({ retryAfterSeconds: retryAfter })

    // The right password waits too from A (otherwise guessing would simply go on)…
    expect((await login(editor.email, editor.password, A)).status).toBe(429)
    // …and through Payload's own GraphQL as well (the hub's /api/graphql lets only signed-in
    // editors reach it; its handler is called directly here).
    const graphql = await GRAPHQL_POST(config)(
      new Request('http://hub.test/api/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': A },
        body: JSON.stringify({
          query: `mutation { loginUser(email: ${JSON.stringify(editor.email)}, password: ${JSON.stringify(editor.password)}) { token } }`,
        }),
      }),
    )
    expect((await graphql.json()).errors[0].message).toMatch(/Too many failed sign-in attempts/)

    // The editor is not locked out: from another address the right password works at once.
    const fromB = await login(editor.email, editor.password, B)
    expect(fromB.status).toBe(200)
    expect(fromB.body.token).toEqual(expect.any(String))

    // Nothing logged names the account or the password.
    const logText = logged
      .flatMap((spy) => spy.mock.calls)
      .map((args) => inspect(args, { depth: 6 }))
      .join('\n')
    expect(logText).not.toContain(editor.email)
    expect(logText).not.toContain('wrong password')

    // Once the window has passed, A signs in with the right password.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + (retryAfter + 1) * 1000)
    expect((await login(editor.email, editor.password, A)).status).toBe(200)
  })

  it('lifts the wait for an address that resets the account’s password', async () => {
    const editor = await newEditor()
    const E = '192.0.2.44'
    for (let i = 0; i <= LOGIN_LIMITS.perAddressAndAccount.attempts; i++) {
      await login(editor.email, 'forgot it', E)
    }
    expect((await login(editor.email, editor.password, E)).status).toBe(429)
    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: editor.email },
      disableEmail: true,
    })
    const reset = await call('POST', '/users/reset-password', {
      body: { token, password: 'remembered now, long' },
      from: E,
    })
    expect(reset.status).toBe(200)
    expect((await login(editor.email, 'remembered now, long', E)).status).toBe(200)
  })

  it('starts an address afresh on an account after a successful sign-in', async () => {
    const editor = await newEditor()
    const C = '192.0.2.33'
    const limit = LOGIN_LIMITS.perAddressAndAccount.attempts
    for (let i = 0; i < limit - 1; i++) {
      expect((await login(editor.email, 'a typo in it', C)).status).toBe(401)
    }
    expect((await login(editor.email, editor.password, C)).status).toBe(200)
    // A whole new allowance of failures, then the wait.
    for (let i = 0; i < limit; i++) {
      expect((await login(editor.email, 'another typo', C)).status).toBe(401)
    }
    expect((await login(editor.email, 'another typo', C)).status).toBe(429)
  })

  it('counts all accounts tried from one address: 20 failures, then 429 for any account', async () => {
    const editor = await newEditor()
    const D = '2001:db8:77:1::5'
    const perAccount = LOGIN_LIMITS.perAddressAndAccount.attempts - 1 // never one account's limit
    let failures = 0
    for (let account = 0; failures < LOGIN_LIMITS.perAddress.attempts; account++) {
      const email = `${unique('nobody')}@test.example`
      for (
        let i = 0;
        i < perAccount && failures < LOGIN_LIMITS.perAddress.attempts;
        i++, failures++
      ) {
        expect((await login(email, 'guess', D)).status).toBe(401)
      }
    }
    // Another address of the same /64 is the same client.
    expect((await login(editor.email, editor.password, '2001:db8:77:1::abcd')).status).toBe(429)
    expect((await login(editor.email, editor.password, '2001:db8:77:2::5')).status).toBe(200)
  })

  it('treats requests without an address as one shared client', async () => {
    // Counters of its own: every file's sign-ins without an address share the hub's.
    const throttle = createLoginThrottle(
      {
        perAddressAndAccount: { attempts: 2, seconds: 60 },
        perAddress: { attempts: 3, seconds: 60 },
      },
      unique('login-test'),
    )
    expect(await throttle.attempt(UNKNOWN_CLIENT, 'a@test.example')).toEqual({ allowed: true })
    expect(await throttle.attempt(UNKNOWN_CLIENT, 'A@Test.example ')).toEqual({ allowed: true })
    expect(await throttle.attempt(UNKNOWN_CLIENT, 'a@test.example')).toMatchObject({
      allowed: false,
    })
    expect(await throttle.attempt(UNKNOWN_CLIENT, 'b@test.example')).toMatchObject({
      allowed: false,
    })
    expect(await throttle.attempt('192.0.2.1', 'a@test.example')).toEqual({ allowed: true })
  })
})

describe('the sign-in throttle’s counters', () => {
  it('are shared by every hub process, in PostgreSQL', async () => {
    const limits = {
      perAddressAndAccount: { attempts: 3, seconds: 60 },
      perAddress: { attempts: 10, seconds: 60 },
    }
    // Two processes' throttles: the same counters, as every hub's are.
    const prefix = unique('login-shared')
    const one = createLoginThrottle(limits, prefix)
    const other = createLoginThrottle(limits, prefix)
    expect(await one.attempt('192.0.2.44', 'shared@test.example')).toEqual({ allowed: true })
    expect(await other.attempt('192.0.2.44', 'shared@test.example')).toEqual({ allowed: true })
    expect(await one.attempt('192.0.2.44', 'shared@test.example')).toEqual({ allowed: true })
    expect(await other.attempt('192.0.2.44', 'shared@test.example')).toMatchObject({
      allowed: false,
    })
    const { rows } = await (
      await import('../../src/db/rateLimits')
    )
      .counterPool()
      .query(`SELECT count(*)::int AS n FROM hub_rate_limits WHERE key LIKE $1`, [`${prefix}:%`])
    expect(rows[0].n).toBe(2)
  })
})

describe('the sign-in throttle behind the hub’s own server', () => {
  it('counts the peer it saw, whatever X-Forwarded-For a client writes', async () => {
    const { startServer } = await import('../helpers/servers')
    const server = await startServer('prod', {
      databaseUrl: inject('databaseUrl'),
      payloadSecret: inject('payloadSecret'),
    })
    try {
      const email = `${unique('spoofer')}@test.example`
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) {
        const response = await fetch(new URL('/api/users/login', server.base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.${i}` },
          body: JSON.stringify({ email, password: 'not the password at all' }),
        })
        statuses.push(response.status)
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    } finally {
      await server.stop()
    }
  }, 120_000)
})
