/**
 * Dates a case records must be possible (issue 7 §3): a meeting is held once its time has come, and a
 * connectivity test is dated between its node's delivery and now. A refusal changes nothing.
 */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { recordConnectivityTest, recordMeetingHeld, scheduleMeeting } from './cases'
import { caseAt, caseAtTesting } from '@/test/support/scenario'

const test = (ranAt: Date) => ({ ranAt, target: 'dev', outcome: 'PASSED' as const, latencyMs: 120, notes: null })

describe('a meeting recorded as held', () => {
  it('is refused before its scheduled time, and accepted once it has come', async () => {
    const c = await caseAt('meetingRequested')
    const meetingAt = new Date(Date.now() + 2 * 3_600_000)
    await scheduleMeeting(c.people.reviewer, c.caseId, { meetingAt, meetingLink: 'https://meet.example.cl/x' })

    const refusal = await recordMeetingHeld(c.people.reviewer, c.caseId, { meetingNotes: 'Acordado' }).catch(
      (e: unknown) => e,
    )
    expect(refusal).toBeInstanceOf(DomainError)
    expect(refusal).toMatchObject({ code: 'meetingNotYetHeld' })
    const refused = await db.connectionCase.findUniqueOrThrow({
      where: { id: c.caseId },
      select: { status: true, meetingNotes: true },
    })
    expect(refused).toEqual({ status: 'MEETING_SCHEDULED', meetingNotes: null })

    await recordMeetingHeld(
      c.people.reviewer,
      c.caseId,
      { meetingNotes: 'Acordado' },
      new Date(meetingAt.getTime() + 60_000),
    )
    expect(
      (await db.connectionCase.findUniqueOrThrow({ where: { id: c.caseId }, select: { status: true } })).status,
    ).toBe('MEETING_HELD')
  })
})

describe('a connectivity test', () => {
  it('cannot be dated before its development node was delivered, nor in the future', async () => {
    const c = await caseAtTesting()
    const grant = await db.accessGrant.findFirstOrThrow({
      where: { caseId: c.caseId, environment: 'DEVELOPMENT' },
      select: { grantedAt: true },
    })
    const tests = () => db.connectivityTest.count({ where: { caseId: c.caseId } })

    const before = new Date(grant.grantedAt.getTime() - 24 * 3_600_000)
    const refusedBefore = await recordConnectivityTest(c.people.consumerTech, c.caseId, test(before)).catch(
      (e: unknown) => e,
    )
    expect(refusedBefore).toMatchObject({ code: 'testBeforeNode', field: 'ranAt' })

    const future = new Date(Date.now() + 3_600_000)
    const refusedFuture = await recordConnectivityTest(c.people.consumerTech, c.caseId, test(future)).catch(
      (e: unknown) => e,
    )
    expect(refusedFuture).toMatchObject({ code: 'testInFuture', field: 'ranAt' })
    expect(await tests()).toBe(0)

    // The form has minutes only: the minute the node was delivered in counts as after it.
    const sameMinute = new Date(Math.floor(grant.grantedAt.getTime() / 60_000) * 60_000)
    await recordConnectivityTest(c.people.consumerTech, c.caseId, test(sameMinute))
    expect(await tests()).toBe(1)
  })
})
