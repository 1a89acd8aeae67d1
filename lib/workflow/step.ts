/**
 * The one way a workflow step is made, shared by connection cases (lib/connections/cases.ts) and
 * publication requests (lib/review/requests.ts): one transaction that locks the record's row,
 * re-reads it, asks the pure decision function whether the move is legal for this actor, makes the
 * status write conditional on the status it read, applies the step's own writes, settles the notices
 * (who is newly waited on is told, what is no longer waited on is resolved) and records the audit
 * event — all committed together or not at all. A repeated or racing move finds the record already
 * moved and is refused; nothing is created twice.
 */
import { recordAudit, type AuditEntry } from '@/lib/audit/record'
import { db, type Tx } from '@/lib/db/client'
import { DomainError, type DomainErrorCode } from '@/lib/errors'
import { Prisma } from '@/lib/generated/prisma/client'

/** The tables whose rows a step locks; a closed list, so the table name in the SQL is never input. */
export type LockableTable = 'ConnectionCase' | 'PublicationRequest'

/** Locks one row for the rest of the transaction; false when there is no such row. */
export async function lockRow(tx: Tx, table: LockableTable, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM ${Prisma.raw(`"${table}"`)} WHERE id = ${id} FOR UPDATE`
  return rows.length > 0
}

export type StepDefinition<
  Locked,
  Snapshot extends { status: unknown },
  Move extends { status: Snapshot['status'] },
  T,
> = {
  table: LockableTable
  id: string
  /** Reads the locked record as the step needs it. */
  read: (tx: Tx) => Promise<Locked>
  /** The workflow's view of the record. */
  snapshotOf: (locked: Locked) => Snapshot
  /** The pure decision: the move, or the refusal (a DomainError code). May throw an authorization error first. */
  decide: (locked: Locked, before: Snapshot) => ({ ok: true } & Move) | { ok: false; refusal: DomainErrorCode }
  /** The conditional status write: how many rows moved from `from` to `to` (1, or the step is refused). */
  moveStatus: (tx: Tx, from: Snapshot['status'], to: Snapshot['status']) => Promise<number>
  /** The refusal when the conditional write finds the record moved. */
  wrongState: DomainErrorCode
  /** The step's own writes, after the status moved. */
  apply: (tx: Tx, locked: Locked, move: Move) => Promise<T>
  /** Settles notices between the snapshots before and after the step (`current`: the record as the step left it). */
  settle: (tx: Tx, locked: Locked, before: Snapshot, after: Snapshot, current: Locked) => Promise<void>
  /** The audit event of the step. */
  audit: (locked: Locked, before: Snapshot, move: Move) => AuditEntry
}

export async function runStep<
  Locked,
  Snapshot extends { status: unknown },
  Move extends { status: Snapshot['status'] },
  T,
>(step: StepDefinition<Locked, Snapshot, Move, T>): Promise<T> {
  return db.$transaction(async (tx) => {
    // Serializes every move on this record: the snapshot below cannot change before we write.
    if (!(await lockRow(tx, step.table, step.id))) throw new DomainError('notFound')
    const locked = await step.read(tx)
    const before = step.snapshotOf(locked)
    const decided = step.decide(locked, before)
    if (!decided.ok) throw new DomainError(decided.refusal)
    const move = decided as Move
    if (move.status !== before.status) {
      if ((await step.moveStatus(tx, before.status, move.status)) !== 1) throw new DomainError(step.wrongState)
    }
    const result = await step.apply(tx, locked, move)
    // Whoever the record newly waits on is told, in this same transaction.
    const current = await step.read(tx)
    await step.settle(tx, locked, before, step.snapshotOf(current), current)
    await recordAudit(tx, step.audit(locked, before, move))
    return result
  })
}
