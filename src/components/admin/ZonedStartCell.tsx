'use client'
// The events list's start column: the organiser's wall clock with the zone's abbreviation and
// name ("21 Jul 2026, 14:00 CEST (Europe/Zurich)"), not the reader's browser time without a zone.
import type { DefaultCellComponentProps } from 'payload'

import { formatZoned } from '../../timeZones'

export const ZonedStartCell = ({ cellData, rowData }: DefaultCellComponentProps) => {
  if (!cellData) return null
  const zone = (rowData as Record<string, unknown> | undefined)?.startsAt_tz
  return <span>{formatZoned(String(cellData), typeof zone === 'string' ? zone : null)}</span>
}
