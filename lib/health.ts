import { db } from '@/lib/db/client'

export type Health = { status: 'ok'; database: 'ok' } | { status: 'error'; database: 'error'; reason: string }

/** Whether the database answers, within `timeoutMs`. */
export async function checkHealth(timeoutMs = 3000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
    return { status: 'ok', database: 'ok' }
  } catch (error) {
    // A reason an operator can act on, without connection strings or credentials.
    const reason =
      error instanceof Error && error.message.includes('no answer') ? error.message : 'database unreachable'
    return { status: 'error', database: 'error', reason }
  } finally {
    clearTimeout(timer)
  }
}
