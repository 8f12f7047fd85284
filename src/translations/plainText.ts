// The words of a text field or of a lexical rich text, for comparing and for showing as a hint.
export const plainText = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value !== 'object') return String(value)
  const parts: string[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    const { text, children, root } = node as { text?: unknown; children?: unknown; root?: unknown }
    if (typeof text === 'string') parts.push(text)
    if (root) walk(root)
    if (Array.isArray(children)) {
      children.forEach(walk)
      parts.push(' ')
    }
  }
  walk(value)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

/** No words at all: null, blank, or a rich text with empty paragraphs only. */
export const isEmptyText = (value: unknown) => plainText(value).trim() === ''

/** Equal as a reader would see them: rich text by its words, so that a round trip through the
 * lexical editor (which may add default formatting keys) still counts as equal. */
export const sameText = (a: unknown, b: unknown) =>
  typeof a === 'object' && a !== null && typeof b === 'object' && b !== null
    ? plainText(a) === plainText(b)
    : a === b
