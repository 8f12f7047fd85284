// The hostile-input cases of `npm run fuzz`, generated deterministically (a seeded PRNG where
// anything looks random): malformed HTTP, malformed GraphQL, bad arguments, ids and cursors, for the
// partner API at /graphql and Payload's REST API at /api. Each case is the exact request to send;
// `expect` is set only where the right answer is definite.
import { NODE_TYPES } from '../../src/ids'
import { nestedFragments } from '../helpers/hostile'

export type Endpoint = 'graphql' | 'rest' | 'site'
/** A status, or an inclusive range of statuses. */
export type Expect = number | readonly [number, number]

export type FuzzCase = {
  name: string
  /** The group of cases it belongs to (for the short set and the report). */
  family: string
  endpoint: Endpoint
  method: string
  /** Path with query string, sent as is (not normalised, not re-encoded). */
  path: string
  headers: [string, string][]
  body?: string | Uint8Array
  expect?: Expect
  /** The whole request, bytes as they go on the wire (`{host}` is replaced); overrides the rest. */
  raw?: string | Uint8Array
  /** Send no Host header. */
  noHost?: boolean
  /** Send a body without adding a Content-Length header. */
  contentLength?: false
  /** Close our side of the connection once the request is written (for truncated bodies). */
  halfClose?: boolean
  /** Heavy for the server: run with nothing else in flight, so that a stall is its own. */
  solo?: boolean
  /** Always part of the short set. */
  key?: boolean
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** mulberry32: a small seeded PRNG, so that "random" ids and cursors are the same on every run. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const random = prng(20261126)
const randomBytes = (n: number) =>
  Buffer.from(Array.from({ length: n }, () => (random() * 256) | 0))
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url')
const gqlString = (value: string) => JSON.stringify(value)

const ACCEPT: [string, string] = ['Accept', 'application/graphql-response+json, application/json']
const JSON_TYPE: [string, string] = ['Content-Type', 'application/json']
const FOUR_XX = [400, 499] as const
const OK = 200

type Extra = Partial<Omit<FuzzCase, 'name' | 'family' | 'endpoint'>>

const graphqlCase = (family: string, name: string, extra: Extra): FuzzCase => ({
  name,
  family,
  endpoint: 'graphql',
  method: 'POST',
  path: '/graphql',
  headers: [],
  ...extra,
})

/** A POST of a JSON body (an object is serialised; a string is sent as is). */
const post = (
  family: string,
  name: string,
  payload: object | string,
  extra: Extra & { addHeaders?: [string, string][] } = {},
): FuzzCase => {
  const { addHeaders = [], ...rest } = extra
  return graphqlCase(family, name, {
    headers: [JSON_TYPE, ACCEPT, ...addHeaders],
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    ...rest,
  })
}

/** A query over POST. */
const query = (
  family: string,
  name: string,
  text: string,
  extra: Extra & { variables?: unknown; addHeaders?: [string, string][] } = {},
) => {
  const { variables, ...rest } = extra
  return post(
    family,
    name,
    variables === undefined ? { query: text } : { query: text, variables },
    rest,
  )
}

/** A GET with these search parameters (encoded by URLSearchParams unless `rawSearch`). */
const get = (
  family: string,
  name: string,
  params: Record<string, string> | { rawSearch: string },
  extra: Extra & { addHeaders?: [string, string][] } = {},
): FuzzCase => {
  const { addHeaders = [], ...rest } = extra
  const search =
    'rawSearch' in params ? String(params.rawSearch) : new URLSearchParams(params).toString()
  return graphqlCase(family, name, {
    method: 'GET',
    path: `/graphql?${search}`,
    headers: [ACCEPT, ...addHeaders],
    ...rest,
  })
}

const restCase = (family: string, name: string, extra: Extra): FuzzCase => ({
  name,
  family,
  endpoint: 'rest',
  method: 'GET',
  path: '/api/resources',
  headers: [['Accept', 'application/json']],
  ...extra,
})

const nested = (open: string, inner: string, close: string, depth: number) =>
  open.repeat(depth) + inner + close.repeat(depth)

/** Encodes a listing cursor the way the API once did: base64url of the JSON sort key. */
const cursorOf = (values: unknown) => b64(JSON.stringify(values))

// ---------------------------------------------------------------------------------------------
// /graphql

const METHODS = [
  'PUT',
  'PATCH',
  'DELETE',
  'TRACE',
  'TRACK',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'PURGE',
  'REPORT',
  'MKACTIVITY',
  'CHECKOUT',
  'MERGE',
  'M-SEARCH',
  'NOTIFY',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'LINK',
  'UNLINK',
  'QUERY',
  'BIND',
  'REBIND',
  'UNBIND',
  'ACL',
  'SOURCE',
  'BREW',
  'FOO',
  'get',
  'post',
]

const graphqlHttpCases = (): FuzzCase[] => {
  const f = 'graphql-http'
  const simple = JSON.stringify({ query: '{ __typename }' })
  const cases: FuzzCase[] = [
    // Controls: what partners send must keep working.
    query('control', 'valid query over POST', '{ __typename }', { expect: OK, key: true }),
    get(
      'control',
      'valid query over GET',
      { query: '{ standards(pillar: 1) { number } }' },
      {
        expect: OK,
        key: true,
      },
    ),
    query(
      'control',
      'a listing with cursors',
      '{ resources(first: 2) { edges { cursor node { id slug } } pageInfo { endCursor } } }',
      {
        expect: OK,
      },
    ),
    graphqlCase('control', 'CORS preflight', {
      method: 'OPTIONS',
      headers: [
        ['Origin', 'https://partner.example'],
        ['Access-Control-Request-Method', 'POST'],
        ['Access-Control-Request-Headers', 'content-type'],
      ],
      expect: [200, 299],
    }),
    graphqlCase('control', 'GraphiQL for a browser', {
      method: 'GET',
      headers: [['Accept', 'text/html']],
      expect: OK,
    }),
  ]
  for (const method of METHODS) {
    cases.push(
      graphqlCase(f, `method ${method} with a query body`, {
        method,
        headers: [JSON_TYPE, ACCEPT],
        body: simple,
        expect: FOUR_XX,
        key: method === 'TRACE' || method === 'PROPFIND' || method === 'PUT',
      }),
    )
  }
  cases.push(
    graphqlCase(f, 'method TRACE without a body', {
      method: 'TRACE',
      headers: [ACCEPT],
      expect: FOUR_XX,
      key: true,
    }),
    graphqlCase(f, 'method DELETE without a body', {
      method: 'DELETE',
      headers: [ACCEPT],
      expect: FOUR_XX,
    }),
    graphqlCase(f, 'method HEAD', { method: 'HEAD', headers: [ACCEPT] }),
    graphqlCase(f, 'method HEAD with a query', {
      method: 'HEAD',
      path: '/graphql?query=%7B__typename%7D',
      headers: [ACCEPT],
    }),
    graphqlCase(f, 'method OPTIONS without CORS headers', { method: 'OPTIONS', headers: [] }),
    graphqlCase(f, 'method CONNECT (authority form)', {
      raw: 'CONNECT {host} HTTP/1.1\r\nHost: {host}\r\n\r\n',
      method: 'CONNECT',
      key: true,
    }),
    graphqlCase(f, 'method CONNECT on the path', {
      raw: 'CONNECT /graphql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n',
      method: 'CONNECT',
    }),
    graphqlCase(f, 'a method of 200 letters', {
      raw: `${'X'.repeat(200)} /graphql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n`,
      method: 'X',
    }),
    graphqlCase(f, 'POST without Content-Length or body', { headers: [JSON_TYPE, ACCEPT] }),
    graphqlCase(f, 'POST with Content-Length 0', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Length', '0']],
      expect: FOUR_XX,
    }),
    graphqlCase(f, 'GET without a query', { method: 'GET', headers: [ACCEPT], expect: FOUR_XX }),
    graphqlCase(f, 'GET with a body', {
      method: 'GET',
      headers: [JSON_TYPE, ACCEPT],
      body: simple,
    }),
    // Paths next to the endpoint
    graphqlCase(f, 'path /graphql/', {
      method: 'GET',
      path: '/graphql/?query=%7B__typename%7D',
      headers: [ACCEPT],
    }),
    graphqlCase(f, 'path /GRAPHQL', {
      method: 'POST',
      path: '/GRAPHQL',
      headers: [JSON_TYPE, ACCEPT],
      body: simple,
    }),
    graphqlCase(f, 'path //graphql', {
      method: 'POST',
      path: '//graphql',
      headers: [JSON_TYPE, ACCEPT],
      body: simple,
    }),
    graphqlCase(f, 'path /graphql;x=1', {
      method: 'POST',
      path: '/graphql;x=1',
      headers: [JSON_TYPE, ACCEPT],
      body: simple,
    }),
    graphqlCase(f, 'path /graphql%00', {
      method: 'POST',
      path: '/graphql%00',
      headers: [JSON_TYPE, ACCEPT],
      body: simple,
    }),
    graphqlCase(f, 'path /graphql/../graphql', {
      method: 'POST',
      path: '/graphql/../graphql',
      headers: [JSON_TYPE, ACCEPT],
      body: simple,
    }),
    graphqlCase(f, 'path /graphql%2f..%2fapi%2fusers', {
      method: 'GET',
      path: '/graphql%2f..%2fapi%2fusers',
      headers: [ACCEPT],
    }),
    graphqlCase(f, 'absolute-form request target', {
      method: 'POST',
      path: 'http://evil.example/graphql',
      headers: [JSON_TYPE, ACCEPT],
      body: simple,
    }),
    graphqlCase(f, 'asterisk request target', { method: 'OPTIONS', path: '*', headers: [] }),
    graphqlCase(f, 'a path of 8 KB', {
      method: 'GET',
      path: `/graphql/${'a'.repeat(8000)}`,
      headers: [ACCEPT],
    }),
    graphqlCase(f, 'a request line over 16 KB', {
      method: 'GET',
      path: `/graphql?query=${'%7B'.repeat(6000)}`,
      headers: [ACCEPT],
      expect: FOUR_XX,
    }),
    // Broken HTTP framing (Node's parser answers these before the app; they must not crash it)
    graphqlCase(f, 'HTTP/9.9', {
      raw: 'POST /graphql HTTP/9.9\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 22\r\nConnection: close\r\n\r\n{"query":"{__typename}"}',
      method: 'POST',
    }),
    graphqlCase(f, 'HTTP/1.0 without Host', {
      raw: 'POST /graphql HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n{"query":"{__typename}"}',
      method: 'POST',
    }),
    graphqlCase(f, 'HTTP/1.1 without Host', {
      method: 'POST',
      noHost: true,
      headers: [JSON_TYPE, ACCEPT],
      body: simple,
      expect: FOUR_XX,
    }),
    graphqlCase(f, 'two Host headers', {
      method: 'POST',
      headers: [['Host', 'a.example'], ['Host', 'b.example'], JSON_TYPE, ACCEPT],
      body: simple,
    }),
    graphqlCase(f, 'Host of 4 KB', {
      method: 'POST',
      headers: [['Host', `${'h'.repeat(4000)}.example`], JSON_TYPE, ACCEPT],
      body: simple,
    }),
    graphqlCase(f, 'bare LF line endings', {
      raw: 'POST /graphql HTTP/1.1\nHost: {host}\nContent-Type: application/json\nContent-Length: 24\nConnection: close\n\n{"query":"{__typename}"}',
      method: 'POST',
    }),
    graphqlCase(f, 'space before the colon of a header', {
      raw: 'POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type : application/json\r\nContent-Length: 24\r\nConnection: close\r\n\r\n{"query":"{__typename}"}',
      method: 'POST',
    }),
    graphqlCase(f, 'obsolete line folding', {
      raw: 'POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/\r\n json\r\nContent-Length: 24\r\nConnection: close\r\n\r\n{"query":"{__typename}"}',
      method: 'POST',
    }),
    graphqlCase(f, 'a NUL byte in a header value', {
      raw: 'POST /graphql HTTP/1.1\r\nHost: {host}\r\nX-Fuzz: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: 24\r\nConnection: close\r\n\r\n{"query":"{__typename}"}',
      method: 'POST',
    }),
    graphqlCase(f, 'Content-Length not a number', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Length', 'abc']],
      body: simple,
      expect: FOUR_XX,
    }),
    graphqlCase(f, 'Content-Length negative', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Length', '-1']],
      body: simple,
      expect: FOUR_XX,
    }),
    graphqlCase(f, 'two different Content-Length headers', {
      headers: [
        JSON_TYPE,
        ACCEPT,
        ['Content-Length', '5'],
        ['Content-Length', String(simple.length)],
      ],
      body: simple,
      expect: FOUR_XX,
    }),
    graphqlCase(f, 'Content-Length shorter than the body', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Length', '10']],
      body: simple,
    }),
    graphqlCase(f, 'Content-Length longer than the body, connection half-closed', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Length', '1000']],
      body: simple,
      halfClose: true,
    }),
    graphqlCase(f, 'Content-Length of 2^53 with a small body, half-closed', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Length', '9007199254740993']],
      body: simple,
      halfClose: true,
    }),
    graphqlCase(f, 'Content-Length of 10 MB announced, nothing sent, half-closed', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Length', String(10 * 1024 * 1024)]],
      halfClose: true,
    }),
    graphqlCase(f, 'Content-Length and Transfer-Encoding together', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 24\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n18\r\n{"query":"{__typename}"}\r\n0\r\n\r\n`,
      method: 'POST',
    }),
    graphqlCase(f, 'chunked, well formed (control)', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n8\r\n{"query"\r\n10\r\n:"{__typename}"}\r\n0\r\n\r\n`,
      method: 'POST',
      expect: OK,
    }),
    graphqlCase(f, 'chunked, size not hexadecimal', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{"query":"{__typename}"}\r\n0\r\n\r\n`,
      method: 'POST',
      expect: FOUR_XX,
      key: true,
    }),
    graphqlCase(f, 'chunked, size larger than the data, half-closed', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nffff\r\n{"query":"{__typename}"}\r\n`,
      method: 'POST',
      halfClose: true,
    }),
    graphqlCase(f, 'chunked, no final chunk, half-closed', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n18\r\n{"query":"{__typename}"}\r\n`,
      method: 'POST',
      halfClose: true,
    }),
    graphqlCase(f, 'chunked, chunk size of 2^64', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n10000000000000000\r\n{}\r\n0\r\n\r\n`,
      method: 'POST',
      expect: FOUR_XX,
    }),
    graphqlCase(f, 'chunked with a chunk extension and a trailer', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n18;ext=1\r\n{"query":"{__typename}"}\r\n0\r\nX-Trailer: 1\r\n\r\n`,
      method: 'POST',
    }),
    graphqlCase(f, 'Transfer-Encoding: gzip, chunked (body not gzip)', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n18\r\n{"query":"{__typename}"}\r\n0\r\n\r\n`,
      method: 'POST',
    }),
    graphqlCase(f, 'Transfer-Encoding: identity', {
      headers: [JSON_TYPE, ACCEPT, ['Transfer-Encoding', 'identity']],
      body: simple,
      halfClose: true,
    }),
    graphqlCase(f, 'Content-Encoding: gzip on a plain body', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Encoding', 'gzip']],
      body: simple,
    }),
    graphqlCase(f, 'Content-Encoding: br, deflate, x-unknown', {
      headers: [JSON_TYPE, ACCEPT, ['Content-Encoding', 'br, deflate, x-unknown']],
      body: simple,
    }),
    graphqlCase(f, 'Expect: 100-continue', {
      headers: [JSON_TYPE, ACCEPT, ['Expect', '100-continue']],
      body: simple,
    }),
    graphqlCase(f, 'Expect: something-else', {
      headers: [JSON_TYPE, ACCEPT, ['Expect', 'something-else']],
      body: simple,
    }),
    graphqlCase(f, 'Upgrade: websocket', {
      method: 'GET',
      headers: [
        ['Connection', 'Upgrade'],
        ['Upgrade', 'websocket'],
        ['Sec-WebSocket-Version', '13'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
      ],
    }),
    graphqlCase(f, 'Upgrade: h2c', {
      method: 'GET',
      path: '/graphql?query=%7B__typename%7D',
      headers: [
        ACCEPT,
        ['Connection', 'Upgrade, HTTP2-Settings'],
        ['Upgrade', 'h2c'],
        ['HTTP2-Settings', 'AAMAAABkAARAAAAAAAIAAAAA'],
      ],
    }),
    graphqlCase(f, 'HTTP/2 preface on an HTTP/1 port', {
      raw: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      method: 'PRI',
    }),
    graphqlCase(f, 'TLS hello on a plain port', {
      raw: Buffer.from('16030100a5010000a10303', 'hex'),
      method: 'TLS',
      halfClose: true,
    }),
    graphqlCase(f, 'two requests pipelined, the second broken', {
      raw: `POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n{"query":"{__typename}"}GARBAGE / HTTP/1.1\r\n\r\n`,
      method: 'POST',
    }),
  )
  return cases
}

