// One of the hub's command-line scripts (src/cli/*.ts), run as its npm script runs it, once the
// database is there: its exit code and everything it printed.
import { spawn } from 'node:child_process'

export type CliResult = { code: number; output: string }

export const runCli = async (
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> => {
  const once = () =>
    new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code: code ?? 1, output }))
    })
  let result = await once()
  // Exit 13 without output: Node 20's loader under tsx, now and then (see tests/setup/globalSetup.ts).
  if (result.code === 13 && !result.output.trim()) result = await once()
  return result
}
