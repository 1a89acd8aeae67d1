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
import { agreementPdfSha256 } from '@/lib/agreements/terms'
import * as cases from '@/lib/connections/cases'
import type { Db } from '@/lib/db/client'
import { toChileDateTimeInput, todayInChile } from '@/lib/dates'
import { searchTextOf } from '@/lib/text/search'

type ServiceSeed = { code: string; name: string; provider: string; protocol: 'REST' | 'SOAP'; requiresAgreement: boolean; description: string }

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data')
const date = (iso: string) => new Date(`${iso}T00:00:00Z`)
const hoursAgo = (h: number) => toChileDateTimeInput(new Date(Date.now() - h * 3_600_000))
const inDays = (d: number) => toChileDateTimeInput(new Date(Date.now() + d * 86_400_000))

const agreementTerms = {
  kind: 'CONVENIO' as const,
  legalBasis: 'Ley N° 19.880, artículo 17 letra c); Ley N° 21.180 de Transformación Digital del Estado.',
  purpose: 'Verificar los antecedentes del solicitante sin pedirle documentos que el Estado ya tiene.',
  procedure: 'CPAT-2231 Solicitud de patente comercial',
  dataRequested: 'Nombre completo, fecha de nacimiento y nacionalidad.',
  expectedVolume: '1.500 consultas al mes',
}
const serviceLevels = { availability: '99,5 % mensual', responseTime: '2 segundos', supportHours: 'Lunes a viernes, 9:00 a 18:00', endsOn: null }

