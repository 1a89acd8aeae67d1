import type { CSSProperties } from 'react'
import { Badge } from '@/components/ui/badge'

export type FacetCounts = Record<string, number>

export function withCount(label: string, count: number): string {
  return `${label} (${count})`
}

const statusTone = {
  DRAFT: 'neutral',
  IN_REVIEW: 'warning',
  PUBLISHED: 'success',
  DEPRECATED: 'danger',
  RETIRED: 'neutral',
} as const

export function StatusBadge({ status, label }: { status: keyof typeof statusTone; label: string }) {
  return <Badge tone={statusTone[status]}>{label}</Badge>
}

const classificationTone = { PUBLIC: 'success', PERSONAL: 'warning', SENSITIVE: 'danger' } as const

export function ClassificationBadge({ value, label }: { value: keyof typeof classificationTone; label: string }) {
  return <Badge tone={classificationTone[value]}>{label}</Badge>
}

/** A score out of 100 as a bar with its number (one element, app/globals.css); the number is what is read aloud. */
export function CompletenessMeter({ score }: { score: number }) {
  const tone = score >= 85 ? 'meter-success' : score >= 50 ? 'meter-warning' : 'meter-danger'
  return (
    <span className={`meter ${tone}`} style={{ '--score': `${score}%` } as CSSProperties}>
      {`${score} %`}
    </span>
  )
}
