/**
 * Bad input gets a clear answer, never a 500 (issue 7 §2). Every server action and every route
 * handler is driven with generated malformed input — NUL bytes, impossible dates, huge strings,
 * files where text belongs, ids that cannot be ids or belong to someone else — by a viewer who could
 * act if the input were right. Each answer must be a refusal (a form error, a 4xx), never an
 * exception, and the database must be exactly as it was: every table's rows are checksummed before
 * and after each action's run.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Viewer } from '@/lib/auth/load-viewer'
import { toChileDateTimeInput } from '@/lib/dates'
import { db } from '@/lib/db/client'

// ───────────────────────────── The request around the code ─────────────────────────────

const current = vi.hoisted(() => ({ viewer: null as import('@/lib/auth/load-viewer').Viewer | null }))

vi.mock('@/lib/auth/viewer', async () => {
  const { can } = await import('@/lib/auth/roles')
  const { loadViewer } = await import('@/lib/auth/load-viewer')
  const getViewer = async () => current.viewer
  return {
    loadViewer,
    getViewer,
    getAuthorizedViewer: async (permission: Parameters<typeof can>[1], institutionId?: string) =>
      current.viewer && can(current.viewer, permission, institutionId) ? current.viewer : null,
    requireViewer: async () => current.viewer,
    requirePermission: async () => current.viewer,
  }
})
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => null,
  signIn: async () => {},
  signOut: async () => {},
  isClaveUnicaConfigured: false,
  handlers: {},
}))
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
  headers: async () => new Headers(),
}))
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl')
  const { messages } = await import('@/lib/i18n/messages')
  return {
    getTranslations: async (namespace?: string) =>
      createTranslator({ locale: 'es-CL', messages, namespace: namespace as never }),
  }
})
vi.mock('@/lib/notifications/mailer', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  deliverPendingEmails: async () => {},
  // Mail goes out in Next.js's after(), which needs a request scope; these tests check the database.
  deliverEmailsAfterResponse: () => {},
}))

// ───────────────────────────────────── The database ─────────────────────────────────────

/** Every table's row count and a checksum of its rows: any write shows. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`
  const result: Record<string, string> = {}
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`
    const [row] = await db.$queryRawUnsafe<{ n: bigint; sum: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS sum FROM ${quoted} t`,
    )
    result[name] = `${row!.n}:${row!.sum ?? ''}`
  }
  return result
}

// ─────────────────────────────────── Malformed values ───────────────────────────────────

const RUNS = Number(process.env.FUZZ_RUNS ?? 12)
let tried = 0

const withNul = fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`)
const huge = fc.constantFrom(20_000, 100_000).map((n) => 'x'.repeat(n))
const badPercent = fc.constantFrom('%E0%A4%A', '%', '%00', '%ZZ', '%C0%AF', '..%2F..%2Fetc')
const controls = fc.constantFrom('\u0000', '\u0007', '\u001b[31m', 'a\u0000b', '\u007f')
const weird = fc.oneof(
  withNul,
  huge,
  badPercent,
  controls,
  fc.constantFrom('', ' ', '\uD800', 'null', '[object File]', '{}', '-1'),
)
const file = fc.constant(new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00])], `${'n'.repeat(20_000)}.pdf`))

const badDate = fc.oneof(
  fc.constantFrom(
    '2026-13-01',
    '2027-02-30',
    '2026-00-10',
    '2026-04-31',
    '0000-01-01',
    '99999-01-01',
    '2026-1-1',
    '2026-01-01T00:00',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  weird,
)
const badDateTime = fc.oneof(
  fc.constantFrom(
    '2026-13-45T25:61',
    '2026-02-30T10:00',
    '2026-12-01T24:00',
    '2026-12-01T10:60',
    '2026-09-06T00:30',
    '2026-12-01',
  ),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 24, max: 99 }))
    .map(([m, h]) => `2026-${String(m).padStart(2, '0')}-01T${h}:00`),
  weird,
)
const badLink = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://meet.example.cl/x',
    'https://',
    'ftp://x.cl',
    'meet.example.cl',
  ),
  weird,
)
const badInteger = fc.oneof(
  fc.constantFrom('0x10', '1e3', '12.0', '-5', '600001', '99999999999', 'NaN', 'Infinity', '١٢'),
  weird,
)
const badText = fc.oneof(withNul, huge, controls, fc.constantFrom('', '   '))
const badEnum = fc.oneof(fc.string({ maxLength: 30 }), weird)
/** Ids that cannot be one, and well-formed ids of nothing. */
const badId = fc.oneof(weird, fc.constantFrom('c' + 'z'.repeat(24), 'cm0000000000000000000000', '1', 'a'.repeat(64)))

type Kind =
  'date' | 'optionalDate' | 'dateTime' | 'link' | 'integer' | 'text' | 'optionalText' | 'enum' | 'id' | 'run' | 'email'
