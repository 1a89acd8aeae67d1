/**
 * Demo and reference data: every institution of the graduality groups (345 municipalities, the 16
 * regional governments, group A ministries and services) and demo people for every role.
 * Runs once on an empty database (`npm start` calls it; `npm run db:seed` by hand).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkDigit } from '@/lib/chile/rut'
import { createPrismaClient, type Db } from '@/lib/db/client'
import type { CentralRole, GradualityGroup, MembershipRole } from '@/lib/generated/prisma/enums'
import { institutionRecord, type InstitutionFields } from '@/lib/institutions/records'
import { backfillAgreementPdfs } from '@/lib/agreements/terms'
import { addMembership, createCooperationDocument, grantCentralRole, tinyPdf } from './factories'
import { seedOnboarding } from './seed-onboarding'
import { seedCatalog } from './seed-catalog'
import { seedTraces } from './seed-traces'

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data')
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as T

/** Demo people: who they are, and where they act. RUNs are valid but fictitious. */
const demoPeople: {
  name: string
  runBody: string
  email: string
  institution?: string
  roles?: MembershipRole[]
  central?: CentralRole
}[] = [
  {
    name: 'Carolina Fuentes Rojas',
    runBody: '15234561',
    email: 'cfuentes@registrocivil.example.cl',
    institution: 'SRCeI',
    roles: ['CTD'],
  },
  {
    name: 'Matías Herrera Soto',
    runBody: '16345672',
    email: 'mherrera@registrocivil.example.cl',
    institution: 'SRCeI',
    roles: ['TECHNICAL_ADMIN'],
  },
  {
    name: 'Valentina Muñoz Araya',
    runBody: '17456783',
    email: 'vmunoz@registrocivil.example.cl',
    institution: 'SRCeI',
    roles: ['BUSINESS_ADMIN'],
  },
  {
    name: 'Jorge Castillo Vega',
    runBody: '13567894',
    email: 'jcastillo@munivallenar.example.cl',
    institution: 'Vallenar',
    roles: ['CTD'],
  },
  {
    name: 'Daniela Pizarro Tapia',
    runBody: '18678905',
    email: 'dpizarro@munivallenar.example.cl',
    institution: 'Vallenar',
    roles: ['TECHNICAL_ADMIN'],
  },
  {
    name: 'Felipe Contreras Olivares',
    runBody: '14789016',
    email: 'fcontreras@munivallenar.example.cl',
    institution: 'Vallenar',
    roles: ['BUSINESS_ADMIN'],
  },
  {
    name: 'Andrea Morales Díaz',
    runBody: '12890127',
    email: 'amorales@ips.example.cl',
    institution: 'IPS',
    roles: ['CTD', 'BUSINESS_ADMIN'],
  },
  {
    name: 'Rodrigo Silva Campos',
    runBody: '19901238',
    email: 'rsilva@ips.example.cl',
    institution: 'IPS',
    roles: ['TECHNICAL_ADMIN'],
  },
  {
    name: 'Ignacio Soto Paredes',
    runBody: '15890123',
    email: 'isoto@sii.example.cl',
    institution: 'SII',
    roles: ['BUSINESS_ADMIN'],
  },
  {
    name: 'Camila Reyes Navarro',
    runBody: '16012349',
    email: 'creyes@digital.example.gob.cl',
    central: 'DGD_REVIEWER',
  },
  // The reviewers' lead: approves the internal note of a publication another reviewer wrote (lib/review).
  {
    name: 'Tomás Riquelme Ortiz',
    runBody: '14567890',
    email: 'triquelme@digital.example.gob.cl',
    central: 'DGD_REVIEWER',
  },
  { name: 'Sebastián Vargas Lagos', runBody: '11123450', email: 'svargas@digital.example.gob.cl', central: 'DGD_HEAD' },
  { name: 'Patricia Núñez Espinoza', runBody: '10234568', email: 'pnunez@contraloria.example.cl', central: 'AUDITOR' },
  { name: 'Juan Pérez González', runBody: '20345679', email: 'juan.perez@example.cl' },
]

/** Municipality RUTs here are illustrative (the source lists names only): 69.xxx.xxx, valid módulo 11. */
function municipalityRut(index: number): string {
  const body = String(69_010_000 + index * 1_000)
  return `${body}-${checkDigit(body)}`
}

