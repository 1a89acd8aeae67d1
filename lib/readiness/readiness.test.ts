import { describe, expect, it } from 'vitest'
import { evaluateChecklist, type ChecklistFacts } from '@/lib/connections/checklist'
import { todayInChile } from '@/lib/dates'
import { cooperationStatus, readinessFactsOf, readinessOf, type ReadinessFacts } from './readiness'

const d = (iso: string) => new Date(`${iso}T00:00:00Z`)
const today = d('2026-11-22')
// Vallenar's convenio (seeds/002): signed 17-03-2023, SEGPRES decree 17-04-2023, municipal decree 15-06-2023.
const vallenar = { segpresDecreeDate: d('2023-04-17'), institutionDecreeDate: d('2023-06-15'), terminatesOn: null }
const none: ReadinessFacts = { cooperation: null, designatedRoles: [], trainingKindsAttended: [] }

describe('readinessFactsOf', () => {
  it('puts the convenio in force from the later approving decree, whichever party approved last', () => {
    expect(readinessFactsOf({ ...none, cooperation: vallenar }).cooperation).toEqual({
      inForceFrom: d('2023-06-15'),
      terminatesOn: null,
    })
    const segpresLast = { ...vallenar, segpresDecreeDate: d('2023-07-01') }
    expect(readinessFactsOf({ ...none, cooperation: segpresLast }).cooperation?.inForceFrom).toEqual(d('2023-07-01'))
  })

  it('lists each role and training kind once', () => {
    const facts = readinessFactsOf({
      cooperation: null,
      designatedRoles: ['CTD', 'CTD', 'TECHNICAL_ADMIN'],
      trainingKindsAttended: ['PROVISION', 'PROVISION'],
    })
    expect(facts).toEqual({
      cooperation: null,
      designatedRoles: ['CTD', 'TECHNICAL_ADMIN'],
      trainingKindsAttended: ['PROVISION'],
    })
  })
})

describe('cooperationStatus', () => {
  const inForce = { inForceFrom: d('2023-06-15'), terminatesOn: null }
  it('follows the convenio from its last decree to its termination date', () => {
    expect(cooperationStatus(null, today)).toBe('none')
    expect(cooperationStatus(inForce, d('2023-06-14'))).toBe('notYetInForce')
    expect(cooperationStatus(inForce, d('2023-06-15'))).toBe('inForce')
    expect(cooperationStatus({ ...inForce, terminatesOn: d('2026-12-22') }, today)).toBe('terminating')
    expect(cooperationStatus({ ...inForce, terminatesOn: d('2026-12-22') }, d('2026-12-21'))).toBe('terminating')
    expect(cooperationStatus({ ...inForce, terminatesOn: d('2026-12-22') }, d('2026-12-22'))).toBe('terminated')
  })
})

describe('readinessOf', () => {
  it('says which items are met and why', () => {
    const facts = readinessFactsOf({
      cooperation: vallenar,
      designatedRoles: ['CTD', 'TECHNICAL_ADMIN'],
      trainingKindsAttended: ['CONSUMPTION'],
    })
    expect(readinessOf(facts, today)).toEqual([
      { item: 'cooperation', met: true, status: 'inForce' },
      { item: 'technicalAdmin', met: true, status: 'designated' },
      { item: 'businessAdmin', met: false, status: 'missing' },
      { item: 'consumptionTraining', met: true, status: 'attended' },
      { item: 'provisionTraining', met: false, status: 'missing' },
    ])
  })

  it('counts a convenio under notice as in force until it ends, and not after', () => {
    const cooperation = { ...vallenar, terminatesOn: d('2026-12-22') }
    const met = (on: Date) => readinessOf(readinessFactsOf({ ...none, cooperation }), on)[0]
    expect(met(today)).toEqual({ item: 'cooperation', met: true, status: 'terminating' })
    expect(met(d('2026-12-22'))).toEqual({ item: 'cooperation', met: false, status: 'terminated' })
    expect(readinessOf(none, today)[0]).toEqual({ item: 'cooperation', met: false, status: 'none' })
  })

  it('agrees with the promotion checklist about the convenio, from the same facts', () => {
    const cases = [
      null,
      vallenar,
      { ...vallenar, terminatesOn: d('2026-12-22') },
      { ...vallenar, terminatesOn: d('2026-11-01') },
      { ...vallenar, institutionDecreeDate: d('2027-01-05') },
    ]
    for (const cooperation of cases) {
      const facts = readinessFactsOf({ cooperation, designatedRoles: [], trainingKindsAttended: [] })
      const checklist: ChecklistFacts = {
        ...facts,
        now: today,
        requiresAgreement: false,
        agreement: null,
        lastPassingTestAt: null,
      }
      const inChecklist = evaluateChecklist(checklist).find((i) => i.item === 'cooperationInForce')!.met
      expect(readinessOf(facts, today)[0]!.met, JSON.stringify(cooperation)).toBe(inChecklist)
    }
  })
})

describe('todayInChile', () => {
  it('is the calendar date in Santiago, not in UTC', () => {
    // 23:30 on 22 November in Santiago (UTC−3 in summer) is already the 23rd in UTC.
    expect(todayInChile(new Date('2026-11-23T02:30:00Z'))).toEqual(d('2026-11-22'))
    expect(todayInChile(new Date('2026-11-23T03:30:00Z'))).toEqual(d('2026-11-23'))
    // Winter (UTC−4).
    expect(todayInChile(new Date('2026-07-01T03:30:00Z'))).toEqual(d('2026-06-30'))
  })
})
