'use client'
// Around the whole admin: takes away what a role may not use where Payload offers it anyway.
// Payload's list view shows bulk "Publish" and "Unpublish" to anyone who may update a collection,
// which includes translators (they update their locale's text); publishing is an editor's right
// (src/hooks/keepTranslatorsToDrafts.ts), so translators are not offered the buttons. The labels
// come from the admin's own translations, as the buttons use them, in whichever language it speaks.
import { useAuth, useTranslation } from '@payloadcms/ui'
import type { ReactNode } from 'react'

const cssString = (text: string) => JSON.stringify(text)

export const RoleActions = ({ children }: { children?: ReactNode }) => {
  const { user } = useAuth()
  const { t } = useTranslation()
  const translator = (user as { role?: string } | null)?.role === 'translator'
  const hidden = [t('version:publish'), t('version:unpublish')]
    .map((label) => `.list-selection button[aria-label=${cssString(label)}]`)
    .join(',\n')
  return (
    <>
      {translator ? (
        <style data-testid="translator-actions">{`${hidden} { display: none; }`}</style>
      ) : null}
      {children}
    </>
  )
}
