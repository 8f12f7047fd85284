// Preloaded into the hub by bench/memory.ts (NODE_OPTIONS=--import): on SIGUSR2 the process
// writes its memory figures, and a heap snapshot when asked, to MEMORY_PROBE_DIR.
import fs from 'node:fs'
import path from 'node:path'
import v8 from 'node:v8'

const dir = process.env.MEMORY_PROBE_DIR
if (dir) {
  // Which process to watch: the first one started with this file (the hub itself).
  try {
    fs.writeFileSync(path.join(dir, 'pid'), String(process.pid), { flag: 'wx' })
  } catch {
    // a later process: not the one watched
  }
  process.on('SIGUSR2', () => {
    const request = JSON.parse(fs.readFileSync(path.join(dir, 'request.json'), 'utf8'))
    const usage = process.memoryUsage()
    // What is live: after a full collection (NODE_OPTIONS has --expose-gc).
    globalThis.gc?.()
    const live = process.memoryUsage().heapUsed
    let snapshot
    if (request.snapshot) {
      snapshot = v8.writeHeapSnapshot(path.join(dir, `${request.label}.heapsnapshot`))
    }
    const figures = { usage, live, snapshot }
    fs.writeFileSync(path.join(dir, `${request.label}.json`), JSON.stringify(figures))
  })
}
