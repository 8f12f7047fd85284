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

export const run = (command: string, args: string[], env: Env): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: env as NodeJS.ProcessEnv })
    current = child
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      current = undefined
      resolve(code ?? (signal ? 128 : 1))
    })
  })