const contentTypeCases = (): FuzzCase[] => {
  const f = 'content-type'
  const simple = JSON.stringify({ query: '{ __typename }' })
  const withType = (
    name: string,
    type: string | undefined,
    body: string | Uint8Array = simple,
    expect?: Expect,
  ) =>
    graphqlCase(f, name, {
      headers: type === undefined ? [ACCEPT] : [['Content-Type', type], ACCEPT],
      body,
      expect,
    })
  const boundary = 'fuzzboundary'
  const multipart = (parts: string) => `--${boundary}\r\n${parts}\r\n--${boundary}--\r\n`
  const utf16 = Buffer.from(`\ufeff${simple}`, 'utf16le')
  return [
    withType('no Content-Type', undefined),
    withType('text/plain', 'text/plain'),
    withType(
      'text/plain; charset=utf-8 with a GraphQL document',
      'text/plain; charset=utf-8',
      '{ __typename }',
    ),
    withType('application/graphql with a document', 'application/graphql', '{ __typename }'),
    withType('application/graphql with JSON', 'application/graphql', simple),
    withType('application/graphql+json', 'application/graphql+json'),
    withType(
      'application/graphql-response+json as a request type',
      'application/graphql-response+json',
    ),
    withType(
      'application/json; charset=utf-16 (UTF-16 body)',
      'application/json; charset=utf-16',
      utf16,
      undefined,
    ),
    withType('application/json; charset=utf-16 (UTF-8 body)', 'application/json; charset=utf-16'),
    withType('application/json; charset=utf-32', 'application/json; charset=utf-32'),
    withType('application/json; charset=latin1', 'application/json; charset=latin1'),
    withType(
      'application/json; charset=x-no-such-charset',
      'application/json; charset=x-no-such-charset',
    ),
    withType('application/json; charset="utf-8', 'application/json; charset="utf-8'),
    withType('application/json;;;', 'application/json;;;'),
    withType('APPLICATION/JSON', 'APPLICATION/JSON'),
    withType('application/json, text/plain (two types)', 'application/json, text/plain'),
    withType('application/jsonx', 'application/jsonx'),
    withType(
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded',
      'query=%7B__typename%7D',
    ),
    withType(
      'application/x-www-form-urlencoded, broken',
      'application/x-www-form-urlencoded',
      '%%%&&&===',
    ),
    withType('application/octet-stream', 'application/octet-stream', randomBytes(64)),
    withType('application/xml', 'application/xml', '<query>{ __typename }</query>'),
    withType('*/*', '*/*'),
    withType('empty Content-Type', ''),
    withType(`Content-Type with a parameter of 8 KB`, `application/json; x=${'a'.repeat(8000)}`),
    withType('multipart without a boundary', 'multipart/form-data', multipart('x'), FOUR_XX),
    withType(
      'multipart, boundary does not match',
      `multipart/form-data; boundary=other`,
      multipart('Content-Disposition: form-data; name="operations"\r\n\r\n{}'),
    ),
    withType(
      'multipart, operations not JSON',
      `multipart/form-data; boundary=${boundary}`,
      multipart('Content-Disposition: form-data; name="operations"\r\n\r\n{not json'),
    ),
    withType(
      'multipart, map points at a missing file',
      `multipart/form-data; boundary=${boundary}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }","variables":{"f":null}}\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n--${boundary}--\r\n`,
    ),
    withType(
      'multipart, map not JSON',
      `multipart/form-data; boundary=${boundary}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n[[[\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
    ),
    withType(
      'multipart, map path into __proto__',
      `multipart/form-data; boundary=${boundary}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["__proto__.polluted"]}\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
    ),
    withType(
      'multipart, not terminated',
      `multipart/form-data; boundary=${boundary}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}`,
    ),
    withType(
      'multipart, 500 empty parts',
      `multipart/form-data; boundary=${boundary}`,
      `${`--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n`.repeat(500)}--${boundary}--\r\n`,
    ),
    withType(
      'multipart/mixed',
      `multipart/mixed; boundary=${boundary}`,
      multipart('Content-Type: application/json\r\n\r\n' + simple),
    ),
  ]
}

const bodyCases = (): FuzzCase[] => {
  const f = 'json-body'
  const raw = (name: string, body: string | Uint8Array, expect?: Expect, extra: Extra = {}) =>
    post(f, name, typeof body === 'string' ? body : '', { body, expect, ...extra })
  return [
    raw('empty body', '', FOUR_XX, { key: true }),
    raw('whitespace body', '   \n\t  ', FOUR_XX, { key: true }),
    raw('invalid JSON: {', '{', FOUR_XX, { key: true }),
    raw('invalid JSON: {"query": ', '{"query": ', FOUR_XX),
    raw('invalid JSON: single quotes', "{'query': '{ __typename }'}", FOUR_XX),
    raw('invalid JSON: trailing comma', '{"query": "{ __typename }",}', FOUR_XX),
    raw('invalid JSON: NaN', '{"query": "{ __typename }", "variables": {"a": NaN}}', FOUR_XX),
    raw('trailing garbage after JSON', '{"query": "{ __typename }"} garbage', FOUR_XX),
    raw('JSON null', 'null', FOUR_XX),
    raw('JSON number', '42', FOUR_XX),
    raw('JSON string', '"{ __typename }"', FOUR_XX),
    raw('JSON true', 'true', FOUR_XX),
    raw('empty object', '{}', FOUR_XX),
    raw('empty array (batch)', '[]', FOUR_XX),
    raw(
      'batch of two queries',
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    ),
    raw(
      'batch of 1,000 queries',
      JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ __typename }' }))),
    ),
    raw('query is a number', '{"query": 42}', FOUR_XX),
    raw('query is null', '{"query": null}', FOUR_XX),
    raw('query is an array', '{"query": ["{ __typename }"]}', FOUR_XX),
    raw('query is an object', '{"query": {"kind": "Document", "definitions": []}}', FOUR_XX),
    raw(
      'query is a GraphQL AST with a cycle-like shape',
      JSON.stringify({
        query: {
          kind: 'Document',
          definitions: [
            {
              kind: 'OperationDefinition',
              operation: 'query',
              selectionSet: { kind: 'SelectionSet', selections: [] },
            },
          ],
        },
      }),
      FOUR_XX,
    ),
    raw('variables is a string', '{"query": "{ __typename }", "variables": "{}"}'),
    raw(
      'variables is a string of broken JSON',
      '{"query": "{ __typename }", "variables": "{not json"}',
    ),
    raw('variables is an array', '{"query": "{ __typename }", "variables": []}'),
    raw('variables is a number', '{"query": "{ __typename }", "variables": 42}'),
    raw('extensions is a string', '{"query": "{ __typename }", "extensions": "x"}'),
    raw('extensions is an array', '{"query": "{ __typename }", "extensions": [1, 2]}'),
    raw('operationName is a number', '{"query": "{ __typename }", "operationName": 42}'),
    raw('operationName is an object', '{"query": "{ __typename }", "operationName": {"a": 1}}'),
    raw('duplicate keys', '{"query": "{ __typename }", "query": "{ nope }"}'),
    raw('__proto__ key', '{"__proto__": {"query": "{ __typename }"}, "query": "{ __typename }"}'),
    raw(
      'constructor.prototype key',
      '{"constructor": {"prototype": {"polluted": true}}, "query": "{ __typename }"}',
    ),
    raw(
      'variables with __proto__',
      '{"query": "query($f: ResourceFilter) { resources(filter: $f) { totalCount } }", "variables": {"f": {"__proto__": {"topics": ["x"]}}}}',
    ),
    raw('byte order mark before JSON', '\ufeff{"query": "{ __typename }"}'),
    raw('NUL bytes in the body', '{"query": "{ __typename }"}\u0000\u0000'),
    raw('NUL inside the query string', '{"query": "{ __typename \\u0000 }"}', undefined),
    raw(
      'lone surrogate escape in JSON',
      '{"query": "{ __typename }", "variables": {"a": "\\ud800"}}',
    ),
    raw(
      'invalid UTF-8 bytes',
      Buffer.concat([
        Buffer.from('{"query": "{ resources(search: \\"'),
        Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
        Buffer.from('\\") { totalCount } }"}'),
      ]),
      undefined,
      { key: true },
    ),
    raw(
      'overlong UTF-8 for a quote',
      Buffer.concat([
        Buffer.from('{"query": "{ __typename }'),
        Buffer.from([0xc0, 0xa2]),
        Buffer.from('}"}'),
      ]),
    ),
    raw(
      'truncated UTF-8 at the end',
      Buffer.concat([Buffer.from('{"query": "{ __typename }"}'), Buffer.from([0xe2, 0x82])]),
    ),
    raw('body of random bytes', randomBytes(2048), FOUR_XX),
    raw(
      'a number of 10,000 digits',
      `{"query": "{ __typename }", "variables": {"a": ${'9'.repeat(10000)}}}`,
    ),
    raw('a number 1e400', '{"query": "{ __typename }", "variables": {"a": 1e400}}'),
    raw(
      '200 unknown top-level keys',
      JSON.stringify(
        Object.fromEntries([
          ['query', '{ __typename }'],
          ...Array.from({ length: 200 }, (_, i) => [`k${i}`, i]),
        ]),
      ),
    ),
    // JSON nesting (the stack of a recursive parser or of variable coercion)
    raw('JSON arrays nested 10,000 deep as the body', nested('[', '1', ']', 10000), FOUR_XX, {
      key: true,
      solo: true,
    }),
    raw('JSON objects nested 5,000 deep as the body', nested('{"a":', '1', '}', 5000), FOUR_XX, {
      solo: true,
    }),
    raw(
      'variables JSON nested 10,000 deep',
      `{"query": "query($f: ResourceFilter) { resources(filter: $f) { totalCount } }", "variables": {"f": ${nested('{"a":', '1', '}', 10000)}}}`,
      FOUR_XX,
      { key: true, solo: true },
    ),
    raw(
      'variables JSON arrays nested 30,000 deep',
      `{"query": "query($f: ResourceFilter) { resources(filter: $f) { totalCount } }", "variables": {"f": ${nested('[', '1', ']', 30000)}}}`,
      FOUR_XX,
      { solo: true },
    ),
    raw(
      'String! variable given 10,000 nested arrays',
      `{"query": "query($s: String!) { resource(slug: $s) { slug } }", "variables": {"s": ${nested('[', '"x"', ']', 10000)}}}`,
      FOUR_XX,
      { key: true, solo: true },
    ),
    raw(
      '[String!] filter variable given 10,000 nested arrays',
      `{"query": "query($t: [String!]) { resources(filter: { topics: $t }) { totalCount } }", "variables": {"t": ${nested('[', '"x"', ']', 10000)}}}`,
      FOUR_XX,
      { solo: true },
    ),
    raw(
      'extensions JSON nested 10,000 deep',
      `{"query": "{ __typename }", "extensions": ${nested('{"a":', '1', '}', 10000)}}`,
      undefined,
      { solo: true },
    ),
    raw(
      'variables with 5,000 keys',
      JSON.stringify({
        query: '{ __typename }',
        variables: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`v${i}`, i])),
      }),
    ),
  ]
}

