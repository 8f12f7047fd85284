// Every IANA time zone this Node knows, for the organiser's zone of an event.
import type { Validate } from 'payload'

export const TIME_ZONES = Intl.supportedValuesOf('timeZone').map((value) => ({
  label: value,
  value,
}))

const known = new Set(TIME_ZONES.map((zone) => zone.value))

export const knownTimeZone: Validate<unknown> = (value) =>
  value == null || (typeof value === 'string' && known.has(value))
    ? true
    : `Unknown time zone "${String(value)}": choose an IANA zone such as Europe/Zurich or Africa/Nairobi.`
