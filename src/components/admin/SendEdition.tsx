'use client'
// "Send by e-mail" in the sidebar of a newsletter edition, for editors and admins: a test to
// oneself first (in the locale being edited), then every subscriber, with the send's progress
// (src/newsletters/sendEndpoint.ts). Says so when no mail server is set and e-mail goes to files.
import { Button, useAuth, useDocumentInfo, useLocale } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import type { SendStatus } from '../../newsletters/sendEndpoint'

const progress = (send: SendStatus['last'][number]) => {
  const done = send.sent + send.failed + send.bounced
  const parts = [`${send.sent} of ${send.total} sent`]
  if (send.failed) parts.push(`${send.failed} failed`)
  if (send.bounced) parts.push(`${send.bounced} bounced`)
  if (send.status !== 'done') parts.push(`${send.total - done} remaining`)
  return parts.join(', ')
}

export const SendEdition = () => {
  const { user } = useAuth<{ role?: string; email: string }>()
  const { id, collectionSlug } = useDocumentInfo()
  const { code: locale } = useLocale()
  const [status, setStatus] = useState<SendStatus>()
  const [message, setMessage] = useState<string>()
  const url = `/api/${collectionSlug}/${String(id)}/send`
  const may = user?.role === 'admin' || user?.role === 'editor'

  const load = useCallback(async () => {
    const response = await fetch(url, { credentials: 'include' })
    if (response.ok) setStatus((await response.json()) as SendStatus)
  }, [url])

  const running = status?.last.some((send) => send.status !== 'done') ?? false
  useEffect(() => {
    if (!id || !may) return
    void load()
    if (!running) return
    const timer = setInterval(() => void load(), 1500)
    return () => clearInterval(timer)
  }, [id, may, running, load])

  if (!id || !may) return null

  const send = async (to: 'me' | 'everyone') => {
    if (
      to === 'everyone' &&
      !window.confirm(`Send this edition to ${status?.recipients ?? 0} subscribers now?`)
    )
      return
    setMessage(undefined)
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to, locale }),
    })
    const body = (await response.json()) as { errors?: { message: string }[]; recipients?: number }
    setMessage(
      response.ok
        ? to === 'me'
          ? `A test is on its way to ${user?.email}.`
          : `Sending to ${body.recipients} subscribers.`
        : (body.errors?.[0]?.message ?? `The hub answered ${response.status}.`),
    )
    await load()
  }

  const lastTest = status?.last.find((s) => s.kind === 'test')
  const lastSend = status?.last.find((s) => s.kind === 'everyone')
  return (
    <div className="send-edition" style={{ marginBlock: 24 }}>
      <h4 style={{ marginBlockEnd: 8 }}>Send by e-mail</h4>
      {status && !status.mail.smtp ? (
        <p role="note">
          No mail server is set (SMTP_URL): e-mails are written as .eml files to{' '}
          <code>{status.mail.folder}</code> on the hub’s machine.
        </p>
      ) : null}
      {status && !status.published ? <p>Publish the edition to send it.</p> : null}
      <Button
        buttonStyle="secondary"
        size="small"
        disabled={!status?.published}
        onClick={() => void send('me')}
      >
        Send a test to me
      </Button>
      <Button
        size="small"
        disabled={!status?.published || !status.tested || running}
        onClick={() => void send('everyone')}
      >
        {`Send to ${status?.recipients ?? 0} subscribers`}
      </Button>
      {status?.published && !status.tested ? (
        <p>Send a test to yourself first: sending to everyone opens once it has gone.</p>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
      {lastTest ? (
        <p className="send-edition__test">
          Test: {lastTest.status === 'done' ? (lastTest.sent ? 'sent' : 'not sent') : 'sending…'}
        </p>
      ) : null}
      {lastSend ? (
        <p className="send-edition__progress">
          {lastSend.status === 'done' ? 'Sent' : 'Sending'}: {progress(lastSend)}
        </p>
      ) : null}
    </div>
  )
}
