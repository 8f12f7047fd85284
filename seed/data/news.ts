import type { NewsPostSeed } from '../schema'

export default [
  // ── Latest news of the CPMS Working Group (page 004); the page gives no dates ─────────
  {
    slug: 'the-cpms-is-now-available-in-polish-and-more',
    title: 'The CPMS is Now Available in Polish and more!',
    summary:
      'The Minimum Standards for Child Protection in Humanitarian Action (CPMS) are now available in Polish and more, expanding access to critical guidance for child protection practitioners worldwide. The CPMS sets out essential principles and best practices to protect children in emergencies, providing a framework for effective, high-quality responses. These available translations ensure that more...',
    workingGroups: ['cpms-working-group'],
    resources: ['minimum-standards-for-child-protection-in-humanitarian-action'],
  },
  {
    slug: 'new-resources-for-working-across-sectors',
    title: 'New Resources for Working Across Sectors',
    summary:
      'The whole humanitarian system has a role to play in realising children’s rights, including their right to protection. Greater collaboration, action, and investment are needed to ensure all humanitarian interventions are safe, accessible, and child protection sensitive. When protecting children is a central and common objective across sectors, it contributes to greater accountability to children...',
    workingGroups: ['cpms-working-group'],
    resources: [
      'indicators-to-measure-cross-sectoral-contributions-to-childrens-protection-and-well-being',
    ],
  },
  // ── Monthly "L+D News" updates (page 003) ────────────────────────────────────────
  {
    slug: 'ld-news-january-2017',
    title: 'L+D News, January 2017',
    date: '2017-01-01',
    body: [
      'As the Alliance Coordinator has articulated, one of our goals is to ensure that “the entire child protection sector is technically strong”. To fulfill that vision, the Learning & Development Working Group has been reconstituted under the leadership of UNHCR, Terre des hommes, UNICEF and the AoR. It is currently finalising the 2017 workplan and will soon be recruiting a full time Focal Point (please check back on the Alliance webpage).',
      'In late March, the Working Group is co-organising a Training of Trainers with the CPMS Working Group. 25 participants, representing national and international NGOs, as well as UN agencies from primarily Africa and the Middle East, will gather in Nairobi to explore the Alliance’s approach to learning and to increase their own capacity building skills.',
    ],
    workingGroups: ['learning-and-development-working-group', 'cpms-working-group'],
  },
  {
    slug: 'ld-news-february-2018',
    title: 'L+D News, Feb 2018',
    date: '2018-02-01',
    body: [
      'The Learning and Development Working Group is currently updating and re-branding the Child Protection in Emergencies Face-to-Face training package in preparation for the Training of Trainers in Nairobi next month. This update will benefit the entire sector and is the first phase of the revision of this package.',
      'Across February and March 2018, the Learning and Development Working Group will be working on the revision of the Child Protection in Emergencies Competency Framework. We invite anyone interested in participating in this process to contact Natalie McCauley.',
      'In collaboration with the Unaccompanied and Separated Children and Child Labour Task Forces, the Learning and Development Working Group is developing short videos to promote the current work of these groups including new training, tool kits and guidance.',
      'For any further information or technical assistance, please contact Natalie McCauley.',
    ],
    workingGroups: [
      'learning-and-development-working-group',
      'uasc-task-force',
      'child-labour-task-force',
    ],
    resources: ['cpie-face-to-face-training-package', 'cpie-competency-framework'],
  },
  {
    slug: 'ld-news-april-2018',
    title: 'L+D News, April 2018',
    date: '2018-04-01',
    body: [
      'All the recordings from the CPMS webinar series are now available online.',
      'The Learning and Development Working Group welcomes 23 newcomers to the Alliance’s Community of Practice for Child Protection in Emergencies Trainers. Representing 13 national and international agencies (and 4 consultants), they were the participants at the most recent global Training of Trainers workshop, held in Nairobi. For further details on joining the Community of Practice or to share ideas please contact Joanna Wedge.',
      'A video introducing new staff to the CPMS will be ready in June. We are looking for colleagues – particularly in national organizations – who were hired within the last 6 months (or who have only previously worked in development settings) to test the final version. If you are interested or can recommend someone, please contact Joanna (above) by May 3rd.',
    ],
    workingGroups: ['learning-and-development-working-group', 'cpms-working-group'],
  },
  {
    slug: 'ld-news-may-2018',
    title: 'L+D News, May 2018',
    date: '2018-05-01',
    body: [
      'Child Protection in Emergencies Face to Face Training Package – is going through a revision and update process over the next 6 to 12 months. This will align it with the revisions of the CPMS as well as new research and findings from the field in the past 4 years. The initial stage of rebranding the old package has been complete and can be found here. If you would like further information, or you have suggestions for this revision, please contact –',
      'Child Protection in Emergencies Competency Framework – First developed in 2010, this key strategic document is now undergoing a process of revision. The initial stage (February to April 2018) involved a desk review, and key informant interviews with an initial report produced. We will now be conducting a first stage revision based on these outcomes. If you would like to be involved in future revisions, please contact –',
    ],
    workingGroups: ['learning-and-development-working-group'],
    resources: ['cpie-face-to-face-training-package', 'cpie-competency-framework'],
  },

  // ── Dated updates from working groups and task forces (newsletter, page 002) ─────
  // The newsletter items have no headings; the titles below are descriptive.
  {
    slug: 'caafag-task-force-launches-technical-note-on-girls',
    title:
      'CAAFAG Task Force launches the Technical Note on Girls Associated with Armed Forces and Armed Groups',
    date: '2021-01-29',
    body: [
      'The Children Affected by Armed Forces and Armed Groups Task force has been hard at work with the launch of The Technical Note on Girls Associated with Armed Forces and Armed Groups, now available in English, French and Spanish and Arabic. Find the recording of the launch event here! The CAAFAG Task Force has also organized two webinars on the Technical Note on Girls Associated with Armed Forces and Armed Groups, in both French and English.',
    ],
    workingGroups: ['caafag-task-force'],
    resources: ['technical-note-on-girls-associated-with-armed-forces-and-armed-groups'],
  },
  {
    slug: 'ame-working-group-finalizing-child-well-being-measurement-framework',
    title:
      'AME Working Group finalizing the Child Well-Being Measurement Framework and Contextualization Guide and Training Package',
    date: '2021-02-05',
    body: [
      'In exciting news, the AME Working Group is busy finalizing the Child Well-Being Measurement Framework and Contextualization Guide and Training Package. This Guide presents the global definition of child well-being and the measurement framework as well as the contextualization process.',
    ],
    workingGroups: ['ame-working-group'],
  },
  {
    slug: 'cpms-e-course-updated-and-expanded',
    title: 'Free introductory e-course on the 2019 CPMS updated and expanded',
    date: '2021-02-05',
    body: [
      'Please spread the word about the free, introductory e-course on the 2019 Minimum Standards for Child Protection in Humanitarian Action! This self-paced, online course (currently in English) has been newly updated and expanded, including important new learning modules on Sexual and Gender-Based Violence and Physical and Emotional Maltreatment. Empower more people around the world to learn how the CPMS can help guide their work! Please share these e-course posts on Facebook, LinkedIn and Twitter.',
    ],
    resources: ['cpms-e-course'],
  },
  {
    slug: 'ld-webinar-series-cp-capacity-building-adaptations-during-covid-19',
    title:
      'L&D Working Group webinar series on Child Protection Capacity Building Adaptations during COVID-19',
    date: '2021-02-05',
    body: [
      'The L&D Working Group is organizing a webinar series on Child Protection Capacity Building Adaptations during COVID-19. Each webinar will present practical approaches and recommendations on how to adapt capacity building activities and deliver them remotely, based on the real life experience of colleagues from across the CPHA sector.',
    ],
    workingGroups: ['learning-and-development-working-group'],
  },
] satisfies NewsPostSeed[]
