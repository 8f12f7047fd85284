// What the newsletter's sign-up says to a reader, in the hub's four locales: the consent they give
// (versioned: each consent record names the wording it was given under) and the confirmation e-mail.
import type { LocaleCode } from '../locales'

/**
 * The wording a reader agrees to. A change to any language's text is a new version: records keep
 * the version they were given under, and partner forms show the current one (`newsletterConsent`).
 */
export const CONSENT_VERSION = '2026-12-07'
export const CONSENT_WORDING: Record<LocaleCode, string> = {
  en: 'I agree to receive the Alliance for Child Protection in Humanitarian Action’s newsletter by e-mail. The Alliance keeps my address, language and interests for this purpose only, and I can unsubscribe at any time with the link in every e-mail.',
  fr: 'J’accepte de recevoir par e-mail la lettre d’information de l’Alliance pour la protection de l’enfance dans l’action humanitaire. L’Alliance conserve mon adresse, ma langue et mes centres d’intérêt à cette seule fin, et je peux me désabonner à tout moment grâce au lien présent dans chaque e-mail.',
  es: 'Acepto recibir por correo electrónico el boletín de la Alianza para la Protección de la Niñez y Adolescencia en la Acción Humanitaria. La Alianza conserva mi dirección, idioma e intereses solo con este fin, y puedo darme de baja en cualquier momento con el enlace de cada correo.',
  ar: 'أوافق على تلقي النشرة الإخبارية للتحالف من أجل حماية الطفل في العمل الإنساني عبر البريد الإلكتروني. يحتفظ التحالف بعنواني ولغتي واهتماماتي لهذا الغرض فقط، ويمكنني إلغاء الاشتراك في أي وقت عبر الرابط الموجود في كل رسالة.',
}

type ConfirmationTexts = {
  subject: string
  greeting: string
  ask: string
  button: string
  expires: (hours: number) => string
  ignore: string
  signature: string
}

/** The e-mail that asks a reader to confirm their address (double opt-in). */
export const CONFIRMATION: Record<LocaleCode, ConfirmationTexts> = {
  en: {
    subject: 'Confirm your subscription to the Alliance’s newsletter',
    greeting: 'Hello,',
    ask: 'Someone, probably you, asked to receive the newsletter of the Alliance for Child Protection in Humanitarian Action at this address. To confirm, open this link:',
    button: 'Confirm my subscription',
    expires: (hours) => `The link works for ${hours} hours.`,
    ignore:
      'If you did not ask for it, ignore this e-mail: you will not be subscribed and will hear no more from us.',
    signature: 'The Alliance for Child Protection in Humanitarian Action',
  },
  fr: {
    subject: 'Confirmez votre abonnement à la lettre d’information de l’Alliance',
    greeting: 'Bonjour,',
    ask: 'Quelqu’un, probablement vous, a demandé à recevoir la lettre d’information de l’Alliance pour la protection de l’enfance dans l’action humanitaire à cette adresse. Pour confirmer, ouvrez ce lien :',
    button: 'Confirmer mon abonnement',
    expires: (hours) => `Le lien est valable ${hours} heures.`,
    ignore:
      'Si vous ne l’avez pas demandé, ignorez cet e-mail : vous ne serez pas abonné·e et ne recevrez rien d’autre de notre part.',
    signature: 'L’Alliance pour la protection de l’enfance dans l’action humanitaire',
  },
  es: {
    subject: 'Confirme su suscripción al boletín de la Alianza',
    greeting: 'Hola:',
    ask: 'Alguien, probablemente usted, pidió recibir el boletín de la Alianza para la Protección de la Niñez y Adolescencia en la Acción Humanitaria en esta dirección. Para confirmarlo, abra este enlace:',
    button: 'Confirmar mi suscripción',
    expires: (hours) => `El enlace es válido durante ${hours} horas.`,
    ignore:
      'Si no lo pidió, ignore este correo: no quedará suscrito y no volverá a saber de nosotros.',
    signature: 'La Alianza para la Protección de la Niñez y Adolescencia en la Acción Humanitaria',
  },
  ar: {
    subject: 'أكّد اشتراكك في النشرة الإخبارية للتحالف',
    greeting: 'مرحبًا،',
    ask: 'طلب أحدهم، وربما أنت، تلقي النشرة الإخبارية للتحالف من أجل حماية الطفل في العمل الإنساني على هذا العنوان. للتأكيد، افتح هذا الرابط:',
    button: 'تأكيد اشتراكي',
    expires: (hours) => `يعمل الرابط لمدة ${hours} ساعة.`,
    ignore: 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: لن يتم اشتراكك ولن تتلقى منا شيئًا بعد الآن.',
    signature: 'التحالف من أجل حماية الطفل في العمل الإنساني',
  },
}

/** `subscribe`'s answer, the same for every address: it cannot tell who subscribes. */
export const SIGN_UP_ANSWER: Record<LocaleCode, string> = {
  en: 'Thank you. An e-mail is on its way to this address: open its link within 48 hours to confirm your subscription. Nothing will be sent to you until you do.',
  fr: 'Merci. Un e-mail est en route vers cette adresse : ouvrez son lien dans les 48 heures pour confirmer votre abonnement. Rien ne vous sera envoyé avant.',
  es: 'Gracias. Hay un correo en camino a esta dirección: abra su enlace en las próximas 48 horas para confirmar su suscripción. No se le enviará nada hasta entonces.',
  ar: 'شكرًا لك. رسالة في طريقها إلى هذا العنوان: افتح الرابط الذي تحتويه خلال 48 ساعة لتأكيد اشتراكك. لن يُرسل إليك أي شيء قبل ذلك.',
}