export async function seed(
  db: Db,
): Promise<{ institutions: number; people: number; services: number; cases: number; traces: number } | null> {
  // Not demo data but a one-off data backfill that SQL migrations cannot do (decision 007): agreements
  // approved before the portal kept each PDF get the bytes they were signed against. Idempotent.
  const backfilled = await backfillAgreementPdfs(db)
  if (backfilled) console.log(`PDF de acuerdos conservados: ${backfilled}.`)
  if ((await db.institution.count()) > 0) return null

  const regions = readJson<Record<string, string>>('municipality-regions.json')
  const municipalities = readJson<{ municipalities: { name: string; group: GradualityGroup }[] }>('municipalities.json')
  const institutions: InstitutionFields[] = [
    ...readJson<InstitutionFields[]>('institutions.json'),
    ...municipalities.municipalities.map((m, i) => ({
      name: `Municipalidad de ${m.name}`,
      shortName: m.name,
      rut: municipalityRut(i),
      kind: 'MUNICIPALIDAD' as const,
      group: m.group,
      region: regions[m.name] ?? null,
      pisee1: false,
    })),
  ]
  await db.institution.createMany({
    data: institutions.map(({ name, shortName, rut, kind, group, region, pisee1 }) =>
      institutionRecord({ name, shortName, rut, kind, group, region, pisee1 }),
    ),
  })

  const byShortName = new Map(
    (await db.institution.findMany({ select: { id: true, shortName: true } })).map((i) => [i.shortName, i.id]),
  )
  for (const person of demoPeople) {
    const created = await db.person.create({
      data: { name: person.name, run: `${person.runBody}-${checkDigit(person.runBody)}`, email: person.email },
    })
    if (person.institution) {
      const institutionId = byShortName.get(person.institution)
      if (!institutionId) throw new Error(`Seed names an unknown institution: ${person.institution}`)
      for (const role of person.roles ?? []) await addMembership(db, created.id, institutionId, role)
    }
    if (person.central) await grantCentralRole(db, created.id, person.central)
  }
  const onboarding = await seedOnboarding(db)
  const catalog = await seedCatalog(db)
  // The onboarding's agreements were requested before the catalog published its services' levels:
  // they take them now, as a request made today would (decision 025).
  await db.$executeRaw`
    UPDATE "Agreement" a
    SET "slaAvailabilityPct" = (s."serviceLevels"->>'availability')::double precision,
        "slaP95Ms" = (s."serviceLevels"->>'p95Ms')::integer
    FROM "ConnectionCase" c JOIN "Service" s ON s.id = c."serviceId"
    WHERE c.id = a."caseId" AND a."slaAvailabilityPct" IS NULL AND a."slaP95Ms" IS NULL
      AND jsonb_typeof(s."serviceLevels"->'availability') = 'number' AND jsonb_typeof(s."serviceLevels"->'p95Ms') = 'number'`

  // Readiness: seedOnboarding records the convenios (Vallenar's as in seeds/002, SRCeI's; IPS has none
  // on purpose) and the workshops; Vallenar's convenio also keeps its approving decree as a PDF.
  const vallenarConvenio = await db.cooperationAgreement.findFirstOrThrow({
    where: { institution: { shortName: 'Vallenar' } },
    select: { id: true },
  })
  await createCooperationDocument(db, vallenarConvenio.id, {
    fileName: 'Decreto Exento N° 02142 - aprueba convenio de cooperación PISEE.pdf',
    content: tinyPdf([
      'ILUSTRE MUNICIPALIDAD DE VALLENAR - DECRETO EXENTO N° 02142 (15 de junio de 2023)',
      'Aprueba el Convenio de Cooperación Programa de Interoperabilidad y Plataforma Integrada de',
      'Servicios Electrónicos del Estado, suscrito con SEGPRES el 17 de marzo de 2023,',
      'aprobado por SEGPRES mediante Decreto Exento N° 015 de 17 de abril de 2023.',
      'Niveles de servicio: disponibilidad 24x7; incidentes críticos resueltos en 2 horas.',
      'Duración indefinida; término unilateral con aviso de al menos 30 días.',
    ]),
  })
  const traces = await seedTraces(db)
  return {
    institutions: institutions.length,
    people: demoPeople.length,
    ...onboarding,
    services: catalog.services,
    traces,
  }
}

// `npm run db:seed`
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.error('DATABASE_URL is not set.')
    process.exit(1)
  }
  const db = createPrismaClient(url)
  const result = await seed(db)
  console.log(
    result
      ? `Seeded ${result.institutions} institutions, ${result.people} people, ${result.services} services, ${result.cases} cases and ${result.traces} trace records.`
      : 'Database already has data; seed skipped.',
  )
  await db.$disconnect()
}
