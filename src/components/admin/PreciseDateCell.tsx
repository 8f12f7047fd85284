'use client'
// The resources list's publication date, as precisely as it is known ("January 2021", "2021").
import type { DefaultCellComponentProps } from 'payload'

import { formatByPrecision } from '../../datePrecision'

export const PreciseDateCell = ({ cellData, rowData }: DefaultCellComponentProps) => {
  const precision = (rowData as Record<string, unknown> | undefined)?.datePrecision
  const text = formatByPrecision(
    cellData as string | null,
    typeof precision === 'string' ? precision : 'day',
  )
  return text ? <span>{text}</span> : null
}