export async function seedOnboarding(db: Db): Promise<{ services: number; cases: number }> {
  const institution = async (shortName: string) => (await db.institution.findFirstOrThrow({ where: { shortName }, select: { id: true } })).id
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
  const consumption = await db.trainingWorkshop.create({ data: { kind: 'CONSUMPTION', title: 'Taller de consumo de servicios PISEE 2', heldOn: date('2026-08-12') } })
  const provision = await db.trainingWorkshop.create({ data: { kind: 'PROVISION', title: 'Taller de provisión de servicios PISEE 2', heldOn: date('2026-09-09') } })
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
  const businessSrcei = await person('Valentina Muñoz Araya')
  const techIps = await person('Rodrigo Silva Campos')
  const ips = await institution('IPS')

  const open = (consumerId: string, ctd: Viewer, code: string, needs: string) =>
    cases.requestMeeting(ctd, { consumerId, serviceId: serviceIds.get(code)!, requesterRole: 'CONSUMER', needs, preferredDates: ['2026-12-01', '2026-12-03'] })
  const meeting = async (id: string) => {
    await cases.scheduleMeeting(reviewer, id, { meetingAt: inDays(-7), meetingLink: 'https://meet.example.gob.cl/pisee-demo' })
    await cases.recordMeetingHeld(reviewer, id, { meetingNotes: 'Se revisaron los requisitos técnicos y el acuerdo.' })
  }
  const toTesting = async (id: string) => {
    await meeting(id)
    await cases.requestAgreement(businessVallenar, id, agreementTerms)
    await cases.approveAgreement(businessSrcei, id, serviceLevels)
    await cases.provisionDevNode(reviewer, id)
    // Both sign the portal's PDF of the approved terms, as a party does when it uploads nothing.
    const signed = (await agreementPdfSha256(businessSrcei, id))!
    await cases.signAgreement(businessSrcei, id, 'PROVIDER', signed)
    await cases.signAgreement(businessVallenar, id, 'CONSUMER', signed)
    await cases.recordConnectivityTest(techVallenar, id, { ranAt: hoursAgo(30), target: 'Ambiente de desarrollo SRCeI', outcome: 'FAILED', latencyMs: null, notes: 'Certificado del nodo sin instalar.' })
    await cases.recordConnectivityTest(techVallenar, id, { ranAt: hoursAgo(5), target: 'Ambiente de desarrollo SRCeI', outcome: 'PASSED', latencyMs: 210, notes: null })
  }

  const need = 'Acceder a los datos sin pedir certificados en papel a los vecinos.'
  await open(vallenar, ctdVallenar, 'IPS-PENSIONES-VIGENTES', need) // MEETING_REQUESTED
  const scheduled = await open(vallenar, ctdVallenar, 'IPS-PGU', need)
  await cases.scheduleMeeting(reviewer, scheduled.id, { meetingAt: inDays(3), meetingLink: 'https://meet.example.gob.cl/pisee-vallenar-ips' })
  const agreementPending = await open(ips, ctdIps, 'SRCEI-CERT-NACIMIENTO', need)
  await meeting(agreementPending.id)
  await cases.requestAgreement(await person('Andrea Morales Díaz'), agreementPending.id, agreementTerms) // waits on SRCeI's business admin

  const testing = await open(vallenar, ctdVallenar, 'SRCEI-VIGENCIA-CEDULA', need) // no agreement required
  await meeting(testing.id)
  await cases.provisionDevNode(reviewer, testing.id)
  await cases.recordConnectivityTest(techVallenar, testing.id, { ranAt: hoursAgo(2), target: 'Ambiente de desarrollo SRCeI', outcome: 'FAILED', latencyMs: null, notes: 'Tiempo de espera agotado.' })

  // IPS in testing without a convenio: its checklist shows what is missing.
  const blocked = await open(ips, ctdIps, 'SRCEI-VIGENCIA-CEDULA', need)
  await meeting(blocked.id)
  await cases.provisionDevNode(reviewer, blocked.id)
  await cases.recordConnectivityTest(techIps, blocked.id, { ranAt: hoursAgo(4), target: 'Ambiente de desarrollo SRCeI', outcome: 'PASSED', latencyMs: 180, notes: null })

  // One open case per consumer and service; SRCEI-IDENTIDAD-RUN is left for Vallenar to request in the demo.
  const requested = await open(vallenar, ctdVallenar, 'SRCEI-CERT-NACIMIENTO', need)
  await toTesting(requested.id)
  await cases.requestPromotion(ctdVallenar, requested.id)
  const reviewed = await open(vallenar, ctdVallenar, 'SRCEI-CERT-MATRIMONIO', 'Acreditar el estado civil de quienes postulan a subsidios municipales.')
  await toTesting(reviewed.id)
  await cases.requestPromotion(ctdVallenar, reviewed.id)
  await cases.reviewPromotion(reviewer, reviewed.id)
  const connected = await open(vallenar, ctdVallenar, 'SRCEI-CERT-DEFUNCION', 'Acreditar el fallecimiento en la solicitud de cuota mortuoria y sepultación municipal.')
  await toTesting(connected.id)
  await cases.requestPromotion(ctdVallenar, connected.id)
  await cases.reviewPromotion(reviewer, connected.id)
  await cases.approvePromotion(head, connected.id)

  // The agreement manager's other states: approved and waiting on both signatures; in force with a
  // termination notice given by the provider.
  const toSign = await open(ips, ctdIps, 'SRCEI-CERT-MATRIMONIO', 'Acreditar el estado civil en la concesión de beneficios previsionales.')
  await meeting(toSign.id)
  await cases.requestAgreement(ctdIps, toSign.id, agreementTerms)
  await cases.approveAgreement(businessSrcei, toSign.id, serviceLevels)
  const connectedAgreement = await db.agreement.findUniqueOrThrow({ where: { caseId: connected.id }, select: { id: true } })
  await terminateAgreement(businessSrcei, connectedAgreement.id, {
    terminatesOn: new Date(todayInChile().getTime() + 90 * 86_400_000),
    reason: 'El certificado de defunción pasará a entregarse por la versión 2.0 del servicio.',
  })

  const closed = await open(vallenar, ctdVallenar, 'SII-INICIO-ACTIVIDADES', need)
  await cases.requestAgreement(businessVallenar, closed.id, agreementTerms)
  const businessSii = await db.membership.findFirst({ where: { institution: { shortName: 'SII' }, role: 'BUSINESS_ADMIN' } })
  if (businessSii) {
    await cases.rejectAgreement((await loadViewer(businessSii.personId))!, closed.id, 'La finalidad no justifica el acceso a datos tributarios.')
  }

  // The demo's history was mailed long ago: only what happens from now on goes out by e-mail.
  await db.notification.updateMany({ where: { emailedAt: null }, data: { emailedAt: new Date() } })
  return { services: services.length, cases: await db.connectionCase.count() }
}
