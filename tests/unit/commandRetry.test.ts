// The launchers' runner (src/cli/run.ts): a command whose module loading never settled (Node 20
// exits 13 then, having run nothing) is run again; any other failure is reported as it is.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { run } from '../../src/cli/run'

/** A command that exits with the given codes, one per run, counting its runs in a file. */
const exitsWith = (codes: number[]) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hub-run-')), 'runs')
  const script = `const fs = require('fs'); const n = fs.existsSync(${JSON.stringify(file)}) ? Number(fs.readFileSync(${JSON.stringify(file)}, 'utf8')) : 0; fs.writeFileSync(${JSON.stringify(file)}, String(n + 1)); process.exit(${JSON.stringify(codes)}[n] ?? 0)`
  return { args: ['-e', script], runs: () => Number(readFileSync(file, 'utf8')) }
}

describe('a command run by npm start and the npm scripts', () => {
  it('is run again when Node exits 13 before running it, at most twice', async () => {
    const once = exitsWith([13, 0])
    expect(await run(process.execPath, once.args, process.env)).toBe(0)
    expect(once.runs()).toBe(2)
    const always = exitsWith([13, 13, 13, 13])
    expect(await run(process.execPath, always.args, process.env)).toBe(13)
    expect(always.runs()).toBe(3)
  })

  it('is not run again after any other failure', async () => {
    const failing = exitsWith([1, 0])
    expect(await run(process.execPath, failing.args, process.env)).toBe(1)
    expect(failing.runs()).toBe(1)
  })
})
