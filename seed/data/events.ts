import type { EventSeed } from '../schema'

const coachingSeries = 'Alliance for Child Protection in Humanitarian Action Coaching Webinars'
const covidSeriesNote =
  'This webinar is part of the Alliance L&D Working Group webinar series on Child Protection Capacity Building Adaptations during COVID-19. Each webinar will present practical approaches and recommendations on how to adapt capacity building activities and deliver them remotely, based on the real life experience of colleagues from across the CPHA sector.'

export default [
  // ── Home page (page 000) ─────────────────────────────────────────────────────────
  {
    slug: 'annual-meeting-2019',
    title:
      '2019 Annual Meeting for Child Protection in Humanitarian Action and Launch of the Second Edition of the Child Protection Minimum Standards',
    kind: 'annual-meeting',
    startsAt: '2019-10-14T00:00:00Z',
    precision: 'day',
    durationMinutes: 2 * 24 * 60,
    timeZone: 'Europe/Zurich',
    format: 'in-person',
    location: 'Geneva, Switzerland',
    languages: ['en'],
    summary:
      'The Alliance for Child Protection in Humanitarian Action (the Alliance) is organizing its annual meeting in Geneva on 14 and 15 October 2019. The technical Working Groups and Task Forces of the Alliance will also be meeting on 16 and 17 October 2019. The Annual Meeting is an opportunity for Child Protection actors get to come together and exchange knowledge and experience, while networking with other agencies, academics, policy makers and donors. The annual meeting represents a forum where important themes can be discussed together and ways forward can be framed.',
  },
  {
    slug: 'working-groups-and-task-forces-meetings-2019',
    title: 'Meetings of the Alliance technical Working Groups and Task Forces, October 2019',
    kind: 'meeting',
    startsAt: '2019-10-16T00:00:00Z',
    precision: 'day',
    durationMinutes: 2 * 24 * 60,
    timeZone: 'Europe/Zurich',
    format: 'in-person',
    location: 'Geneva, Switzerland',
    languages: ['en'],
    summary:
      'The technical Working Groups and Task Forces of the Alliance will also be meeting on 16 and 17 October 2019.',
  },

  // ── Learning and Development Working Group page (page 003) ───────────────────────
  {
    slug: 'coaching-webinar-1-defining-coaching-mentoring-and-supervision',
    title:
      'Webinar 1: Defining coaching mentoring and supervision for child protection actors within the humanitarian sector',
    kind: 'webinar',
    series: { name: coachingSeries, part: 1, of: 3 },
    startsAt: '2018-02-20T11:00:00Z',
    durationMinutes: 75,
    timeZone: 'Europe/London',
    format: 'online',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    speakers: [
      {
        person: 'angie-bamgbose',
        role: 'Freelance coach and child protection and safeguarding consultant',
      },
      {
        person: 'stephanie-delanay',
        role: 'Presenting on the Case Management Task Force supervision pilot',
      },
      {
        person: 'courtlin-stoker',
        role: 'Presenting on the Save the Children mentoring programmes',
      },
    ],
    topics: ['capacity-strengthening'],
    summary:
      'This webinar will differentiate between coaching, mentoring and supervision. There will be a panel discussion featuring presentations from Angie Bamgbose (freelance coach and child protection and safeguarding consultant), Stephanie Delanay on the Case Management Task Force supervision pilot and Courtlin Stoker on the Save the Children mentoring programmes. This will be followed by a Q&A. After the webinar, we will circulate a questionnaire for participants to outline their coaching and mentoring roles, and to identify their capacity, achievements and challenges. Based on those submissions, 15 respondents will be invited to attend the second two webinars. You MUST have participated in the first webinar to apply.',
  },
  {
    slug: 'coaching-webinar-2-skills-and-models-for-coaching-mentoring-and-supervision',
    title: 'Webinar 2: Skills and models for coaching, mentoring and supervision',
    kind: 'webinar',
    series: { name: coachingSeries, part: 2, of: 3 },
    startsAt: '2018-03-15T00:00:00Z',
    precision: 'approximate',
    approximateLabel: 'Mid-March 2018',
    timeZone: 'Europe/London',
    format: 'online',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
    summary:
      'This webinar will explore key coaching skills to build rapport and trusting relationships (including distance relationships). The GROW model of coaching (John Whitmore) will be shared to provide a simple structure for sessions. Information will be given on how to contract for coaching (agree expectations/ objectives/ what the coaching will address, frequency, timing, confidentiality etc.) Participants practice coaching in the time between the 2nd and 3rd webinars, and provide feedback to inform the third webinar.',
  },
  {
    slug: 'coaching-webinar-3-reflection-on-coaching-implementation',
    title: 'Webinar 3: Reflection on coaching implementation since the first two webinars',
    kind: 'webinar',
    series: { name: coachingSeries, part: 3, of: 3 },
    startsAt: '2018-05-15T00:00:00Z',
    precision: 'approximate',
    approximateLabel: 'Mid-May 2018',
    timeZone: 'Europe/London',
    format: 'online',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
    summary:
      'It is important for coaches, mentors and supervisors to have opportunities to reflect on their coaching to promote quality, continue to strengthen capacity and receive support. This webinar will act as a safe space to reflect on the coaching that participants have engaged with since the start of the series.',
  },
  {
    slug: 'webinar-cp-case-management-supervision-and-coaching-training-package',
    title: 'Webinar: CP Case Management Supervision and Coaching Training Package',
    kind: 'webinar',
    startsAt: '2018-02-01T00:00:00Z',
    precision: 'approximate',
    approximateLabel: 'Feb–Aug 2018',
    timeZone: 'Europe/Zurich',
    format: 'online',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
    summary:
      'The Alliance launched the webinar on the Child Protection Case Management Supervision and Coaching Training package, with pre-recorded presentations and a live Q&A.',
  },
  {
    slug: 'webinar-protection-of-children-during-infectious-disease-outbreaks',
    title: 'Webinar: Protection of Children during Infectious Disease Outbreaks',
    kind: 'webinar',
    startsAt: '2018-02-01T00:00:00Z',
    precision: 'approximate',
    approximateLabel: 'Feb–Aug 2018',
    timeZone: 'Europe/Zurich',
    format: 'online',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    summary:
      'The Alliance launched the webinar on the protection of children during infectious disease outbreaks composed of a short presentation and highlights from the live Q&A.',
  },
  {
    slug: 'webinar-mine-risk',
    title: 'Webinar: Mine Risk',
    kind: 'live-qa',
    startsAt: '2018-02-01T00:00:00Z',
    precision: 'approximate',
    approximateLabel: 'Feb–Aug 2018',
    timeZone: 'Europe/Zurich',
    format: 'online',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    summary:
      'The Alliance hosted a live Q&A with child protection and mine action experts. Participants were encouraged to watch four short videos ahead of the call. These videos address essential issues, including mine risk education, child focused victim assistance and advocacy.',
  },
  {
    slug: 'tot-london-2014',
    title: 'Training of Trainers on Child Protection in Emergencies and the CPMS, London',
    kind: 'training-of-trainers',
    startsAt: '2014-01-01T00:00:00Z',
    precision: 'month',
    timeZone: 'Europe/London',
    format: 'in-person',
    location: 'London',
    languages: ['en'],
    topics: ['capacity-strengthening'],
  },
  {
    slug: 'tot-bangkok-2015',
    title: 'Training of Trainers on Child Protection in Emergencies and the CPMS, Bangkok',
    kind: 'training-of-trainers',
    startsAt: '2015-01-01T00:00:00Z',
    precision: 'month',
    timeZone: 'Asia/Bangkok',
    format: 'in-person',
    location: 'Bangkok',
    languages: ['en'],
    topics: ['capacity-strengthening'],
  },
  {
    slug: 'tot-beirut-2015',
    title: 'Training of Trainers on Child Protection in Emergencies and the CPMS, Beirut',
    kind: 'training-of-trainers',
    startsAt: '2015-03-01T00:00:00Z',
    precision: 'month',
    timeZone: 'Asia/Beirut',
    format: 'in-person',
    location: 'Beirut',
    languages: ['en'],
    topics: ['capacity-strengthening'],
  },
  {
    slug: 'tot-dakar-2016',
    title: 'Training of Trainers on Child Protection in Emergencies and the CPMS, Dakar',
    kind: 'training-of-trainers',
    startsAt: '2016-01-01T00:00:00Z',
    precision: 'month',
    timeZone: 'Africa/Dakar',
    format: 'in-person',
    location: 'Dakar',
    languages: ['fr'],
    topics: ['capacity-strengthening'],
  },
  {
    slug: 'tot-cpms-facilitation-workshop-nairobi-2017',
    title: 'ToT / CPMS Facilitation workshop, Nairobi',
    kind: 'training-of-trainers',
    startsAt: '2017-03-27T00:00:00Z',
    precision: 'day',
    durationMinutes: 5 * 24 * 60,
    timeZone: 'Africa/Nairobi',
    format: 'in-person',
    location: 'Nairobi, Kenya',
    languages: ['en'],
    organisers: ['learning-and-development-working-group', 'cpms-working-group'],
    topics: ['capacity-strengthening'],
    summary:
      'The latest in this global series of workshops was held in Nairobi on March 27-31. 25 participants from over 10 countries and 13 organizations gathered for a week of theory of learning and practice of their skills. Sessions ranged from troubleshooting panels to an exercise contextualizing off-the-shelf modules, from best practices in monitoring and evaluating our capacity-building efforts to contextualizing the CPMS.',
  },
  {
    slug: 'tot-nairobi-2018',
    title:
      'Training of Trainers on Child Protection in Emergencies and the Minimum Standards for Child Protection in Humanitarian Action, Nairobi',
    kind: 'training-of-trainers',
    startsAt: '2018-03-19T00:00:00Z',
    precision: 'day',
    durationMinutes: 5 * 24 * 60,
    timeZone: 'Africa/Nairobi',
    format: 'in-person',
    location: 'Nairobi, Kenya',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
    summary:
      'The series aims to expand the pool of qualified and multilingual trainers who are familiar with the Alliance’s pedagogy, Child Protection in Emergencies training materials and CPMS resources and processes. The workshop will focus on building participants’ face to face and online training and facilitation skills. We will use the CPiE Face to Face training package, with reference to other packages such as Child Protection Rapid Assessment and Case Management. However, please note that this is not a workshop on child protection in emergencies; participants are expected to arrive with extensive prior knowledge and experience. CPMS-related sessions will be integrated into the programme. Participants will consider how to use and adapt the CPMS using the interagency package “An Introduction to the CPMS for frontline workers”, as well as innovative uses of the CPMS video series and an understanding of the current revision process.',
  },

  // ── Technical Materials (page 001) ───────────────────────────────────────────────
  {
    slug: 'alliance-inee-roundtable-nairobi-2018',
    title: 'Alliance-INEE Roundtable, Nairobi',
    kind: 'meeting',
    startsAt: '2018-10-15T00:00:00Z',
    precision: 'day',
    durationMinutes: 2 * 24 * 60,
    timeZone: 'Africa/Nairobi',
    format: 'in-person',
    location: 'Nairobi',
    languages: ['en'],
    topics: ['working-across-sectors'],
    summary:
      'The Alliance for Child Protection in Humanitarian Action (Alliance) and the Inter-agency Network for Education in Emergencies (INEE) are committed to supporting practitioners in improving the quality of collaborative programming between the two sectors.',
  },

  // ── CPMS Working Group page (page 004) ───────────────────────────────────────────
  {
    slug: 'cpms-revision-application-in-practice-and-next-steps',
    title: 'Child Protection Minimum Standards Revision - Application in practice and next steps',
    kind: 'webinar',
    startsAt: '2018-06-19T00:00:00Z',
    precision: 'day',
    timeZone: 'Europe/Zurich',
    format: 'online',
    languages: ['en'],
    organisers: ['cpms-working-group'],
    summary:
      'Since the Child Protection Minimum Standards (CPMS) were launched six years ago, these standards have become an important reference to help ensure that measures to protect children are a central component of all humanitarian action. As part of launching the next stage of the consultation and revision process to update the standards, PHAP and the Alliance organised an online session on 19 June 2018...',
  },
  {
    slug: 'live-qa-child-neglect-in-humanitarian-settings',
    title: 'Live Q&A: Child Neglect in Humanitarian Settings',
    kind: 'live-qa',
    // Thursday 24 Jan 2019, 8am New York (EST, UTC-5) = 13:00 UTC = 1pm London / 2pm Geneva /
    // 4pm Nairobi / 8pm Bangkok, as the page gives.
    startsAt: '2019-01-24T13:00:00Z',
    timeZone: 'America/New_York',
    format: 'online',
    languages: ['en'],
    summary:
      'Join the Alliance for a Live Q&A on on the report, Child Neglect in Humanitarian Settings. Participation in the live Q&A will offer a deeper understanding of the evidence on the prevalence, patterns and impacts of child neglect in humanitarian contexts, and the recommendations for further...',
  },

  // ── Newsletter, February 2021 (page 002): upcoming webinars ─────────────────────
  {
    // The newsletter gives no title for this webinar; the title here is descriptive.
    slug: 'webinar-social-protection-and-humanitarian-action-2021-02-18',
    title: 'Webinar: social protection and humanitarian actors working together across the nexus',
    kind: 'webinar',
    startsAt: '2021-02-18T00:00:00Z',
    precision: 'day',
    timeZone: 'Europe/Zurich',
    format: 'online',
    languages: ['en'],
    summary:
      'The benefits of social protection and humanitarian actors working together in different ways across the “nexus” is well-recognised. In order to address the wide range of needs (in the last year, often pandemic-related), and particularly those of a socio-economic nature, the use of cash has been the response of choice for governments expanding their social protection systems as well as for humanitarian actors in a range of sectors, including child protection.',
  },
  {
    // The newsletter gives no title for this webinar; the title here is descriptive.
    slug: 'cp-capacity-building-adaptations-covid-19-webinar-2021-02-18-arabic',
    title: 'Child Protection Capacity Building Adaptations during COVID-19: Arabic webinar',
    kind: 'webinar',
    startsAt: '2021-02-18T00:00:00Z',
    precision: 'day',
    timeZone: 'Europe/Zurich',
    format: 'online',
    languages: ['ar'],
    organisers: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening', 'covid-19'],
    summary:
      'This webinar is a part of the Alliance L&D Working Group webinar series on Child Protection Capacity Building Adaptations during COVID-19. Each webinar will present practical approaches and recommendations on how to adapt capacity building activities and deliver them remotely, based on the real life experience of colleagues from across the CPHA sector.',
  },
  {
    // The newsletter gives no title for this webinar; the title here is descriptive.
    slug: 'cp-capacity-building-adaptations-covid-19-webinar-2021-02-26',
    title:
      'Child Protection Capacity Building Adaptations during COVID-19: webinar of 26 February 2021',
    kind: 'webinar',
    startsAt: '2021-02-26T00:00:00Z',
    precision: 'day',
    timeZone: 'Europe/Zurich',
    format: 'online',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening', 'covid-19'],
    summary: covidSeriesNote,
  },
  {
    // The newsletter gives no title for this webinar; the title here is descriptive.
    slug: 'cp-capacity-building-adaptations-covid-19-webinar-2021-03-05',
    title:
      'Child Protection Capacity Building Adaptations during COVID-19: webinar of 5 March 2021',
    kind: 'webinar',
    startsAt: '2021-03-05T00:00:00Z',
    precision: 'day',
    timeZone: 'Europe/Zurich',
    format: 'online',
    languages: ['en'],
    organisers: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening', 'covid-19'],
    summary: covidSeriesNote,
  },
] satisfies EventSeed[]
