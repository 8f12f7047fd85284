// The session cookie's options, decided by the hub's public address: `Secure` whenever the hub is
// served over https (a browser then never sends the session over plain http), `SameSite=Lax`
// always (the admin's own requests carry it; other sites' forms and scripts do not).

export type SessionCookieOptions = { secure: boolean; sameSite: 'Lax' }

export const sessionCookieOptions = (serverUrl: string | undefined): SessionCookieOptions => {
  let secure = false
  try {
    secure = serverUrl ? new URL(serverUrl).protocol === 'https:' : false
  } catch {
    // src/env.ts refuses a SERVER_URL that is not a URL before this runs.
  }
  return { secure, sameSite: 'Lax' }
}
