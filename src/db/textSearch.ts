// Full-text search of a file's text (a PDF's, read on upload) in the file's own language: one
// expression, used both by the GIN index (src/db/indexes.ts) and by the partner API's search, so
// that PostgreSQL recognises the index in the query.

/** PostgreSQL text search configurations by ISO 639-1 code; any other language: `simple`. */
export const TEXT_SEARCH_CONFIGS: Record<string, string> = {
  en: 'english',
  fr: 'french',
  es: 'spanish',
  ar: 'arabic',
}

/** The configuration for a language column, e.g. `fileSearchConfig('m.language')`. */
export const fileSearchConfig = (languageColumn: string) =>
  `(CASE ${languageColumn} ${Object.entries(TEXT_SEARCH_CONFIGS)
    .map(([code, config]) => `WHEN '${code}' THEN '${config}'::regconfig`)
    .join(' ')} ELSE 'simple'::regconfig END)`

/** A file's text as a tsvector; `prefix` is `m.` in a query, empty in the index. */
export const fileVector = (prefix = '') =>
  `to_tsvector(${fileSearchConfig(`${prefix}language`)}, coalesce(${prefix}extracted_text, ''))`
