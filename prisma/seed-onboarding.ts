/**
 * Demo onboarding data: services of SRCeI, IPS and SII; institution readiness (convenios, trainings);
 * and connection cases in every state. Cases are moved through lib/connections/cases.ts by the demo
 * people themselves, so they hold exactly what the portal would have recorded.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadViewer, type Viewer } from '@/lib/auth/load-viewer'
import { terminateAgreement } from '@/lib/agreements/terminate'
import { agreementPdfSha256, keepApprovedPdf } from '@/lib/agreements/terms'
import * as cases from '@/lib/connections/cases'
import type { Db } from '@/lib/db/client'
import { parseChileDateTime, toChileDateTimeInput, todayInChile } from '@/lib/dates'
import { searchTextOf } from '@/lib/text/search'
import { issueCredential } from '@/lib/nodes/credential-admin'
import { createNode, createNodeCredential } from './factories'

type ServiceSeed = {
  code: string
  name: string
  provider: string
  protocol: 'REST' | 'SOAP'
  requiresAgreement: boolean
  description: string
}

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data')
const date = (iso: string) => new Date(`${iso}T00:00:00Z`)
const DAY = 86_400_000
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000)
const inDays = (d: number) => new Date(Date.now() + d * DAY)
/** `days` days ago at `hour` o'clock in Chile, as a form's date-time field gives it. */
const daysAgoAt = (days: number, hour: number) => {
  const day = toChileDateTimeInput(new Date(Date.now() - days * DAY)).slice(0, 10)
  return `${day}T${String(hour).padStart(2, '0')}:00`
}
/** The same moment as a Date, as the domain takes it. */
const dateAt = (days: number, hour: number): Date => {
  const at = parseChileDateTime(daysAgoAt(days, hour))
  if (!at) throw new Error(`No such time in Chile: ${daysAgoAt(days, hour)}`)
  return at
}

