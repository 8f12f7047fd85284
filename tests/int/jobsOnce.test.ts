// Issue 24, item 2: jobs (scheduled publications) run once across every hub on a database. Payload's
// runner claims a job by reading it and then marking it, so two hubs whose timers fire together could
// both publish it; each hub's runner asks first whether it holds the jobs' advisory lock
// (src/ops/leadership.ts), and one hub at a time does. A hub that stops or is killed hands it on.
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import config from '../../payload.config'
import { JOBS_LOCK, type JobRunner, startJobRunner } from '../../src/ops/jobs'
import { createLeadership } from '../../src/ops/leadership'
import { type ScratchDatabase, scratchDatabase } from '../helpers/scratchDatabase'

// The lock is decided in a database of this file's own (advisory locks are per database): a hub
// another test file runs with its job runner on the suite's database holds the suite's lock.
let lockDb: ScratchDatabase
let lockUrl: string
beforeAll(async () => {
  lockDb = await scratchDatabase(`hub_jobs_once_${process.pid}`)
  lockUrl = lockDb.url
})

const runners: JobRunner[] = []
const start = (key: string) => {
  const runner = startJobRunner(
    Promise.resolve(config),
    (error) => {
      throw error
    },
    { databaseUrl: lockUrl, key },
  )
  runners.push(runner)
  return runner
}

const stopAll = async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()))
}
// A runner left holding the lock by a failed test would hold up the next.
afterEach(stopAll)
afterAll(async () => {
  await stopAll()
  await lockDb?.drop()
})

const until = async (test: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 100; i++) {
    if (await test()) return
    await sleep(100)
  }
  throw new Error(`Waited 10 s for ${what}.`)
}

describe('two hubs on one database', () => {
  it('one runs jobs at a time; when it stops, the other does', async () => {
    const a = start('jobs-once-a')
    const b = start('jobs-once-b')
    await until(async () => Boolean(a.timers() && b.timers()), 'both runners to start')
    // Each asked for the lock as it started: one holds it, whichever came first.
    const [aLeads, bLeads] = [await a.leads(), await b.leads()]
    expect([aLeads, bLeads].sort()).toEqual([false, true])
    const [leader, other] = aLeads ? [a, b] : [b, a]
    // Asked again (every timer's tick asks): the same answers.
    expect(await leader.leads()).toBe(true)
    expect(await other.leads()).toBe(false)
    await leader.stop()
    runners.splice(runners.indexOf(leader), 1)
    expect(await other.leads()).toBe(true)
    await stopAll()
  }, 120_000)

  it('a killed hub hands its turn on', async () => {
    // Another hub holding the lock, in a process of its own, killed without a word.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const pg = require('pg');
         const client = new pg.Client(process.env.URL);
         client.connect()
           .then(() => client.query('SELECT pg_advisory_lock($1, $2)', [${JOBS_LOCK.join(', ')}]))
           .then(() => { console.log('holding'); setInterval(() => {}, 1000) });`,
      ],
      { env: { ...process.env, URL: lockUrl }, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()))
    const ours = createLeadership(lockUrl, JOBS_LOCK)
    try {
      expect(await ours.holds()).toBe(false)
      holder.kill('SIGKILL')
      await until(() => ours.holds(), 'the lock to pass on')
    } finally {
      holder.kill('SIGKILL')
      await ours.release()
    }
  }, 60_000)
})
