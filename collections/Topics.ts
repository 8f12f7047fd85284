import { termCollection } from './shared/termCollection'

export const Topics = termCollection({
  slug: 'topics',
  singular: 'Topic',
  plural: 'Topics',
  description: 'Subjects resources and events are about (COVID-19, case management, …).',
})
