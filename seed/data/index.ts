import type { SeedInput } from '../schema'
import events from './events'
import news from './news'
import newsletters from './newsletters'
import organisations from './organisations'
import people from './people'
import resources from './resources'
import { audiences, publicationTypes, standards, themes, topics } from './taxonomies'
import translations from './translations'
import workingGroups from './working-groups'

export const seedData = {
  organisations,
  people,
  topics,
  themes,
  audiences,
  publicationTypes,
  standards,
  workingGroups,
  resources,
  translations,
  events,
  news,
  newsletters,
} satisfies SeedInput
