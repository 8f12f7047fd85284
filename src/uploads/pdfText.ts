// The text of an uploaded PDF, for search inside documents. A PDF is a program of sorts: a hostile
// one (a compression bomb, objects nested a million deep, a page tree claiming a billion pages) can
// eat memory, stack or time. So pdf.js (through unpdf) runs in a worker thread with its own memory
// limits, a deadline and a page cap; on any overrun the worker is terminated and the upload goes on
// without text, with a note saying why. The hub's own thread never parses a PDF.
import { Worker } from 'node:worker_threads'

export const PDF_TEXT_LIMITS = {
  /** Wall-clock time for the whole extraction. */
  timeoutMs: 15_000,
  /** Pages read; the text of later pages is left out (and the note says so). */
  maxPages: 500,
  /** Characters kept: PostgreSQL's tsvector holds at most 1 MB, and snippets scan the text. */
  maxChars: 400_000,
  /** The worker's V8 heaps (MB): a bomb fails there, not in the hub. */
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  stackSizeMb: 4,
}

export type PdfText = {
  /** The text, pages separated by blank lines; null when none could be read. */
  text: string | null
  /** Pages in the document, as it declares them; null when it could not be opened. */
  pageCount: number | null
  /** Why the text is missing or partial, for editors; null when all went well. */
  note: string | null
}

// Plain CommonJS evaluated in the worker: no file to locate once Next has bundled the hub, and
// `import('unpdf')` resolves from the app's node_modules.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  const { getDocumentProxy } = await import('unpdf')
  const { bytes, maxPages, maxChars } = workerData
  const doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false })
  const pageCount = doc.numPages
  const pages = []
  let chars = 0
  let failed = 0
  const last = Math.min(pageCount, maxPages)
  for (let n = 1; n <= last && chars < maxChars; n++) {
    try {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : '') : '')).join('')
      pages.push(text)
      chars += text.length
      page.cleanup()
    } catch {
      failed++
    }
  }
  parentPort.postMessage({ pages, pageCount, read: last, failed })
})().catch((error) => parentPort.postMessage({ error: String((error && error.message) || error).slice(0, 200) }))
`

type WorkerAnswer =
  { pages: string[]; pageCount: number; read: number; failed: number } | { error: string }

/** Extracts the text of a PDF within the limits; never throws, never outlives its deadline. */
export const extractPdfText = (
  bytes: Uint8Array,
  limits: Partial<typeof PDF_TEXT_LIMITS> = {},
): Promise<PdfText> => {
  const l = { ...PDF_TEXT_LIMITS, ...limits }
  return new Promise<PdfText>((resolve) => {
    let settled = false
    const finish = (result: PdfText) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      resolve(result)
    }
    const worker = new Worker(WORKER, {
      eval: true,
      // A copy: the worker may not touch the upload's own buffer.
      workerData: { bytes: Buffer.from(bytes), maxPages: l.maxPages, maxChars: l.maxChars },
      resourceLimits: {
        maxOldGenerationSizeMb: l.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: l.maxYoungGenerationSizeMb,
        stackSizeMb: l.stackSizeMb,
      },
      stdout: true,
      stderr: true,
    })
    // pdf.js warns on stdout about every oddity of a broken file: not the hub's log.
    worker.stdout.resume()
    worker.stderr.resume()
    const timer = setTimeout(
      () =>
        finish({
          text: null,
          pageCount: null,
          note: `Text not extracted: reading the PDF took longer than ${l.timeoutMs / 1000} s.`,
        }),
      l.timeoutMs,
    )
    worker.on('message', (answer: WorkerAnswer) => {
      if ('error' in answer) {
        finish({ text: null, pageCount: null, note: `Text not extracted: ${answer.error}` })
        return
      }
      const joined = answer.pages
        .join('\n\n')
        .replace(/\u0000/g, '') // PostgreSQL text cannot hold NUL
        .trim()
      const text = joined.slice(0, l.maxChars)
      const notes = [
        answer.pageCount > answer.read &&
          `only the first ${answer.read} of ${answer.pageCount} pages were read`,
        joined.length > l.maxChars && `the text was cut at ${l.maxChars} characters`,
        answer.failed > 0 && `${answer.failed} page(s) could not be read`,
        !text && 'the PDF holds no text (a scan?)',
      ].filter(Boolean)
      finish({
        text: text || null,
        pageCount: answer.pageCount,
        note: notes.length ? `Text extraction: ${notes.join('; ')}.` : null,
      })
    })
    worker.on('error', (error: Error & { code?: string }) =>
      finish({
        text: null,
        pageCount: null,
        note:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `Text not extracted: reading the PDF needed more than ${l.maxOldGenerationSizeMb} MB.`
            : `Text not extracted: ${error.message.slice(0, 200)}`,
      }),
    )
    worker.on('exit', () =>
      finish({ text: null, pageCount: null, note: 'Text not extracted: the reader stopped.' }),
    )
  })
}
