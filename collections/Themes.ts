import { termCollection } from './shared/termCollection'

export const Themes = termCollection({
  slug: 'themes',
  singular: 'Cross-cutting theme',
  plural: 'Cross-cutting themes',
  description: 'Themes that cut across topics (early childhood, disability, urban settings, …).',
})
