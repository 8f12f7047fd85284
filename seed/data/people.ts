import type { PersonSeed } from '../schema'

export default [
  // CPMS Working Group leads (page 004)
  { key: 'wajahat-ali', name: 'Wajahat Ali', organisation: 'irc' },
  { key: 'ilenia-de-marino', name: 'Ilenia de Marino', organisation: 'plan-international' },
  // Webinar speakers named on page 004
  {
    key: 'hani-mansourian',
    name: 'Hani Mansourian',
    organisation: 'alliance',
    jobTitle: 'Alliance Coordinator',
  },
  { key: 'susanna-davies', name: 'Susanna Davies' },
  { key: 'joanna-wedge', name: 'Joanna Wedge' },
  // Webinar speakers and contacts named on pages 001 and 003
  { key: 'natalie-mccauley', name: 'Natalie McCauley' },
  { key: 'samantha-newman', name: 'Samantha Newman' },
  { key: 'suhail-abualsameed', name: 'Suhail Abualsameed' },
  { key: 'chris-dolan', name: 'Chris Dolan' },
  {
    key: 'sofia-hedjam',
    name: 'Sofia Hedjam',
    organisation: 'handicap-international',
    jobTitle: "Regional advisor for Handicap International's Great Lakes operations",
  },
  // Coaching webinar 1 panel (page 003)
  {
    key: 'angie-bamgbose',
    name: 'Angie Bamgbose',
    jobTitle: 'Freelance coach and child protection and safeguarding consultant',
  },
  { key: 'stephanie-delanay', name: 'Stephanie Delanay' },
  { key: 'courtlin-stoker', name: 'Courtlin Stoker' },
] satisfies PersonSeed[]
