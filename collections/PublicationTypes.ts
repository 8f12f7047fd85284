import { termCollection } from './shared/termCollection'

export const PublicationTypes = termCollection({
  slug: 'publication-types',
  singular: 'Publication type',
  plural: 'Publication types',
  description: 'The kind of document a resource is (toolkit, case study, video, …).',
})