/** The terms each consumer asks for: a procedure (CPAT) and a purpose that fit the service. */
const terms = {
  vallenarNacimiento: {
    kind: 'CONVENIO' as const,
    legalBasis:
      'Ley N° 19.880, artículo 17 letra c); Ley N° 21.180 de Transformación Digital del Estado; Decreto N° 22 de 2015 (MDS), Registro Social de Hogares.',
    purpose:
      'Acreditar el nacimiento y la filiación de los integrantes menores de edad del hogar al ingresar o actualizar el Registro Social de Hogares, sin pedir el certificado de nacimiento a la familia.',
    procedure: 'CPAT-MUN-0311 Ingreso y actualización del Registro Social de Hogares',
    dataRequested: 'RUN, nombres, fecha y comuna de nacimiento del inscrito; RUN de la madre y del padre.',
    expectedVolume: '450 consultas al mes',
  },
  ipsNacimiento: {
    kind: 'CONVENIO' as const,
    legalBasis:
      'DFL N° 150 de 1981 (Trabajo), sistema único de prestaciones familiares; Ley N° 19.880, artículo 17 letra c).',
    purpose:
      'Verificar el nacimiento y la filiación de los hijos invocados como causantes de asignación familiar, sin pedir el certificado al beneficiario.',
    procedure: 'CPAT-IPS-0147 Reconocimiento de causantes de asignación familiar',
    dataRequested: 'RUN, nombres y fecha de nacimiento del causante; RUN de sus padres.',
    expectedVolume: '12.000 consultas al mes',
  },
  vallenarMatrimonio: {
    kind: 'CONVENIO' as const,
    legalBasis:
      'Ley N° 18.695, Orgánica Constitucional de Municipalidades, artículo 4 letra c); Ley N° 19.880, artículo 17 letra c).',
    purpose:
      'Acreditar el estado civil de quienes postulan al subsidio municipal de apoyo familiar, que distingue a los jefes de hogar casados.',
    procedure: 'CPAT-MUN-0388 Postulación al subsidio municipal de apoyo familiar',
    dataRequested: 'RUN de los cónyuges, fecha y vigencia del matrimonio, régimen patrimonial.',
    expectedVolume: '120 consultas al mes',
  },
  ipsMatrimonio: {
    kind: 'CONVENIO' as const,
    legalBasis: 'DL N° 3.500 de 1980, artículos 5 y 7; Ley N° 19.880, artículo 17 letra c).',
    purpose:
      'Verificar el vínculo matrimonial del cónyuge sobreviviente que solicita pensión de sobrevivencia, sin pedirle el certificado de matrimonio.',
    procedure: 'CPAT-IPS-0092 Solicitud de pensión de sobrevivencia',
    dataRequested: 'RUN de ambos cónyuges, fecha de celebración y vigencia del matrimonio a la fecha de fallecimiento.',
    expectedVolume: '3.000 consultas al mes',
  },
  vallenarDefuncion: {
    kind: 'CONVENIO' as const,
    legalBasis:
      'Decreto N° 357 de 1970 (Salud), Reglamento General de Cementerios; Ley N° 19.880, artículo 17 letra c).',
    purpose:
      'Acreditar el fallecimiento al solicitar la sepultación en el cementerio municipal y el aporte municipal para gastos funerarios.',
    procedure: 'CPAT-MUN-0521 Solicitud de sepultación en cementerio municipal',
    dataRequested: 'RUN y nombres del fallecido, fecha, lugar y causa registral de la defunción.',
    expectedVolume: '60 consultas al mes',
  },
  vallenarInicioActividades: {
    kind: 'CONVENIO' as const,
    legalBasis: 'DL N° 3.063 de 1979, Ley de Rentas Municipales, artículo 26; Ley N° 19.880, artículo 17 letra c).',
    purpose:
      'Verificar el inicio de actividades y el giro del contribuyente que solicita una patente comercial, sin pedirle el formulario del SII.',
    procedure: 'CPAT-MUN-0104 Solicitud de patente comercial',
    dataRequested: 'RUT, fecha de inicio de actividades, giros y domicilio declarado del contribuyente.',
    expectedVolume: '80 consultas al mes',
  },
}
const serviceLevels = {
  availability: '99,5 % mensual',
  responseTime: '2 segundos',
  supportHours: 'Lunes a viernes, 9:00 a 18:00',
  endsOn: null,
}

/** Every column the workflow stamps with the time a step happens. */
const stamped: [table: string, column: string][] = [
  ['AuditEvent', 'at'],
  ['ConnectionCase', 'createdAt'],
  ['ConnectionCase', 'updatedAt'],
  ['Agreement', 'requestedAt'],
  ['Agreement', 'decidedAt'],
  ['Agreement', 'inForceFrom'],
  ['AgreementSignature', 'signedAt'],
  ['Document', 'uploadedAt'],
  ['Node', 'createdAt'],
  ['AccessGrant', 'grantedAt'],
  ['ConnectivityTest', 'createdAt'],
  ['PromotionRequest', 'requestedAt'],
  ['PromotionRequest', 'reviewedAt'],
  ['PromotionRequest', 'approvedAt'],
  ['PromotionRequest', 'rejectedAt'],
  ['Notification', 'createdAt'],
  ['Notification', 'resolvedAt'],
]

