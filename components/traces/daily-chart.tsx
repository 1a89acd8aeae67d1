import { AxisBottom, AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar, LinePath } from '@visx/shape'

/**
 * A chart of daily figures drawn as SVG on the server (visx, no client JavaScript), with its table
 * alternative: a real <table> of the same numbers, behind a native <details> (docs/decisions/025).
 */

export type ChartSeries = {
  label: string
  values: (number | null)[]
  /** Tailwind text colour class: the series is drawn in currentColor. */
  colorClass: string
  kind: 'bar' | 'line'
  /** Dashed line, so two lines differ by more than their colour. */
  dashed?: boolean
}

type Props = {
  id: string
  title: string
  description: string
  days: string[]
  series: ChartSeries[]
  format: (value: number) => string
  words: { dayColumn: string; showTable: string; noValue: string }
}

const WIDTH = 560
const HEIGHT = 220
const MARGIN = { top: 12, right: 12, bottom: 28, left: 56 }

const shortDay = (day: string) => `${day.slice(8, 10)}-${day.slice(5, 7)}`

export function DailyChart({ id, title, description, days, series, format, words }: Props) {
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)))
  const x = scaleBand({ domain: days, range: [0, innerWidth], padding: 0.2 })
  const y = scaleLinear({ domain: [0, max], range: [innerHeight, 0], nice: true })
  const center = (day: string) => (x(day) ?? 0) + x.bandwidth() / 2
  const tickDays = days.filter((_, i) => i % 5 === (days.length - 1) % 5)
  return (
    <figure className="space-y-2 rounded-md border border-line p-4" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="font-semibold">
        {title}
      </figcaption>
      <p id={`${id}-desc`} className="text-sm text-muted">
        {description}
      </p>
      <ul className="flex flex-wrap gap-4 text-sm" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label} className="flex items-center gap-2">
            <svg width="18" height="10" className={s.colorClass}>
              {s.kind === 'bar' ? (
                <rect width="18" height="10" fill="currentColor" />
              ) : (
                <line
                  x1="0"
                  y1="5"
                  x2="18"
                  y2="5"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeDasharray={s.dashed ? '4 3' : undefined}
                />
              )}
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full text-muted"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          {series.map((s) =>
            s.kind === 'bar' ? (
              <g key={s.label} className={s.colorClass}>
                {days.map((day, i) => {
                  const v = s.values[i]
                  if (!v) return null
                  return (
                    <Bar
                      key={day}
                      x={x(day)}
                      y={y(v)}
                      width={x.bandwidth()}
                      height={innerHeight - y(v)}
                      fill="currentColor"
                    />
                  )
                })}
              </g>
            ) : (
              <g key={s.label} className={s.colorClass}>
                <LinePath<{ day: string; value: number | null }>
                  data={days.map((day, i) => ({ day, value: s.values[i] ?? null }))}
                  defined={(d) => d.value !== null}
                  x={(d) => center(d.day)}
                  y={(d) => y(d.value ?? 0)}
                  stroke="currentColor"
                  strokeWidth={2}
                  strokeDasharray={s.dashed ? '6 4' : undefined}
                  fill="none"
                />
              </g>
            ),
          )}
          <AxisLeft
            scale={y}
            numTicks={4}
            tickFormat={(v) => format(Number(v))}
            stroke="currentColor"
            tickStroke="currentColor"
            tickLabelProps={{ fill: 'currentColor', fontSize: 12, textAnchor: 'end', dx: -4, dy: 3 }}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={tickDays}
            tickFormat={(d) => shortDay(String(d))}
            stroke="currentColor"
            tickStroke="currentColor"
            tickLabelProps={{ fill: 'currentColor', fontSize: 12, textAnchor: 'middle' }}
          />
        </Group>
      </svg>
      <details>
        <summary className="cursor-pointer text-sm underline">{words.showTable}</summary>
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="text-left">
                {words.dayColumn}
              </th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="text-right">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day, i) => (
              <tr key={day} className="border-t border-line">
                <th scope="row" className="text-left font-normal">
                  {shortDay(day)}-{day.slice(0, 4)}
                </th>
                {series.map((s) => {
                  const v = s.values[i]
                  return (
                    <td key={s.label} className="text-right tabular-nums">
                      {v === null || v === undefined ? words.noValue : format(v)}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