const badFor: Record<Kind, fc.Arbitrary<string>> = {
  date: badDate,
  optionalDate: badDate.filter((v) => v.trim() !== ''),
  dateTime: badDateTime,
  link: badLink,
  integer: badInteger.filter((v) => v.trim() !== ''),
  text: badText,
  optionalText: fc.oneof(withNul, huge, controls),
  enum: badEnum,
  id: badId.filter((v) => v !== ''),
  run: fc.oneof(fc.constantFrom('11.111.111-2', '1-1', '', 'K'), weird),
  email: fc.oneof(fc.constantFrom('a@', '@b.cl', 'a b@c.cl', 'a@b.cl\u0000'), weird).filter((v) => v !== ''),
}

type Form = Record<string, string | string[]>
type Fields = Record<string, Kind>

/**
 * A valid form with one field made bad, sometimes a File in its place or missing altogether, and
 * sometimes junk fields added: whatever else is right, that field must be refused.
 */
function malformedForm(valid: Form, fields: Fields): fc.Arbitrary<FormData> {
  const names = Object.keys(fields)
  return fc
    .record({
      field: fc.constantFrom(...names),
      how: fc.constantFrom('bad', 'bad', 'bad', 'file', 'missing'),
      extra: fc.option(fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constant('$ACTION_ID_x')), weird)),
    })
    .chain(({ field, how, extra }) => {
      // A missing optional field is valid: those are made bad instead.
      const optional =
        ['optionalDate', 'optionalText', 'integer'].includes(fields[field]!) ||
        field === 'institutionId' ||
        field === 'email'
      const mode = how === 'missing' && optional ? 'bad' : how
      return badFor[fields[field]!].map((bad) => {
        const form = new FormData()
        for (const [name, value] of Object.entries(valid)) {
          if (name === field) continue
          for (const v of Array.isArray(value) ? value : [value]) form.append(name, v)
        }
        if (mode === 'bad') form.append(field, bad)
        if (mode === 'file') form.append(field, new File([bad], bad.slice(0, 300) || 'x'))
        if (extra) form.append(extra[0], extra[1])
        return form
      })
    })
}

// ─────────────────────────────────────── Answers ───────────────────────────────────────

type Outcome = { kind: 'refused' } | { kind: 'redirect'; to: string } | { kind: 'http'; status: number }

/** Next's own control flow (redirect, notFound, forbidden) is an answer; anything else thrown is a 500. */
async function answer(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await run()) as { status?: string } | undefined
    if (result && typeof result === 'object' && 'status' in result && result.status !== 'error') {
      throw new Error(`Accepted malformed input: ${JSON.stringify(result).slice(0, 200)}`)
    }
    return { kind: 'refused' }
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT'))
      return { kind: 'redirect', to: digest.split(';')[2] ?? '' }
    if (typeof digest === 'string' && digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;'))
      return { kind: 'http', status: Number(digest.split(';')[1]) }
    throw error
  }
}

/** Runs `property` for an action or a route, with the database checksummed around the whole run. */
async function unchangedAfter(name: string, property: fc.IAsyncPropertyWithHooks<never> | fc.IAsyncProperty<never>) {
  const before = await snapshot()
  await fc.assert(property, {
    numRuns: RUNS,
    endOnFailure: true,
    seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
  })
  tried += RUNS
  const after = await snapshot()
  const changed = Object.keys(before).filter((t) => before[t] !== after[t])
  expect(changed, `${name} changed tables on refusal`).toEqual([])
}

// ─────────────────────────────────────── The cast ───────────────────────────────────────

type CaseScenario = import('@/test/support/scenario').CaseScenario
let s: CaseScenario
/** One case at each stage a step starts from, each with its own cast. */
const at: Record<'requested' | 'scheduled' | 'held' | 'agreementRequested' | 'testing' | 'promotion', CaseScenario> =
  {} as never
let institutionId = ''
let workshopId = ''
let attendanceId = ''
let membershipId = ''
let agreementId = ''
let grantId = ''
let dgd: Viewer
let foreignCaseId = ''

beforeAll(async () => {
  const { caseAt } = await import('@/test/support/scenario')
  const { createCentralPerson } = await import('@/prisma/factories')
  const { loadViewer } = await import('@/lib/auth/load-viewer')
  // One after another: the embedded database serves one connection at a time.
  const stages = [
    'meetingRequested',
    'meetingScheduled',
    'meetingHeld',
    'agreementRequested',
    'agreementInForce',
    'promotionReviewed',
    'meetingRequested',
  ] as const
  const built: CaseScenario[] = []
  for (const stage of stages) built.push(await caseAt(stage))
  const [requested, scheduled, held, agreementRequested, testing, promotion, other] = built as [
    CaseScenario,
    CaseScenario,
    CaseScenario,
    CaseScenario,
    CaseScenario,
    CaseScenario,
    CaseScenario,
  ]
  s = testing
  Object.assign(at, { requested, scheduled, held, agreementRequested, testing, promotion })
  // A case of other people: a well-formed id the viewers below are not parties to (DGD staff aside).
  foreignCaseId = other.caseId
  institutionId = s.consumer.id
  const reviewer = await createCentralPerson(db, 'DGD_REVIEWER')
  dgd = (await loadViewer(reviewer.id))!
  const workshop = await db.trainingWorkshop.create({
    data: { kind: 'CONSUMPTION', title: 'Fuzz', heldOn: new Date('2026-01-10') },
  })
  workshopId = workshop.id
  attendanceId = (
    await db.trainingAttendance.create({
      data: { workshopId, personId: s.people.consumerCtd.personId, institutionId },
      select: { id: true },
    })
  ).id
  membershipId = (
    await db.membership.findFirstOrThrow({ where: { institutionId, endedAt: null }, select: { id: true } })
  ).id
  agreementId = (await db.agreement.findFirstOrThrow({ where: { caseId: testing.caseId }, select: { id: true } })).id
  grantId = (await db.accessGrant.findFirstOrThrow({ where: { caseId: testing.caseId }, select: { id: true } })).id
}, 240_000)