export async function seedOnboarding(db: Db): Promise<{ services: number; cases: number }> {
  const institution = async (shortName: string) =>
    (await db.institution.findFirstOrThrow({ where: { shortName }, select: { id: true } })).id
  const person = async (name: string): Promise<Viewer> => {
    const found = await db.person.findFirstOrThrow({ where: { name }, select: { id: true } })
    return (await loadViewer(found.id))!
  }

  // Services.
  const services = JSON.parse(readFileSync(path.join(dataDir, 'services.json'), 'utf8')) as ServiceSeed[]
  const serviceIds = new Map<string, string>()
  for (const s of services) {
    const slug = s.code.toLowerCase()
    const created = await db.service.create({
      data: {
        code: s.code,
        name: s.name,
        searchText: searchTextOf(s.name, s.code),
        description: s.description,
        providerId: await institution(s.provider),
        version: '1.0',
        protocol: s.protocol,
        requiresAgreement: s.requiresAgreement,
        devEndpoint: `https://dev.interop.example.gob.cl/${slug}`,
        prodEndpoint: `https://interop.example.gob.cl/${slug}`,
      },
    })
    serviceIds.set(s.code, created.id)
  }

  // Readiness: Vallenar's convenio as in its approving decrees (seeds/002); SRCeI's too. IPS has none
  // yet, so its promotion checklist shows what is missing.
  const vallenar = await institution('Vallenar')
  await db.cooperationAgreement.create({
    data: {
      institutionId: vallenar,
      signedOn: date('2023-03-17'),
      segpresDecreeNumber: 'Decreto Exento N° 015',
      segpresDecreeDate: date('2023-04-17'),
      institutionDecreeNumber: 'Decreto Exento N° 02142',
      institutionDecreeDate: date('2023-06-15'),
    },
  })
  await db.cooperationAgreement.create({
    data: {
      institutionId: await institution('SRCeI'),
      signedOn: date('2022-09-01'),
      segpresDecreeNumber: 'Decreto Exento N° 112',
      segpresDecreeDate: date('2022-10-03'),
      institutionDecreeNumber: 'Resolución Exenta N° 3411',
      institutionDecreeDate: date('2022-10-20'),
    },
  })
  const consumption = await db.trainingWorkshop.create({
    data: { kind: 'CONSUMPTION', title: 'Taller de consumo de servicios PISEE 2', heldOn: date('2026-08-12') },
  })
  const provision = await db.trainingWorkshop.create({
    data: { kind: 'PROVISION', title: 'Taller de provisión de servicios PISEE 2', heldOn: date('2026-09-09') },
  })
  const ctdVallenar = await person('Jorge Castillo Vega')
  const ctdIps = await person('Andrea Morales Díaz')
  const ctdSrcei = await person('Carolina Fuentes Rojas')
  await db.trainingAttendance.createMany({
    data: [
      { workshopId: consumption.id, personId: ctdVallenar.personId, institutionId: vallenar },
      { workshopId: consumption.id, personId: ctdIps.personId, institutionId: await institution('IPS') },
      { workshopId: provision.id, personId: ctdSrcei.personId, institutionId: await institution('SRCeI') },
    ],
  })

  // Cases, each taken as far as its state.
  const reviewer = await person('Camila Reyes Navarro')
  const head = await person('Sebastián Vargas Lagos')
  const businessVallenar = await person('Felipe Contreras Olivares')
  const techVallenar = await person('Daniela Pizarro Tapia')
  const techIps = await person('Rodrigo Silva Campos')
  const businessSrcei = await person('Valentina Muñoz Araya')
  const ips = await institution('IPS')

  /**
   * One step of the demo's history, dated `days` days ago at `hour` o'clock: the step runs through
   * the domain like any other, then what it stamped (its audit event, the case's last change, the
   * agreement's dates, notices…) is moved back to that moment, so the demo's cases have spent
   * realistic weeks in each state. The seed runs alone, so what a step stamped is whatever is newer
   * than its start.
   */
  const on = async <T>(days: number, hour: number, step: () => Promise<T>): Promise<T> => {
    const start = new Date()
    const result = await step()
    const at = dateAt(days, hour)
    for (const [table, column] of stamped) {
      await db.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = $1 WHERE "${column}" >= $2`, at, start)
    }
    return result
  }
  /** Approval renders the PDF with the approval's time; the demo's approvals are dated back, so their PDFs are too. */
  const approve = async (days: number, id: string) => {
    await on(days, 11, () => cases.approveAgreement(businessSrcei, id, serviceLevels))
    await db.$transaction((tx) => keepApprovedPdf(tx, id))
  }

  const open = (days: number, consumerId: string, ctd: Viewer, code: string, needs: string) =>
    on(days, 9, () =>
      cases.requestMeeting(ctd, {
        consumerId,
        serviceId: serviceIds.get(code)!,
        requesterRole: 'CONSUMER',
        needs,
        preferredDates: [1, 3].map((d) => date(daysAgoAt(days - 7 - d, 10).slice(0, 10))),
      }),
    )
  /** The meeting scheduled on `scheduled` days ago for `held` days ago, and held then. */
  const meeting = async (id: string, scheduled: number, held: number) => {
    await on(scheduled, 15, () =>
      cases.scheduleMeeting(reviewer, id, {
        meetingAt: dateAt(held, 10),
        meetingLink: 'https://meet.example.gob.cl/pisee-demo',
      }),
    )
    await on(held, 12, () =>
      cases.recordMeetingHeld(reviewer, id, { meetingNotes: 'Se revisaron los requisitos técnicos y el acuerdo.' }),
    )
  }
  /**
   * A test the consumer's development node ran and reported through the node API (what
   * `npm run node:simulate` does): the only kind the promotion checklist counts. Written as that
   * API stores it (lib/nodes/api/operations.ts, which is server-only).
   */
  const nodeReports = async (
    caseId: string,
    report: { ranAt: Date; outcome: 'PASSED' | 'FAILED'; latencyMs: number },
  ) => {
    const grant = await db.accessGrant.findFirstOrThrow({
      where: { caseId, environment: 'DEVELOPMENT' },
      select: { nodeId: true, service: { select: { devEndpoint: true, code: true } } },
    })
    await db.connectivityTest.create({
      data: {
        caseId,
        nodeId: grant.nodeId,
        source: 'NODE',
        target: grant.service.devEndpoint ?? grant.service.code,
        notes: 'HTTP 200',
        ...report,
      },
    })
  }
  /** From a held meeting to a passing test, one step after another, `start` days ago onwards. */
  const toTesting = async (id: string, start: number, agreement: (typeof terms)[keyof typeof terms]) => {
    await on(start, 10, () => cases.requestAgreement(businessVallenar, id, agreement))
    await approve(start - 8, id)
    await on(start - 10, 16, () => cases.provisionDevNode(reviewer, id))
    // Both sign the portal's PDF of the approved terms, as a party does when it uploads nothing.
    const signed = (await agreementPdfSha256(businessSrcei, id))!
    await on(start - 15, 12, () => cases.signAgreement(businessSrcei, id, 'PROVIDER', signed))
    await on(start - 20, 17, () => cases.signAgreement(businessVallenar, id, 'CONSUMER', signed))
    await on(start - 24, 11, () =>
      cases.recordConnectivityTest(techVallenar, id, {
        ranAt: dateAt(start - 24, 10),
        target: 'Ambiente de desarrollo SRCeI',
        outcome: 'FAILED',
        latencyMs: null,
        notes: 'Certificado del nodo sin instalar.',
      }),
    )
    await on(start - 26, 16, () =>
      nodeReports(id, { ranAt: dateAt(start - 26, 15), outcome: 'PASSED', latencyMs: 210 }),
    )
  }

  const need = 'Acceder a los datos sin pedir certificados en papel a los vecinos.'
  await open(
    2,
    vallenar,
    ctdVallenar,
    'IPS-PENSIONES-VIGENTES',
    'Verificar las pensiones de quienes postulan a la rebaja del derecho de aseo domiciliario.',
  ) // MEETING_REQUESTED
  const scheduled = await open(
    9,
    vallenar,
    ctdVallenar,
    'IPS-PGU',
    'Acreditar la Pensión Garantizada Universal en la postulación a beneficios sociales municipales.',
  )
  await on(6, 15, () =>
    cases.scheduleMeeting(reviewer, scheduled.id, {
      meetingAt: inDays(3),
      meetingLink: 'https://meet.example.gob.cl/pisee-vallenar-ips',
    }),
  )
  const agreementPending = await open(
    40,
    ips,
    ctdIps,
    'SRCEI-CERT-NACIMIENTO',
    'Reconocer causantes de asignación familiar sin pedir certificados de nacimiento.',
  )
  await meeting(agreementPending.id, 37, 30)
  await on(26, 10, () => cases.requestAgreement(ctdIps, agreementPending.id, terms.ipsNacimiento)) // waits on SRCeI's business admin

  const testing = await open(35, vallenar, ctdVallenar, 'SRCEI-VIGENCIA-CEDULA', need) // no agreement required
  await meeting(testing.id, 33, 28)
  await on(21, 16, () => cases.provisionDevNode(reviewer, testing.id))
  await cases.recordConnectivityTest(techVallenar, testing.id, {
    ranAt: hoursAgo(2),
    target: 'Ambiente de desarrollo SRCeI',
    outcome: 'FAILED',
    latencyMs: null,
    notes: 'Tiempo de espera agotado.',
  })

  // IPS in testing without a convenio: its checklist shows what is missing.
  const blocked = await open(
    30,
    ips,
    ctdIps,
    'SRCEI-VIGENCIA-CEDULA',
    'Verificar la identidad de quienes cobran beneficios con cédula vigente.',
  )
  await meeting(blocked.id, 28, 24)
  await on(18, 16, () => cases.provisionDevNode(reviewer, blocked.id))
  await on(4, 11, () => nodeReports(blocked.id, { ranAt: dateAt(4, 10), outcome: 'PASSED', latencyMs: 180 }))

  // One open case per consumer and service; SRCEI-IDENTIDAD-RUN is left for Vallenar to request in the demo.
  // The promotion checklist wants a passing test from the last 30 days: each toTesting ends with one.
  const requested = await open(
    50,
    vallenar,
    ctdVallenar,
    'SRCEI-CERT-NACIMIENTO',
    'Acreditar a los integrantes del hogar en el Registro Social de Hogares sin pedir certificados.',
  )
  await meeting(requested.id, 46, 42)
  await toTesting(requested.id, 38, terms.vallenarNacimiento)
  await on(3, 10, () => cases.requestPromotion(ctdVallenar, requested.id))
  const reviewed = await open(
    58,
    vallenar,
    ctdVallenar,
    'SRCEI-CERT-MATRIMONIO',
    'Acreditar el estado civil de quienes postulan a subsidios municipales.',
  )
  await meeting(reviewed.id, 55, 49)
  await toTesting(reviewed.id, 42, terms.vallenarMatrimonio)
  await on(10, 10, () => cases.requestPromotion(ctdVallenar, reviewed.id))
  await on(6, 15, () => cases.reviewPromotion(reviewer, reviewed.id))
  // The checklist is judged when the step runs, today: the connected case's passing test is 29 days old.
  const connected = await open(
    72,
    vallenar,
    ctdVallenar,
    'SRCEI-CERT-DEFUNCION',
    'Acreditar el fallecimiento en la solicitud de cuota mortuoria y sepultación municipal.',
  )
  await meeting(connected.id, 68, 62)
  await toTesting(connected.id, 55, terms.vallenarDefuncion)
  await on(28, 10, () => cases.requestPromotion(ctdVallenar, connected.id))
  await on(25, 15, () => cases.reviewPromotion(reviewer, connected.id))
  await on(21, 12, () => cases.approvePromotion(head, connected.id))

  // The agreement manager's other states: approved and waiting on both signatures; in force with a
  // termination notice given by the provider.
  const toSign = await open(
    45,
    ips,
    ctdIps,
    'SRCEI-CERT-MATRIMONIO',
    'Verificar el vínculo matrimonial en las solicitudes de pensión de sobrevivencia.',
  )
  await meeting(toSign.id, 42, 35)
  await on(30, 10, () => cases.requestAgreement(ctdIps, toSign.id, terms.ipsMatrimonio))
  await approve(21, toSign.id)
  const connectedAgreement = await db.agreement.findUniqueOrThrow({
    where: { caseId: connected.id },
    select: { id: true },
  })
  const noticeAt = new Date(Date.now() - 5 * DAY)
  await on(5, 11, () =>
    terminateAgreement(
      businessSrcei,
      connectedAgreement.id,
      {
        terminatesOn: new Date(todayInChile(noticeAt).getTime() + 90 * DAY),
        reason: 'El certificado de defunción pasará a entregarse por la versión 2.0 del servicio.',
      },
      noticeAt,
    ),
  )

  const closed = await open(
    20,
    vallenar,
    ctdVallenar,
    'SII-INICIO-ACTIVIDADES',
    'Verificar el inicio de actividades de quienes solicitan patentes comerciales.',
  )
  await on(16, 10, () => cases.requestAgreement(businessVallenar, closed.id, terms.vallenarInicioActividades))
  const businessSii = await db.membership.findFirst({
    where: { institution: { shortName: 'SII' }, role: 'BUSINESS_ADMIN' },
  })
  if (businessSii) {
    await on(12, 15, async () =>
      cases.rejectAgreement(
        (await loadViewer(businessSii.personId))!,
        closed.id,
        'El acceso al giro y domicilio tributario requiere el consentimiento del contribuyente; solicítelo por el servicio con autorización.',
      ),
    )
  }

  // Nodes as they stand: the demo's cases gave Vallenar a development and a production node and IPS a
  // development one; their technical administrators issued credentials. Vallenar's development node
  // reports in every minute; its production node stopped reporting hours ago and its credential
  // expires in 20 days; IPS runs an old node version. SRCeI runs its own production node.
  const nodeOf = (institutionId: string, environment: 'DEVELOPMENT' | 'PRODUCTION') =>
    db.node.findFirstOrThrow({ where: { institutionId, environment }, select: { id: true } })
  const vallenarDev = await nodeOf(vallenar, 'DEVELOPMENT')
  const vallenarProd = await nodeOf(vallenar, 'PRODUCTION')
  const ipsDev = await nodeOf(ips, 'DEVELOPMENT')
  await issueCredential(techVallenar, vallenarDev.id, { graceHours: 0 }, dateAt(20, 9))
  const prodCredential = await issueCredential(techVallenar, vallenarProd.id, { graceHours: 0 }, dateAt(21, 13))
  await db.nodeCredential.update({
    where: { id: prodCredential.credential.id },
    data: { expiresAt: new Date(Date.now() + 20 * DAY) },
  })
  await issueCredential(techIps, ipsDev.id, { graceHours: 0 }, dateAt(17, 10))
  const heartbeat = (id: string, version: string, hostName: string, at: Date) =>
    db.node.update({
      where: { id },
      data: {
        version,
        hostName,
        uptimeSeconds: 86_400 * 3,
        lastHeartbeatAt: at,
        selfChecks: { configuration: 'ok', providerReachable: 'ok', clock: 'ok' },
      },
    })
  await heartbeat(vallenarDev.id, '2.1.0', 'pisee-dev.vallenar.cl', new Date(Date.now() - 60_000))
  await heartbeat(vallenarProd.id, '2.1.0', 'pisee.vallenar.cl', new Date(Date.now() - 3 * 3_600_000))
  await heartbeat(ipsDev.id, '1.8.2', 'nodo-qa.ips.gob.cl', new Date(Date.now() - 5 * 60_000))
  const srcei = await institution('SRCeI')
  const srceiProd = await createNode(db, srcei, 'PRODUCTION', {
    name: 'nodo-produccion-1',
    version: '2.2.0',
    lastHeartbeatAt: new Date(Date.now() - 2 * 60_000),
  })
  await createNodeCredential(db, srceiProd, ctdSrcei.personId, { issuedAt: dateAt(90, 10) })

  // The demo's history was mailed long ago: only what happens from now on goes out by e-mail.
  await db.notification.updateMany({ where: { emailedAt: null }, data: { emailedAt: new Date() } })
  return { services: services.length, cases: await db.connectionCase.count() }
}
