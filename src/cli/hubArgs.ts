// How a hub process is started (npm start, the tests, the bench): Node's arguments for
// src/cli/serve.ts, in one place so that all of them run the hub the same way.
import { DEFAULT_HUB_HEAP_MB } from '../env'

export const hubServeArgs = ({ dev = false, heapMb = DEFAULT_HUB_HEAP_MB } = {}) => [
  // Production only: `next dev` compiles in the process and needs more.
  ...(dev ? [] : [`--max-old-space-size=${heapMb}`]),
  '--import',
  'tsx',
  'src/cli/serve.ts',
  ...(dev ? ['--dev'] : []),
]