afterAll(() => {
  console.log(`Fuzz: ${tried} malformed inputs tried, none answered 5xx or changed the database.`)
})

const as = (viewer: Viewer) => {
  current.viewer = viewer
}

// ─────────────────────────────────────── Actions ───────────────────────────────────────

describe('server actions refuse malformed input without a 500 or a write', () => {
  const state = { status: 'idle' as const }

  it('connection case steps', async () => {
    const a = await import('@/lib/connections/actions')
    const agreements = await import('@/lib/agreements/actions')
    const idOr = (valid: () => string) =>
      fc
        .oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: badId })
        .map((bad) => bad ?? valid())

    const steps: {
      name: string
      who: () => Viewer
      caseId: () => string
      valid: Form
      fields: Fields
      run: (caseId: string, f: FormData) => Promise<unknown>
    }[] = [
      {
        name: 'requestMeeting',
        who: () => at.requested.people.consumerCtd,
        caseId: () => '',
        valid: {
          consumerId: at.requested.consumer.id,
          serviceId: at.requested.service.id,
          requesterRole: 'CONSUMER',
          needs: 'Datos',
          preferredDates: ['2026-12-01', '2026-12-02'],
        },
        fields: { consumerId: 'id', serviceId: 'id', requesterRole: 'enum', needs: 'text', preferredDates: 'date' },
        run: (_c, f) => a.requestMeetingAction(state, f),
      },
      {
        name: 'scheduleMeeting',
        who: () => at.requested.people.reviewer,
        caseId: () => at.requested.caseId,
        valid: { meetingAt: '2026-12-01T10:00', meetingLink: 'https://meet.example.cl/x' },
        fields: { meetingAt: 'dateTime', meetingLink: 'link' },
        run: (c, f) => a.scheduleMeetingAction(c, state, f),
      },
      {
        name: 'recordMeetingHeld',
        who: () => at.scheduled.people.reviewer,
        caseId: () => at.scheduled.caseId,
        valid: { meetingNotes: 'Acordado' },
        fields: { meetingNotes: 'text' },
        run: (c, f) => a.recordMeetingHeldAction(c, state, f),
      },
      {
        name: 'requestAgreement',
        who: () => at.held.people.consumerBusiness,
        caseId: () => at.held.caseId,
        valid: {
          kind: 'CONVENIO',
          legalBasis: 'Ley',
          purpose: 'Fin',
          procedure: 'CPAT-1',
          dataRequested: 'Nombre',
          expectedVolume: '10',
        },
        fields: {
          kind: 'enum',
          legalBasis: 'text',
          purpose: 'text',
          procedure: 'text',
          dataRequested: 'text',
          expectedVolume: 'text',
        },
        run: (c, f) => a.requestAgreementAction(c, state, f),
      },
      {
        name: 'approveAgreement',
        who: () => at.agreementRequested.people.providerBusiness,
        caseId: () => at.agreementRequested.caseId,
        valid: { availability: '99%', responseTime: '2 s', supportHours: '9-18', endsOn: '2027-12-31' },
        fields: { availability: 'text', responseTime: 'text', supportHours: 'text', endsOn: 'optionalDate' },
        run: (c, f) => a.approveAgreementAction(c, state, f),
      },
      {
        name: 'rejectAgreement',
        who: () => at.agreementRequested.people.providerBusiness,
        caseId: () => at.agreementRequested.caseId,
        valid: { reason: 'No corresponde' },
        fields: { reason: 'text' },
        run: (c, f) => a.rejectAgreementAction(c, state, f),
      },
      {
        name: 'recordConnectivityTest',
        who: () => at.testing.people.consumerTech,
        caseId: () => at.testing.caseId,
        valid: {
          ranAt: toChileDateTimeInput(new Date()),
          target: 'dev',
          outcome: 'PASSED',
          latencyMs: '120',
          notes: '',
        },
        fields: { ranAt: 'dateTime', target: 'text', outcome: 'enum', latencyMs: 'integer', notes: 'optionalText' },
        run: (c, f) => a.recordConnectivityTestAction(c, state, f),
      },
      {
        name: 'rejectPromotion',
        who: () => at.promotion.people.head,
        caseId: () => at.promotion.caseId,
        valid: { reason: 'Falta el certificado' },
        fields: { reason: 'text' },
        run: (c, f) => a.rejectPromotionAction(c, state, f),
      },
    ]
    for (const step of steps) {
      as(step.who())
      await unchangedAfter(
        step.name,
        fc.asyncProperty(malformedForm(step.valid, step.fields), idOr(step.caseId), async (form, caseId) => {
          const outcome = await answer(() => step.run(caseId, form))
          expect(outcome, step.name).toEqual({ kind: 'refused' })
        }) as never,
      )
    }

    // Steps that take no form: only their bound ids can be wrong (malformed, or another case's).
    const idOnly: [string, () => Viewer, (caseId: string) => Promise<unknown>][] = [
      ['provisionDevNode', () => at.held.people.reviewer, (c) => a.provisionDevNodeAction(c, state, new FormData())],
      [
        'requestPromotion',
        () => at.testing.people.consumerCtd,
        (c) => a.requestPromotionAction(c, state, new FormData()),
      ],
      ['reviewPromotion', () => at.promotion.people.reviewer, (c) => a.reviewPromotionAction(c, state, new FormData())],
      ['approvePromotion', () => at.promotion.people.head, (c) => a.approvePromotionAction(c, state, new FormData())],
      [
        'signAgreement',
        () => at.testing.people.consumerBusiness,
        (c) => agreements.signAgreementAction(c, 'CONSUMER', state, new FormData()),
      ],
    ]
    for (const [name, who, run] of idOnly) {
      as(who())
      await unchangedAfter(
        name,
        fc.asyncProperty(fc.oneof(badId, fc.constant(foreignCaseId)), async (caseId) => {
          expect(await answer(() => run(caseId)), name).toEqual({ kind: 'refused' })
        }) as never,
      )
    }

    as(at.testing.people.consumerBusiness)
    await unchangedAfter(
      'signAgreement (party and file)',
      fc.asyncProperty(
        fc.oneof(badEnum, fc.constant('CONSUMER')),
        fc.oneof(
          file,
          weird.map((w) => new File([w], w || 'x')),
        ),
        async (party, upload) => {
          const form = new FormData()
          form.append('file', upload)
          const outcome = await answer(() =>
            agreements.signAgreementAction(at.testing.caseId, party as 'CONSUMER', state, form),
          )
          expect(outcome).toEqual({ kind: 'refused' })
        },
      ) as never,
    )

    as(at.testing.people.consumerTech)
    await unchangedAfter(
      'revokeGrant',
      fc.asyncProperty(
        fc
          .tuple(fc.oneof(badId, fc.constant(at.testing.caseId)), fc.oneof(badId, fc.constant(grantId)))
          .filter(([c, g]) => c !== at.testing.caseId || g !== grantId),
        async ([caseId, grant]) => {
          expect(await answer(() => a.revokeGrantAction(caseId, grant, state, new FormData()))).toEqual({
            kind: 'refused',
          })
        },
      ) as never,
    )
  }, 300_000)

  it('members, readiness, trainings, agreements, notifications and demo sign-in', async () => {
    const members = await import('@/lib/institutions/actions')
    const readiness = await import('@/lib/readiness/actions')
    const trainings = await import('@/lib/trainings/actions')
    const agreements = await import('@/lib/agreements/actions')
    const notifications = await import('@/lib/notifications/actions')
    const auth = await import('@/lib/auth/actions')
    const bound = (valid: string) =>
      fc.oneof({ weight: 4, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: badId })

    const forms: {
      name: string
      who: () => Viewer
      bound: () => string
      valid: Form
      fields: Fields
      run: (id: string, f: FormData) => Promise<unknown>
    }[] = [
      {
        name: 'addMember',
        who: () => s.people.consumerCtd,
        bound: () => institutionId,
        valid: { run: '11.111.111-1', name: 'Ana Pérez', email: 'ana@example.cl', role: 'TECHNICAL_ADMIN' },
        fields: { run: 'run', name: 'text', email: 'email', role: 'enum' },
        run: (id, f) => members.addMemberAction(id, state, f),
      },
      {
        name: 'recordCooperation',
        who: () => dgd,
        bound: () => institutionId,
        valid: {
          signedOn: '2024-01-10',
          segpresDecreeNumber: '1',
          segpresDecreeDate: '2024-02-01',
          institutionDecreeNumber: '2',
          institutionDecreeDate: '2024-02-15',
        },
        fields: {
          signedOn: 'date',
          segpresDecreeNumber: 'text',
          segpresDecreeDate: 'date',
          institutionDecreeNumber: 'text',
          institutionDecreeDate: 'date',
        },
        run: (id, f) => readiness.recordCooperationAction(id, state, f),
      },
      {
        name: 'recordTermination',
        who: () => dgd,
        bound: () => institutionId,
        valid: { party: 'SEGPRES', noticeOn: '2026-11-01', terminatesOn: '2027-01-31' },
        fields: { party: 'enum', noticeOn: 'date', terminatesOn: 'date' },
        run: (id, f) => readiness.recordTerminationAction(id, state, f),
      },
      {
        name: 'createWorkshop',
        who: () => dgd,
        bound: () => '',
        valid: { kind: 'CONSUMPTION', title: 'Taller', heldOn: '2026-11-10' },
        fields: { kind: 'enum', title: 'text', heldOn: 'date' },
        run: (_id, f) => trainings.createWorkshopAction(state, f),
      },
      {
        name: 'addAttendance',
        who: () => dgd,
        bound: () => workshopId,
        valid: { run: '11.111.111-1', institutionId: '' },
        fields: { run: 'run', institutionId: 'id' },
        run: (id, f) => trainings.addAttendanceAction(id, state, f),
      },
      {
        name: 'terminateAgreement',
        who: () => s.people.consumerBusiness,
        bound: () => agreementId,
        valid: { terminatesOn: '2027-06-30', reason: 'Ya no se usa' },
        fields: { terminatesOn: 'date', reason: 'text' },
        run: (id, f) => agreements.terminateAgreementAction(id, state, f),
      },
    ]
    for (const form of forms) {
      as(form.who())
      await unchangedAfter(
        form.name,
        fc.asyncProperty(malformedForm(form.valid, form.fields), bound(form.bound()), async (data, id) => {
          expect(await answer(() => form.run(id, data)), form.name).toEqual({ kind: 'refused' })
        }) as never,
      )
    }

    // Actions that take only an id from the form: a malformed one, or another's, changes nothing.
    const idForms: [string, () => Viewer, string, (f: FormData) => Promise<unknown>][] = [
      ['endMembership', () => s.people.outsiderCtd, 'membershipId', (f) => members.endMembershipAction(state, f)],
      ['disablePerson', () => dgd, 'personId', (f) => members.disablePersonAction(state, f)],
      [
        'removeAttendance',
        () => s.people.outsiderCtd,
        'attendanceId',
        (f) => trainings.removeAttendanceAction(state, f),
      ],
      [
        'openNotification',
        () => s.people.consumerCtd,
        'notificationId',
        (f) => notifications.openNotificationAction(f),
      ],
      ['markRead', () => s.people.consumerCtd, 'notificationId', (f) => notifications.markReadAction(f)],
      ['demoSignIn', () => s.people.consumerCtd, 'personId', (f) => auth.demoSignInAction(f)],
    ]
    process.env.DEMO_MODE = 'true'
    try {
      for (const [name, who, field, run] of idForms) {
        as(who())
        const foreign =
          name === 'endMembership' ? membershipId : name === 'removeAttendance' ? attendanceId : 'cm' + '0'.repeat(23)
        await unchangedAfter(
          name,
          fc.asyncProperty(fc.oneof(badId, fc.constant(foreign), file), async (value) => {
            const form = new FormData()
            form.append(field, value)
            const outcome = await answer(() => run(form))
            if (outcome.kind === 'redirect')
              expect(outcome.to, name).toMatch(/^\/(notifications|login\?error=demoRefused)$/)
            else expect(outcome, name).toEqual({ kind: 'refused' })
          }) as never,
        )
      }
    } finally {
      delete process.env.DEMO_MODE
    }
  }, 300_000)
})

