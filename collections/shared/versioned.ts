import type { CollectionConfig } from 'payload'

import { publishedOrSignedIn, signedIn } from '../../src/access/rules'

/**
 * Drafts, version history and scheduled publishing. Anonymous readers only ever see the
 * published version; the version history is for signed-in editors.
 */
export const editorialWorkflow = {
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
} satisfies Pick<CollectionConfig, 'versions'>

export const editorialReadAccess = {
  read: publishedOrSignedIn,
  readVersions: signedIn,
} satisfies CollectionConfig['access']
