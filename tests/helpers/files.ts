// Real files for upload tests, made here: PDFs written byte by byte (with a correct cross-reference
// table, as a PDF writer makes them), PNGs drawn with sharp, an MP3 of silent frames.
import sharp from 'sharp'
import { createDeflate } from 'node:zlib'

/** Escapes a string for a PDF literal string. */
const literal = (text: string) => text.replace(/([\\()])/g, '\\$1')

type PdfOptions = {
  /** Replaces the page tree's /Count (a lie, for hostile files). */
  count?: string
  /** Added to the catalog dictionary as is (e.g. a deeply nested array). */
  catalogExtra?: string
  /** Raw bytes of one page's content stream, Flate-compressed (e.g. a decompression bomb). */
  compressedContent?: Buffer
}

/** A PDF with one page per text, in Helvetica: pdf.js reads the text back. */
export const pdf = (pages: string[], options: PdfOptions = {}): Buffer => {
  const objects: Buffer[] = []
  const add = (body: string | Buffer) =>
    objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'))
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ')
  add(`<< /Type /Catalog /Pages 2 0 R ${options.catalogExtra ?? ''} >>`)
  add(`<< /Type /Pages /Kids [${kids}] /Count ${options.count ?? pages.length} >>`)
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
  pages.forEach((text, i) => {
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    )
    if (i === 0 && options.compressedContent) {
      const packed = options.compressedContent
      add(
        Buffer.concat([
          Buffer.from(`<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
          packed,
          Buffer.from('\nendstream', 'latin1'),
        ]),
      )
      return
    }
    const stream = text
      .split('\n')
      .map((line, n) => `BT /F1 12 Tf 72 ${720 - n * 16} Td (${literal(line)}) Tj ET`)
      .join('\n')
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`)
  })
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')]
  let length = chunks[0]!.length
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(length)
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n', 'latin1'),
    ])
    chunks.push(chunk)
    length += chunk.length
  })
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`
  chunks.push(Buffer.from(xref, 'latin1'))
  return Buffer.concat(chunks)
}

/**
 * A content stream that inflates to `megabytes` of text-drawing operators: pdf.js must interpret
 * every one of them to read the page's text. A few hundred kilobytes on disk.
 */
export const contentBomb = async (megabytes: number): Promise<Buffer> => {
  const op = Buffer.from('BT /F1 1 Tf 1 1 Td (zz) Tj ET\n'.repeat(32 * 1024), 'latin1') // ~1 MB
  const deflate = createDeflate({ level: 9 })
  const chunks: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  // Streamed, so that the test never holds the inflated content in memory.
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(op)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await done
  return Buffer.concat(chunks)
}

/** A real PNG of the given size (a gradient, so that sizes differ in bytes). */
export const png = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } },
  })
    .png()
    .toBuffer()

/** An MP3 of a few silent MPEG-1 Layer III frames (what file-type recognises as audio/mpeg). */
export const mp3 = () => {
  const frame = Buffer.alloc(417)
  frame.set([0xff, 0xfb, 0x90, 0x00])
  return Buffer.concat([frame, frame, frame, frame])
}
