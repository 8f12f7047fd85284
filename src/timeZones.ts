// Every IANA time zone this Node knows, for the organiser's zone of an event.
export const TIME_ZONES = Intl.supportedValuesOf('timeZone').map((value) => ({ label: value, value }))
