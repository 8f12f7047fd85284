import type { LocaleCode } from '../locales'

// What a subscriber may ask to receive. Editions of the newsletter go to those with `newsletter`;
// the others are kept for the mailings that follow them (webinar announcements, new materials).
export const INTERESTS = ['newsletter', 'webinars', 'publications'] as const
export type Interest = (typeof INTERESTS)[number]

/** Each interest's name, for forms in each locale (the admin shows English). */
export const INTEREST_NAMES: Record<Interest, Record<LocaleCode, string>> = {
  newsletter: {
    en: 'The monthly newsletter',
    fr: 'La lettre d’information mensuelle',
    es: 'El boletín mensual',
    ar: 'النشرة الإخبارية الشهرية',
  },
  webinars: {
    en: 'Webinars and events',
    fr: 'Webinaires et événements',
    es: 'Seminarios web y eventos',
    ar: 'الندوات عبر الإنترنت والفعاليات',
  },
  publications: {
    en: 'New technical materials',
    fr: 'Nouveaux documents techniques',
    es: 'Nuevos materiales técnicos',
    ar: 'المواد التقنية الجديدة',
  },
}

/** What a sign-up without interests asks for. */
export const DEFAULT_INTERESTS: Interest[] = ['newsletter']
