import { createHash } from 'node:crypto'

/** The agreement's terms as the document both parties sign when they do not upload their own PDF. */
export type AgreementTerms = {
  caseNumber: number
  consumer: string
  provider: string
  service: string
  kind: string
  legalBasis: string
  purpose: string
  procedure: string
  dataRequested: string
  expectedVolume: string
  serviceLevels: unknown
  endsOn: Date | null
}

export function agreementText(terms: AgreementTerms): string {
  const lines = [
    `Acuerdo de acceso a servicio de interoperabilidad — Caso N° ${terms.caseNumber}`,
    `Tipo: ${terms.kind}`,
    `Institución consumidora: ${terms.consumer}`,
    `Institución proveedora: ${terms.provider}`,
    `Servicio: ${terms.service}`,
    `Base legal: ${terms.legalBasis}`,
    `Finalidad: ${terms.purpose}`,
    `Trámite: ${terms.procedure}`,
    `Datos requeridos: ${terms.dataRequested}`,
    `Volumen esperado: ${terms.expectedVolume}`,
    `Niveles de servicio: ${JSON.stringify(terms.serviceLevels ?? {})}`,
    `Vigencia: ${terms.endsOn ? `hasta ${terms.endsOn.toISOString().slice(0, 10)}` : 'indefinida'}`,
  ]
  return `${lines.join('\n')}\n`
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export const MAX_PDF_BYTES = 10 * 1024 * 1024

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
}
