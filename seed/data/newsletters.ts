import type { NewsletterSeed } from '../schema'

const covidSeriesNote =
  'This webinar is part of the Alliance L&D Working Group webinar series on Child Protection Capacity Building Adaptations during COVID-19. Each webinar will present practical approaches and recommendations on how to adapt capacity building activities and deliver them remotely, based on the real life experience of colleagues from across the CPHA sector.'

export default [
  {
    slug: '2021-02',
    title: 'Newsletter, February 2021',
    issueDate: '2021-02-01',
    intro: [
      'The Alliance for Child Protection in Humanitarian Action ("The Alliance") envisions a world in which children are protected from abuse, neglect, exploitation and violence in humanitarian settings. Its mission is to support the efforts of humanitarian actors to achieve high-quality and effective child protection interventions in both refugee and non-refugee humanitarian contexts.',
      'This Feb 2021 edition summarizes Alliance efforts to protect children and equip child protection actors in humanitarian settings.',
    ],
    sections: [
      {
        kind: 'group-updates',
        heading: 'Updates from Working Groups and Task Forces',
        items: [
          {
            ref: { collection: 'news', slug: 'caafag-task-force-launches-technical-note-on-girls' },
          },
          {
            ref: {
              collection: 'news',
              slug: 'ame-working-group-finalizing-child-well-being-measurement-framework',
            },
          },
          { ref: { collection: 'news', slug: 'cpms-e-course-updated-and-expanded' } },
          {
            ref: {
              collection: 'news',
              slug: 'ld-webinar-series-cp-capacity-building-adaptations-during-covid-19',
            },
          },
        ],
      },
      {
        kind: 'latest-resources',
        heading: 'Latest Resources',
        items: [
          {
            ref: {
              collection: 'resources',
              slug: 'evidence-synthesis-update-covid-19-and-refugee-idp-and-migrant-children',
            },
            note: 'Update The latest evidence synthesis analyzes the primary and secondary impacts of the pandemic on children who are refugees, IDPs and/or migrants and highlights important protective factors and emerging response measures identified in a review of recent news media, project reporting, academic research and other relevant resources mapped over the previous five-month period.',
          },
          {
            ref: { collection: 'resources', slug: 'children-isolation-and-quarantine' },
            note: 'Drafted in collaboration with WHO, this UNICEF document on “Children, Isolation and Quarantine: Preventing Family Separation and Other Child Protection Considerations during the COVID-19 Pandemic” aims at assisting Child Protection and Health actors to preserve family unity as the pandemic continues, in line with recommended infection prevention and control measures for the COVID-19 disease.',
          },
          {
            ref: { collection: 'resources', slug: '2020-annual-meeting-moments-report' },
            note: 'Did you miss out on the Alliance 2020 Annual Meeting on Infectious Disease Outbreaks and the Protection of Children? No need to worry - you can follow-along just as if you were at the 2020 Annual Meeting by browsing through The Alliance 2020 Annual Meeting Twitter Account! Or, find all about the 2020 Annual Meeting by taking a look at our 2020 Annual Meeting Moments Report and Annual Meeting Report Summary!',
          },
        ],
      },
      {
        kind: 'upcoming-webinars',
        heading: 'Upcoming Webinars',
        items: [
          {
            ref: {
              collection: 'events',
              slug: 'webinar-social-protection-and-humanitarian-action-2021-02-18',
            },
            note: 'The benefits of social protection and humanitarian actors working together in different ways across the “nexus” is well-recognised. In order to address the wide range of needs (in the last year, often pandemic-related), and particularly those of a socio-economic nature, the use of cash has been the response of choice for governments expanding their social protection systems as well as for humanitarian actors in a range of sectors, including child protection.',
          },
          {
            ref: {
              collection: 'events',
              slug: 'cp-capacity-building-adaptations-covid-19-webinar-2021-02-18-arabic',
            },
            note: 'This webinar is a part of the Alliance L&D Working Group webinar series on Child Protection Capacity Building Adaptations during COVID-19. Each webinar will present practical approaches and recommendations on how to adapt capacity building activities and deliver them remotely, based on the real life experience of colleagues from across the CPHA sector.',
          },
          {
            ref: {
              collection: 'events',
              slug: 'cp-capacity-building-adaptations-covid-19-webinar-2021-02-26',
            },
            note: covidSeriesNote,
          },
          {
            ref: {
              collection: 'events',
              slug: 'cp-capacity-building-adaptations-covid-19-webinar-2021-03-05',
            },
            note: covidSeriesNote,
          },
        ],
      },
      {
        kind: 'trainings',
        heading: 'New Trainings and E-Learnings',
        items: [
          {
            ref: { collection: 'resources', slug: 'cpms-e-course' },
            note: 'Welcome to the Alliance’s core training on the Minimum Standards for Child Protection in Humanitarian Action (CPMS). This introductory e-course is for anyone currently working with and for children in humanitarian settings, as well as all child protection workers who want to prepare themselves for a potential humanitarian crisis.',
          },
          {
            ref: { collection: 'resources', slug: 'safeguarding-matters' },
            note: 'The Resource and Support Hub (RSH) has developed a series of five online training modules called Safeguarding Matters, that are free and accessible. The modules tell the story of a fictional civil society organisation called Family Health Frontiers (FHF). Over the five modules, learners join the FHF team as they seek to become a safer organisation and navigate safeguarding challenges. The RSH is pleased to announce that Module 1 is out now in English!',
          },
        ],
      },
    ],
  },
] satisfies NewsletterSeed[]
