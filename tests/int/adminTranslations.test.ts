// Issue 20, item 1, in the admin as a translator and an editor use it (headless Chromium against
// the production build): "Publish changes" in the French view used to refill the empty French boxes
// with the English (payloadcms/payload#16303), and the next publish stored it as French.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { hub, unique } from '../helpers/hub'
import { PAGE_MS, saveAndWait, shot, adminForThisFile } from '../helpers/admin'

const admin = adminForThisFile()

const SUMMARY = 'Guidance for caseworkers and supervisors in humanitarian settings.'

const openInFrench = async (page: Page, id: number) => {
  await page.goto(`${admin().base}/admin/collections/resources/${id}?locale=fr`, {
    timeout: PAGE_MS,
  })
  await page.locator('#field-summary').waitFor({ timeout: PAGE_MS })
}

describe('a translation in the admin', () => {
  it('stays missing through publish and publish again: the English is a hint, never the value', async () => {
    const payload = await hub()
    const title = unique('Inter-agency guidelines for case management')
    const resource = await payload.create({
      collection: 'resources',
      locale: 'en',
      data: { title, summary: SUMMARY, _status: 'published' },
    })

    // The translator drafts the French title only.
    const translator = await admin().signInAs('translator')
    await openInFrench(translator, resource.id)
    expect(await translator.inputValue('#field-title')).toBe('')
    expect(await translator.inputValue('#field-summary')).toBe('')
    const hints = translator.getByTestId('english-hint')
    await expect
      .poll(() => hints.allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining(SUMMARY))
    await translator.fill('#field-title', 'Lignes directrices inter-agences sur la gestion de cas')
    await saveAndWait(translator, 'action-save-draft')
    // The translator's edit lock ends (as it does when it expires): locking is not under test.
    await payload.delete({
      collection: 'payload-locked-documents',
      where: { 'document.value': { equals: resource.id } },
    })
    await translator.context().close()

    // The editor publishes in French, then publishes again after touching only the notes.
    const editor = await admin().signInAs('editor')
    await openInFrench(editor, resource.id)
    await expect
      .poll(() => editor.inputValue('#field-title'), { timeout: 30_000 })
      .toBe('Lignes directrices inter-agences sur la gestion de cas')
    await saveAndWait(editor, 'action-save')
    expect(await editor.inputValue('#field-summary')).toBe('')
    await expect
      .poll(() => editor.getByTestId('english-hint').allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining(SUMMARY))
    await editor.locator('#field-summary').scrollIntoViewIfNeeded()
    await shot(editor, 'admin-translation-hint')
    await editor.fill('#field-editorNotes', 'French title checked')
    await saveAndWait(editor, 'action-save')
    expect(await editor.inputValue('#field-summary')).toBe('')
    await editor.context().close()

    const french = await payload.findByID({
      collection: 'resources',
      id: resource.id,
      locale: 'fr',
      fallbackLocale: false,
      depth: 0,
    })
    expect(french.title).toBe('Lignes directrices inter-agences sur la gestion de cas')
    expect(french.summary ?? null).toBeNull()
    expect(french.editorNotes).toBe('French title checked')
    expect(french._status).toBe('published')
  }, 400_000)

  it('stays missing in a copy made from the French view', async () => {
    const payload = await hub()
    const title = unique('Guidance note on alternative care')
    const resource = await payload.create({
      collection: 'resources',
      locale: 'en',
      data: { title, summary: SUMMARY, _status: 'published' },
    })
    const editor = await admin().signInAs('editor')
    await openInFrench(editor, resource.id)
    await editor.locator('.doc-controls__dots').click()
    await editor.locator('#action-duplicate').click()
    await editor.waitForURL(
      (url) =>
        /\/admin\/collections\/resources\/\d+/.test(url.pathname) &&
        !url.pathname.endsWith(`/${resource.id}`),
      { timeout: PAGE_MS },
    )
    await editor.locator('#field-summary').waitFor({ timeout: PAGE_MS })
    expect(await editor.inputValue('#field-title')).toBe('')
    expect(await editor.inputValue('#field-summary')).toBe('')
    await expect
      .poll(() => editor.getByTestId('english-hint').allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining(title))
    const copyId = Number(/\/resources\/(\d+)/.exec(new URL(editor.url()).pathname)![1])
    const french = await payload.findByID({
      collection: 'resources',
      id: copyId,
      locale: 'fr',
      fallbackLocale: false,
      draft: true,
      depth: 0,
    })
    expect(french.title ?? null).toBeNull()
    expect(french.summary ?? null).toBeNull()
    await editor.context().close()
  }, 400_000)
})