const sizeCases = (): FuzzCase[] => {
  const f = 'size'
  const padded = (bytes: number) =>
    JSON.stringify({ query: `{ __typename }\n#${'x'.repeat(bytes)}` })
  const bigString = (bytes: number) =>
    JSON.stringify({
      query: `{ resources(search: ${gqlString('a'.repeat(bytes))}) { totalCount } }`,
    })
  return [
    post(f, '60 KB body (under the limit)', padded(60 * 1024)),
    post(f, '70 KB body → 413', padded(70 * 1024), { expect: 413, key: true }),
    post(f, '5 MB body → 413', padded(5 * 1024 * 1024), { expect: 413, key: true, solo: true }),
    post(f, '5 MB body chunked, no Content-Length → 413', padded(5 * 1024 * 1024), {
      addHeaders: [['Transfer-Encoding', 'chunked']],
      body: (() => {
        const data = Buffer.from(padded(5 * 1024 * 1024))
        const chunks: Buffer[] = []
        for (let i = 0; i < data.length; i += 64 * 1024) {
          const part = data.subarray(i, i + 64 * 1024)
          chunks.push(Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n'))
        }
        chunks.push(Buffer.from('0\r\n\r\n'))
        return Buffer.concat(chunks)
      })(),
      expect: 413,
      solo: true,
    }),
    post(f, '1 MB string argument → 413', bigString(1024 * 1024), {
      expect: 413,
      key: true,
      solo: true,
    }),
    post(f, '60 KB string argument (within the limit)', bigString(60 * 1024)),
    post(f, '60 KB variable value (within the limit)', {
      query: 'query($s: String) { resources(search: $s) { totalCount } }',
      variables: { s: 'a'.repeat(60 * 1024) },
    }),
    post(f, '70 KB of whitespace → 413', ' '.repeat(70 * 1024), { expect: 413 }),
    post(
      f,
      '70 KB of variables → 413',
      { query: '{ __typename }', variables: { a: 'x'.repeat(70 * 1024) } },
      { expect: 413 },
    ),
    post(f, '20,000 tokens (within the body limit)', {
      query: `{ ${'__typename '.repeat(5000)} }`,
    }),
    get(f, 'GET with a 12 KB query string', { query: `{ __typename }\n#${'x'.repeat(12 * 1024)}` }),
    get(
      f,
      'GET with a 1 MB query string',
      { query: `{ __typename }\n#${'x'.repeat(1024 * 1024)}` },
      // Node answers 431 and closes at once, while the URL is still coming: a client may see the
      // connection reset instead. Either is fine; a 500 or a hang is not.
      { solo: true },
    ),
  ]
}

const headerCases = (): FuzzCase[] => {
  const f = 'headers'
  const simple = JSON.stringify({ query: '{ __typename }' })
  const withHeaders = (
    name: string,
    headers: [string, string][],
    expect?: Expect,
    extra: Extra = {},
  ) =>
    graphqlCase(f, name, {
      headers: [JSON_TYPE, ACCEPT, ...headers],
      body: simple,
      expect,
      ...extra,
    })
  return [
    withHeaders(
      '200 headers',
      Array.from({ length: 200 }, (_, i): [string, string] => [`X-Fuzz-${i}`, `v${i}`]),
      undefined,
      { key: true },
    ),
    withHeaders(
      '2,000 headers (26 KB) → 431',
      Array.from({ length: 2000 }, (_, i): [string, string] => [`X-F${i}`, 'abcdefgh']),
      431,
    ),
    withHeaders('one header of 16 KB → 431', [['X-Big', 'a'.repeat(16 * 1024)]], 431, {
      key: true,
    }),
    withHeaders('one header of 12 KB', [['X-Big', 'a'.repeat(12 * 1024)]]),
    withHeaders(
      '200 Accept-Language headers',
      Array.from({ length: 200 }, (): [string, string] => ['Accept-Language', 'fr']),
    ),
    withHeaders('Accept-Language of 500 tags', [
      ['Accept-Language', Array.from({ length: 500 }, (_, i) => `x${i};q=0.${i % 10}`).join(', ')],
    ]),
    withHeaders('Accept-Language with bad q', [['Accept-Language', 'fr;q=abc, ar;q=-1, es;q=99']]),
    withHeaders('Accept-Language *', [['Accept-Language', '*']]),
    withHeaders('Accept-Language of UTF-8 bytes', [['Accept-Language', 'français, العربية']]),
    withHeaders('Accept: application/xml', [['Accept', 'application/xml']]),
    withHeaders('Accept of 8 KB', [['Accept', `application/json;q=1, ${'x/y, '.repeat(1500)}`]]),
    withHeaders('Accept-Encoding junk', [['Accept-Encoding', 'gzip;q=x, zstd, br;q=2, *;q=-1']]),
    withHeaders('Accept-Encoding gzip (control)', [['Accept-Encoding', 'gzip']], OK),
    withHeaders('If-None-Match of 8 KB', [['If-None-Match', `"${'a'.repeat(8000)}"`]]),
    withHeaders('If-None-Match *', [['If-None-Match', '*']]),
    withHeaders('Origin junk', [['Origin', 'null']]),
    withHeaders('Origin of 8 KB', [['Origin', `https://${'a'.repeat(8000)}.example`]]),
    withHeaders('Cookie with a forged payload-token', [
      ['Cookie', 'payload-token=eyJhbGciOiJub25lIn0.eyJpZCI6MX0.'],
    ]),
    withHeaders('Authorization: JWT garbage', [['Authorization', 'JWT garbage']]),
    withHeaders('Authorization: Bearer of 8 KB', [['Authorization', `Bearer ${'a'.repeat(8000)}`]]),
    withHeaders('X-Forwarded-* junk', [
      ['X-Forwarded-For', '::ffff:999.1.1.1, <script>'],
      ['X-Forwarded-Host', '../../etc'],
      ['X-Forwarded-Proto', 'gopher'],
    ]),
    withHeaders('X-HTTP-Method-Override: DELETE', [['X-HTTP-Method-Override', 'DELETE']]),
    withHeaders('Range: bytes=0-0', [['Range', 'bytes=0-0']]),
    withHeaders('Range of 1,000 ranges', [
      ['Range', `bytes=${Array.from({ length: 1000 }, (_, i) => `${i}-${i}`).join(',')}`],
    ]),
    withHeaders('Connection: keep-alive, close, upgrade', [
      ['Connection', 'keep-alive, close, upgrade'],
    ]),
    withHeaders('X-Middleware-Subrequest (Next bypass attempt)', [
      ['X-Middleware-Subrequest', 'middleware:middleware:middleware:middleware:middleware'],
    ]),
    withHeaders('Next-Router-State-Tree junk', [
      ['Next-Router-State-Tree', '%7B%7D%7B'],
      ['RSC', '1'],
      ['Next-Action', 'x'],
    ]),
  ]
}

const syntaxCases = (): FuzzCase[] => {
  const f = 'graphql-syntax'
  const q = (name: string, text: string, extra: Extra = {}) => query(f, name, text, extra)
  return [
    q('unclosed brace', '{', { key: true }),
    q('only a closing brace', '}'),
    q('unclosed selection', '{ __typename'),
    q('keyword only', 'query'),
    q('empty selection set', 'query {}'),
    q('empty document', ''),
    q('only a comment', '# nothing'),
    q('unclosed argument list', '{ resources( { totalCount } }'),
    q('unterminated string', '{ resource(slug: "abc) { slug } }'),
    q('unterminated block string', '{ resource(slug: """abc) { slug } }'),
    q('bad escape \\u{110000}', '{ resource(slug: "\\u{110000}") { slug } }'),
    q('lone surrogate escape', '{ resource(slug: "\\uD800") { slug } }'),
    q('bad escape \\x41', '{ resource(slug: "\\x41") { slug } }'),
    q('stray characters', '{ @@@ }'),
    q('a NUL character', '{ __typename \u0000 }'),
    q('a U+2028 line separator', '{ \u2028__typename }'),
    q('a byte order mark inside', '{ __type\ufeffname }'),
    q('non-ASCII names', '{ résumé }'),
    q('emoji as a name', '{ 😀 }'),
    q('number 1e99999', '{ resources(first: 1e99999) { totalCount } }'),
    q('number with 1,000 digits', `{ resources(first: ${'9'.repeat(1000)}) { totalCount } }`),
    q('number 0x10', '{ resources(first: 0x10) { totalCount } }'),
    q('number 00', '{ resources(first: 00) { totalCount } }'),
    q('number 1.', '{ resources(first: 1.) { totalCount } }'),
    q('spread without a name', '{ ... }'),
    q('fragment without a type condition', '{ ...F } fragment F { __typename }'),
    q('directive without a name', '{ __typename @ }'),
    q('variable without a name', 'query($: Int) { __typename }'),
    q('5,000 opening braces', '{'.repeat(5000), { solo: true }),
    q('20,000 opening parens', `{ resources${'('.repeat(20000)} }`, { solo: true }),
    q('30,000 tokens of punctuation', '! '.repeat(30000)),
    q('30,000 commas', `{ __typename ${','.repeat(30000)} }`),
    q('a comment of 60 KB', `{ __typename } #${'c'.repeat(60000)}`),
    q(
      'a block string of 50 KB',
      `{ resources(search: """${'b'.repeat(50000)}""") { totalCount } }`,
    ),
    q('1,000 unicode escapes', `{ resources(search: "${'\\u00e9'.repeat(1000)}") { totalCount } }`),
  ]
}

const nestingCases = (): FuzzCase[] => {
  const f = 'graphql-nesting'
  const real = (levels: number) => {
    const unit = 'resources(first: 1) { edges { node { workingGroups { '
    const units = Math.ceil(levels / 4)
    return `{ ${unit.repeat(units)} slug ${'} } } } '.repeat(units)} }`
  }
  return [
    query(f, 'selections nested 200 deep (real fields)', real(200), { key: true, solo: true }),
    query(f, 'selections nested 200 deep (unknown fields)', nested('{ a ', '{ b }', ' }', 200), {
      solo: true,
    }),
    query(f, 'selections nested 13 deep (one over the limit)', real(13)),
    query(
      f,
      'inline fragments nested 1,000 deep',
      nested('{ ... on Query ', '{ __typename }', ' }', 1000),
      { solo: true },
    ),
    query(
      f,
      'list literal nested 10,000 deep',
      `{ resources(filter: { topics: ${nested('[', '"x"', ']', 10000)} }) { totalCount } }`,
      { key: true, solo: true },
    ),
    query(
      f,
      'list literal nested 10,000 deep in an unknown argument',
      `{ __typename(x: ${nested('[', '1', ']', 10000)}) }`,
      { solo: true },
    ),
    query(
      f,
      'object literal nested 5,000 deep',
      `{ resources(filter: ${nested('{ a: ', '1', ' }', 5000)}) { totalCount } }`,
      {
        key: true,
        solo: true,
      },
    ),
    query(
      f,
      'object literal nested 100 deep',
      `{ resources(filter: ${nested('{ a: ', '1', ' }', 100)}) { totalCount } }`,
    ),
    query(
      f,
      'list of 10,000 values',
      `{ resources(filter: { topics: [${'"x",'.repeat(10000)}] }) { totalCount } }`,
      { solo: true },
    ),
    query(
      f,
      'list of 5,000 standards',
      `{ resources(filter: { standards: [${'1,'.repeat(5000)}] }) { totalCount } }`,
    ),
    query(
      f,
      '100 @include directives on a field',
      `{ __typename ${'@include(if: true) '.repeat(100)} }`,
    ),
    query(
      f,
      'directive with a list nested 5,000 deep',
      `{ __typename @include(if: ${nested('[', 'true', ']', 5000)}) }`,
      { solo: true },
    ),
    query(
      f,
      '@skip and @include in 1,000 inline fragments',
      `{ ${'... @include(if: true) { __typename } '.repeat(1000)} }`,
    ),
    get(
      f,
      'GET: list literal nested 5,000 deep',
      {
        rawSearch: `query=${encodeURIComponent('{ resources(filter: { topics: ')}${'['.repeat(5000)}%22x%22${']'.repeat(5000)}${encodeURIComponent(' }) { totalCount } }')}`,
      },
      { solo: true },
    ),
    get(
      f,
      'GET: variables JSON nested 5,000 deep',
      {
        rawSearch: `query=${encodeURIComponent('query($f: ResourceFilter) { resources(filter: $f) { totalCount } }')}&variables=${encodeURIComponent('{"f":')}${'['.repeat(5000)}1${']'.repeat(5000)}%7D`,
      },
      { key: true, expect: FOUR_XX, solo: true },
    ),
    get(
      f,
      'GET: variables JSON objects nested 1,000 deep',
      {
        query: 'query($f: ResourceFilter) { resources(filter: $f) { totalCount } }',
        variables: `{"f":${nested('{"a":', '1', '}', 1000)}}`,
      },
      { expect: FOUR_XX, solo: true },
    ),
    get(
      f,
      'GET: String! variable given 5,000 nested arrays',
      {
        rawSearch: `query=${encodeURIComponent('query($s: String!) { resource(slug: $s) { slug } }')}&variables=${encodeURIComponent('{"s":')}${'['.repeat(5000)}%22x%22${']'.repeat(5000)}%7D`,
      },
      { expect: FOUR_XX, solo: true },
    ),
  ]
}

const fanOutCases = (): FuzzCase[] => {
  const f = 'graphql-fan-out'
  const aliases = (n: number, field: string) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`
  const fragments = nestedFragments('Term', 'slug')
  return [
    query(f, '1,000 aliases of __typename', aliases(1000, '__typename'), { key: true }),
    query(f, '1,000 aliases of topics', aliases(1000, 'topics { slug }'), { solo: true }),
    query(
      f,
      '16 aliases of resources(first: 100)',
      aliases(16, 'resources(first: 100) { edges { node { slug } } }'),
      {
        solo: true,
      },
    ),
    query(
      f,
      '15 aliases of resources(first: 100) with everything',
      aliases(
        15,
        'resources(first: 100) { totalCount edges { node { slug title { text } body { text } workingGroups { slug } topics { slug } translations { title } links { url } } } }',
      ),
      { solo: true },
    ),
    query(f, '5,000 copies of one field', `{ ${'__typename '.repeat(5000)} }`),
    query(
      f,
      '2,500 copies of a field with arguments',
      `{ ${'standards(pillar: 1) { number } '.repeat(2500)} }`,
      { solo: true },
    ),
    query(
      f,
      'field merge conflict × 500',
      `{ ${Array.from({ length: 500 }, (_, i) => `s: standards(pillar: ${(i % 4) + 1}) { number }`).join(' ')} }`,
      { solo: true },
    ),
    query(f, '30 nested fragments (2^29 fields) on Term', `{ topics { ...F29 } }\n${fragments}`, {
      key: true,
      solo: true,
    }),
    query(
      f,
      '30 nested fragments on Query',
      `{ ...F29 }\n${nestedFragments('Query', '__typename')}`,
      { solo: true },
    ),
    get(
      f,
      'GET: 30 nested fragments',
      { query: `{ topics { ...F29 } }\n${fragments}` },
      { solo: true },
    ),
    query(
      f,
      'fragment cycle A → B → A',
      '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
      { key: true },
    ),
    query(f, 'fragment spreading itself', '{ ...A } fragment A on Query { __typename ...A }'),
    query(
      f,
      'fragment cycle of 100',
      `{ ...F0 } ${Array.from({ length: 100 }, (_, i) => `fragment F${i} on Query { ...F${(i + 1) % 100} }`).join(' ')}`,
    ),
    query(f, 'unknown fragment', '{ ...Nope }'),
    query(
      f,
      '1,000 unused fragments',
      `{ __typename } ${Array.from({ length: 1000 }, (_, i) => `fragment U${i} on Query { __typename }`).join(' ')}`,
    ),
    query(
      f,
      '1,000 fragments spread once each',
      `{ ${Array.from({ length: 1000 }, (_, i) => `...U${i}`).join(' ')} } ${Array.from({ length: 1000 }, (_, i) => `fragment U${i} on Query { __typename }`).join(' ')}`,
    ),
    query(
      f,
      'fragment on a type that cannot match',
      '{ topics { ...W } } fragment W on Webinar { slug }',
    ),
    query(f, 'fragment on an unknown type', '{ topics { ...X } } fragment X on Nope { slug }'),
    query(
      f,
      'two fragments with the same name',
      '{ ...A } fragment A on Query { __typename } fragment A on Query { topics { slug } }',
    ),
  ]
}

const introspectionCases = (): FuzzCase[] => {
  const f = 'introspection'
  const ofType = (n: number) => nested('ofType { ', 'name', ' }', n)
  return [
    query(
      f,
      'full introspection query',
      '{ __schema { queryType { name } types { name kind fields { name args { name type { name kind ofType { name kind ofType { name } } } } type { name kind ofType { name kind } } } inputFields { name } enumValues { name } interfaces { name } possibleTypes { name } } directives { name locations args { name } } } }',
      { key: true },
    ),
    query(
      f,
      'ofType nested 100 deep',
      `{ __schema { types { fields { type { ${ofType(100)} } } } } }`,
      { key: true, solo: true },
    ),
    query(
      f,
      'ofType nested 1,000 deep',
      `{ __type(name: "Query") { fields { type { ${ofType(1000)} } } } }`,
      { solo: true },
    ),
    query(
      f,
      '__schema by 100 aliases',
      `{ ${Array.from({ length: 100 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ')} }`,
      { key: true, solo: true },
    ),
    query(
      f,
      'cyclic type walk (fields → type → fields) 10 deep',
      `{ __schema { types { ${nested('fields { type { ', 'name', ' } }', 10)} } } }`,
      { solo: true },
    ),
    query(
      f,
      'interfaces and possibleTypes 20 deep',
      `{ __type(name: "Node") { ${nested('possibleTypes { interfaces { ', 'name', ' } }', 20)} } }`,
      { solo: true },
    ),
    query(
      f,
      '__type with a 10 KB name',
      `{ __type(name: ${gqlString('T'.repeat(10000))}) { name } }`,
    ),
    query(f, '__type with a number', '{ __type(name: 42) { name } }'),
    query(f, '__type without a name', '{ __type { name } }'),
    query(f, '__typename on a missing field', '{ nope { __typename } }'),
    query(f, '__schema inside a field', '{ topics { __schema { types { name } } } }'),
    query(f, 'field suggestions probe', '{ resourcez { totalCount } }'),
    query(f, 'argument suggestions probe', '{ resources(frist: 1) { totalCount } }'),
    get(f, 'GET: full introspection', { query: '{ __schema { types { name fields { name } } } }' }),
  ]
}

const operationCases = (): FuzzCase[] => {
  const f = 'operations'
  return [
    post(
      f,
      'unknown operationName',
      { query: 'query A { __typename }', operationName: 'B' },
      { key: true },
    ),
    post(f, 'two operations without operationName', {
      query: 'query A { __typename } query B { __typename }',
    }),
    post(f, 'two operations with the same name', {
      query: 'query A { __typename } query A { topics { slug } }',
      operationName: 'A',
    }),
    post(f, 'anonymous and named operations together', {
      query: '{ __typename } query A { __typename }',
    }),
    post(f, 'operationName naming a fragment', {
      query: 'query A { ...F } fragment F on Query { __typename }',
      operationName: 'F',
    }),
    post(f, '1,000 operations, the last chosen', {
      query: Array.from({ length: 1000 }, (_, i) => `query O${i} { __typename }`).join(' '),
      operationName: 'O999',
    }),
    query(f, 'mutation', 'mutation { __typename }', { key: true }),
    query(f, 'mutation of an unknown field', 'mutation { deleteEverything }'),
    query(f, 'subscription', 'subscription { standards { number } }', { key: true }),
    get(f, 'GET: mutation', { query: 'mutation { __typename }' }, { expect: FOUR_XX }),
    get(f, 'GET: subscription', { query: 'subscription { standards { number } }' }),
    graphqlCase(f, 'subscription asking for an event stream', {
      headers: [JSON_TYPE, ['Accept', 'text/event-stream']],
      body: JSON.stringify({ query: 'subscription { standards { number } }' }),
    }),
    graphqlCase(f, 'query asking for an event stream', {
      headers: [JSON_TYPE, ['Accept', 'text/event-stream']],
      body: JSON.stringify({ query: '{ __typename }' }),
    }),
    graphqlCase(f, 'query asking for multipart/mixed (incremental delivery)', {
      headers: [JSON_TYPE, ['Accept', 'multipart/mixed; deferSpec=20220824']],
      body: JSON.stringify({ query: '{ __typename ... @defer { topics { slug } } }' }),
    }),
    query(
      f,
      '@defer and @stream',
      '{ ... @defer { topics { slug } } standards @stream(initialCount: 1) { number } }',
    ),
    query(
      f,
      'required variable missing',
      'query($a: Int!) { resources(first: $a) { totalCount } }',
    ),
    query(f, 'variable of an unknown type', 'query($a: Nope) { __typename }'),
    query(f, 'variable defined twice', 'query($a: Int, $a: String) { __typename }'),
    query(f, 'undefined variable used', '{ resources(first: $nope) { totalCount } }'),
    query(
      f,
      'variable default of the wrong type',
      'query($a: Int = "x") { resources(first: $a) { totalCount } }',
    ),
    query(
      f,
      'variable used at the wrong type',
      'query($a: String) { resources(first: $a) { totalCount } }',
      { variables: { a: 'x' } },
    ),
    query(
      f,
      'input object variable given a string',
      'query($f: ResourceFilter) { resources(filter: $f) { totalCount } }',
      { variables: { f: 'x' } },
    ),
    query(
      f,
      'enum variable given an unknown value',
      'query($s: ResourceSort) { resources(sort: $s) { totalCount } }',
      { variables: { s: 'NOPE' } },
    ),
    query(f, 'Int variable given 1e21', 'query($a: Int) { resources(first: $a) { totalCount } }', {
      variables: { a: 1e21 },
    }),
    query(
      f,
      'Int variable given an object',
      'query($a: Int) { resources(first: $a) { totalCount } }',
      { variables: { a: { b: 1 } } },
    ),
    query(
      f,
      '1,000 variable definitions',
      `query(${Array.from({ length: 1000 }, (_, i) => `$v${i}: Int`).join(', ')}) { __typename }`,
    ),
    query(f, 'unknown directive', '{ __typename @nope }'),
    query(f, 'directive in the wrong place', 'query @include(if: true) { __typename }'),
  ]
}

const persistedCases = (): FuzzCase[] => {
  const f = 'persisted-queries'
  const pq = (sha256Hash: unknown, version: unknown = 1) => ({
    persistedQuery: { version, sha256Hash },
  })
  return [
    post(
      f,
      'hash that does not match the query',
      { query: '{ __typename }', extensions: pq('ab'.repeat(32)) },
      { key: true },
    ),
    post(f, 'hash not hexadecimal', { query: '{ __typename }', extensions: pq('zz'.repeat(32)) }),
    post(f, 'hash of 10 KB', { query: '{ __typename }', extensions: pq('a'.repeat(10000)) }),
    post(f, 'hash is a number', { query: '{ __typename }', extensions: pq(42) }),
    post(f, 'hash is an object', { query: '{ __typename }', extensions: pq({ a: 1 }) }),
    post(f, 'hash alone, unknown', { extensions: pq('cd'.repeat(32)) }),
    post(f, 'hash alone, 10 KB', { extensions: pq('e'.repeat(10000)) }),
    post(f, 'hash alone, __proto__', { extensions: pq('__proto__') }),
    post(f, 'persistedQuery version 2', {
      query: '{ __typename }',
      extensions: pq('ab'.repeat(32), 2),
    }),
    post(f, 'persistedQuery is a string', {
      query: '{ __typename }',
      extensions: { persistedQuery: 'x' },
    }),
    post(f, 'persistedQuery is null', {
      query: '{ __typename }',
      extensions: { persistedQuery: null },
    }),
    post(f, 'documentId unknown', { documentId: 'nope' }),
    post(f, 'documentId is an object', { documentId: { a: 1 } }),
    post(
      f,
      'a 70 KB query with a hash → 413',
      { query: `{ __typename } #${'x'.repeat(70 * 1024)}`, extensions: pq('ab'.repeat(32)) },
      { expect: 413 },
    ),
    get(
      f,
      'GET: unknown hash alone',
      { extensions: JSON.stringify(pq('ef'.repeat(32))) },
      { key: true },
    ),
    get(
      f,
      'GET: extensions not JSON',
      { query: '{ __typename }', extensions: '{persistedQuery' },
      { expect: FOUR_XX, key: true },
    ),
    get(f, 'GET: extensions is a JSON string', { query: '{ __typename }', extensions: '"x"' }),
    get(f, 'GET: extensions is JSON null', { query: '{ __typename }', extensions: 'null' }),
    get(f, 'GET: hash of 8 KB', { extensions: JSON.stringify(pq('f'.repeat(8000))) }),
  ]
}

const getParamCases = (): FuzzCase[] => {
  const f = 'get-params'
  const listing = 'query($f: ResourceFilter) { resources(filter: $f) { totalCount } }'
  return [
    get(
      f,
      'GET: variables not JSON',
      { query: listing, variables: '{not json' },
      { expect: FOUR_XX, key: true },
    ),
    get(f, 'GET: variables is a JSON string', { query: listing, variables: '"x"' }),
    get(f, 'GET: variables is JSON null', { query: listing, variables: 'null' }),
    get(f, 'GET: variables is a JSON array', { query: listing, variables: '[1,2]' }),
    get(f, 'GET: variables empty', { query: listing, variables: '' }),
    get(f, 'GET: variables with __proto__', {
      query: listing,
      variables: '{"__proto__":{"f":{"topics":["x"]}}}',
    }),
    get(f, 'GET: two query parameters', { rawSearch: 'query=%7B__typename%7D&query=%7Bnope%7D' }),
    get(f, 'GET: query[] parameter', { rawSearch: 'query[]=%7B__typename%7D' }),
    get(f, 'GET: operationName[] parameter', {
      rawSearch: 'query=%7B__typename%7D&operationName[]=x',
    }),
    get(f, 'GET: broken percent-encoding %ZZ', { rawSearch: 'query=%ZZ%7B__typename%7D' }),
    get(f, 'GET: percent-encoded NUL', { rawSearch: 'query=%7B__typename%00%7D' }),
    get(f, 'GET: overlong UTF-8 percent-encoded', { rawSearch: 'query=%7B__typename%C0%AF%7D' }),
    get(f, 'GET: invalid UTF-8 percent-encoded', {
      rawSearch: 'query=%7Bresources(search:%22%FF%FE%22)%7BtotalCount%7D%7D',
    }),
    get(f, 'GET: raw non-ASCII bytes in the URL', {
      rawSearch: 'query={resources(search:"é"){totalCount}}',
    }),
    get(f, 'GET: a query of only a plus sign', { rawSearch: 'query=+' }),
    get(f, 'GET: 1,000 unknown parameters', {
      rawSearch:
        Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&') + '&query=%7B__typename%7D',
    }),
    get(f, 'GET: query with a fragment identifier', { rawSearch: 'query=%7B__typename%7D#frag' }),
  ]
}

/** Root fields with page arguments, and a selection that fits each. */
const LISTINGS: [string, string][] = [
  ['resources', 'edges { node { slug } }'],
  ['workingGroups', 'edges { node { slug } }'],
  ['webinars', 'edges { node { slug } }'],
  ['newsletters', 'edges { node { slug } }'],
  ['newsPosts', 'edges { node { slug } }'],
]

const argumentCases = (): FuzzCase[] => {
  const f = 'arguments'
  const cases: FuzzCase[] = []
  const q = (name: string, text: string, extra: Extra = {}) =>
    cases.push(query(f, name, text, extra))
  const badFirst = [
    '-1',
    '101',
    '1e21',
    '2147483648',
    '-2147483649',
    '"10"',
    '1.5',
    'true',
    'null',
    '99999999999999999999',
    '[1]',
    '{ a: 1 }',
    'FIRST',
    '$undefined',
  ]
  for (const [field, selection] of LISTINGS) {
    for (const value of badFirst) {
      q(`${field}(first: ${value})`, `{ ${field}(first: ${value}) { ${selection} } }`, {
        key: field === 'resources' && (value === '-1' || value === '1e21'),
      })
    }
  }
  q('resources(first: 100) (the maximum)', '{ resources(first: 100) { edges { node { slug } } } }')
  q(
    'resources(first: 0)',
    '{ resources(first: 0) { edges { node { slug } } pageInfo { hasNextPage } } }',
  )

  const badFilters: [string, string][] = [
    ['unknown topic slug', '{ topics: ["no-such-topic"] }'],
    ['empty topic slug', '{ topics: [""] }'],
    ['null in a non-null list', '{ topics: [null] }'],
    [
      '1,000 topic slugs',
      `{ topics: [${Array.from({ length: 1000 }, (_, i) => `"t${i}"`).join(',')}] }`,
    ],
    ['standards out of range', '{ standards: [-1, 0, 29, 2147483647] }'],
    ['standard over Int', '{ standards: [2147483648] }'],
    ['standard as a string', '{ standards: ["1"] }'],
    ['bad countries', '{ countries: ["ZZ", "", "syr", "\\u0000"] }'],
    ['bad languages', '{ languages: ["xx", "EN", "", "fr-FR"] }'],
    ['month 13', '{ publishedFrom: "2021-13-45" }'],
    ['not a date', '{ publishedFrom: "not a date" }'],
    ['30 February', '{ publishedFrom: "2021-02-30" }'],
    ['year 0', '{ publishedTo: "0000-00-00" }'],
    ['from after to', '{ publishedFrom: "2030-01-01", publishedTo: "2000-01-01" }'],
    ['year +275760', '{ publishedFrom: "+275760-09-13" }'],
    ['date with a time', '{ publishedFrom: "2021-02-01T00:00:00Z" }'],
    ['date as a number', '{ publishedFrom: 20210201 }'],
    ['unknown filter field', '{ nope: 1 }'],
    ['path in a group slug', '{ workingGroups: ["../../etc/passwd"] }'],
    ['SQL in a type slug', `{ types: ["'; DROP TABLE resources; --"] }`],
    ['LIKE wildcards in slugs', '{ topics: ["%", "_", "*"] }'],
    ['filter is a string', '"x"'],
    ['filter is a list', '[{ topics: ["x"] }]'],
  ]
  for (const [name, filter] of badFilters) {
    q(
      `resources filter: ${name}`,
      `{ resources(filter: ${filter}) { totalCount edges { node { slug } } } }`,
    )
  }
  for (const [name, filter] of badFilters.slice(0, 12)) {
    q(
      `resourceFacets filter: ${name}`,
      `{ resourceFacets(filter: ${filter}) { total topics { value count } } }`,
    )
  }
  const badSearch: [string, string][] = [
    ['NUL', '"\\u0000"'],
    ['empty', '""'],
    ['spaces', '"   "'],
    ['10 KB', gqlString('a'.repeat(10000))],
    ['SQL', `"' OR 1=1 --"`],
    ['tsquery operators', '"a & b | !c <-> d"'],
    ['unbalanced parens', '"((("'],
    ['prefix operator', '":*"'],
    ['backslash', '"\\\\"'],
    ['bidi controls', '"\\u200f\\u202e"'],
    ['LIKE wildcards', '"%_%"'],
    ['HTML', '"<script>alert(1)</script>"'],
    ['emoji', '"😀😀😀"'],
    ['Arabic', '"حماية الطفل"'],
    ['two NULs with text', '"a\\u0000b\\u0000"'],
    ['200 characters', gqlString('é'.repeat(200))],
  ]
  for (const [name, search] of badSearch) {
    q(
      `resources search: ${name}`,
      `{ resources(search: ${search}) { totalCount edges { node { slug } } } }`,
      {
        key: name === 'NUL',
      },
    )
  }
  q(
    'resources search: NUL with RELEVANCE',
    '{ resources(search: "\\u0000", sort: RELEVANCE) { edges { node { slug } } } }',
  )
  q('resourceFacets search: NUL', '{ resourceFacets(search: "\\u0000") { total } }')
  q(
    'resourceFacets search: tsquery operators',
    '{ resourceFacets(search: "a & b | !c") { total } }',
  )
  for (const sort of ['NOPE', '"NEWEST"', 'RELEVANCE', 'newest', 'null', '1']) {
    q(`resources(sort: ${sort})`, `{ resources(sort: ${sort}) { edges { node { slug } } } }`)
  }

  const badSlugs: [string, string][] = [
    ['empty', '""'],
    ['path', '"../.."'],
    ['spaces', '"A B"'],
    ['NUL', '"\\u0000"'],
    ['10 KB', gqlString('s'.repeat(10000))],
    ['a number', '42'],
    ['null', 'null'],
    ['a list', '["a"]'],
    ['trailing newline', '"cpms-working-group\\n"'],
    ['LIKE wildcard', '"%"'],
    ['SQL', `"'; DROP TABLE resources; --"`],
  ]
  const bySlug: [string, string][] = [
    ['resource', 'slug title { text }'],
    ['workingGroup', 'slug name { text }'],
    ['webinar', 'slug title { text }'],
    ['newsletter', 'slug title { text }'],
    ['newsPost', 'slug title { text }'],
  ]
  for (const [field, selection] of bySlug) {
    for (const [name, slug] of badSlugs) {
      q(`${field}(slug: ${name})`, `{ ${field}(slug: ${slug}) { ${selection} } }`, {
        key: field === 'resource' && name === 'NUL',
      })
    }
  }
  q('newsletter(slug: "2021-13")', '{ newsletter(slug: "2021-13") { slug } }')
  q('slug argument missing', '{ resource { slug } }')

  for (const kind of ['NOPE', '"WORKING_GROUP"', '1', 'null']) {
    q(
      `workingGroups(kind: ${kind})`,
      `{ workingGroups(kind: ${kind}) { edges { node { slug } } } }`,
    )
  }
  for (const status of ['NOPE', '"ACTIVE"', 'true']) {
    q(
      `workingGroups(status: ${status})`,
      `{ workingGroups(status: ${status}) { edges { node { slug } } } }`,
    )
  }
  for (const when of ['SOON', '"UPCOMING"', '1']) {
    q(`webinars(when: ${when})`, `{ webinars(when: ${when}) { edges { node { slug } } } }`)
  }
  const badInstants = [
    '"yesterday"',
    '"2021-02-30T00:00:00Z"',
    '"+275760-09-13T00:00:00Z"',
    '"-271821-04-20T00:00:00Z"',
    '"9999-99-99"',
    '"2021-01-01"',
    '"2021-01-01T00:00:00"',
    '"1e21"',
    '1e21',
    '""',
  ]
  for (const instant of badInstants) {
    q(`webinars(from: ${instant})`, `{ webinars(from: ${instant}) { edges { node { slug } } } }`, {
      key: instant === '"2021-02-30T00:00:00Z"',
    })
  }
  for (const instant of badInstants.slice(0, 4)) {
    q(`webinars(to: ${instant})`, `{ webinars(to: ${instant}) { edges { node { slug } } } }`)
  }
  q(
    'webinars(from: later, to: earlier)',
    '{ webinars(from: "2030-01-01T00:00:00Z", to: "2000-01-01T00:00:00Z") { edges { node { slug } } } }',
  )
  for (const language of ['"xx"', '""', '"EN"', '"\\u0000"', gqlString('l'.repeat(5000))]) {
    q(
      `webinars(language: ${language.slice(0, 20)})`,
      `{ webinars(language: ${language}) { edges { node { slug } } } }`,
    )
  }
  for (const group of ['""', '"../"', gqlString('g'.repeat(5000))]) {
    q(
      `webinars(workingGroup: ${group.slice(0, 20)})`,
      `{ webinars(workingGroup: ${group}) { edges { node { slug } } } }`,
    )
    q(
      `newsPosts(workingGroup: ${group.slice(0, 20)})`,
      `{ newsPosts(workingGroup: ${group}) { edges { node { slug } } } }`,
    )
  }
  const badZones = [
    '"Mars/Olympus"',
    '""',
    '"Europe/Paris\\u0000"',
    gqlString('Z'.repeat(10000)),
    '"UTC+25"',
    '"../../etc/localtime"',
    '"Etc/GMT+99"',
    '42',
    '"+99:99"',
  ]
  for (const zone of badZones) {
    q(
      `Webinar.start(timeZone: ${zone.slice(0, 24)})`,
      `{ webinars(first: 3) { edges { node { start(timeZone: ${zone}) { dateTime offset } end(timeZone: ${zone}) { local } } } } }`,
      {
        key: zone === '"Mars/Olympus"',
      },
    )
  }
  for (const pillar of ['0', '5', '-1', '2147483647', '2147483648', '1e21', '"1"']) {
    q(`standards(pillar: ${pillar})`, `{ standards(pillar: ${pillar}) { number } }`)
  }
  const contexts: [string, string][] = [
    ['unknown locale', '@inContext(locale: XX)'],
    ['locale as a string', '@inContext(locale: "FR")'],
    ['locale null', '@inContext(locale: null)'],
    ['no arguments', '@inContext'],
    ['1,000 fallbacks', `@inContext(locale: FR, fallback: [${'FR, '.repeat(1000)}EN])`],
    ['unknown fallback', '@inContext(locale: FR, fallback: [XX])'],
    ['twice', '@inContext(locale: FR) @inContext(locale: AR)'],
  ]
  for (const [name, directive] of contexts) {
    q(`@inContext: ${name}`, `query ${directive} { topics { name { text locale } } }`)
  }
  q('@inContext on a field', '{ topics @inContext(locale: FR) { slug } }')
  q(
    'nested connection arguments',
    '{ workingGroups(first: 2) { edges { node { resources(first: -1) { totalCount } webinars(when: NOPE) { totalCount } news(after: "junk") { totalCount } } } } }',
  )
  q(
    'nested connection first: 1e21',
    '{ workingGroups(first: 2) { edges { node { resources(first: 1e21) { totalCount } } } } }',
  )
  q(
    'newsletter items behind a bad slug',
    '{ newsletter(slug: "2021-02") { sections { items { target { ... on Resource { slug } ... on Webinar { start(timeZone: "Nope/Nope") { local } } } } } } }',
  )
  q(
    'totalCount of every listing',
    '{ resources { totalCount } workingGroups { totalCount } webinars { totalCount } newsletters { totalCount } newsPosts { totalCount } }',
  )
  return cases
}

const idCases = (): FuzzCase[] => {
  const f = 'global-ids'
  const cases: FuzzCase[] = []
  const node = (name: string, id: string, extra: Extra = {}) =>
    cases.push(
      query(
        f,
        `node(id: ${name})`,
        `{ node(id: ${id}) { __typename id ... on Resource { slug } } }`,
        extra,
      ),
    )
  const decoded = (text: string) => gqlString(b64(text))
  for (let i = 0; i < 8; i++)
    node(`random base64 #${i + 1}`, gqlString(b64(randomBytes(6 + i * 5))))
  node('"Resource:abc"', decoded('Resource:abc'), { key: true })
  node('"Resource:1e21"', decoded('Resource:1e21'), { key: true })
  node('"Resource:0x10"', decoded('Resource:0x10'))
  node('"Resource:-1"', decoded('Resource:-1'))
  node('"Resource:99999999999"', decoded('Resource:99999999999'), { key: true })
  node('"Resource:9007199254740993"', decoded('Resource:9007199254740993'))
  node('"Resource:2147483648"', decoded('Resource:2147483648'))
  node('"Resource:1.5"', decoded('Resource:1.5'))
  node('"Resource:0"', decoded('Resource:0'))
  node('"Resource:"', decoded('Resource:'))
  node('"Resource: 1"', decoded('Resource: 1'))
  node('"Resource:1 "', decoded('Resource:1 '))
  node('"Resource:Infinity"', decoded('Resource:Infinity'))
  node('"Resource:NaN"', decoded('Resource:NaN'))
  node('"Term:topics:1:2"', decoded('Term:topics:1:2'), { key: true })
  node('"Term:nope:1"', decoded('Term:nope:1'))
  node('"Term:topics:-1"', decoded('Term:topics:-1'))
  node('"Term::1"', decoded('Term::1'))
  node('"Term:__proto__:1"', decoded('Term:__proto__:1'))
  node('"__proto__:1"', decoded('__proto__:1'))
  node('"constructor:1"', decoded('constructor:1'))
  node('"toString:1"', decoded('toString:1'))
  node('":1"', decoded(':1'))
  node('"Node:1"', decoded('Node:1'))
  node('"Resource:1" not encoded', '"Resource:1"')
  node('non-base64 characters', '"!!!@@@"')
  node('empty', '""', { key: true })
  node('10 KB', gqlString('A'.repeat(10 * 1024)), { key: true })
  node('an Int literal', '42')
  node('null', 'null')
  node('a NUL', '"\\u0000"')
  node('"Resource:1\\u0000"', decoded('Resource:1\u0000'))
  node('base64 of 1,000 colons', decoded(':'.repeat(1000)))
  // Every other type of the API (Resource has its own cases above; Term ids carry a taxonomy).
  for (const type of NODE_TYPES.filter((t) => t !== 'Resource' && t !== 'Term')) {
    node(`"${type}:-1"`, decoded(`${type}:-1`))
    node(`"${type}:99999999999"`, decoded(`${type}:99999999999`))
  }
  cases.push(
    get(f, 'GET: node(id: "Resource:1e21")', {
      query: `{ node(id: ${decoded('Resource:1e21')}) { id } }`,
    }),
    get(f, 'GET: node(id: 10 KB)', {
      query: `{ node(id: ${gqlString('A'.repeat(10 * 1024))}) { id } }`,
    }),
    query(f, 'node(id:) through a variable of 50 KB', 'query($id: ID!) { node(id: $id) { id } }', {
      variables: { id: 'B'.repeat(50 * 1024) },
    }),
    query(f, 'node(id:) variable given an object', 'query($id: ID!) { node(id: $id) { id } }', {
      variables: { id: { a: 1 } },
    }),
    query(
      f,
      '15 aliases of node with bad ids',
      `{ ${Array.from({ length: 15 }, (_, i) => `n${i}: node(id: ${decoded(`Resource:${-i}`)}) { id }`).join(' ')} }`,
    ),
  )
  return cases
}

const cursorCases = (): FuzzCase[] => {
  const f = 'cursors'
  const cases: FuzzCase[] = []
  const badCursors: [string, string][] = [
    ['random text', 'x'],
    ['empty', ''],
    ['non-base64', '!!!@@@'],
    ['random base64', b64(randomBytes(24))],
    ['base64 of null', cursorOf(null)],
    ['base64 of []', cursorOf([])],
    ['base64 of [1,2,3]', cursorOf([1, 2, 3])],
    ['object and array values', cursorOf([{}, []])],
    ['booleans', cursorOf([true, false])],
    ['nulls', cursorOf([null, null])],
    ['strings', cursorOf(['x', 'y'])],
    ['1e308 and -1e308', cursorOf([1e308, -1e308])],
    ['a date and text', cursorOf(['2021-02-01', 'abc'])],
    ['a huge id', cursorOf(['2021-02-01', 99999999999999999999])],
    ['an id of 1.5', cursorOf(['2021-02-01', 1.5])],
    ['SQL', cursorOf(["'; DROP TABLE resources; --", 1])],
    ['a group listing cursor (name, id)', cursorOf(['CPMS Working Group', 3])],
    ['a webinar listing cursor (instant, id)', cursorOf(['2019-05-01T09:00:00.000Z', 2])],
    ['a year 275760 date', cursorOf(['+275760-09-13', 1])],
    ['an invalid date', cursorOf(['2021-02-30', 1])],
    ['__proto__', b64('{"__proto__":[1,2]}')],
    ['JSON of 20 KB', cursorOf(['a'.repeat(20000), 1])],
    ['arrays nested 5,000 deep', b64(nested('[', '1', ']', 5000))],
    ['a tagged cursor of another listing', cursorOf(['newsPosts', '2021-02-01', 1])],
    ['a cursor of 4 values', cursorOf(['resources', '2021-02-01', 1, 1])],
  ]
  for (const [name, cursor] of badCursors) {
    cases.push(
      query(
        f,
        `resources(after: ${name})`,
        `{ resources(first: 2, after: ${gqlString(cursor)}) { edges { cursor node { slug } } } }`,
        {
          key:
            name === 'random base64' ||
            name === 'object and array values' ||
            name === 'a group listing cursor (name, id)',
          solo: name === 'arrays nested 5,000 deep',
        },
      ),
    )
  }
  const others = ['workingGroups', 'webinars', 'newsletters', 'newsPosts']
  for (const field of others) {
    for (const [name, cursor] of [
      badCursors[3]!,
      badCursors[7]!,
      badCursors[12]!,
      badCursors[15]!,
      badCursors[16]!,
      badCursors[17]!,
    ]) {
      cases.push(
        query(
          f,
          `${field}(after: ${name})`,
          `{ ${field}(first: 2, after: ${gqlString(cursor)}) { edges { cursor } } }`,
        ),
      )
    }
  }
  for (const sort of ['TITLE', 'OLDEST']) {
    for (const [name, cursor] of [badCursors[7]!, badCursors[16]!, badCursors[17]!]) {
      cases.push(
        query(
          f,
          `resources(sort: ${sort}, after: ${name})`,
          `{ resources(sort: ${sort}, first: 2, after: ${gqlString(cursor)}) { edges { cursor } } }`,
        ),
      )
    }
  }
  cases.push(
    query(
      f,
      'resources(sort: RELEVANCE, search, after: wrong types)',
      `{ resources(search: "child", sort: RELEVANCE, first: 2, after: ${gqlString(cursorOf([{}, []]))}) { edges { cursor } } }`,
    ),
    query(
      f,
      'nested group resources(after: wrong types)',
      `{ workingGroups(first: 2) { edges { node { resources(after: ${gqlString(cursorOf([{}, []]))}) { totalCount } webinars(after: ${gqlString(cursorOf(['x', 'y']))}) { totalCount } } } } }`,
    ),
    get(f, 'GET: resources(after: wrong types)', {
      query: `{ resources(after: ${gqlString(cursorOf([true, false]))}) { edges { cursor } } }`,
    }),
  )
  return cases
}

/** Partners' keys and sync tokens: malformed, unknown, forged; each a 401 or 200 with a clean error. */
const keyCases = (): FuzzCase[] => {
  const f = 'keys'
  const simple = '{ __typename }'
  const unknownKey = `akh_${randomBytes(6).toString('hex')}_${b64(randomBytes(32))}`
  // 401, or 429 once this address has sent 20 wrong keys: the count is shared by every server
  // on the database, and the fuzz sends these cases to each of them.
  const WRONG_KEY: Expect = [401, 429]
  const withAuth = (name: string, value: string, expect: Expect = WRONG_KEY) =>
    query(f, `Authorization: ${name}`, simple, { addHeaders: [['Authorization', value]], expect })
  return [
    withAuth('an unknown key', `Bearer ${unknownKey}`),
    withAuth('a key one character short', `Bearer ${unknownKey.slice(0, -1)}`),
    withAuth('a key of another shape', `Bearer akh_${'g'.repeat(12)}_${'A'.repeat(43)}`),
    withAuth('Bearer alone', 'Bearer'),
    withAuth('Bearer and spaces', 'Bearer      '),
    withAuth('another scheme', `Basic ${b64('partner:secret')}`),
    withAuth('an admin JWT', 'JWT eyJhbGciOiJIUzI1NiJ9.e30.x'),
    withAuth('two keys', `Bearer ${unknownKey}, Bearer ${unknownKey}`),
    withAuth('8 KB of key', `Bearer akh_${'a'.repeat(8000)}`),
    query(f, 'the internal mark, guessed', simple, {
      addHeaders: [['X-Hub-Internal', b64(randomBytes(32))]],
      expect: OK,
    }),
    query(f, 'a forged sync token', '{ sync(token: "e30.AAAAAAAAAAAAAAAAAAAAAA") { hasMore } }', {
      expect: OK,
    }),
    query(
      f,
      'a sync token of 10 KB',
      `{ sync(token: ${gqlString('A'.repeat(10_000))}) { hasMore } }`,
      { expect: OK },
    ),
    get(f, 'a trusted-document hash nobody registered', {
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } }),
      documentId: 'sha256:' + 'f'.repeat(64),
    }),
  ]
}