// ─────────────────────────────────────── Routes ───────────────────────────────────────

describe('route handlers answer malformed requests with a 4xx, never a 5xx or a write', () => {
  const origin = 'http://localhost:3000'
  const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never

  it('downloads and exports', async () => {
    const routes = {
      readinessDocument: await import('@/app/(portal)/institutions/[id]/readiness/documents/[documentId]/route'),
      agreementDocument: await import('@/app/(portal)/agreements/[id]/documents/[documentId]/route'),
      agreementPdf: await import('@/app/(portal)/connections/[id]/agreement/route'),
      exportInstitutions: await import('@/app/(portal)/institutions/export/route'),
      health: await import('@/app/api/health/route'),
      live: await import('@/app/api/health/live/route'),
      ready: await import('@/app/api/health/ready/route'),
      metrics: await import('@/app/api/metrics/route'),
    }
    const viewers = fc.constantFrom<() => Viewer | null>(
      () => s.people.consumerCtd,
      () => s.people.consumerTech,
      () => dgd,
      () => null,
    )
    const headers = fc.dictionary(
      fc.constantFrom('accept', 'origin', 'range', 'if-none-match', 'x-forwarded-host', 'cookie', 'authorization'),
      weird.map((w) => w.slice(0, 200).replace(/[^\x20-\x7e]/g, '')),
      {
        maxKeys: 3,
      },
    )
    const query = fc.array(
      fc.tuple(
        fc.constantFrom('q', 'sort', 'page', 'perPage', 'group', 'kind', '$x'),
        weird.map((w) => w.slice(0, 5000)),
      ),
      { maxLength: 4 },
    )

    await unchangedAfter(
      'GET routes',
      fc.asyncProperty(viewers, badId, badId, headers, query, async (viewer, id, documentId, head, params) => {
        current.viewer = viewer()
        const url = new URL(`${origin}/x`)
        for (const [k, v] of params) url.searchParams.append(k, v)
        const request = () => new Request(url, { headers: head })
        const responses = await Promise.all([
          routes.readinessDocument.GET(request(), context({ id, documentId })),
          routes.readinessDocument.GET(request(), context({ id: institutionId, documentId })),
          routes.agreementDocument.GET(request(), context({ id, documentId })),
          routes.agreementPdf.GET(request(), context({ id })),
          routes.exportInstitutions.GET(request()),
          routes.health.GET(),
          routes.live.GET(),
          routes.ready.GET(),
          routes.metrics.GET(request()),
        ])
        for (const r of responses) expect(r.status).toBeLessThan(500)
        for (const r of responses.slice(0, 4)) expect(r.status).toBeGreaterThanOrEqual(400)
      }) as never,
    )
  }, 300_000)

  it('the convenio upload', async () => {
    const { POST } = await import('@/app/(portal)/institutions/[id]/readiness/documents/route')
    const bodies = fc.oneof(
      file.map((f) => ({ file: f as File | string })),
      weird.map((w) => ({ file: w as File | string })),
      fc.constant({ file: new File(['not a pdf'], 'x.pdf') as File | string }),
      fc.constant({ file: new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'a\u0000b.pdf') as File | string }),
    )
    await unchangedAfter(
      'POST convenio upload',
      fc.asyncProperty(
        bodies,
        fc.oneof(badId, fc.constant(institutionId)),
        fc.constantFrom('', 'application/json'),
        async ({ file: upload }, id, accept) => {
          current.viewer = dgd
          const form = new FormData()
          form.append('file', upload)
          const request = new Request(`${origin}/institutions/x/readiness/documents`, {
            method: 'POST',
            body: form,
            headers: { accept },
          })
          // A known length, as browsers send: the route checks it before reading.
          const body = await request.arrayBuffer()
          const headers = new Headers(request.headers)
          headers.set('content-length', String(body.byteLength))
          const buffered = new Request(request.url, { method: 'POST', body, headers })
          const response = await POST(buffered, context({ id }))
          if (accept) expect(response.status).toBeGreaterThanOrEqual(400)
          expect(response.status).toBeLessThan(500)
        },
      ) as never,
    )

    // A 20 MB body, a missing length and a foreign origin.
    current.viewer = dgd
    const big = new Uint8Array(20 * 1024 * 1024)
    const huge = await POST(
      new Request(`${origin}/x`, {
        method: 'POST',
        body: big,
        headers: {
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(big.byteLength),
          accept: 'application/json',
        },
      }),
      context({ id: institutionId }),
    )
    expect(huge.status).toBe(413)
    const foreign = await POST(
      new Request(`${origin}/x`, {
        method: 'POST',
        body: 'x',
        headers: { origin: 'https://evil.example', host: 'localhost:3000', accept: 'application/json' },
      }),
      context({ id: institutionId }),
    )
    expect(foreign.status).toBe(403)
    tried += 2
  }, 300_000)
})

