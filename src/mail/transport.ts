// Every e-mail the hub sends goes through one nodemailer transport: SMTP when SMTP_URL is set,
// else a folder of .eml files (MAIL_DIR), so that a hub on a laptop "sends" mail anyone can open.
// Payload's own e-mail (password resets) uses the same one through its nodemailer adapter.
import { mkdir, rename, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'
import type { Transport } from 'nodemailer'
import { parseConnectionUrl } from 'nodemailer/lib/shared'

import { env } from '../env'

/** Whether mail leaves the machine (SMTP) or lands in MAIL_DIR. */
export const mailGoesTo = (): { smtp: true } | { smtp: false; folder: string } =>
  env.SMTP_URL ? { smtp: true } : { smtp: false, folder: path.resolve(env.MAIL_DIR) }

/** A file name that sorts by time and never collides between processes. */
const fileName = (messageId: string) =>
  `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.replace(/[^\w.-]+/g, '')}.eml`

/** nodemailer's transport interface, writing each message whole under MAIL_DIR (written, then renamed). */
const folderTransport = (folder: string): Transport => ({
  name: 'eml-folder',
  version: '1',
  send(mail, done) {
    const messageId = mail.message.messageId()
    const file = path.join(folder, fileName(messageId))
    mail.message.build((error, message) => {
      if (error) return done(error, undefined as never)
      mkdir(folder, { recursive: true })
        .then(() => writeFile(`${file}.tmp`, message))
        .then(() => rename(`${file}.tmp`, file))
        .then(
          () => done(null, { envelope: mail.message.getEnvelope(), messageId, file } as never),
          (failure: Error) => done(failure, undefined as never),
        )
    })
  },
})

let transport: Transporter | undefined

/**
 * SMTP_URL with the hub's defaults as nodemailer reads them from a URL's query (the operator's own
 * win): connections kept and reused, as an edition is thousands of messages, and timeouts, so that
 * a slow server never holds a request for minutes.
 */
const smtpUrl = (configured: string) => {
  const url = new URL(configured)
  const defaults = {
    pool: 'true',
    maxConnections: '2',
    connectionTimeout: '10000',
    greetingTimeout: '10000',
    socketTimeout: '30000',
  }
  for (const [name, value] of Object.entries(defaults)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value)
  }
  return url.toString()
}

/**
 * Opens each SMTP connection with Nagle's algorithm off (nodemailer's own sockets keep it on). With
 * it on, every message waited for the server's delayed ACK: about 45 ms a message, 20 messages a
 * second on one connection instead of about 150 (measured on loopback; bench/newsletter.ts).
 * nodemailer then speaks SMTP, and TLS for smtps://, over this socket.
 */
const connectWithoutDelay = (
  options: { host?: string; port?: number; secure?: boolean; connectionTimeout?: number },
  done: (error: Error | null, socket?: { connection: net.Socket }) => void,
) => {
  const socket = net.connect({
    host: options.host ?? 'localhost',
    port: options.port ?? (options.secure ? 465 : 587),
    noDelay: true,
  })
  const fail = (error: Error) => done(error)
  socket.once('error', fail)
  socket.setTimeout(options.connectionTimeout ?? 10_000, () =>
    socket.destroy(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })),
  )
  socket.once('connect', () => {
    socket.off('error', fail)
    socket.setTimeout(0)
    done(null, { connection: socket })
  })
}

/** The process's transport, made once. */
export const mailTransport = (): Transporter => {
  if (!transport) {
    const target = mailGoesTo()
    transport = target.smtp
      ? nodemailer.createTransport({
          ...parseConnectionUrl(smtpUrl(env.SMTP_URL!)),
          getSocket: connectWithoutDelay,
        } as Parameters<typeof nodemailer.createTransport>[0])
      : nodemailer.createTransport(folderTransport(target.folder))
  }
  return transport
}

/** The sender, as MAIL_FROM gives it. */
export const mailFrom = () => env.MAIL_FROM

/** MAIL_FROM's name and address apart, as Payload's adapter takes them. */
export const mailSender = () => {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(env.MAIL_FROM)
  return match
    ? { name: match[1]!.replace(/^"|"$/g, ''), address: match[2]! }
    : { name: '', address: env.MAIL_FROM }
}
