// Starting and stopping the hub's servers for tests and tools: the production build and the
// development server (both as `npm start` serves them, through src/cli/serve.ts) and the partner API
// alone (as `npm run start:api` runs it, from its bundle), each on a free loopback port, in its own
// process group so that stopping it stops all its children.
import { setTimeout as sleep } from 'node:timers/promises'
import { type ChildProcess, spawn } from 'node:child_process'
import getPort from 'get-port'

import { ensurePartnerApi, partnerApiArgs } from '../../src/cli/buildApi'
import { hubServeArgs } from '../../src/cli/hubArgs'

export type ServerKind = 'prod' | 'dev' | 'api'

export type RunningServer = {
  kind: ServerKind
  /** http://127.0.0.1:PORT */
  base: URL
  /** Whether the process is still running. */
  alive: () => boolean
  /** The last lines the server printed (stdout and stderr). */
  output: () => string
  /** Its exit code once it has exited by itself (null while running, or when killed by a signal). */
  exitCode: () => number | null
  /** Stops reading its stdout and stderr, as a log collector that went away. */
  closeOutput: () => void
  /** The status of the first answer it gave (a server that answers 500 to everything still counts as started). */
  firstStatus: number
  /** Sends a signal to its whole process group, as `kill -TERM -<pgid>` or Ctrl-C in a terminal does. */
  signalGroup: (signal: NodeJS.Signals) => void
  /** Its exit code once it has exited, or null if it is still running after `ms`. */
  exited: (ms: number) => Promise<number | null>
  stop: () => Promise<void>
}

export type ServerEnv = {
  databaseUrl: string
  payloadSecret: string
  /** More variables for the server (they win over the defaults). */
  extra?: Record<string, string>
  /** Echo the server's output to ours. */
  verbose?: boolean
  /** The path probed until the server answers (default: one its routes compile or start on). */
  probe?: string
  /** Its port (default: a free one), e.g. the one a load balancer expects it back on after a restart. */
  port?: number
}

const LABEL: Record<ServerKind, string> = {
  prod: 'the production server',
  dev: 'the development server',
  api: 'the partner API alone (npm run start:api)',
}

/** The path each kind is probed on until it answers at all (next dev compiles it on the way). */
const PROBE: Record<ServerKind, string> = {
  prod: '/api/users/me',
  dev: '/graphql?query=%7B__typename%7D',
  api: '/graphql?query=%7B__typename%7D',
}

/** Every server process started here and not yet stopped, so that Ctrl-C can stop them all. */
const running = new Set<ChildProcess>()

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    if (child.pid) process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

/** Stops a detached child and everything it started: SIGTERM to its group, SIGKILL after 10 s. */
export const stopProcessGroup = async (child: ChildProcess, graceMs = 10_000) => {
  running.delete(child)
  if (!child.pid) return
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()))
  killGroup(child, 'SIGTERM')
  const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)])
  // Children of the leader (next dev's worker) may outlive it: make sure the group is gone.
  killGroup(child, 'SIGKILL')
  if (timedOut) await Promise.race([exited, sleep(2000)])
}

