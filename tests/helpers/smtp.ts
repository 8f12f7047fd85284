// A real SMTP server for the newsletter's tests (smtp-server, from nodemailer's authors), on
// loopback, keeping every message it accepts, parsed. Hubs are killed mid-message in these tests:
// the connection resets that leaves are expected, not errors of the test.
import getPort from 'get-port'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'

export type Received = { to: string; messageId: string; mail: ParsedMail }

export type TestSmtp = {
  url: string
  /** Every message accepted, once per recipient, in the order they came. */
  received: Received[]
  close: () => Promise<void>
}

export const startSmtp = async (
  options: {
    /** Refuses a recipient: return an SMTP code and text, or nothing to accept it. */
    refuse?: (to: SMTPServerAddress) => { code: number; message: string } | undefined
  } = {},
): Promise<TestSmtp> => {
  const received: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, done) {
      const refusal = options.refuse?.(address)
      if (!refusal) return done()
      const error = new Error(refusal.message) as Error & { responseCode: number }
      error.responseCode = refusal.code
      done(error)
    },
    onData(stream, session, done) {
      simpleParser(stream).then(
        (mail) => {
          for (const to of session.envelope.rcptTo) {
            received.push({ to: to.address, messageId: mail.messageId ?? '', mail })
          }
          done()
        },
        (error: Error) => done(error),
      )
    },
  })
  // A client killed mid-message resets its connection; smtp-server reports it here.
  server.on('error', () => undefined)
  const port = await getPort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
