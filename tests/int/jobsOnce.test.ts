// Issue 24, item 2: jobs (scheduled publications) run once across every hub on a database. Payload's
// runner claims a job by reading it and then marking it, so two hubs whose timers fire together could
// both publish it; each hub's runner asks first whether it holds the jobs' advisory lock
// (src/ops/leadership.ts), and one hub at a time does. A hub that stops or is killed hands it on.
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, inject, it } from 'vitest'

import config from '../../payload.config'
import { JOBS_LOCK, type JobRunner, startJobRunner } from '../../src/ops/jobs'
import { createLeadership } from '../../src/ops/leadership'

const runners: JobRunner[] = []
const start = (key: string) => {
  const runner = startJobRunner(
    Promise.resolve(config),
    (error) => {
      throw error
    },
    { databaseUrl: inject('databaseUrl'), key },
  )
  runners.push(runner)
  return runner
}

const stopAll = async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()))
}
afterAll(stopAll)

const until = async (test: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 100; i++) {
    if (await test()) return
    await sleep(100)
  }
  throw new Error(`Waited 10 s for ${what}.`)
}

describe('two hubs on one database', () => {
  it('one runs jobs at a time; when it stops, the other does', async () => {
    const first = start('jobs-once-a')
    const second = start('jobs-once-b')
    await until(async () => Boolean(first.timers() && second.timers()), 'both runners to start')
    expect(await first.leads()).toBe(true)
    expect(await second.leads()).toBe(false)
    // Asked again (every timer's tick asks): the same answers.
    expect(await first.leads()).toBe(true)
    expect(await second.leads()).toBe(false)
    await first.stop()
    runners.splice(runners.indexOf(first), 1)
    expect(await second.leads()).toBe(true)
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
      { env: { ...process.env, URL: inject('databaseUrl') }, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()))
    const ours = createLeadership(inject('databaseUrl'), JOBS_LOCK)
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
