// A date shown no more precisely than it is known: a publication known to the month is "January
// 2021", not "Jan 01" or "January 1st 2021, 12:00 PM". Pure (Intl only), for the admin's list
// cell and edit view alike.
export type DatePrecision = 'day' | 'month' | 'year'

/**
 * Dates entered as a day are kept at noon UTC by the admin's picker, so they are read in UTC: the
 * day, month and year the editor chose, wherever the reader is.
 */
export const formatByPrecision = (
  value: string | Date | null | undefined,
  precision: string | null | undefined,
  locale = 'en-GB',
): string => {
  if (value == null || value === '') return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  const options: Intl.DateTimeFormatOptions =
    precision === 'year'
      ? { year: 'numeric' }
      : precision === 'month'
        ? { year: 'numeric', month: 'long' }
        : { year: 'numeric', month: 'long', day: 'numeric' }
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date)
}
