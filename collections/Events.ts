import type { CollectionConfig, DateField, SelectField } from 'payload'

import {
  createGroupContent,
  deleteGroupContent,
  updateGroupContent,
  ownFilesUnlessEditor,
} from '../src/access/rules'
import { editorNotesField } from '../src/fields/editorNotes'
import { derivedDurationField, endField, endsAsEditorsThink } from '../src/events/ends'
import { keepKnownStart } from '../src/events/knownStart'
import { startAtEarliestSession, startOrSessions } from '../src/hooks/startAtEarliestSession'
import { languageField } from '../src/fields/languages'
import { lockSharedFieldsForTranslators } from '../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../src/fields/slug'
import { taxonomyField } from '../src/fields/taxonomy'
import { urlField } from '../src/fields/url'
import { workingGroupsField } from '../src/fields/workingGroups'
import { knownTimeZone, TIME_ZONES } from '../src/timeZones'
import { editorialReadAccess, editorialWorkflow } from './shared/versioned'
import { localizedText } from '../src/fields/localizedText'
import { previewButton } from '../src/preview/endpoint'

/** A start's zone, for the event and each session. */
const organiserTimeZone = {
  required: true,
  supportedTimezones: TIME_ZONES,
  defaultTimezone: 'Europe/Zurich',
  // Payload leaves an unknown zone to the database, which answers with a 500.
  override: ({ baseField }: { baseField: SelectField }) => ({
    ...baseField,
    validate: knownTimeZone,
  }),
} satisfies DateField['timezone']

export const Events: CollectionConfig = {
  slug: 'events',
  labels: { singular: 'Webinar or event', plural: 'Webinars & events' },
  ...editorialWorkflow,
  defaultSort: '-startsAt',
  admin: {
    preview: previewButton('events'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', 'startsAt', 'languages', 'workingGroups', '_status'],
    listSearchableFields: ['title', 'slug'],
    group: 'Content',
    description:
      'Webinars, live Q&As, trainings of trainers, annual meetings and launches. Start times are stored in UTC with the organiser’s time zone; a start known only to the day or month is kept at midnight of that day on the organiser’s clock.',
  },
  access: {
    ...editorialReadAccess,
    create: createGroupContent,
    update: updateGroupContent,
    delete: deleteGroupContent,
  },
  hooks: {
    beforeValidate: [startAtEarliestSession],
    beforeChange: [keepKnownStart, endsAsEditorsThink],
  },
  fields: lockSharedFieldsForTranslators([
    localizedText('title', { required: true }),
    slugField('title'),
    {
      name: 'kind',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'webinar',
      options: [
        { label: 'Webinar', value: 'webinar' },
        { label: 'Live Q&A', value: 'live-qa' },
        { label: 'Training of trainers', value: 'training-of-trainers' },
        { label: 'Training', value: 'training' },
        { label: 'Annual meeting', value: 'annual-meeting' },
        { label: 'Virtual launch', value: 'virtual-launch' },
        { label: 'Meeting', value: 'meeting' },
      ],
    },
    {
      name: 'series',
      type: 'group',
      admin: { description: 'For a part of a series, e.g. coaching series part 2 of 3.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', localized: true },
            { name: 'part', type: 'number', min: 1 },
            { name: 'of', type: 'number', min: 1 },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'startsAt',
          type: 'date',
          required: true,
          index: true,
          validate: startOrSessions,
          timezone: organiserTimeZone,
          admin: {
            date: { pickerAppearance: 'dayAndTime' },
            description:
              'Entered in the organiser’s time zone, stored in UTC. Find a zone by city or abbreviation (Geneva, CET, EDT). With sessions, the earliest session’s start.',
            components: { Cell: '/src/components/admin/EventStartCell#EventStartCell' },
          },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        endField(
          'On the organiser’s clock. A meeting over several days known to the day: its last day. Leave empty when unknown.',
        ),
        derivedDurationField,
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'precision',
          label: 'Start known to',
          type: 'select',
          required: true,
          defaultValue: 'exact',
          options: [
            { label: 'The minute', value: 'exact' },
            { label: 'The day', value: 'day' },
            { label: 'The month', value: 'month' },
            { label: 'Approximately', value: 'approximate' },
          ],
        },
        {
          name: 'approximateLabel',
          type: 'text',
          localized: true,
          admin: {
            description:
              'Shown instead of the date when the start is approximate, e.g. “mid-March”.',
            condition: (data) => data?.precision === 'approximate',
          },
        },
      ],
    },
    {
      name: 'sessions',
      labels: { singular: 'Session', plural: 'Sessions (one per language or date)' },
      type: 'array',
      admin: {
        description:
          'The same webinar held several times, e.g. in English on 21 July and in Spanish on 23 July: each session has its own language, start and recording. The event’s start becomes the earliest session’s.',
        initCollapsed: false,
      },
      fields: [
        {
          type: 'row',
          fields: [
            languageField({ name: 'language', required: true }),
            {
              name: 'startsAt',
              type: 'date',
              required: true,
              timezone: organiserTimeZone,
              admin: { date: { pickerAppearance: 'dayAndTime' } },
            },
            endField('On this session’s clock.'),
            derivedDurationField,
          ],
        },
        {
          type: 'row',
          fields: [
            urlField('registrationUrl', { label: 'Registration link' }),
            urlField('recordingUrl', { label: 'Recording link' }),
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'format',
          type: 'select',
          required: true,
          defaultValue: 'online',
          options: [
            { label: 'Online', value: 'online' },
            { label: 'In person', value: 'in-person' },
            { label: 'Hybrid', value: 'hybrid' },
          ],
        },
        { name: 'location', type: 'text', localized: true },
      ],
    },
    languageField({ name: 'languages', hasMany: true, required: true }),
    languageField({ name: 'interpretation', label: 'Interpretation into', hasMany: true }),
    workingGroupsField({ label: 'Organising groups' }),
    {
      type: 'row',
      fields: [
        {
          name: 'organisedByAlliance',
          label: 'Organised by the Alliance itself',
          type: 'checkbox',
          defaultValue: false,
          admin: {
            description: 'For an event of the Alliance as a whole, not of one working group.',
          },
        },
        {
          name: 'organisingOrganisations',
          label: 'Organising organisations',
          type: 'relationship',
          relationTo: 'organisations',
          hasMany: true,
          admin: { description: 'Partners or other organisations that organise it.' },
        },
      ],
    },
    {
      name: 'speakers',
      labels: { singular: 'Speaker', plural: 'Speakers' },
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'person', type: 'relationship', relationTo: 'people', required: true },
            { name: 'affiliation', type: 'relationship', relationTo: 'organisations' },
            {
              name: 'role',
              type: 'text',
              localized: true,
              admin: { description: 'e.g. Facilitator, Moderator' },
            },
          ],
        },
      ],
    },
    taxonomyField('audiences', 'audiences'),
    taxonomyField('topics', 'topics'),
    { name: 'summary', type: 'textarea', localized: true },
    { name: 'description', type: 'richText', localized: true },
    urlField('registrationUrl', { label: 'Registration link' }),
    urlField('recordingUrl', { label: 'Recording link' }),
    {
      name: 'attachments',
      type: 'upload',
      relationTo: 'media',
      hasMany: true,
      filterOptions: ownFilesUnlessEditor,
      admin: { description: 'Flyer, slides, …' },
    },
    {
      name: 'recording',
      type: 'upload',
      relationTo: 'media',
      filterOptions: ownFilesUnlessEditor,
      admin: {
        description:
          'The recording as a file on the hub (MP4 or MP3), besides or instead of a link.',
      },
    },
    editorNotesField(),
  ]),
}
