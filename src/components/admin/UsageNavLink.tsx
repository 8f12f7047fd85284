'use client'
// "Usage" in the admin's side navigation, for admins (the page itself refuses anyone else).
import { useAuth, useConfig } from '@payloadcms/ui'

export const UsageNavLink = () => {
  const { user } = useAuth()
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  if ((user as { role?: string } | null)?.role !== 'admin') return null
  return (
    <a className="nav__link usage-nav-link" href={`${admin}/usage`} id="nav-usage">
      <span className="nav__link-label">Partner API usage</span>
    </a>
  )
}
