import type { PoolClient, QueryResultRow } from 'pg'

let counter = 0

/**
 * Rows of `sql` read `fetchSize` at a time through a server-side cursor, so a result of any size is
 * never held whole (the verifier, the CSV export). The caller's client must be inside a transaction;
 * several cursors may be read in turn on the same client.
 */
export async function* cursorRows<T extends QueryResultRow>(
  client: PoolClient,
  sql: string,
  params: unknown[] = [],
  fetchSize = 5_000,
): AsyncGenerator<T[], void, void> {
  const name = `traces_cursor_${++counter}`
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params)
  try {
    for (;;) {
      const { rows } = await client.query<T>(`FETCH ${fetchSize} FROM ${name}`)
      if (rows.length === 0) return
      yield rows
      if (rows.length < fetchSize) return
    }
  } finally {
    await client.query(`CLOSE ${name}`).catch(() => {})
  }
}

/** One row at a time from `cursorRows`, with a one-row look-ahead (`peek`) for merge joins. */
export class RowReader<T extends QueryResultRow> {
  private buffer: T[] = []
  private index = 0
  private done = false
  constructor(private readonly source: AsyncGenerator<T[], void, void>) {}

  async peek(): Promise<T | undefined> {
    while (this.index >= this.buffer.length && !this.done) {
      const next = await this.source.next()
      if (next.done) this.done = true
      else {
        this.buffer = next.value
        this.index = 0
      }
    }
    return this.buffer[this.index]
  }

  async next(): Promise<T | undefined> {
    const row = await this.peek()
    if (row !== undefined) this.index++
    return row
  }
}
