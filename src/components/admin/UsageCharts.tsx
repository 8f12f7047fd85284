'use client'
// The Usage page's charts (src/components/admin/UsageView.tsx): requests, cost and errors per day,
// stacked by caller, and each caller's p95 per day. Drawn with Recharts (SVG, made for React); the
// page's table below holds the same figures for readers who cannot see them.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import type { UsageDay } from '../../partners/usage'

/** Okabe and Ito's palette, told apart with every common colour blindness; anonymous in grey. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442']
const GREY = '#8c8c8c'

type Series = { caller: string; name: string }
type Measure = 'requests' | 'cost' | 'errors' | 'p95'

const colourOf = (series: Series[]) => {
  const colours = new Map<string, string>()
  let next = 0
  for (const { caller } of series) {
    colours.set(caller, caller === 'anonymous' ? GREY : PALETTE[next++ % PALETTE.length]!)
  }
  return colours
}

const byDay = (days: string[], rows: UsageDay[], measure: Measure) => {
  const table = new Map(days.map((day) => [day, { day } as Record<string, string | number | null>]))
  for (const row of rows) {
    const entry = table.get(row.day)
    if (entry) entry[row.caller] = row[measure]
  }
  // Days without requests: 0 of each count (a p95 has no value there).
  if (measure !== 'p95') {
    for (const entry of table.values()) {
      for (const row of rows) entry[row.caller] ??= 0
    }
  }
  return [...table.values()]
}

const short = (day: string) => day.slice(5)

const Chart = ({
  title,
  measure,
  days,
  rows,
  series,
}: {
  title: string
  measure: Measure
  days: string[]
  rows: UsageDay[]
  series: Series[]
}) => {
  const colours = colourOf(series)
  const data = byDay(days, rows, measure)
  const label = `${title}, per day, by caller (figures in the table below)`
  return (
    <figure
      className="usage-chart"
      data-measure={measure}
      aria-label={label}
      role="group"
      style={{ margin: 0 }}
    >
      <figcaption>
        <h3 style={{ margin: '8px 0' }}>{title}</h3>
      </figcaption>
      <div style={{ width: '100%', height: 220 }} dir="ltr">
        <ResponsiveContainer>
          {measure === 'p95' ? (
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={short} />
              <YAxis unit=" ms" width={72} />
              <Tooltip />
              <Legend />
              {series.map(({ caller, name }) => (
                <Line
                  key={caller}
                  dataKey={caller}
                  name={name}
                  stroke={colours.get(caller)}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          ) : (
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={short} />
              <YAxis width={72} allowDecimals={false} />
              <Tooltip />
              <Legend />
              {series.map(({ caller, name }) => (
                <Bar
                  key={caller}
                  dataKey={caller}
                  name={name}
                  stackId="callers"
                  fill={colours.get(caller)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  )
}

export const UsageCharts = ({
  days,
  rows,
  series,
}: {
  days: string[]
  rows: UsageDay[]
  series: Series[]
}) => (
  <div
    className="usage-charts"
    style={{
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))',
      gap: '16px 32px',
    }}
  >
    <Chart title="Requests" measure="requests" days={days} rows={rows} series={series} />
    <Chart
      title="Cost (query cost points)"
      measure="cost"
      days={days}
      rows={rows}
      series={series}
    />
    <Chart title="Errors" measure="errors" days={days} rows={rows} series={series} />
    <Chart title="p95 latency" measure="p95" days={days} rows={rows} series={series} />
  </div>
)
