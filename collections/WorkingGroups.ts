import type { CollectionConfig } from 'payload'

import { adminsAndEditors, anyone, updateWorkingGroup } from '../src/access/rules'
import { lockSharedFieldsForTranslators } from '../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../src/fields/slug'
import { taxonomyField } from '../src/fields/taxonomy'
import { localizedText } from '../src/fields/localizedText'
import { previewButton } from '../src/preview/endpoint'

export const WorkingGroups: CollectionConfig = {
  slug: 'working-groups',
  labels: { singular: 'Working group', plural: 'Working groups & task forces' },
  admin: {
    preview: previewButton('working-groups'),
    useAsTitle: 'name',
    defaultColumns: ['name', 'shortName', 'kind', 'status', 'leadOrganisations'],
    listSearchableFields: ['name', 'shortName'],
    group: 'Content',
    description:
      'Working groups, task forces and initiatives of the Alliance, with their leads and key tools.',
  },
  access: {
    read: anyone,
    create: adminsAndEditors,
    update: updateWorkingGroup,
    delete: adminsAndEditors,
  },
  fields: lockSharedFieldsForTranslators([
    localizedText('name', { required: true }),
    {
      type: 'row',
      fields: [
        { name: 'shortName', type: 'text', admin: { description: 'e.g. CPMS WG, CAAFAG TF' } },
        {
          name: 'kind',
          type: 'select',
          required: true,
          index: true,
          defaultValue: 'working-group',
          options: [
            { label: 'Working group', value: 'working-group' },
            { label: 'Task force', value: 'task-force' },
            { label: 'Initiative', value: 'initiative' },
          ],
        },
        {
          name: 'status',
          type: 'select',
          required: true,
          index: true,
          defaultValue: 'active',
          options: [
            { label: 'Active', value: 'active' },
            { label: 'Archived', value: 'archived' },
          ],
        },
      ],
    },
    slugField('name'),
    { name: 'summary', type: 'textarea', localized: true },
    taxonomyField('leadOrganisations', 'organisations', { label: 'Lead organisations' }),
    {
      name: 'contactEmail',
      type: 'email',
      admin: { description: 'Public contact address of the group.' },
    },
    { name: 'mission', type: 'richText', localized: true },
    {
      name: 'priorities',
      labels: { singular: 'Priority', plural: 'Key priorities' },
      type: 'array',
      fields: [localizedText('text', { required: true })],
    },
    {
      name: 'leads',
      labels: { singular: 'Lead', plural: 'Group leads' },
      type: 'array',
      fields: [
        { name: 'person', type: 'relationship', relationTo: 'people', required: true },
        { name: 'role', type: 'text', localized: true, admin: { description: 'e.g. Co-lead' } },
      ],
    },
    taxonomyField('members', 'organisations', { label: 'Member organisations' }),
    {
      name: 'keyTools',
      label: 'Key tools',
      type: 'relationship',
      relationTo: 'resources',
      hasMany: true,
    },
  ]),
}
