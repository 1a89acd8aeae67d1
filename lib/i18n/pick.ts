import { messages, type Messages } from './messages'

type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]:
    `${Prefix}${K}` | (T[K] extends Record<string, unknown> ? Paths<T[K], `${Prefix}${K}.`> : never)
}[keyof T & string]

/** A namespace ('connections') or a key inside one ('connections.status'), checked against the catalog. */
export type MessagePath = Paths<Messages>

const memo = new Map<string, Record<string, unknown>>()

/** The catalog reduced to `paths`, in the catalog's own shape. Computed once per set of paths. */
export function pickMessages(paths: MessagePath[]): Record<string, unknown> {
  const unique = [...new Set(paths)]
  // A key inside a namespace that is given whole adds nothing.
  const all = unique.filter((path) => !unique.some((other) => path.startsWith(`${other}.`))).sort()
  const key = all.join(',')
  let picked = memo.get(key)
  if (!picked) {
    picked = {}
    for (const path of all) {
      const parts = path.split('.')
      let source: unknown = messages
      let target = picked
      parts.forEach((part, i) => {
        source = (source as Record<string, unknown>)[part]
        if (i === parts.length - 1) target[part] = source
        else target = (target[part] ??= {}) as Record<string, unknown>
      })
    }
    memo.set(key, picked)
  }
  return picked
}