export const graphqlCases = (): FuzzCase[] => [
  ...graphqlHttpCases(),
  ...contentTypeCases(),
  ...bodyCases(),
  ...sizeCases(),
  ...headerCases(),
  ...syntaxCases(),
  ...nestingCases(),
  ...fanOutCases(),
  ...introspectionCases(),
  ...operationCases(),
  ...persistedCases(),
  ...getParamCases(),
  ...argumentCases(),
  ...idCases(),
  ...cursorCases(),
  ...keyCases(),
]

// ---------------------------------------------------------------------------------------------
// /api (Payload's REST API, Next only)

const restCases_ = (): FuzzCase[] => {
  const cases: FuzzCase[] = []
  const r = (family: string, name: string, extra: Extra) =>
    cases.push(restCase(family, name, extra))
  const getPath = (family: string, path: string, extra: Extra = {}) =>
    r(
      family,
      `GET ${path.length > 90 ? `${path.slice(0, 70)}… (${path.length} characters)` : path}`,
      {
        path,
        ...extra,
      },
    )

  // Controls
  getPath('control', '/api/resources?limit=1', { expect: OK, key: true })
  getPath('control', '/api/resources?limit=2&locale=fr&depth=1', { expect: OK })
  getPath('control', '/api/users/me', { expect: OK })

  // Pagination and depth
  const f = 'rest-query'
  for (const search of [
    'limit=100000&depth=10',
    'limit=0',
    'limit=0&depth=10',
    'limit=-1',
    'limit=abc',
    'limit=1e21',
    'limit=1.5',
    'limit=99999999999999999999',
    'limit=',
    'limit[]=1',
    'limit[a]=1',
    'depth=abc',
    'depth=-1',
    'depth=11',
    'depth=100',
    'depth=1e21',
    'page=-1',
    'page=0',
    'page=abc',
    'page=1e21',
    'page=99999999',
    'pagination=false',
    'pagination=false&depth=10',
    'pagination=abc',
    'locale=xx',
    'locale=all&limit=5',
    'locale=*',
    'locale=',
    'locale[]=fr',
    'fallback-locale=zz',
    'fallback-locale=none',
    'draft=true',
    'draft=junk',
    'trash=true',
    'select[title]=true',
    'select[nope]=true',
    'select=junk',
    'populate[working-groups][name]=true',
    'populate=junk',
    'joins=junk',
    'joins[x][limit]=-1',
  ]) {
    const heavy = /limit=(100000|0)|pagination=false|depth=1\d|locale=all/.test(search)
    getPath(f, `/api/resources?${search}`, {
      key: ['limit=100000&depth=10', 'limit=0', 'limit=abc', 'pagination=false'].includes(search),
      solo: heavy,
    })
  }

  // where
  const w = 'rest-where'
  for (const search of [
    'where={',
    'where=%7B%22title%22%3A%7B%22equals%22%3A1%7D%7D',
    'where=junk',
    'where[title][equals]=x',
    'where[title][like]=%25',
    'where[title][like]=%00',
    'where[_status][equals]=draft',
    'where[_status][not_equals]=published',
    'where[unknownField][equals]=1',
    'where[title][unknownOp]=1',
    'where[id][equals]=abc',
    'where[id][equals]=99999999999999999999',
    'where[id][in]=1,abc',
    'where[id][in][]=abc',
    'where[createdAt][greater_than]=notadate',
    'where[publicationDate][less_than]=2021-02-30',
    'where[title][near]=1,2,3',
    'where[title][within]=junk',
    'where[title][exists]=maybe',
    'where[title][equals][$ne]=x',
    'where[title][equals][0][1][2]=x',
    'where[a.b.c.d.e.f][equals]=1',
    'where[workingGroups.slug][equals]=cpms-working-group',
    'where[workingGroups.name][like]=%25%25%25',
    'where[publishers.email][exists]=true',
    'where[createdBy.password][exists]=true',
    'where[or][10000][title][equals]=x',
    'where[__proto__][polluted]=1',
    'where[constructor][prototype][polluted]=1',
    `where[or][0][title][in]=${Array.from({ length: 1000 }, (_, i) => `t${i}`).join(',')}`,
    Array.from({ length: 200 }, (_, i) => `where[or][${i}][title][equals]=t${i}`).join('&'),
    `${'where'}${'[and][0]'.repeat(50)}[title][equals]=x`,
    `${'where'}${'[and][0]'.repeat(500)}[title][equals]=x`,
    `${'where'}${'[or][0][and][0]'.repeat(100)}[title][equals]=x`,
    `where[title][equals]=${'x'.repeat(10000)}`,
  ]) {
    getPath(w, `/api/resources?${search}`, {
      key:
        search === 'where={' ||
        search.startsWith('where[and][0][and]') ||
        search === 'where[_status][equals]=draft',
      solo: search.length > 2000,
    })
  }
  getPath(w, '/api/users?where[password][exists]=true', { expect: FOUR_XX })
  getPath(w, '/api/users?where[email][like]=%40', { expect: FOUR_XX })
  getPath(w, '/api/users?where[hash][exists]=true&where[salt][exists]=true', { expect: FOUR_XX })

  // sort
  const s = 'rest-sort'
  for (const sort of [
    'nope',
    '-nope',
    'title.nope',
    '__proto__',
    '-',
    '--title',
    '',
    'title,-createdAt,nope',
    'workingGroups.name',
    'hash',
    's'.repeat(10000),
  ]) {
    getPath(s, `/api/resources?sort=${sort}`, { key: sort === 'nope' })
  }
  getPath(s, '/api/resources?sort[]=title&sort[]=nope')
  getPath(s, '/api/resources?sort[title]=asc')

  // ids
  const i = 'rest-ids'
  for (const id of [
    'abc',
    '99999999999999999999',
    '-1',
    '1.5',
    '0',
    '1e3',
    '%00',
    'NaN',
    'null',
    'undefined',
    '%27%20OR%201%3D1',
    '2147483648',
    'a'.repeat(10000),
    '1%2f..%2f..%2fusers',
    '__proto__',
    'constructor',
    'count',
    'access',
    'init',
  ]) {
    getPath(i, `/api/resources/${id}`, {
      // "1/../../users" is read as id 1 by Payload: lenient, harmless, no definite answer.
      expect: ['count', 'access', 'init', '1%2f..%2f..%2fusers'].includes(id) ? undefined : FOUR_XX,
      key: ['abc', '99999999999999999999', '-1', '1.5'].includes(id),
    })
  }
  for (const collection of [
    'events',
    'working-groups',
    'translations',
    'media',
    'topics',
    'news',
    'newsletters',
    'organisations',
    'people',
    'standards',
    'users',
  ]) {
    getPath(i, `/api/${collection}/abc`, { expect: FOUR_XX })
    getPath(i, `/api/${collection}/99999999999`, { expect: FOUR_XX })
  }
  getPath(i, '/api/resources/1?depth=abc&locale=xx')
  getPath(i, '/api/resources/1?draft=true')

  // Collections and endpoints anonymous visitors should not reach (or should reach harmlessly)
  const e = 'rest-endpoints'
  getPath(e, '/api/users', { expect: FOUR_XX, key: true })
  getPath(e, '/api/users/init')
  getPath(e, '/api/users/1', { expect: FOUR_XX })
  getPath(e, '/api/access')
  getPath(e, '/api/resources/versions', { expect: FOUR_XX, key: true })
  getPath(e, '/api/resources/versions?limit=100000&depth=10', { expect: FOUR_XX })
  getPath(e, '/api/resources/versions/1', { expect: FOUR_XX })
  getPath(e, '/api/resources/versions/abc', { expect: FOUR_XX })
  getPath(e, '/api/resources/versions?where[version.title][like]=a', { expect: FOUR_XX })
  getPath(e, '/api/payload-jobs', { expect: FOUR_XX, key: true })
  getPath(e, '/api/payload-jobs/run', { expect: FOUR_XX })
  getPath(e, '/api/payload-jobs/run?queue=default&limit=100000', { expect: FOUR_XX })
  getPath(e, '/api/payload-jobs/handle-schedules', { expect: FOUR_XX })
  getPath(e, '/api/payload-preferences', { expect: FOUR_XX })
  getPath(e, '/api/payload-preferences/nav')
  getPath(e, '/api/payload-locked-documents', { expect: FOUR_XX })
  getPath(e, '/api/payload-migrations', { expect: FOUR_XX })
  getPath(e, '/api/payload-kv', { expect: FOUR_XX })
  getPath(e, '/api/globals/nope', { expect: FOUR_XX })
  getPath(e, '/api/nope', { expect: FOUR_XX, key: true })
  getPath(e, '/api/__proto__', { expect: FOUR_XX })
  getPath(e, '/api/constructor', { expect: FOUR_XX })
  getPath(e, '/api/', { expect: [300, 499] })
  getPath(e, '/api', { expect: FOUR_XX })
  getPath(e, '/api/resources/count?where={')
  getPath(e, '/api/graphql', { expect: FOUR_XX })
  // Served by the development server only (disablePlaygroundInProduction).
  getPath(e, '/api/graphql-playground')
  r(e, 'POST /api/graphql anonymous → 401', {
    method: 'POST',
    path: '/api/graphql',
    headers: [JSON_TYPE],
    body: JSON.stringify({ query: '{ Resources { totalDocs } }' }),
    expect: 401,
    key: true,
  })
  r(e, 'POST /api/graphql anonymous, 30 nested fragments → 401', {
    method: 'POST',
    path: '/api/graphql',
    headers: [JSON_TYPE],
    body: JSON.stringify({
      query: `{ Resources { docs { ...F29 } } }\n${nestedFragments('Resource', 'id')}`,
    }),
    expect: 401,
    key: true,
    solo: true,
  })
  r(e, 'POST /api/graphql anonymous, whitespace body → 401', {
    method: 'POST',
    path: '/api/graphql',
    headers: [JSON_TYPE],
    body: '   ',
    expect: 401,
  })
  r(e, 'POST /api/graphql anonymous, subscription → 401', {
    method: 'POST',
    path: '/api/graphql',
    headers: [JSON_TYPE],
    body: JSON.stringify({ query: 'subscription { x }' }),
    expect: 401,
  })
  r(e, 'POST /api/graphql with a forged JWT → 401', {
    method: 'POST',
    path: '/api/graphql',
    headers: [
      JSON_TYPE,
      ['Authorization', 'JWT eyJhbGciOiJub25lIn0.eyJpZCI6MSwiY29sbGVjdGlvbiI6InVzZXJzIn0.'],
    ],
    body: JSON.stringify({ query: '{ Resources { totalDocs } }' }),
    expect: 401,
  })
  r(e, 'POST /api/graphql 5 MB → 4xx', {
    method: 'POST',
    path: '/api/graphql',
    headers: [JSON_TYPE],
    body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(5 * 1024 * 1024)}` }),
    expect: FOUR_XX,
    solo: true,
  })

  // Uploads: path traversal
  const m = 'rest-media'
  for (const path of [
    '/api/media/file/../../etc/passwd',
    '/api/media/file/..%2f..%2f..%2fetc%2fpasswd',
    '/api/media/file/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/api/media/file/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
    '/api/media/file/....//....//....//etc/passwd',
    '/api/media/file/..%5c..%5c..%5cetc%5cpasswd',
    '/api/media/file/%2fetc%2fpasswd',
    '/api/media/file/..%2f..%2f..%2fpackage.json',
    '/api/media/file/..%2f..%2f..%2f.env',
    '/api/media/file/..%2f..%2f..%2f.data%2fpayload-secret',
    '/api/media/file/%c0%ae%c0%ae%2f%c0%ae%c0%ae%2fetc%2fpasswd',
    '/api/media/file/x.png%00.pdf',
    '/api/media/file/',
    '/api/media/file/nonexistent.pdf',
    `/api/media/file/${'a'.repeat(5000)}.pdf`,
  ]) {
    getPath(m, path, {
      // Not served: refused, not found, or a redirect that normalises the path.
      expect: [300, 499],
      key: path === '/api/media/file/../../etc/passwd' || path.includes('%2e%2e'),
    })
  }

  // Writes by anonymous visitors, with junk (targets that match nothing, so that a broken rule
  // cannot destroy the records other tests read)
  const wr = 'rest-writes'
  const write = (
    method: string,
    path: string,
    body: string | Uint8Array | undefined,
    name: string,
    extra: Extra = {},
  ) =>
    r(wr, `${method} ${path.length > 70 ? `${path.slice(0, 70)}…` : path}: ${name}`, {
      method,
      path,
      headers: [JSON_TYPE, ['Accept', 'application/json']],
      body,
      expect: FOUR_XX,
      ...extra,
    })
  write('POST', '/api/resources', '{', 'broken JSON', { key: true })
  write('POST', '/api/resources', '', 'empty body')
  write('POST', '/api/resources', '   ', 'whitespace')
  write('POST', '/api/resources', 'null', 'JSON null')
  write('POST', '/api/resources', '[1,2]', 'a JSON array')
  write(
    'POST',
    '/api/resources',
    JSON.stringify({ title: 'fuzz', _status: 'published' }),
    'a resource',
  )
  write(
    'POST',
    '/api/resources',
    JSON.stringify({ title: 'x'.repeat(3 * 1024 * 1024) }),
    '3 MB JSON',
    { key: true, solo: true },
  )
  write('POST', '/api/resources', nested('[', '1', ']', 10000), 'JSON nested 10,000 deep', {
    solo: true,
  })
  write(
    'POST',
    '/api/resources',
    JSON.stringify({ __proto__: { admin: true }, title: 'x' }),
    '__proto__',
  )
  write('POST', '/api/resources', randomBytes(1024), 'random bytes')
  write('POST', '/api/resources', '{"_payload": "{not json"}', '_payload not JSON')
  r(wr, 'POST /api/resources: multipart, broken', {
    method: 'POST',
    path: '/api/resources',
    headers: [['Content-Type', 'multipart/form-data; boundary=x']],
    body: '--x\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{not json\r\n--x',
    expect: FOUR_XX,
  })
  r(wr, 'POST /api/media: multipart without a boundary', {
    method: 'POST',
    path: '/api/media',
    headers: [['Content-Type', 'multipart/form-data']],
    body: 'junk',
    expect: FOUR_XX,
  })
  r(wr, 'POST /api/media: an SVG with a script', {
    method: 'POST',
    path: '/api/media',
    headers: [['Content-Type', 'multipart/form-data; boundary=x']],
    body: '--x\r\nContent-Disposition: form-data; name="file"; filename="../../x.svg"\r\nContent-Type: image/svg+xml\r\n\r\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\r\n--x--\r\n',
    expect: FOUR_XX,
  })
  r(wr, 'POST /api/resources: text/plain', {
    method: 'POST',
    path: '/api/resources',
    headers: [['Content-Type', 'text/plain']],
    body: 'title=x',
    expect: FOUR_XX,
  })
  r(wr, 'POST /api/resources: charset=utf-16', {
    method: 'POST',
    path: '/api/resources',
    headers: [['Content-Type', 'application/json; charset=utf-16']],
    body: Buffer.from('{"title":"x"}', 'utf16le'),
    expect: FOUR_XX,
  })
  write('PATCH', '/api/resources/99999999', JSON.stringify({ title: 'x' }), 'a missing id')
  write('PATCH', '/api/resources/abc', '{', 'a bad id, broken JSON')
  write(
    'PATCH',
    '/api/resources?where[slug][equals]=no-such-fuzz-slug',
    JSON.stringify({ title: 'x' }),
    'bulk, matching nothing',
  )
  write('PATCH', '/api/resources?where={', JSON.stringify({ title: 'x' }), 'bulk, broken where')
  write('DELETE', '/api/resources/99999999', undefined, 'a missing id')
  write('DELETE', '/api/resources/abc', undefined, 'a bad id')
  write(
    'DELETE',
    '/api/resources?where[slug][equals]=no-such-fuzz-slug',
    undefined,
    'bulk, matching nothing',
    { key: true },
  )
  write('DELETE', '/api/resources?where={', undefined, 'bulk, broken where')
  write('DELETE', '/api/resources', undefined, 'bulk, no where')
  write('PUT', '/api/resources/99999999', JSON.stringify({ title: 'x' }), 'a missing id')
  write('POST', '/api/resources/99999999/duplicate', '{}', 'duplicate a missing id')
  write('POST', '/api/resources/versions/1', '{}', 'restore a version')
  write('POST', '/api/payload-jobs/run', '{}', 'run jobs')
  write('POST', '/api/payload-preferences/nav', '{"value":1}', 'set a preference')
  write(
    'POST',
    '/api/users',
    JSON.stringify({ email: 'fuzz@example.org', password: 'x'.repeat(20), role: 'admin' }),
    'create an admin',
  )

  // Auth endpoints with junk (never a real account)
  const a = 'rest-auth'
  const auth = (path: string, body: string | Uint8Array, name: string, extra: Extra = {}) =>
    r(a, `POST ${path}: ${name}`, {
      method: 'POST',
      path,
      headers: [JSON_TYPE, ['Accept', 'application/json']],
      body,
      expect: FOUR_XX,
      ...extra,
    })
  auth('/api/users/login', '', 'empty body', { key: true })
  auth('/api/users/login', '{', 'broken JSON', { key: true })
  auth('/api/users/login', 'null', 'JSON null')
  auth('/api/users/login', '[]', 'a JSON array')
  auth(
    '/api/users/login',
    JSON.stringify({ email: {}, password: [] }),
    'object and array credentials',
  )
  auth(
    '/api/users/login',
    JSON.stringify({ email: { $ne: null }, password: { $ne: null } }),
    'operator injection',
  )
  auth(
    '/api/users/login',
    JSON.stringify({ email: 'nobody@fuzz.example', password: 'x'.repeat(1024 * 1024) }),
    '1 MB password',
    { solo: true },
  )
  auth(
    '/api/users/login',
    JSON.stringify({ email: `${'a'.repeat(10000)}@fuzz.example`, password: 'x' }),
    '10 KB email',
  )
  auth(
    '/api/users/login',
    JSON.stringify({ email: 'nobody@fuzz.example\u0000', password: 'x' }),
    'NUL in the email',
  )
  auth(
    '/api/users/login',
    JSON.stringify({ username: 'admin', password: 'admin' }),
    'username instead of email',
  )
  auth('/api/users/login', nested('{"a":', '1', '}', 10000), 'JSON nested 10,000 deep', {
    solo: true,
  })
  auth('/api/users/login', JSON.stringify({ email: 'x'.repeat(5 * 1024 * 1024) }), '5 MB', {
    solo: true,
  })
  r(a, 'POST /api/users/login: text/plain', {
    method: 'POST',
    path: '/api/users/login',
    headers: [['Content-Type', 'text/plain']],
    body: 'email=a&password=b',
    expect: FOUR_XX,
  })
  r(a, 'POST /api/users/login: form-urlencoded', {
    method: 'POST',
    path: '/api/users/login',
    headers: [['Content-Type', 'application/x-www-form-urlencoded']],
    body: 'email=nobody%40fuzz.example&password=x',
    expect: FOUR_XX,
  })
  r(a, 'POST /api/users/login: multipart, broken', {
    method: 'POST',
    path: '/api/users/login',
    headers: [['Content-Type', 'multipart/form-data; boundary=x']],
    body: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na',
    expect: FOUR_XX,
  })
  auth('/api/users/forgot-password', '{', 'broken JSON')
  auth('/api/users/forgot-password', JSON.stringify({ email: { a: 1 } }), 'an object email')
  auth(
    '/api/users/reset-password',
    JSON.stringify({ token: 'x', password: 'y' }),
    'a made-up token',
  )
  auth('/api/users/reset-password', '{', 'broken JSON')
  auth('/api/users/refresh-token', '{}', 'no session')
  auth('/api/users/unlock', JSON.stringify({ email: 'nobody@fuzz.example' }), 'unlock someone')
  auth('/api/users/first-register', '{', 'broken JSON')
  auth(
    '/api/users/first-register',
    JSON.stringify({ email: 'not an email', password: '' }),
    'bad fields',
  )
  auth('/api/users/verify/abc', '{}', 'a made-up token')
  r(a, 'POST /api/users/logout: no session', {
    method: 'POST',
    path: '/api/users/logout',
    headers: [JSON_TYPE],
    body: '{}',
  })
  r(a, 'GET /api/users/me with a forged JWT', {
    path: '/api/users/me',
    headers: [
      ['Authorization', 'JWT eyJhbGciOiJub25lIn0.eyJpZCI6MSwiY29sbGVjdGlvbiI6InVzZXJzIn0.'],
    ],
  })
  r(a, 'GET /api/users/me with an API key of junk', {
    path: '/api/users/me',
    headers: [['Authorization', 'users API-Key junk']],
  })
  r(a, 'GET /api/users with a forged cookie', {
    path: '/api/users',
    headers: [['Cookie', 'payload-token=eyJhbGciOiJub25lIn0.eyJpZCI6MX0.']],
    expect: FOUR_XX,
  })

  // HTTP-level abuse of the REST route
  const h = 'rest-http'
  for (const method of [
    'TRACE',
    'PROPFIND',
    'TRACK',
    'MKCOL',
    'SEARCH',
    'LOCK',
    'FOO',
    'HEAD',
    'OPTIONS',
  ]) {
    r(h, `${method} /api/resources`, {
      method,
      expect: ['HEAD', 'OPTIONS'].includes(method) ? undefined : FOUR_XX,
      key: method === 'TRACE',
    })
  }
  r(h, 'CONNECT /api/resources', {
    method: 'CONNECT',
    raw: 'CONNECT /api/resources HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n',
  })
  r(h, '200 headers', {
    headers: Array.from({ length: 200 }, (_, i): [string, string] => [`X-Fuzz-${i}`, `v${i}`]),
    key: true,
  })
  r(h, 'one header of 16 KB → 431', {
    headers: [['X-Big', 'a'.repeat(16 * 1024)]],
    expect: 431,
    key: true,
  })
  r(h, 'Accept-Language junk', { headers: [['Accept-Language', 'zz;q=abc, *;q=-1, ar-XX']] })
  r(h, 'X-HTTP-Method-Override: DELETE', { headers: [['X-HTTP-Method-Override', 'DELETE']] })
  r(h, 'X-Middleware-Subrequest', {
    headers: [
      ['X-Middleware-Subrequest', 'middleware:middleware:middleware:middleware:middleware'],
    ],
  })
  r(h, 'Authorization: JWT garbage', { headers: [['Authorization', 'JWT garbage']] })
  r(h, 'Authorization: Bearer of 8 KB', {
    headers: [['Authorization', `Bearer ${'a'.repeat(8000)}`]],
  })
  r(h, 'Cookie with 500 cookies', {
    headers: [['Cookie', Array.from({ length: 500 }, (_, i) => `c${i}=v`).join('; ')]],
  })
  r(h, 'Range: bytes=0-0', { headers: [['Range', 'bytes=0-0']] })
  r(h, 'Content-Length on a GET, half-closed', {
    headers: [['Content-Length', '100']],
    halfClose: true,
  })
  r(h, 'a path of 8 KB', { path: `/api/${'a'.repeat(8000)}`, expect: FOUR_XX })
  r(h, 'a query string of 12 KB', { path: `/api/resources?${'a=1&'.repeat(3000)}` })
  r(h, 'raw non-ASCII bytes in the path', { path: '/api/resources/é' })
  r(h, 'path with a NUL byte', { path: '/api/resources%00/1' })
  r(h, 'path /api/resources/ (trailing slash)', { path: '/api/resources/' })
  r(h, 'path //api//resources', { path: '//api//resources' })
  r(h, 'path /api/./resources', { path: '/api/./resources' })
  r(h, 'path /api/resources;jsessionid=1', { path: '/api/resources;jsessionid=1' })
  r(h, 'chunked, size not hexadecimal', {
    method: 'POST',
    raw: `POST /api/users/login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    expect: FOUR_XX,
  })
  r(h, 'Content-Length not a number', {
    method: 'POST',
    path: '/api/users/login',
    headers: [JSON_TYPE, ['Content-Length', 'abc']],
    body: '{}',
    expect: FOUR_XX,
  })
  r(h, 'Content-Length longer than the body, half-closed', {
    method: 'POST',
    path: '/api/users/login',
    headers: [JSON_TYPE, ['Content-Length', '1000']],
    body: '{}',
    halfClose: true,
  })
  return cases
}