// ───────────────────────────────── The catalogs ─────────────────────────────────

describe('the catalogs and the publication review refuse malformed input without a 500 or a write', () => {
  const state = { status: 'idle' as const }
  type Cast = {
    requested: string
    assigned: string
    returned: string
    schemaVersionId: string
    head: Viewer
    reviewer: Viewer
  }
  const cast = {} as Cast
  const openapi = () =>
    new File(
      [
        `openapi: 3.0.3
info: { title: Fuzz, version: '1.0' }
paths:
  /x:
    get:
      summary: X
      responses: { '200': { description: ok } }
`,
      ],
      'spec.yaml',
    )

  beforeAll(async () => {
    const { createCentralPerson } = await import('@/prisma/factories')
    const { loadViewer } = await import('@/lib/auth/load-viewer')
    const requests = await import('@/lib/review/requests')
    const { publicationRequestSchema } = await import('@/lib/review/schemas')
    cast.head = (await loadViewer((await createCentralPerson(db, 'DGD_HEAD')).id))!
    cast.reviewer = (await loadViewer((await createCentralPerson(db, 'DGD_REVIEWER')).id))!
    const spec = { fileName: 'spec.yaml', content: new Uint8Array(await openapi().arrayBuffer()) }
    const ask = async (n: number) =>
      (
        await requests.requestPublication(
          s.people.providerTech,
          publicationRequestSchema.parse({
            kind: 'NEW_SERVICE',
            institutionId: s.provider.id,
            code: `FUZZ-${Date.now()}-${n}`,
            name: 'Servicio de fuzz',
            description: 'Prueba',
            protocol: 'REST',
            requiresAgreement: 'true',
            version: '1.0',
            changes: 'Primera',
            requestNote: 'Publicar',
          }),
          spec,
        )
      ).id
    cast.requested = await ask(1)
    cast.assigned = await ask(2)
    await requests.assignReviewer(cast.head, cast.assigned, cast.reviewer.personId)
    cast.returned = await ask(3)
    await requests.returnRequest(cast.head, cast.returned, 'Falta la descripción')
    const schema = await db.schema.create({
      data: {
        code: `FUZZ-SCH-${Date.now()}`,
        name: 'Esquema de fuzz',
        description: 'Prueba',
        kind: 'BASAL',
        format: 'JSON_SCHEMA',
        ownerId: s.provider.id,
        status: 'PUBLISHED',
        versions: { create: { version: '1.0', status: 'PUBLISHED', content: '{}', contentSha256: 'x', changes: 'x' } },
        services: { create: { serviceId: s.service.id } },
      },
      include: { versions: true },
    })
    cast.schemaVersionId = schema.versions[0]!.id
  }, 240_000)

  it('publication requests, review steps, deprecation and access hand-over', async () => {
    const review = await import('@/lib/review/actions')
    const catalog = await import('@/lib/catalog/actions')
    const bound = (valid: string) =>
      fc.oneof({ weight: 4, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: badId })
    const forms: {
      name: string
      who: () => Viewer
      bound: () => string
      valid: Form
      fields: Fields
      run: (id: string, f: FormData) => Promise<unknown>
    }[] = [
      {
        name: 'requestPublication',
        who: () => s.people.providerTech,
        bound: () => '',
        valid: {
          institutionId: s.provider.id,
          code: 'FUZZ-NUEVO',
          name: 'Servicio',
          description: 'Descripción',
          protocol: 'REST',
          requiresAgreement: 'true',
          version: '1.0',
          changes: 'Primera',
          requestNote: 'Publicar',
        },
        fields: {
          code: 'text',
          name: 'text',
          description: 'text',
          protocol: 'enum',
          requiresAgreement: 'enum',
          version: 'text',
          changes: 'text',
          requestNote: 'text',
        },
        run: (_id, f) => {
          f.append('document', openapi())
          return review.requestPublicationAction('NEW_SERVICE', {}, state, f)
        },
      },
      {
        name: 'assignReviewer',
        who: () => cast.head,
        bound: () => cast.requested,
        valid: { reviewerId: cast.reviewer.personId },
        fields: { reviewerId: 'id' },
        run: (id, f) => review.assignReviewerAction(id, state, f),
      },
      {
        name: 'writeNote',
        who: () => cast.reviewer,
        bound: () => cast.assigned,
        valid: { devEndpoint: 'https://dev.example.gob.cl/fuzz', activities: 'Habilitado', recommendations: 'Nada' },
        fields: { activities: 'text', recommendations: 'optionalText' },
        run: (id, f) => review.writeNoteAction(id, state, f),
      },
      {
        name: 'returnRequest',
        who: () => cast.head,
        bound: () => cast.requested,
        valid: { reason: 'Falta algo' },
        fields: { reason: 'text' },
        run: (id, f) => review.returnRequestAction(id, state, f),
      },
      {
        name: 'resubmitRequest',
        who: () => s.people.providerTech,
        bound: () => cast.returned,
        valid: { changes: 'Corregido', requestNote: 'Reenviamos' },
        fields: { changes: 'text', requestNote: 'text' },
        run: (id, f) => review.resubmitRequestAction(id, state, f),
      },
      {
        name: 'deprecateService',
        who: () => s.people.providerTech,
        bound: () => s.service.id,
        valid: { stopsOn: '2031-01-31', reason: 'Reemplazado' },
        fields: { stopsOn: 'date', reason: 'text' },
        run: (id, f) => review.deprecateServiceAction(id, state, f),
      },
      {
        name: 'deprecateSchemaVersion',
        who: () => s.people.providerTech,
        bound: () => cast.schemaVersionId,
        valid: { stopsOn: '2031-01-31', reason: 'Reemplazado' },
        fields: { stopsOn: 'date', reason: 'text' },
        run: (id, f) => review.deprecateSchemaVersionAction(id, state, f),
      },
      {
        name: 'askCtdForAccess',
        who: () => s.people.outsiderTech,
        bound: () => s.service.id,
        valid: { note: 'Para un trámite' },
        fields: { note: 'optionalText' },
        run: (id, f) => catalog.askCtdForAccessAction(id, state, f),
      },
    ]
    for (const form of forms) {
      as(form.who())
      await unchangedAfter(
        form.name,
        fc.asyncProperty(malformedForm(form.valid, form.fields), bound(form.bound()), async (data, id) => {
          expect(await answer(() => form.run(id, data)), form.name).toEqual({ kind: 'refused' })
        }) as never,
      )
    }

    // A document that is not OpenAPI, NUL bytes, over 2 MB, or none: refused at its field, nothing stored.
    as(s.people.providerTech)
    const documents = fc.oneof(
      fc.constant(new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'big.yaml')),
      fc.constant(new File(['openapi: 3.0.3\ninfo: { title: x }\n'], 'mala.yaml')),
      fc.constant(new File(['\u0000\u0000openapi'], 'nul.yaml')),
      weird.map((w) => new File([w], 'x.yaml')),
      weird.map((w) => w as File | string),
    )
    await unchangedAfter(
      'requestPublication (document)',
      fc.asyncProperty(documents, async (document) => {
        const form = new FormData()
        for (const [k, v] of Object.entries({
          institutionId: s.provider.id,
          code: 'FUZZ-DOC',
          name: 'Servicio',
          description: 'Descripción',
          protocol: 'REST',
          requiresAgreement: 'true',
          version: '1.0',
          changes: 'Primera',
          requestNote: 'Publicar',
        }))
          form.append(k, v)
        form.append('document', document)
        const outcome = await answer(() => review.requestPublicationAction('NEW_SERVICE', {}, state, form))
        expect(outcome).toEqual({ kind: 'refused' })
      }) as never,
    )

    // Steps that take no form: a malformed id, or a request in the wrong state, changes nothing.
    const idOnly: [string, () => Viewer, (id: string) => Promise<unknown>][] = [
      ['approveAsLead', () => cast.reviewer, (id) => review.approveAsLeadAction(id, state, new FormData())],
      ['approveAsHead', () => cast.head, (id) => review.approveAsHeadAction(id, state, new FormData())],
      ['withdraw', () => s.people.outsiderTech, (id) => review.withdrawRequestAction(id, state, new FormData())],
    ]
    for (const [name, who, run] of idOnly) {
      as(who())
      await unchangedAfter(
        name,
        fc.asyncProperty(fc.oneof(badId, fc.constant(cast.requested)), async (id) => {
          expect(await answer(() => run(id)), name).toEqual({ kind: 'refused' })
        }) as never,
      )
    }
  }, 300_000)

  it('the catalog API, its exports and downloads', async () => {
    const routes = {
      services: await import('@/app/api/v1/catalog/services/route'),
      service: await import('@/app/api/v1/catalog/services/[id]/route'),
      schemas: await import('@/app/api/v1/catalog/schemas/route'),
      schema: await import('@/app/api/v1/catalog/schemas/[id]/route'),
      dataElements: await import('@/app/api/v1/catalog/data-elements/route'),
      dataElement: await import('@/app/api/v1/catalog/data-elements/[id]/route'),
      servicesCsv: await import('@/app/(portal)/catalog/services/export/route'),
      schemasCsv: await import('@/app/(portal)/catalog/schemas/export/route'),
      dataCsv: await import('@/app/(portal)/catalog/data/export/route'),
      spec: await import('@/app/(portal)/catalog/services/[id]/versions/[versionId]/spec/route'),
      note: await import('@/app/(portal)/catalog/requests/[id]/note/route'),
    }
    const origin = 'http://localhost:3000'
    const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never
    const viewers = fc.constantFrom<() => Viewer | null>(
      () => s.people.outsiderTech,
      () => s.people.providerTech,
      () => dgd,
      () => null,
    )
    const query = fc.array(
      fc.tuple(
        fc.constantFrom(
          'q',
          'sort',
          'page',
          'perPage',
          'provider',
          'status',
          'protocol',
          'classification',
          'procedure',
          'group',
          'owner',
          'kind',
          'format',
          'responsible',
          'cursor',
          'limit',
          '$x',
        ),
        fc.oneof(
          weird.map((w) => w.slice(0, 5000)),
          fc.constantFrom('PUBLISHED,NOPE', '-completeness', 'a:* & !b'),
        ),
      ),
      { maxLength: 4 },
    )
    await unchangedAfter(
      'catalog GET routes',
      fc.asyncProperty(viewers, badId, badId, query, async (viewer, id, versionId, params) => {
        current.viewer = viewer()
        const url = new URL(`${origin}/x`)
        for (const [k, v] of params) url.searchParams.append(k, v)
        const request = () => new Request(url)
        const lists = await Promise.all([
          routes.services.GET(request()),
          routes.schemas.GET(request()),
          routes.dataElements.GET(request()),
          routes.servicesCsv.GET(request()),
          routes.schemasCsv.GET(request()),
          routes.dataCsv.GET(request()),
        ])
        const items = await Promise.all([
          routes.service.GET(request(), context({ id })),
          routes.schema.GET(request(), context({ id })),
          routes.dataElement.GET(request(), context({ id })),
          routes.spec.GET(request(), context({ id, versionId })),
          routes.spec.GET(request(), context({ id: s.service.id, versionId })),
          routes.note.GET(request(), context({ id })),
        ])
        for (const r of lists) expect(r.status, await r.clone().text()).toBeLessThan(500)
        for (const r of items) {
          expect(r.status).toBeLessThan(500)
          expect(r.status).toBeGreaterThanOrEqual(400)
        }
      }) as never,
    )
  }, 300_000)
})

