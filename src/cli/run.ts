// Run child commands one after another with stdio shared, stopping on the first failure.
import { spawn } from 'node:child_process'

let current: ReturnType<typeof spawn> | undefined

// Pass Ctrl-C / SIGTERM to the running child; our own exit hooks then stop the database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    current?.kill(signal)
  })
}

export type Env = Record<string, string | undefined>

/**
 * Runs a command to its end and gives its exit code. Node 20's off-thread module loader (tsx's
 * hooks) can let an entry module's loading go unsettled, and Node then exits 13 having done
 * nothing (seen once in a while from a fresh clone): such a run is made again, at most twice.
 */
export const run = async (command: string, args: string[], env: Env): Promise<number> => {
  let code = await runOnce(command, args, env)
  for (let retry = 0; retry < 2 && code === UNSETTLED_MODULE; retry++) {
    console.warn(
      `${[command, ...args].join(' ').slice(0, 120)}: Node exited ${UNSETTLED_MODULE} before running it (its module loader); trying again.`,
    )
    code = await runOnce(command, args, env)
  }
  return code
}

/** Node's exit code for a main module whose loading never settled. */
const UNSETTLED_MODULE = 13

const runOnce = (command: string, args: string[], env: Env): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: env as NodeJS.ProcessEnv })
    current = child
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      current = undefined
      resolve(code ?? (signal ? 128 : 1))
    })
  })
