// A webinar held several times (in English on 21 July, in Spanish on 23 July) is one record with
// sessions; its own start, which lists, filters and feeds sort by, is the earliest session's, in
// that session's zone, and its languages include every session's.
import type { CollectionBeforeValidateHook, Validate } from 'payload'

type Session = {
  language?: string | null
  startsAt?: string | Date | null
  startsAt_tz?: string | null
}

export const sessionsOf = (data: unknown): Session[] =>
  Array.isArray((data as { sessions?: unknown } | undefined)?.sessions)
    ? ((data as { sessions: Session[] }).sessions ?? [])
    : []

export const earliestSession = (sessions: Session[]): Session | undefined =>
  sessions
    .filter((s) => s.startsAt && !Number.isNaN(new Date(s.startsAt).getTime()))
    .sort((a, b) => new Date(a.startsAt!).getTime() - new Date(b.startsAt!).getTime())[0]

export const startAtEarliestSession: CollectionBeforeValidateHook = ({ data }) => {
  const sessions = sessionsOf(data)
  const first = earliestSession(sessions)
  if (!data || !first) return data
  const languages = new Set<string>(Array.isArray(data.languages) ? data.languages : [])
  for (const s of sessions) if (s.language) languages.add(s.language)
  return {
    ...data,
    startsAt: new Date(first.startsAt!).toISOString(),
    startsAt_tz: first.startsAt_tz ?? data.startsAt_tz,
    // A session's start is known to the minute.
    precision: 'exact',
    languages: [...languages],
  }
}

/** The event's start may be left empty in the admin when sessions give it. */
export const startOrSessions: Validate<unknown> = (value, { data }) =>
  value || earliestSession(sessionsOf(data))
    ? true
    : 'Enter the start, or add sessions (the earliest session’s start is used).'
