/**
 * Notices of a workflow that waits on people, shared by connection cases and publication requests.
 * After each step, in its transaction:
 * - every notice that asked for a task the record no longer waits on (done by anyone, or the record
 *   moved on) is resolved: it stays in its recipients' inboxes as history but no longer counts;
 * - every party newly waited on is told: an in-app notice now, an e-mail once committed.
 * A waiting notice's kind names its task (`<prefix><party>.<step>`), which is how the step that does
 * the task finds it to resolve.
 */
import type { Tx } from '@/lib/db/client'
import { notify, type NoticeSubject } from '@/lib/notifications/notify'

/** A task a record waits on; `assignee` when it waits on one named person (reassigning it is a new task). */
export type WaitingTask = { party: string; step: string; assignee?: string | null }

export type WaitingNotices<Task extends WaitingTask> = {
  subject: NoticeSubject
  /** The kind prefix of this workflow's waiting notices, e.g. "case.waiting.". */
  prefix: string
  /** What the record waited on before the step (null: it did not exist), and what it waits on now. */
  before: readonly Task[] | null
  after: readonly Task[]
  /** Kinds of notices still pending besides the tasks' own (e.g. written before kinds named their step). */
  alsoPending?: (task: Task) => string[]
  /** The people behind a task's party. */
  recipientsOf: (task: Task) => Promise<string[]>
  /** The title and body a task's notice says. */
  compose: (task: Task) => Promise<{ title: string; body: string }>
  link: string
  /** Who made the step: not told of what they just did or are about to do themselves. */
  exceptPersonId: string | null
}

export const waitingKind = (prefix: string, task: WaitingTask) =>
  `${prefix}${task.party}.${task.step}${task.assignee ? `.${task.assignee}` : ''}`

export async function settleWaitingNotices<Task extends WaitingTask>(tx: Tx, n: WaitingNotices<Task>): Promise<void> {
  await tx.notification.updateMany({
    where: {
      ...n.subject,
      resolvedAt: null,
      kind: {
        startsWith: n.prefix,
        notIn: n.after.flatMap((task) => [waitingKind(n.prefix, task), ...(n.alsoPending?.(task) ?? [])]),
      },
    },
    data: { resolvedAt: new Date() },
  })

  const key = (task: Task) => waitingKind('', task)
  const already = new Set((n.before ?? []).map(key))
  for (const task of n.after.filter((task) => !already.has(key(task)))) {
    const recipientIds = (await n.recipientsOf(task)).filter((id) => id !== n.exceptPersonId)
    if (recipientIds.length === 0) continue
    const { title, body } = await n.compose(task)
    await notify(tx, { recipientIds, kind: waitingKind(n.prefix, task), title, body, link: n.link, ...n.subject })
  }
}
