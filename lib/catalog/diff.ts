import { diffLines } from 'diff'

export type DiffLine = { kind: 'added' | 'removed' | 'same'; text: string }

/** The lines of `before` and `after` as a unified listing (jsdiff's line diff), unchanged runs kept. */
export function lineDiff(before: string, after: string): DiffLine[] {
  return diffLines(before, after).flatMap((change) => {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same'
    const lines = change.value.replace(/\n$/, '').split('\n')
    return lines.map((text) => ({ kind, text }) as DiffLine)
  })
}
