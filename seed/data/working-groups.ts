import type { WorkingGroupSeed } from '../schema'

export default [
  {
    slug: 'cpms-working-group',
    name: 'Child Protection Minimum Standards Working Group',
    shortName: 'CPMS WG',
    kind: 'working-group',
    leadOrganisations: ['irc', 'plan-international'],
    contactEmail: 'cpms.wg@alliancecpha.org',
    summary:
      'The Child Protection Minimum Standards (CPMS) Working Group supports the participatory setting of sector-wide standards for child protection in humanitarian action, promotes their use and institutionalisation and captures lessons learned to improve them',
    mission: [
      'The Child Protection Minimum Standards (CPMS) Working Group supports the participatory setting of sector-wide standards for child protection in humanitarian action, promotes their use and institutionalisation and captures lessons learned to improve them',
    ],
    priorities: [
      'Overseeing the roll-out of the CPMS 2019 edition',
      'Promoting the CPMS implementation across sectors',
      'Developing multimedia capacity-building resources',
      'Supporting humanitarian agencies to institutionalise the standards',
      'Ensuring resources are available in Arabic, French and Spanish',
    ],
    leads: [
      { person: 'wajahat-ali', role: 'Working Group Lead' },
      { person: 'ilenia-de-marino', role: 'Working Group Lead' },
    ],
    keyTools: [
      'indicators-to-measure-cross-sectoral-contributions-to-childrens-protection-and-well-being',
      'minimum-standards-for-child-protection-in-humanitarian-action',
      'working-together',
      'enhanced-cpms-indicators-table',
    ],
  },
  {
    slug: 'learning-and-development-working-group',
    name: 'Learning and Development Working Group',
    shortName: 'L&D WG',
    kind: 'working-group',
    leadOrganisations: ['unhcr', 'terre-des-hommes', 'unicef', 'cp-aor'],
    summary:
      'The Alliance’s Learning and Development Working Group coordinates efforts to build capacity and plays an important role in capacity needs analysis – understanding and mapping learning and development in the global child protection in emergencies sector, and planning for the future.',
    mission: [
      'In 2010, Alliance members came together to agree on a capacity building strategy for the sector. Humanitarian response reviews, as well as the CPWG Annual Survey, repeatedly highlight both the need to develop the pool of high quality, deployable child protection personnel, and to develop the child protection capacity of frontline staff at the national level.',
      'The Alliance’s Learning and Development Working Group coordinates efforts to build capacity and plays an important role in capacity needs analysis – understanding and mapping learning and development in the global child protection in emergencies sector, and planning for the future.',
    ],
    priorities: [
      'Develop, promote and distribute agreed products and processes to build capacity of child protection actors including those working with governments and communities.',
      'Increase the number of humanitarian staff who are trained to deliver and support child protection in humanitarian settings.',
      'Build on the post-graduate diploma project, including through tertiary education uptake of and contribution to expertise including further studies and research.',
    ],
  },
  {
    slug: 'advocacy-working-group',
    name: 'Advocacy Working Group',
    kind: 'working-group',
    leadOrganisations: ['irc', 'world-vision'],
  },
  {
    slug: 'ame-working-group',
    name: 'Assessment, Measurement and Evidence Working Group',
    shortName: 'AME WG',
    kind: 'working-group',
  },
  {
    slug: 'caafag-task-force',
    name: 'Children Associated with Armed Forces and Armed Groups Task Force',
    shortName: 'CAAFAG TF',
    kind: 'task-force',
    leadOrganisations: ['plan-international', 'war-child'],
  },
  {
    slug: 'uasc-task-force',
    name: 'Unaccompanied and Separated Children Task Force',
    shortName: 'UASC TF',
    kind: 'task-force',
    leadOrganisations: ['irc', 'unhcr'],
  },
  {
    slug: 'child-labour-task-force',
    name: 'Child Labour Task Force',
    kind: 'task-force',
    leadOrganisations: ['plan-international', 'ilo'],
  },
  {
    slug: 'community-level-child-protection-task-force',
    name: 'Community-Level Child Protection Task Force',
    kind: 'task-force',
    leadOrganisations: ['world-vision', 'plan-international'],
  },
  {
    slug: 'case-management-task-force',
    name: 'Case Management Task Force',
    shortName: 'CMTF',
    kind: 'task-force',
  },
  {
    slug: 'measuring-separation-in-emergencies',
    name: 'Measuring Separation in Emergencies',
    shortName: 'MSiE',
    kind: 'initiative',
    leadOrganisations: ['save-the-children'],
    summary:
      'The Measuring Separation in Emergencies (MSiE) project is an interagency initiative under the Alliance for Child Protection in Humanitarian Action, funded by the USAID Office of Foreign Disaster Assistance (OFDA) and coordinated by Save the Children in partnership with Columbia University.',
  },
] satisfies WorkingGroupSeed[]