describe('file names', () => {
  it('a signed PDF named with 20,000 characters and a NUL byte is kept, its name cleaned and capped', async () => {
    const { caseAt } = await import('@/test/support/scenario')
    const { signAgreementAction } = await import('@/lib/agreements/actions')
    const { agreementPdfSha256 } = await import('@/lib/agreements/terms')
    const c = await caseAt('devNodeProvisioned')
    as(c.people.providerBusiness)
    const form = new FormData()
    form.append('document', 'uploaded')
    form.append('shownSha256', (await agreementPdfSha256(c.people.providerBusiness, c.caseId)) ?? '')
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    form.append('file', new File([pdf], `${'n'.repeat(20_000)}\u0000.pdf`, { type: 'application/pdf' }))
    const outcome = await answer(() => signAgreementAction(c.caseId, 'PROVIDER', { status: 'idle' }, form))
    expect(outcome).toEqual({ kind: 'redirect', to: `/connections/${c.caseId}?done=agreementSigned` })
    const document = await db.document.findFirstOrThrow({
      where: { agreement: { caseId: c.caseId } },
      select: { fileName: true },
    })
    expect(document.fileName.length).toBeLessThanOrEqual(150)
    expect(document.fileName).toMatch(/^n+\.pdf$/)
    tried += 1
  }, 120_000)
})
