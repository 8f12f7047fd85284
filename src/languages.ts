// Languages a document can be in: any ISO 639-1 code, shown by its native name.
import ISO6391 from 'iso-639-1'

export const isLanguageCode = (code: string): boolean => ISO6391.validate(code)

/** Options for a select field: value = ISO 639-1 code, label = "Native name (English name)". */
export const LANGUAGE_OPTIONS = ISO6391.getAllCodes()
  .map((code) => ({
    value: code,
    label: `${ISO6391.getNativeName(code)} (${ISO6391.getName(code)})`,
  }))
  .sort((a, b) => a.label.localeCompare(b.label))
