import type { SelectField } from 'payload'

import { LANGUAGE_OPTIONS } from '../languages'

/** One or more ISO 639-1 languages; not limited to the hub's four interface locales. */
export const languageField = (overrides: Partial<SelectField> = {}): SelectField =>
  ({
    name: 'language',
    type: 'select',
    options: LANGUAGE_OPTIONS,
    index: true,
    enumName: 'iso_639_1',
    ...overrides,
  }) as SelectField
