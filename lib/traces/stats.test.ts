import { describe, expect, it } from 'vitest'
import { LATENCY_BOUNDS_MS, percentileMs } from './stats'

const histogram = (counts: Record<number, number>) =>
  Array.from({ length: LATENCY_BOUNDS_MS.length + 1 }, (_, b) => counts[b] ?? 0)

describe('latency percentiles from the rollup’s buckets', () => {
  it('interpolates inside the bucket holding the rank', () => {
    // 100 exchanges in [100, 150) ms (bucket 5): the median is half-way, the p95 near its top.
    expect(percentileMs(histogram({ 5: 100 }), 0.5)).toBe(125)
    expect(percentileMs(histogram({ 5: 100 }), 0.95)).toBe(148)
  })

  it('decides a target on a bound exactly: 95 of 100 under 500 ms is a p95 of at most 500', () => {
    const h = histogram({ 9: 95, 12: 5 }) // [400, 500) and [750, 1000)
    expect(percentileMs(h, 0.95)).toBeLessThanOrEqual(500)
    expect(percentileMs(histogram({ 9: 94, 12: 6 }), 0.95)).toBeGreaterThan(750)
  })

  it('has no percentile without exchanges, and reads the open last bucket up to 60 s', () => {
    expect(percentileMs(histogram({}), 0.5)).toBeNull()
    expect(percentileMs(histogram({ [LATENCY_BOUNDS_MS.length]: 1 }), 0.99)).toBe(60000)
  })
})
