'use client'
// Beside the publication date's picker (which always shows a day): the date as partners will see
// it, following "How much of the publication date is known".
import { useFormFields } from '@payloadcms/ui'

import { formatByPrecision } from '../../datePrecision'

export const PreciseDateReadout = () => {
  const date = useFormFields(([fields]) => fields.publicationDate?.value)
  const precision = useFormFields(([fields]) => fields.datePrecision?.value)
  const text = formatByPrecision(
    date as string | null,
    typeof precision === 'string' ? precision : 'day',
  )
  if (!text) return null
  return (
    <div className="field-description precise-date-readout" data-testid="precise-date-readout">
      {/* One inline run: the description's flex layout would drop the space. */}
      <span>
        Known as: <strong>{text}</strong>
      </span>
    </div>
  )
}
