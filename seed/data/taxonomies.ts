import type { StandardSeed, TermSeed } from '../schema'

export const topics = [
  { key: 'capacity-strengthening', name: 'Capacity strengthening' },
  { key: 'assessment-and-measurement', name: 'Assessment and measurement' },
  { key: 'covid-19', name: 'COVID-19' },
  { key: 'working-across-sectors', name: 'Working across sectors' },
  { key: 'community-level-child-protection', name: 'Community-level child protection' },
  { key: 'mental-health-and-psychosocial-support', name: 'Mental health and psychosocial support' },
  { key: 'community-based-care', name: 'Community-based care' },
  { key: 'child-protection-system-strengthening', name: 'Child protection system strengthening' },
] satisfies TermSeed[]

export const themes = [
  { key: 'early-childhood', name: 'Early childhood' },
  { key: 'children-with-disabilities', name: 'Children with disabilities' },
  { key: 'child-participation', name: 'Child participation' },
  { key: 'environmental-considerations', name: 'Environmental considerations' },
  { key: 'refugee-idp-and-migrant-children', name: 'Refugee, IDP and migrant children' },
  { key: 'infectious-disease-outbreaks', name: 'Infectious disease outbreaks' },
  { key: 'urban-settings', name: 'Urban settings' },
  { key: 'mobile-programming', name: 'Mobile programming' },
  { key: 'cash-and-voucher-assistance', name: 'Cash and voucher assistance' },
  { key: 'systems-strengthening', name: 'Systems strengthening' },
  { key: 'child-trafficking', name: 'Child trafficking' },
] satisfies TermSeed[]

export const audiences = [
  { key: 'cp-aor-and-coordination-groups', name: 'CP AoR and coordination groups' },
  { key: 'child-protection-practitioners', name: 'Child protection practitioners' },
  { key: 'humanitarian-field-workers', name: 'Humanitarian field workers' },
  { key: 'other-humanitarian-actors', name: 'Other humanitarian actors' },
  { key: 'government-actors', name: 'Government actors' },
] satisfies TermSeed[]

export const publicationTypes = [
  { key: 'manuals-toolkits-and-guidance', name: 'Manuals, toolkits and guidance' },
  { key: 'guidance-and-technical-materials', name: 'Guidance and technical materials' },
  { key: 'advocacy-materials', name: 'Advocacy materials' },
  { key: 'case-studies', name: 'Case studies' },
  { key: 'reports', name: 'Reports' },
  { key: 'technical-notes', name: 'Technical notes' },
  { key: 'briefs', name: 'Briefs' },
  { key: 'position-papers', name: 'Position papers' },
  { key: 'videos', name: 'Videos' },
  { key: 'infographics', name: 'Infographics' },
  { key: 'other-documents', name: 'Other documents' },
] satisfies TermSeed[]

/** The 28 standards of the CPMS 2019 edition, in their 4 pillars. */
export const standards = [
  // Pillar 1 — Standards to ensure a quality child protection response
  { number: 1, pillar: 1, title: 'Coordination' },
  { number: 2, pillar: 1, title: 'Human resources' },
  { number: 3, pillar: 1, title: 'Communication, advocacy and media' },
  { number: 4, pillar: 1, title: 'Programme cycle management' },
  { number: 5, pillar: 1, title: 'Information management' },
  { number: 6, pillar: 1, title: 'Child protection monitoring' },
  // Pillar 2 — Standards on child protection risks
  { number: 7, pillar: 2, title: 'Dangers and injuries' },
  { number: 8, pillar: 2, title: 'Physical and emotional maltreatment' },
  { number: 9, pillar: 2, title: 'Sexual and gender-based violence' },
  { number: 10, pillar: 2, title: 'Mental health and psychosocial distress' },
  { number: 11, pillar: 2, title: 'Children associated with armed forces or armed groups' },
  { number: 12, pillar: 2, title: 'Child labour' },
  { number: 13, pillar: 2, title: 'Unaccompanied and separated children' },
  // Pillar 3 — Standards to develop adequate strategies
  {
    number: 14,
    pillar: 3,
    title: 'Applying a socio-ecological approach to child protection programming',
  },
  { number: 15, pillar: 3, title: 'Group activities for child well-being' },
  { number: 16, pillar: 3, title: 'Strengthening family and caregiving environments' },
  { number: 17, pillar: 3, title: 'Community-level approaches' },
  { number: 18, pillar: 3, title: 'Case management' },
  { number: 19, pillar: 3, title: 'Alternative care' },
  { number: 20, pillar: 3, title: 'Justice for children' },
  // Pillar 4 — Standards to work across sectors
  { number: 21, pillar: 4, title: 'Food security and child protection' },
  { number: 22, pillar: 4, title: 'Livelihoods and child protection' },
  { number: 23, pillar: 4, title: 'Education and child protection' },
  { number: 24, pillar: 4, title: 'Health and child protection' },
  { number: 25, pillar: 4, title: 'Nutrition and child protection' },
  { number: 26, pillar: 4, title: 'Water, sanitation and hygiene and child protection' },
  { number: 27, pillar: 4, title: 'Shelter and settlement and child protection' },
  { number: 28, pillar: 4, title: 'Camp management and child protection' },
] satisfies StandardSeed[]
