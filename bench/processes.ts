// What each process of a bench costs: CPU time (user + system, all threads) and resident memory,
// read from /proc. On a system without /proc the figures are null, never guessed.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const hasProc = (() => {
  try {
    readFileSync('/proc/self/stat')
    return true
  } catch {
    return false
  }
})()

/** Clock ticks per second of /proc's CPU times (100 on every Linux in practice). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** `/proc/<pid>/stat`'s fields after the command name (which may hold spaces). */
const statFields = (pid: number): string[] | undefined => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined
  }
}

/** CPU milliseconds a process has used so far (0 once it is gone). */
const cpuMs = (pid: number) => {
  const fields = statFields(pid)
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND : 0
}

/** A PostgreSQL server's processes: the postmaster and its children (one per connection). */
export const postgresProcesses = (dataDir: string) => (): number[] => {
  if (!hasProc) return []
  let postmaster: number
  try {
    postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0])
  } catch {
    return []
  }
  const pids = [postmaster]
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    if (Number(statFields(Number(entry))?.[1]) === postmaster) pids.push(Number(entry))
  }
  return pids
}

/** Resident memory in MB. */
const rssMb = (pid: number) => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : 0
  } catch {
    return 0
  }
}

export type ProcessCost = {
  /** CPU ms per request of the server that answered. */
  serverCpuMs: number | null
  /** CPU ms per request of every PostgreSQL process together. */
  postgresCpuMs: number | null
  /** The server's largest resident memory seen during the load, MB. */
  serverPeakRssMb: number | null
}

/**
 * Starts watching: CPU of the server and of PostgreSQL from now, and the server's memory every
 * 100 ms. `done(requests)` gives the cost per request of what ran in between.
 */
export const watchCost = (server: number | undefined, postgres: () => number[]) => {
  if (!hasProc || server === undefined) {
    return {
      done: (): ProcessCost => ({ serverCpuMs: null, postgresCpuMs: null, serverPeakRssMb: null }),
    }
  }
  // PostgreSQL's backends come and go with connections: each one's CPU counted from when first seen.
  const postgresStart = new Map(postgres().map((pid) => [pid, cpuMs(pid)]))
  const serverStart = cpuMs(server)
  let peak = rssMb(server)
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(server))
  }, 100)
  return {
    done: (requests: number): ProcessCost => {
      clearInterval(sampler)
      peak = Math.max(peak, rssMb(server))
      let postgresUsed = 0
      for (const pid of new Set([...postgresStart.keys(), ...postgres()])) {
        postgresUsed += Math.max(0, cpuMs(pid) - (postgresStart.get(pid) ?? 0))
      }
      const perRequest = (ms: number) => Math.round((ms / Math.max(1, requests)) * 100) / 100
      return {
        serverCpuMs: perRequest(cpuMs(server) - serverStart),
        postgresCpuMs: perRequest(postgresUsed),
        serverPeakRssMb: Math.round(peak),
      }
    },
  }
}