const spawnOnce = (kind: ServerKind, port: number, options: ServerEnv) => {
  const base = `http://127.0.0.1:${port}`
  // Each server picks its own mode, as `npm start` and `npm run start:api` do (vitest sets "test").
  const { NODE_ENV: _mode, ...inherited } = process.env
  const env: Record<string, string | undefined> = {
    ...inherited,
    DATABASE_URL: options.databaseUrl,
    PAYLOAD_SECRET: options.payloadSecret,
    SERVER_URL: base,
    HUB_RUN_JOBS: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...options.extra,
  }
  // The hub is served as `npm start` serves it: Next behind its gate (src/cli/serve.ts).
  const args =
    kind === 'api'
      ? partnerApiArgs()
      : hubServeArgs({
          dev: kind === 'dev',
          ...(env.HUB_HEAP_MB ? { heapMb: Number(env.HUB_HEAP_MB) } : {}),
        })
  const child = spawn(process.execPath, args, {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  running.add(child)
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    const text = chunk.toString()
    if (options.verbose) process.stdout.write(`[${kind}] ${text}`)
    lines.push(...text.split('\n'))
    if (lines.length > 300) lines.splice(0, lines.length - 300)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  return {
    child,
    output: () => lines.join('\n'),
    closeOutput: () => {
      child.stdout!.destroy()
      child.stderr!.destroy()
    },
  }
}

/**
 * Starts one server and waits until it answers (at most `readyMs`). Retries once when Node exits
 * 13 at start (its module loader under tsx, now and then).
 */
export const startServer = async (
  kind: ServerKind,
  options: ServerEnv,
  readyMs = kind === 'dev' ? 180_000 : 90_000,
): Promise<RunningServer> => {
  if (kind === 'api') await ensurePartnerApi()
  const port = options.port ?? (await getPort({ host: '127.0.0.1' }))
  const base = new URL(`http://127.0.0.1:${port}`)
  for (let attempt = 1; ; attempt++) {
    const { child, output, closeOutput } = spawnOnce(kind, port, options)
    const server: RunningServer = {
      kind,
      base,
      alive: () => child.exitCode === null && child.signalCode === null,
      output,
      exitCode: () => child.exitCode,
      closeOutput,
      firstStatus: 0,
      signalGroup: (signal) => killGroup(child, signal),
      exited: async (ms) => {
        if (child.exitCode === null && child.signalCode === null) {
          await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(ms)])
        }
        return child.exitCode
      },
      stop: () => stopProcessGroup(child),
    }
    const deadline = Date.now() + readyMs
    while (Date.now() < deadline && server.alive()) {
      try {
        const response = await fetch(new URL(options.probe ?? PROBE[kind], base), {
          signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())),
        })
        await response.arrayBuffer()
        server.firstStatus = response.status
        break
      } catch {
        // not listening yet
      }
      await sleep(300)
    }
    if (server.firstStatus) return server
    await sleep(200)
    const exit = child.exitCode
    await server.stop()
    if (exit === 13 && attempt === 1) continue
    const text = output()
    const hint = /Another .*next dev.* server is already running/.test(text)
      ? '\nOnly one `next dev` can run in a directory: stop the other one (e.g. `npm start`) first.'
      : ''
    throw new Error(
      `${LABEL[kind]} ${exit === null ? `did not answer at ${new URL(options.probe ?? PROBE[kind], base)} within ${readyMs / 1000} s` : `exited (${exit})`}.${hint}\n--- its last output ---\n${text.split('\n').slice(-40).join('\n')}`,
    )
  }
}

/**
 * What a development server compiles on first use: asked once each, with a long deadline, so that
 * no compile is timed as a hang later.
 */
export const WARM_UP: {
  endpoint: 'graphql' | 'rest' | 'site'
  path: string
  init?: RequestInit
}[] = [
  { endpoint: 'graphql', path: '/graphql?query=%7B__typename%7D' },
  {
    endpoint: 'graphql',
    path: '/graphql',
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"query":"{ resources(first: 1) { edges { node { slug } } } }"}',
    },
  },
  { endpoint: 'graphql', path: '/graphql', init: { headers: { Accept: 'text/html' } } },
  { endpoint: 'graphql', path: '/no-such-page' },
  { endpoint: 'rest', path: '/api/resources?limit=1' },
  { endpoint: 'rest', path: '/api/users/me' },
  { endpoint: 'rest', path: '/api/no-such-collection' },
  { endpoint: 'rest', path: '/api/media/file/no-such-file.pdf' },
  {
    endpoint: 'rest',
    path: '/api/graphql',
    init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
  },
  { endpoint: 'rest', path: '/api/graphql-playground' },
  { endpoint: 'site', path: '/en/' },
  { endpoint: 'site', path: '/en/no-such-page' },
]

/** Asks each warm-up request of the given endpoints once (failures are fine: compiling is the point). */
export const warmUp = async (
  base: URL,
  endpoints: ('graphql' | 'rest' | 'site')[],
  perRequestMs = 180_000,
) => {
  for (const { endpoint, path, init } of WARM_UP) {
    if (!endpoints.includes(endpoint)) continue
    try {
      const response = await fetch(new URL(path, base), {
        ...init,
        signal: AbortSignal.timeout(perRequestMs),
      })
      await response.arrayBuffer()
    } catch {
      // a slow or failed compile shows up in the cases themselves
    }
  }
}

/** Stops every server started by startServer that is still running (also one still starting). */
export const stopAllServers = () =>
  Promise.all([...running].map((child) => stopProcessGroup(child)))