export const restCases = (): FuzzCase[] => restCases_()

// ---------------------------------------------------------------------------------------------
// / (the Alliance's site, site/, served by the hub's server)

export const siteCases = (): FuzzCase[] => {
  const cases: FuzzCase[] = []
  // All in the short set too: few, quick, and the site's only hostile-input check in `npm test`.
  const get = (family: string, path: string, expect?: Expect, extra: Extra = {}) =>
    cases.push({
      key: true,
      name: `GET ${path.length > 90 ? `${path.slice(0, 70)}… (${path.length} characters)` : path}`,
      family,
      endpoint: 'site',
      method: 'GET',
      path,
      headers: [['Accept', 'text/html']],
      ...(expect === undefined ? {} : { expect }),
      ...extra,
    })
  get('site-control', '/en/', OK, { key: true })
  get('site-control', '/ar/resources?language=fr', OK)
  get('site-control', '/', 302)
  // Unknown records and paths: the site's 404, in the path's language.
  for (const path of [
    '/fr/resources/no-such-thing',
    '/en/groups/..%2f..%2fetc%2fpasswd',
    '/ar/webinars/%00',
    '/es/news/%F0%9F%92%A5',
    '/en/newsletters/%E0%A4%A',
    `/en/resources/${'a'.repeat(4000)}`,
    '/en/resources/x/y/z',
    '/xx/resources',
    '/en//resources',
  ])
    get('site-paths', path, FOUR_XX)
  // Not the site's (its prefixes are lower case), or the same page by the URL standard's rules.
  get('site-paths', '/EN/', [300, 499])
  get('site-paths', '/en/resources/%2e%2e', [200, 499])
  // Bad and junk query strings: 400 naming the parameter, or the page as if they were absent.
  const r = prng(7)
  for (const search of [
    'page=abc',
    'page=-1',
    'page=1e309',
    'page=99999999999999999999',
    'after=junk',
    `after=${b64('["x","y","1"]')}`,
    `after=${'A'.repeat(600)}`,
    `q=${'%F0%9F%92%A5'.repeat(100)}`,
    `q=${'x'.repeat(5000)}`,
    'q=%00%01%02',
    'q=%',
    'sort=DROP%20TABLE',
    'standard=0',
    'standard=abc',
    'standard=1e3',
    `type=${'t&type='.repeat(40)}t`,
    `language=${'x'.repeat(300)}`,
    'group[]=1&group[x]=2',
    'topic=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    'country=__proto__&constructor[prototype][x]=1',
    'utm_source=newsletter&fbclid=x',
    Array.from({ length: 8 }, () => `${(r() * 1e9) | 0}=${(r() * 1e9) | 0}`).join('&'),
  ])
    get('site-query', `/en/resources?${search}`, [200, 499])
  for (const path of [
    '/fr/webinars?after=junk',
    '/es/webinars?group=%3C',
    '/ar/news?page=2',
    '/en/newsletters?after=%FF',
  ])
    get('site-query', path, FOUR_XX)
  // Other methods and odd requests.
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'])
    cases.push({
      name: `${method} /en/`,
      family: 'site-method',
      key: true,
      endpoint: 'site',
      method,
      path: '/en/',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'q=x',
      expect: 405,
    })
  get('site-method', '/en/', OK, { method: 'HEAD' })
  // The newsletter's forms, the only pages that take a POST: junk is the form again, or a 400.
  const form = (name: string, path: string, headers: [string, string][], body: string) =>
    cases.push({
      name: `POST ${path}: ${name}`,
      family: 'site-forms',
      key: true,
      endpoint: 'site',
      method: 'POST',
      path,
      headers,
      body,
      expect: [400, 499],
    })
  const FORM: [string, string] = ['Content-Type', 'application/x-www-form-urlencoded']
  form('no address', '/en/newsletter/subscribe', [FORM], 'interests=NEWSLETTER')
  form(
    'a header injected',
    '/fr/newsletter/subscribe',
    [FORM],
    'email=a%40example.org%0d%0aBcc%3a%20b%40example.org&interests=NEWSLETTER',
  )
  form(
    'unknown interests, repeated',
    '/es/newsletter/subscribe',
    [FORM],
    `email=a%40example.org&${'interests=X&'.repeat(200)}`,
  )
  form(
    'prototype keys',
    '/en/newsletter/subscribe',
    [FORM],
    '__proto__[x]=1&constructor[prototype][y]=2&email[]=a',
  )
  form('JSON', '/en/newsletter/subscribe', [JSON_TYPE], '{"email":"a@example.org"}')
  form(
    'multipart',
    '/en/newsletter/subscribe',
    [['Content-Type', 'multipart/form-data; boundary=x']],
    '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.org\r\n--x--\r\n',
  )
  form('too long', '/ar/newsletter/subscribe', [FORM], `email=${'a'.repeat(20_000)}`)
  form('no token', '/en/newsletter/preferences', [FORM], 'locale=fr&interests=NEWSLETTER')
  form(
    'a forged token',
    `/en/newsletter/preferences?token=${'A'.repeat(40)}.${'B'.repeat(43)}`,
    [FORM],
    'locale=fr&interests=NEWSLETTER',
  )
  form(
    'a junk locale',
    `/en/newsletter/preferences?token=${'A'.repeat(40)}.${'B'.repeat(43)}`,
    [FORM],
    'locale=xx&interests=NEWSLETTER',
  )
  get('site-headers', '/en/', OK, { headers: [['Accept-Language', 'x'.repeat(4000)]] })
  get('site-headers', '/', 302, { headers: [['Accept-Language', '*;q=abc, ar;q=0.1']] })
  get('site-headers', '/en/standards', [200, 304], {
    headers: [['If-None-Match', '"' + 'x'.repeat(2000)]],
  })
  get('site-headers', '/en/', OK, { headers: [['Accept-Encoding', 'gzip;q=abc, br, zstd, *']] })
  get('site-files', '/sitemap.xml', OK)
  get('site-files', '/robots.txt', OK)
  get('site-files', '/_site/site.0000000000.css', 404)
  return cases
}

export const allCases = (): FuzzCase[] => [...graphqlCases(), ...restCases(), ...siteCases()]

/**
 * The short set for `npm test`: every `key` case, plus an even spread of the rest of each family
 * (about `target` cases in all: some 120 for /graphql and /api, and the site’s 62).
 */
export const shortCases = (target = 180): FuzzCase[] => {
  const all = allCases()
  const chosen = new Set(all.filter((c) => c.key))
  const families = [...new Set(all.map((c) => c.family))]
  const room = Math.max(0, target - chosen.size)
  const others = all.filter((c) => !c.key)
  for (const family of families) {
    const members = others.filter((c) => c.family === family)
    const share = Math.max(1, Math.round((members.length / others.length) * room))
    const step = members.length / share
    for (let i = 0; i < share && i * step < members.length; i++)
      chosen.add(members[Math.floor(i * step)]!)
  }
  return all.filter((c) => chosen.has(c))
}
