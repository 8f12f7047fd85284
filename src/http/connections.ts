// The connections of an HTTP server, for a stop that neither cuts a request in flight nor waits for
// ever. Node's own closeIdleConnections() and closeAllConnections() miss a connection on which no
// request has begun (a client that connected and sent nothing, the development server's
// connections to itself), and close() waits for it: one such client kept a hub running for minutes.
import type { Server } from 'node:http'
import type { Socket } from 'node:net'

export type Connections = {
  /** Closes idle connections now, and each busy one once its answer has been sent. */
  drain: () => void
  /** Closes every connection still open; says how many there were. */
  closeAll: () => number
}

export const trackConnections = (server: Server): Connections => {
  const open = new Map<Socket, { busy: boolean }>()
  let draining = false
  server.on('connection', (socket: Socket) => {
    open.set(socket, { busy: false })
    socket.once('close', () => open.delete(socket))
  })
  server.on('request', (req, res) => {
    const state = open.get(req.socket)
    if (state) state.busy = true
    res.once('close', () => {
      if (state) state.busy = false
      if (draining) req.socket.destroy()
    })
  })
  return {
    drain: () => {
      draining = true
      for (const [socket, { busy }] of open) if (!busy) socket.destroy()
    },
    closeAll: () => {
      const count = open.size
      for (const socket of open.keys()) socket.destroy()
      return count
    },
  }
}
