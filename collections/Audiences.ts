import { termCollection } from './shared/termCollection'

export const Audiences = termCollection({
  slug: 'audiences',
  singular: 'Audience',
  plural: 'Audiences',
  description: 'Who a resource or event is for.',
})
