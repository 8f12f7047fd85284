// Rules every collection of the hub follows, added in one place rather than repeated in each file.
import type { CollectionConfig } from 'payload'

import { boundAnonymousReads } from './boundAnonymousReads'
import { refusePartialBulkActions } from './bulkActions'
import { keepTranslatorsToDrafts } from './keepTranslatorsToDrafts'
import { answerWritesWithoutFallback, guardTranslations } from '../translations/keepFallbackOut'
import { markUntranslatedTitles } from '../translations/titleCells'
import { settleNewRows } from '../fields/settleNewRows'

export const withHubRules = (config: CollectionConfig): CollectionConfig => {
  const collection = markUntranslatedTitles(config)
  return {
    ...collection,
    fields: settleNewRows(guardTranslations(collection.fields)),
    hooks: {
      ...collection.hooks,
      beforeOperation: [
        boundAnonymousReads,
        answerWritesWithoutFallback,
        ...(collection.versions &&
        typeof collection.versions === 'object' &&
        collection.versions.drafts
          ? [keepTranslatorsToDrafts]
          : []),
        refusePartialBulkActions,
        ...(collection.hooks?.beforeOperation ?? []),
      ],
    },
  }
}
