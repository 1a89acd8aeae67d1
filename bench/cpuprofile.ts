/**
 * Reads the .cpuprofile files `BENCH_CPU_PROF=dir npm run bench:pages` leaves and prints where the
 * server's CPU went: self time by category (package, Node internals, GC, the app's chunks), the
 * heaviest functions, and for a function named on the command line, the callers its time came through.
 *
 *   npx tsx bench/cpuprofile.ts dir [functionName …]
 *
 * Idle time is left out of the percentages (it is the server waiting for work or for PostgreSQL).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

type CallFrame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [dir, ...wanted] = process.argv.slice(2)
if (!dir) throw new Error('usage: tsx bench/cpuprofile.ts dir [functionName …]')

/** A frame's category: the package it lives in, or what Node/V8 reports instead of a file. */
export function categoryOf({ url, functionName }: CallFrame): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC'
    if (functionName === '(idle)' || functionName === '(program)') return functionName
    return `native ${functionName || '(anonymous)'}`
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`
  const compiled = /next\/dist\/compiled\/([^/]+(?:\/[^/]+)?)/.exec(url)
  if (compiled) return `next/compiled/${compiled[1]!.replace(/\/.*$/, '')}`
  if (/next\/dist\//.test(url)) return `next/dist/${/next\/dist\/([^/]+)/.exec(url)![1]}`
  const modules = url.split('node_modules/')
  if (modules.length > 1) {
    const rest = modules.at(-1)!.split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  if (/\.next\/server\/chunks\/ssr\//.test(url)) return 'app chunks (ssr)'
  if (/\.next\/server\/chunks\//.test(url)) return 'app chunks'
  if (/\.next\/server\//.test(url)) return 'app (.next/server)'
  return path.basename(url)
}

const self = new Map<string, number>()
const byFunction = new Map<string, number>()
const callers = new Map<string, Map<string, number>>()
/** Time of the samples with the function anywhere on their stack (synchronous stacks only). */
const inclusive = new Map<string, number>()
let total = 0
let idle = 0

for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const time = new Map<number, number>()
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000))
  for (const [id, ms] of time) {
    const node = nodes.get(id)!
    const frame = node.callFrame
    if (frame.functionName === '(idle)') {
      idle += ms
      continue
    }
    total += ms
    const category = categoryOf(frame)
    self.set(category, (self.get(category) ?? 0) + ms)
    const fn = `${frame.functionName || '(anonymous)'} · ${category}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms)
    const seen = new Set<string>()
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const f = nodes.get(p)!.callFrame
      const key = `${f.functionName || '(anonymous)'} · ${categoryOf(f)}`
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms)
    }
    // The chain of callers of every sample, for the functions asked about (self time of the sample).
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const name = nodes.get(p)!.callFrame.functionName
      if (!wanted.includes(name)) continue
      const chain: string[] = []
      for (let q = parent.get(p); q !== undefined && chain.length < 8; q = parent.get(q)) {
        const f = nodes.get(q)!.callFrame
        chain.push(`${f.functionName || '(anon)'}@${categoryOf(f)}`)
      }
      const key = chain.join(' < ')
      const of = callers.get(name) ?? new Map<string, number>()
      of.set(key, (of.get(key) ?? 0) + ms)
      callers.set(name, of)
      break
    }
  }
}

const pct = (ms: number) => `${((100 * ms) / total).toFixed(1).padStart(5)} %`
console.log(`busy ${(total / 1000).toFixed(1)} s, idle ${(idle / 1000).toFixed(1)} s\n\nself time by category:`)
for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(ms)}  ${k}`)
console.log('\nheaviest functions (self):')
for (const [k, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${pct(ms)}  ${k}`)
console.log('\nfunctions asked about, inclusive (synchronous stacks):')
for (const [k, ms] of [...inclusive].filter(([k]) => wanted.includes(k.split(' · ')[0]!)).sort((a, b) => b[1] - a[1]))
  console.log(`${pct(ms)}  ${(ms / 1000).toFixed(2)} s  ${k}`)
for (const [name, of] of callers) {
  console.log(`\ncallers of ${name} (time under it):`)
  for (const [k, ms] of [...of].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${pct(ms)}  ${k}`)
}
