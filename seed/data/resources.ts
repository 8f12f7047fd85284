import type { ResourceSeed } from '../schema'

const pillar4 = [21, 22, 23, 24, 25, 26, 27, 28]

export default [
  // ── Technical Materials (page 001) ────────────────────────────────────────────────
  {
    slug: 'case-management-supervision-and-coaching-package-chapter-5',
    title:
      'Case Management Supervision and Coaching Package Chapter 5: Closing the CM Supervision Training',
    summary:
      'These materials make up Chapter 5: Closing the CM Supervision Training of the Case Management Supervision and Coaching Package. The Case Management Task Force (CMTF) of the Alliance for Child Protection in Humanitarian Action created the Case Management Supervision and Coaching Training Package to...',
    publicationType: 'manuals-toolkits-and-guidance',
    workingGroups: ['case-management-task-force'],
    topics: ['capacity-strengthening'],
    standards: [18],
  },
  {
    slug: 'case-management-supervision-and-coaching-training-package',
    title: 'Case Management Supervision and Coaching Training Package',
    summary:
      'The Case Management Task Force (CMTF) of the Alliance for Child Protection in Humanitarian Action created the Case Management Supervision and Coaching Training Package to increase case management supervisors’ confidence, capacity and support to caseworkers to provide safe, ethical and competent case...',
    body: [
      'The Case Management Task Force (CMTF), under the Alliance for Child Protection in Humanitarian Action, is completing an intensive capacity-building initiative on Case Management Coaching and Supervision. The Training Package is currently available in English, Arabic, and French. The Spanish version will be launched in 2019.',
    ],
    publicationType: 'manuals-toolkits-and-guidance',
    workingGroups: ['case-management-task-force'],
    topics: ['capacity-strengthening'],
    standards: [18],
    languages: ['en', 'ar', 'fr'],
  },
  {
    slug: 'child-neglect-in-humanitarian-settings',
    title:
      'Child Neglect in Humanitarian Settings: Literature review and recommendations for strengthening prevention and response',
    summary:
      'The available data routinely demonstrates that child neglect is the most common form of child maltreatment and is the leading cause of death in child maltreatment cases. The purpose of this literature review is to synthesise evidence on the prevalence, patterns and impacts of child neglect in...',
    body: [
      'The Alliance conducted a literature review on the prevalence, patterns and impacts of child neglect in humanitarian contexts. The data show that child neglect is both the most common form of child maltreatment and the leading cause of death in child maltreatment cases. Even so, neglect has been overlooked, particularly in humanitarian contexts. This report will present the results of the review and offer recommendations for further research, prevention and response.',
    ],
    publicationType: 'reports',
    publishers: ['alliance'],
  },
  {
    slug: 'cpms-country-consultation-toolkit',
    title: 'CPMS Country Consultation Toolkit',
    summary:
      'As part of the revision of the Minimum Standards for Child Protection in Humanitarian Action (CPMS), the CPMS Working Group of the Alliance for Child Protection in Humanitarian Action has developed this Country Consultation Toolkit. It provides guidance and resources for conducting virtual and face...',
    publicationType: 'manuals-toolkits-and-guidance',
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'measuring-separation-in-emergencies-adwa-tigray-ethiopia',
    title:
      'Measuring Separation in Emergencies: Community-based monitoring in rural Adwa, Tigray, Ethiopia',
    summary:
      'The Measuring Separation in Emergencies (MSiE) project is an interagency initiative under the Alliance for Child Protection in Humanitarian Action, funded by the USAID Office of Foreign Disaster Assistance (OFDA) and coordinated by Save the Children in partnership with Columbia University. The...',
    publicationType: 'reports',
    workingGroups: ['measuring-separation-in-emergencies'],
    topics: ['assessment-and-measurement'],
    standards: [13],
    countries: ['ET'],
  },
  {
    slug: 'measuring-separation-in-emergencies-haiti-following-hurricane-matthew',
    title: 'Measuring Separation in Emergencies: Haiti following Hurricane Matthew',
    summary:
      'The Measuring Separation in Emergencies (MSiE) project is an interagency initiative funded by the USAID Office of Foreign Disaster Assistance (OFDA) and is coordinated by Save the Children in partnership with Columbia University. The overall aim of the MSiE project is to strengthen emergency...',
    publicationType: 'reports',
    workingGroups: ['measuring-separation-in-emergencies'],
    topics: ['assessment-and-measurement'],
    standards: [13],
    countries: ['HT'],
  },
  {
    slug: 'study-guide-child-neglect-in-humanitarian-settings',
    title: 'Study Guide: Child neglect in humanitarian settings',
    summary:
      'This study guide is a companion to Child Neglect in Humanitarian Settings: Literature Review and Recommendations for Strengthening Prevention and Response, which synthesises evidence on the prevalence, patterns and impacts of child neglect in humanitarian contexts and offers recommendations for...',
    publicationType: 'guidance-and-technical-materials',
  },
  {
    slug: 'alliance-inee-roundtable-report',
    title:
      'The Alliance-INEE Roundtable Report: A framework for collaboration between child protection and education in humanitarian contexts',
    summary:
      'The Alliance for Child Protection in Humanitarian Action (Alliance) and the Inter-agency Network for Education in Emergencies (INEE) are committed to supporting practitioners in improving the quality of collaborative programming between the two sectors. The Roundtable in Nairobi (15-16 October 2018)...',
    publicationType: 'reports',
    publishers: ['alliance', 'inee'],
    topics: ['working-across-sectors'],
    standards: [23],
  },
  {
    slug: '2016-2017-alliance-report',
    title: '2016-2017 Alliance Report',
    summary:
      'The Alliance supports the efforts of humanitarian actors to achieve high-quality and effective child protection interventions in humanitarian contexts (in both refugee and non-refugee settings). As a global network of operational agencies, academic institutions, policymakers, donors and...',
    publicationType: 'reports',
    publishers: ['alliance'],
  },
  {
    slug: 'evidence-and-resources-on-the-improvement-of-childrens-wellbeing',
    title:
      'Evidence and Resources on the Improvement of Children’s Wellbeing due to a Reduction in Family Violence and Improved Parental Psychosocial Wellbeing in Humanitarian Contexts',
    summary:
      'There are over 62 million children living in areas of humanitarian crisis. Research has indicated that although secure caregiving can help children face the stressors of war and disaster, in these contexts, caregiving abilities are diminished and the prevalence of family violence increases. This...',
    publicationType: 'reports',
    topics: ['mental-health-and-psychosocial-support'],
    standards: [16],
  },
  {
    slug: 'guidance-note-for-reviewing-child-protection-in-emergencies-proposals',
    title:
      'Guidance Note for Reviewing Child Protection in Emergencies Proposals (CPIE Donor Guidelines)',
    summary:
      'These notes have been developed by the Alliance for Child Protection in Humanitarian Action (the Alliance) in collaboration with the Child Protection Area of Responsibility (CP AoR) as a practical aid for assessing standalone Child Protection in Emergencies (CPiE) proposals and multi-sector...',
    publicationType: 'guidance-and-technical-materials',
    publishers: ['alliance', 'cp-aor'],
  },
  {
    slug: 'mapping-of-interventions-to-support-parents-caregivers-in-humanitarian-contexts',
    title: 'Mapping of Interventions to Support Parents/Caregivers in Humanitarian Contexts',
    summary:
      'This global, interagency mapping presents the types of psychosocial interventions being conducted, where they are implemented, by whom they are sponsored, and for whom they are designed.',
    publicationType: 'reports',
    topics: ['mental-health-and-psychosocial-support'],
    standards: [16],
  },
  {
    slug: 'site-specific-child-protection-rapid-assessment',
    title: 'Site Specific Child Protection Rapid Assessment: A guidance note',
    summary:
      'This guidance note is an addendum to the Child Protection Rapid Assessment (CPRA) toolkit produced by the Child Protection Working Group. It should be used in conjunction with the CPRA toolkit in situations where: The number of distinct communities affected by the emergency is smaller than 15, or...',
    publicationType: 'guidance-and-technical-materials',
    topics: ['assessment-and-measurement'],
  },
  {
    slug: 'cpms-implementation-case-studies',
    title: 'CPMS Implementation Case Studies',
    summary:
      'This series of Case Studies provide examples of how the Minimum Standards for Child Protection in Humanitarian Action (CPMS) have been applied and adapted to various contexts. Case Study: Education for South Sudanese refugees in Ethiopia Case Study: Translating the Minimum Standards for Child...',
    publicationType: 'case-studies',
    workingGroups: ['cpms-working-group'],
    countries: ['ET'],
  },
  {
    slug: 'cpms-video-series-mainstreaming-standards-19-26',
    title: 'CPMS Video Series: Mainstreaming Standards 19-26',
    summary:
      'Standards 19-26 of the Minimum Standards for Child Protection in Humanitarian Action (CPMS) focus on mainstreaming of children’s protection in all humanitarian action. Mainstreaming child protection in humanitarian actions means for all humanitarian actors to consider the potential or current...',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
    // Standards 19-26 of the 2012 edition are the sectoral standards, now standards 21-28 (pillar 4).
    standards: pillar4,
  },
  {
    slug: 'cpms-video-series-standard-15-case-management',
    title: 'CPMS Video Series: Standard 15, Case management',
    summary:
      'Case Management, Standard 15, is a part of the Minimum Standards for Child Protection in Humanitarian Action (CPMS). During humanitarian emergencies, children face violenc,e abuse, neglect, and exploitation. Case management is a core response to address individual children’s situations. It is a...',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    // Standard 15 of the 2012 edition is case management, standard 18 of the 2019 edition.
    standards: [18],
  },
  {
    slug: 'cpms-webinar-sexual-violence-against-children-with-disabilities-in-humanitarian-settings',
    title:
      'CPMS Webinar: Sexual violence against children with disabilities in humanitarian settings',
    summary:
      "Sexual violence against children with disabilities is an under-explored topic in the humanitarian sector. Sofia Hedjam- regional advisor for Handicap International's Great Lakes operations- presented the agency's latest research. She also shared promising programme initiatives and tips for training...",
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    themes: ['children-with-disabilities'],
    standards: [9],
  },
  {
    slug: 'cpms-webinar-sexual-violence-and-exploitation-of-boys-in-humanitarian-settings',
    title: 'CPMS Webinar: Sexual violence and exploitation of boys in humanitarian settings',
    summary:
      "The aim of the CPMS webinar series is for child protection practitioners to improve their ability to build staff and partners' capacity to implement the minimum standards. This webinar will be a chance for trainers to learn more about the latest research and training approaches on sexual violence...",
    body: [
      'Suhail Abualsameed and Chris Dolan explored the latest learning on sexual violence and exploitation of boys in humanitarian settings. The webinar includes discussion on how to become more comfortable addressing the topic during trainings and community outreach sessions.',
    ],
    publicationType: 'videos',
    workingGroups: ['cpms-working-group', 'learning-and-development-working-group'],
    standards: [9],
  },
  {
    slug: 'designing-and-implementing-cpie-learning-and-development-strategies',
    title: 'Designing and Implementing CPiE Learning & Development Strategies',
    summary:
      "In this webinar, Natalie McCauley presents the Alliance's approach to developing and using CP L&D strategies given the limited resources of humanitarian settings. Based on her experience supporting dozens of field operations, she walked us through the steps and issues that need to be considered to ensure success.",
    publicationType: 'videos',
    workingGroups: ['cpms-working-group', 'learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
  },
  {
    slug: 'developing-and-using-case-studies-for-cpie-training-purposes',
    title: 'Developing and Using Case Studies for CPiE Training Purposes',
    summary:
      'Using the Child Protection Minimum Standards (CPMS) mainstreaming case studies (and facilitators guide), Samantha Newman shared her professional experience of developing and using case studies specifically for training child protection workers in humanitarian settings in this webinar.',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group', 'learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
  },
  {
    slug: 'engaging-humanitarian-learners',
    title:
      'Engaging Humanitarian Learners: Strengthening child protection within environments of compounded stress',
    summary:
      'This lively discussion led by colleagues from the Global Trauma Project looked at helping workshop participants transition from front-line, overstretched humanitarian workers to learners for a day (or week). It included lots of tips, examples, and resources.',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group', 'learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
  },
  {
    slug: 'preventing-household-violence',
    title: 'Preventing Household Violence: Promising strategies for humanitarian settings',
    summary:
      'Violence against women (VAW) and violence against children (VAC) are both global epidemics with prolonged impact on the health, well-being, and safety of both individuals and communities. The epidemics are also intimately interconnected, as VAW and VAC tend to co-occur within the same homes and...',
  },
  {
    slug: 'this-is-what-needs-to-be-done-to-protect-children-in-humanitarian-settings',
    title: 'This is What Needs to be Done to Protect Children in Humanitarian Settings',
    summary:
      'This compelling infographic provides the top ten requirements for protecting children in humanitarian action.',
    publicationType: 'infographics',
  },
  {
    slug: 'toolkit-on-unaccompanied-and-separated-children',
    title: 'Toolkit on Unaccompanied and Separated Children (UASC)',
    summary:
      'The Unaccompanied and Separated Children (UASC) Toolkit is a product of the Inter-agency Working Group on Unaccompanied and Separated Children (IAWG UASC). It was produced in conjunction with the Unaccompanied and Separated Children (UASC) Field Handbook, 2016. In 2004, the Inter-agency Guiding...',
    publicationType: 'manuals-toolkits-and-guidance',
    publishers: ['iawg-uasc'],
    standards: [13],
  },
  {
    slug: 'child-protection-in-emergencies-assessment-flowchart',
    title: 'Child Protection in Emergencies Assessment Flowchart',
    summary:
      'This flowchart is designed to help determine the type of assessment needed in a given humanitarian context.',
    publicationType: 'guidance-and-technical-materials',
    topics: ['assessment-and-measurement'],
  },

  // ── Home page initiatives (page 000) ─────────────────────────────────────────────
  {
    slug: 'global-case-management-online-learning-series',
    title: 'Global Case Management Online Learning Series',
    summary:
      'The Case Management Task Force (CMTF) is launching a Global Case Management Online Learning Series where Child Protection practitioners are invited to participate, learn, and engage with global resources to support case management in humanitarian settings.',
    body: [
      'The Online Learning Series in an innovative approach to respond to the demand for more technical guidance, resources and support on case management. The CMTF will be introducing key inter-agency global resources for Child Protection and Case Management. We will be exploring the practical uses of each resource to improve our responses to children affected by humanitarian disasters through strengthening the capacity and quality of case management for the most vulnerable children.',
      'The primary audience for the Online Learning Series are country-level technical groups working on CP case management in humanitarian settings. This may be a country, or regional Case Management Task Force or Child Protection Working Group. International and field level emergency responders who have an interest or are actively working with vulnerable children in humanitarian settings are also welcome to join the learning series.',
    ],
    workingGroups: ['case-management-task-force'],
    topics: ['capacity-strengthening'],
    audiences: ['cp-aor-and-coordination-groups', 'humanitarian-field-workers'],
    standards: [18],
    links: [
      {
        kind: 'course',
        url: 'https://casemanagement.alliancechpa.org',
        label: 'For the whole series',
      },
    ],
  },
  {
    slug: 'community-based-child-protection-in-humanitarian-action-definitions-and-terminology',
    title: 'Community Based Child Protection in Humanitarian Action: Definitions and Terminology',
    summary:
      'This resource, which provides a list of common Community Based Child Protection (CBCP)-related terms and their definitions, is intended to show the evolving definitions around CBCP.',
    publishers: ['alliance'],
    topics: ['community-level-child-protection'],
    standards: [17],
  },
  {
    slug: 'discussion-paper-review-of-existing-definitions-of-abuse-neglect-exploitation-and-violence',
    title:
      'Discussion Paper: Review of Existing Definitions and Explanations of Abuse, Neglect, Exploitation and Violence against Children',
    summary:
      "This report examines the main elements of child abuse, neglect, exploitation and violence (nature of the act; perpetrator's relationship to the child; motivation or intent; and outcomes) in ways that recognise the overlap and highlight the distinctions between each type of maltreatment.",
    publicationType: 'reports',
    publishers: ['alliance'],
  },
  {
    slug: 'desk-review-on-child-wellbeing-in-humanitarian-action',
    title:
      'Desk Review on Child Wellbeing in Humanitarian Action: Concepts, Definitions, and Domains',
    summary:
      'This desk review represents the first step in a larger process to develop an overarching definition of child wellbeing that can be adapted according to context and used to define strategic objectives within humanitarian response.',
    publicationType: 'reports',
    publishers: ['alliance'],
  },
  {
    slug: 'cash-transfer-programming-and-child-protection-in-humanitarian-action',
    title:
      'Cash Transfer Programming and Child Protection in Humanitarian Action: Review and Opportunities to Strengthen the Evidence',
    summary:
      'The report, "Cash Transfer Programming and Child Protection in Humanitarian Action: Review and Opportunities to Strengthen the Evidence" summarizes the evidence for cash transfer programming and child protection in humanitarian contexts and recommends areas for action and further research. It highlights the gaps, needs, and opportunities found in the literature and confirmed by experts working across child protection, cash transfer programming, and other relevant areas of humanitarian action and international development.',
    publicationType: 'reports',
    themes: ['cash-and-voucher-assistance'],
  },
  {
    slug: 'cpms-e-course',
    title: 'CPMS e-course',
    summary:
      'This introductory e-course is for anyone currently working with and for children in humanitarian settings, as well as all child protection workers who want to prepare themselves for a potential humanitarian crisis.',
    body: [
      'The Alliance has developed a prototype of an e-course on the Minimum Standards for Child Protection in Humanitarian Action (CPMS).',
      'A short e-course introducing the basics of the CPMS has been developed. It blends basic information with the CPMS video series, and then quizzes viewers to see what they have learnt. The course was piloted in Georgia in March and received feedback from the Community of Practice of CPiE trainers. The goal is to roll out a final version in May.',
      'Welcome to the Alliance’s core training on the Minimum Standards for Child Protection in Humanitarian Action (CPMS).',
    ],
    publishers: ['alliance'],
    workingGroups: ['cpms-working-group'],
    topics: ['capacity-strengthening'],
    audiences: ['child-protection-practitioners'],
  },
  {
    slug: 'draft-cpms-2018',
    title: 'DRAFT Minimum Standards for Child Protection in Humanitarian Action (CPMS) 2018',
    body: [
      'The Minimum Standards for Child Protection in Humanitarian Action (CPMS) has become one of the key resources for humanitarian workers since its launch in 2012. Years of implementing the CPMS in diverse settings revealed the need for a more user-friendly version of the Standards that would reflect recent sector learning and evidence; improve guidance on prevention, gender and age inclusion, and other cross-cutting themes; and promote applicability to a broader range of humanitarian contexts.',
      'To that end, the first revision is currently underway under the leadership of the global Child Protection Minimum Standards Working Group (CPMS WG) of the Alliance for Child Protection in Humanitarian Action (The Alliance).',
      'The CPMS WG encourages anyone working in child protection and related fields to read the DRAFT Minimum Standards for Child Protection in Humanitarian Action (CPMS) 2018 in English, French, Spanish, or Arabic.',
    ],
    publicationType: 'manuals-toolkits-and-guidance',
    publicationDate: '2018-01-01',
    datePrecision: 'year',
    workingGroups: ['cpms-working-group'],
    languages: ['en', 'fr', 'es', 'ar'],
  },
  {
    slug: 'hannah-has-a-new-job',
    title: 'Hannah Has a New Job',
    summary:
      'This short video was designed as a follow-up to "This is Samira" and is applicable to newly-hired child protection in humanitarian action (CPHA) staff as well as those who want to learn more about using the CPMS to protect children in emergency settings.',
    body: [
      'The Child Protection Minimum Standards (CPMS) Working Group of the Alliance recently released its newest video resource: "Hannah Has a New Job". This short video was designed as a follow-up to "This is Samira" and is applicable to newly-hired child protection in humanitarian action (CPHA) staff as well as those who want to learn more about using the CPMS to protect children in emergency settings.',
    ],
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    audiences: ['child-protection-practitioners'],
  },
  {
    slug: 'this-is-samira',
    title: 'This is Samira',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
  },
  {
    // The page describes this brief without giving its title; the title here is descriptive.
    slug: 'advocacy-brief-separation-and-detention-of-children-along-the-southern-us-border',
    title:
      'Advocacy brief on the separation and detention of children and families along the southern US border',
    summary:
      'Both family separation and detention — unaccompanied or as a family — have proven to be detrimental to children’s overall development and long-term wellbeing. With this in mind, the Alliance developed an advocacy brief to address the separation and detention of children/families along the southern US border.',
    publicationType: 'advocacy-materials',
    publishers: ['alliance'],
    themes: ['refugee-idp-and-migrant-children'],
    countries: ['US'],
  },
  {
    // The page describes this brief without giving its title; the title here is descriptive.
    slug: 'advocacy-brief-on-interim-care',
    title: 'Advocacy brief on interim care (with the Better Care Network)',
    summary:
      'The Alliance also collaborated with the Better Care Network on a second brief to call for improvements on interim care. Both briefs were collaboratively-developed and reflects best practice principles derived from research, field work and international standards of care and protection for children.',
    publicationType: 'advocacy-materials',
    publishers: ['alliance', 'better-care-network'],
    themes: ['refugee-idp-and-migrant-children'],
    countries: ['US'],
  },

  // ── CPMS Working Group page (page 004): key tools ────────────────────────────────
  {
    slug: 'indicators-to-measure-cross-sectoral-contributions-to-childrens-protection-and-well-being',
    title:
      'Indicators to Measure Cross-sectoral Contributions to Children’s Protection and Well-being',
    summary:
      'The whole humanitarian system has a role to play in realising children’s rights, including their right to protection. Greater collaboration, action, and investment are needed to ensure all humanitarian interventions are safe, accessible, and child protection sensitive. When protecting children is a central and common objective across sectors, it contributes to greater accountability to children',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors', 'assessment-and-measurement'],
  },
  {
    slug: 'minimum-standards-for-child-protection-in-humanitarian-action',
    title: {
      en: 'Minimum Standards for Child Protection in Humanitarian Action',
      fr: 'Standards minimums pour la protection de l’enfance dans l’action humanitaire',
      es: 'Normas mínimas para la protección de la niñez y adolescencia en la acción humanitaria',
      ar: 'المعايير الدنيا لحماية الطفل في العمل الإنساني',
    },
    summary:
      'The Minimum Standards for Child Protection in Humanitarian Action 2019 Edition equip humanitarians seeking to protect children effectively with the most comprehensive and up-to-date best practice so they can deliver professional programs.',
    body: [
      'One of the most widely used set of humanitarian standards, the CPMS are a tried and tested solution for child protection practitioners seeking to deepen their professional knowledge and improve their organisations’ programs.',
    ],
    publicationType: 'manuals-toolkits-and-guidance',
    publicationDate: '2019-01-01',
    datePrecision: 'year',
    publishers: ['alliance'],
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'working-together',
    title: 'Working Together',
    summary:
      'How do we, as humanitarian workers, effectively collaborate to improve children’s protection and well-being? This Inter-Sectoral Framework aims to serve as a collective steer for doing just that: centring children and their protection needs across all programs, sectors, and responses. It has been co-developed through engagement with practitioners from across sectors in humanitarian, refugee and',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
  },
  {
    slug: 'enhanced-cpms-indicators-table',
    title: 'Enhanced CPMS Indicators Table',
    summary:
      'An easy-to-navigate PDF, the Enhanced CPMS Indicators Table includes the 28 Child Protection Minimum Standards and their indicators with type, target values and explanatory notes plus suggested computation methods and data source examples. Developed by the Assessment, Measurement and Evidence Working Group, this tool is part of the measurement framework of the CPMS 2019 edition.',
    workingGroups: ['cpms-working-group', 'ame-working-group'],
    topics: ['assessment-and-measurement'],
  },

  // ── CPMS Working Group page (page 004): resources ────────────────────────────────
  {
    slug: 'working-across-sectors-three-modalities',
    title: 'Working Across Sectors Three Modalities',
    summary: 'A description of the three ways of working across humanitarian sectors.',
    publicationType: 'guidance-and-technical-materials',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
  },
  {
    slug: 'collaboration-tip-sheet-health',
    title: 'Collaboration Tip Sheet: Health',
    summary:
      "A tip sheet about child protection actors’ contribution to health’s work, the latter sector's commitments to child protection, and tips and entry points for advocacy with health actors.",
    publicationType: 'guidance-and-technical-materials',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
    standards: [24],
  },
  {
    slug: 'availability-accessibility-acceptability-and-quality-framework',
    title: 'Availability, Accessibility, Acceptability and Quality Framework',
    summary:
      'A tool to identify potential barriers to accessing services in humanitarian settings.',
    publicationType: 'guidance-and-technical-materials',
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'child-protection-risks-in-emergencies',
    title: 'Child Protection Risks in Emergencies',
    summary: 'A comic strip describing child protection risks in humanitarian settings.',
    publicationType: 'other-documents',
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'child-protection-in-humanitarian-action',
    title: 'Child Protection in Humanitarian Action',
    summary:
      'A comic strip describing risks in humanitarian settings and the meaning and purpose of child protection in humanitarian action.',
    publicationType: 'other-documents',
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'child-protection-responsibilities-of-humanitarian-actors',
    title: 'Child Protection Responsibilities of Humanitarian Actors',
    summary:
      'A comic strip describing key responsibilities of child protection actors and of all humanitarian actors.',
    publicationType: 'other-documents',
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'collaboration-tip-sheet-cccm',
    title: 'Collaboration Tip Sheet: Camp Coordination and Camp Management (CCCM)',
    summary:
      'A tip sheet about child protection actors’ contribution to CCCM’s work, CCCM’s commitments to child protection, and tips and entry points for advocacy with CCCM actors.',
    publicationType: 'guidance-and-technical-materials',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
    standards: [28],
  },
  {
    slug: 'cpms-standard-25-nutrition-and-child-protection',
    title: 'CPMS Standard 25: Nutrition and Child Protection',
    summary:
      'Standard: Children and their caregivers, especially pregnant and lactating women and girls, have access to safe, adequate and appropriate nutrition services.',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
    standards: [25],
  },

  // ── CPMS Working Group page (page 004): webinars without a date ──────────────────
  {
    slug: 'an-introduction-to-prevention-with-the-child-protection-minimum-standards',
    title: 'An Introduction to Prevention with the Child Protection Minimum Standards',
    summary:
      'Join us for an engaging an interactive webinar on an Introduction to Prevention with the Child Protection Minimum Standards. This webinar will include guest speakers from the Alliance Child Labour and UASC Task Forces, as well as the prevention-expert, Alliance coordinator, Hani Mansourian. There will also be lots of examples and time for questions, activities and discussion! We look forward to...',
    workingGroups: ['cpms-working-group', 'child-labour-task-force', 'uasc-task-force'],
  },
  {
    slug: 'how-to-self-assessment-process-for-the-child-protection-minimum-standards',
    title: 'How to: Self-Assessment Process for the Child Protection Minimum Standards',
    summary:
      'Join the Alliance CPMS Working Group for an interactive webinar on "How-to: The Self-Assessment Process for the Child Protection Minimum Standards". This webinar will be a 60-minute session held in English with support available for French & Spanish speakers. We look forward to your participation!',
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'whats-new-the-2019-edition-of-the-cpms',
    title:
      "What's New? The 2019 Edition of the Minimum Standards for Child Protection in Humanitarian Action (CPMS)",
    summary:
      "This webinar - the first in a series to explore the 2019 edition of the CPMS - will introduce the 2019 edition of the Minimum Standards for Child Protection in Humanitarian Action (CPMS), now available on the Alliance's website. Susanna Davies and Joanna Wedge, co-leads of the CPMS Working Group, will share the major changes in the 2019 edition, answer your questions, and share options and...",
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'pre-recorded-audio-protection-of-children-during-infectious-disease-outbreaks',
    title: 'Pre-Recorded Audio: Protection of Children During Infectious Disease Outbreaks',
    summary:
      'The Alliance for Child Protection in Humanitarian Action hosted a global webinar introducing the newly-released Guidance Note: Protection of Children During Infectious Disease Outbreaks (IDOs) and associated briefing paper. These recordings and associated transcipts are from that webinar. Children are particularly vulnerable during epidemics or pandemics, but inter-agency guidance on how to...',
    workingGroups: ['cpms-working-group'],
    themes: ['infectious-disease-outbreaks'],
  },
  {
    slug: 'guidance-note-protection-of-children-during-infectious-disease-outbreaks',
    title: 'Guidance Note: Protection of Children During Infectious Disease Outbreaks',
    publicationType: 'guidance-and-technical-materials',
    themes: ['infectious-disease-outbreaks'],
  },

  // ── CPMS Working Group page (page 004): media ────────────────────────────────────
  {
    slug: 'cpms-standard-23-education-and-child-protection',
    title: 'CPMS Standard 23: Education and Child Protection',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
    standards: [23],
  },
  {
    slug: 'cpms-pillar-4-standards-to-work-across-sectors',
    title: 'CPMS Pillar 4: Standards to Work Across Sectors',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
    standards: pillar4,
  },
  {
    slug: 'cpms-standard-21-food-security-and-child-protection',
    title: 'CPMS Standard 21: Food Security and Child Protection',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
    standards: [21],
  },
  {
    slug: 'cpms-standard-9-what-is-sgbv-and-how-to-address-it-in-humanitarian-settings',
    title: 'CPMS Standard 9: What Is SGBV and How To Address It in Humanitarian Settings',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    standards: [9],
  },
  {
    slug: 'standards-to-work-across-sectors',
    title: 'Standards to Work Across Sectors',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    topics: ['working-across-sectors'],
    standards: pillar4,
  },
  {
    slug: 'introducing-the-2019-edition-of-the-cpms',
    title: 'Introducing the 2019 Edition of the CPMS',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
  },
  {
    slug: 'cpms-standard-17-webinar',
    title: 'CPMS Standard 17 Webinar',
    publicationType: 'videos',
    workingGroups: ['cpms-working-group'],
    topics: ['community-level-child-protection'],
    standards: [17],
  },
  {
    slug: 'webinar-recordings-child-neglect-in-humanitarian-settings',
    title: 'Webinar Recordings: Child Neglect in Humanitarian Settings',
    publicationType: 'videos',
  },

  // ── The CPMS 2012 edition (reference data; source of the 2012 translations) ──────
  {
    slug: 'minimum-standards-for-child-protection-in-humanitarian-action-2012-edition',
    // The French, Spanish and Arabic titles are those of the 2012 editions (an edition in a hub
    // locale takes its title from here).
    title: {
      en: 'Minimum Standards for Child Protection in Humanitarian Action (2012 edition)',
      fr: 'Standards minimums pour la protection de l’enfance dans l’intervention humanitaire',
      es: 'Normas mínimas para la protección de la infancia en la acción humanitaria',
      ar: 'المعايير الدنيا لحماية الطفل في العمل الإنساني',
    },
    publicationType: 'manuals-toolkits-and-guidance',
    publicationDate: '2012-01-01',
    datePrecision: 'year',
  },

  // ── Learning and Development Working Group page (page 003) ───────────────────────
  {
    slug: 'cpie-face-to-face-training-package',
    title: 'Child Protection in Emergencies Face to Face Training Package',
    publicationType: 'manuals-toolkits-and-guidance',
    workingGroups: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
  },
  {
    slug: 'cpie-competency-framework',
    title: 'Child Protection in Emergencies Competency Framework',
    publicationDate: '2010-01-01',
    datePrecision: 'year',
    workingGroups: ['learning-and-development-working-group'],
    topics: ['capacity-strengthening'],
  },

  // ── Newsletter, February 2021 (page 002) ─────────────────────────────────────────
  {
    slug: 'technical-note-on-girls-associated-with-armed-forces-and-armed-groups',
    title: 'Technical Note on Girls Associated with Armed Forces and Armed Groups',
    publicationType: 'technical-notes',
    workingGroups: ['caafag-task-force'],
    standards: [11],
    languages: ['en', 'fr', 'es', 'ar'],
  },
  {
    // The newsletter gives no title for this item; the title here is descriptive.
    slug: 'evidence-synthesis-update-covid-19-and-refugee-idp-and-migrant-children',
    title: 'Evidence synthesis update: COVID-19 and refugee, IDP and migrant children',
    summary:
      'The latest evidence synthesis analyzes the primary and secondary impacts of the pandemic on children who are refugees, IDPs and/or migrants and highlights important protective factors and emerging response measures identified in a review of recent news media, project reporting, academic research and other relevant resources mapped over the previous five-month period.',
    publicationDate: '2020-06-11',
    topics: ['covid-19'],
    themes: ['refugee-idp-and-migrant-children', 'infectious-disease-outbreaks'],
  },
  {
    slug: 'children-isolation-and-quarantine',
    title:
      'Children, Isolation and Quarantine: Preventing Family Separation and Other Child Protection Considerations during the COVID-19 Pandemic',
    summary:
      'Drafted in collaboration with WHO, this UNICEF document on “Children, Isolation and Quarantine: Preventing Family Separation and Other Child Protection Considerations during the COVID-19 Pandemic” aims at assisting Child Protection and Health actors to preserve family unity as the pandemic continues, in line with recommended infection prevention and control measures for the COVID-19 disease.',
    publicationDate: '2020-06-10',
    publishers: ['unicef', 'who'],
    topics: ['covid-19'],
    themes: ['infectious-disease-outbreaks'],
    standards: [13],
  },
  {
    slug: '2020-annual-meeting-moments-report',
    title: '2020 Annual Meeting Moments Report',
    summary:
      'Did you miss out on the Alliance 2020 Annual Meeting on Infectious Disease Outbreaks and the Protection of Children? No need to worry - you can follow-along just as if you were at the 2020 Annual Meeting by browsing through The Alliance 2020 Annual Meeting Twitter Account! Or, find all about the 2020 Annual Meeting by taking a look at our 2020 Annual Meeting Moments Report and Annual Meeting Report Summary!',
    publicationType: 'reports',
    publicationDate: '2020-11-16',
    publishers: ['alliance'],
    themes: ['infectious-disease-outbreaks'],
  },
  {
    slug: '2020-annual-meeting-report-summary',
    title: '2020 Annual Meeting Report Summary',
    publicationType: 'reports',
    publicationDate: '2020-11-16',
    publishers: ['alliance'],
    themes: ['infectious-disease-outbreaks'],
  },
  {
    slug: 'safeguarding-matters',
    title: 'Safeguarding Matters',
    summary:
      'The Resource and Support Hub (RSH) has developed a series of five online training modules called Safeguarding Matters, that are free and accessible. The modules tell the story of a fictional civil society organisation called Family Health Frontiers (FHF). Over the five modules, learners join the FHF team as they seek to become a safer organisation and navigate safeguarding challenges. The RSH is pleased to announce that Module 1 is out now in English!',
    publishers: ['rsh'],
    topics: ['capacity-strengthening'],
  },
] satisfies ResourceSeed[]
