// PDFs uploaded before text extraction existed have no text to search: read them from the media
// folder, one at a time (each in its bounded worker), and store their text, page count and note.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'

import { extractPdfText } from './pdfText'

/** Reads every PDF not read yet (no text and no note); returns how many were read. */
export const backfillPdfText = async (
  payload: Payload,
  log: (line: string) => void = () => {},
): Promise<number> => {
  const upload = payload.collections.media.config.upload
  const dir = path.resolve(upload.staticDir || 'media')
  let done = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: 'media',
      where: {
        mimeType: { equals: 'application/pdf' },
        extractedText: { exists: false },
        extractionNote: { exists: false },
      },
      // Each file read is written back, so the next page starts at the first one still unread.
      limit: 20,
      depth: 0,
      select: { filename: true },
      overrideAccess: true,
    })
    if (!docs.length) return done
    for (const doc of docs) {
      const bytes = await readFile(path.join(dir, doc.filename!)).catch(() => undefined)
      const result = bytes
        ? await extractPdfText(bytes)
        : { text: null, pageCount: null, note: 'Text not extracted: the file is missing.' }
      await payload.update({
        collection: 'media',
        id: doc.id,
        data: {
          extractedText: result.text,
          pageCount: result.pageCount,
          // Never empty: a note marks the file as read, so that it is not read again.
          extractionNote: result.note ?? (result.text ? null : 'Text extraction: no text.'),
        },
        overrideAccess: true,
      })
      done++
      log(`${doc.filename}: ${result.note ?? `${result.pageCount} page(s)`}`)
    }
  }
}
