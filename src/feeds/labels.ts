// The few words feeds and calendars say themselves (feed titles, the Alliance's name, link
// labels), in each locale of the hub. Everything else they show is the records' own text.
import type { LocaleCode } from '../locales'
import type { FeedKind } from './paths'

type Words = {
  alliance: string
  kinds: Record<FeedKind, string>
  registration: string
  recording: string
}

export const ALLIANCE_SITE = 'https://alliancecpha.org'

export const WORDS: Record<LocaleCode, Words> = {
  en: {
    alliance: 'Alliance for Child Protection in Humanitarian Action',
    kinds: { resources: 'Resources', news: 'News', webinars: 'Webinars and events' },
    registration: 'Registration',
    recording: 'Recording',
  },
  fr: {
    alliance: 'Alliance pour la protection de l’enfance dans l’action humanitaire',
    kinds: { resources: 'Ressources', news: 'Actualités', webinars: 'Webinaires et événements' },
    registration: 'Inscription',
    recording: 'Enregistrement',
  },
  es: {
    alliance: 'Alianza para la Protección de la Niñez y Adolescencia en la Acción Humanitaria',
    kinds: { resources: 'Recursos', news: 'Noticias', webinars: 'Seminarios web y eventos' },
    registration: 'Inscripción',
    recording: 'Grabación',
  },
  ar: {
    alliance: 'التحالف من أجل حماية الطفل في العمل الإنساني',
    kinds: { resources: 'الموارد', news: 'الأخبار', webinars: 'الندوات عبر الإنترنت والفعاليات' },
    registration: 'التسجيل',
    recording: 'التسجيل المصوّر',
  },
}
