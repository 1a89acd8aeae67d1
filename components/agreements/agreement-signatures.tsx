import { getTranslations } from 'next-intl/server'
import type { SignedDocument } from '@/lib/agreements/terms'
import { formatDateTime } from '@/lib/dates'

type Signature = {
  party: 'CONSUMER' | 'PROVIDER'
  signedAt: Date
  documentSha256: string
  signerName: string | null
  document: SignedDocument
}

/**
 * Both parties' signatures: who signed, when, the SHA-256 of what they signed and whether that is the
 * portal's PDF or one they uploaded; with the portal's PDF to download and its own SHA-256, so anyone
 * can check a signature against it.
 */
export async function AgreementSignatures({
  caseId,
  signatures,
  pdfSha256,
}: {
  caseId: string
  signatures: Signature[]
  pdfSha256: string | null
}) {
  const t = await getTranslations('connections.detail')
  return (
    <div className="space-y-3 text-sm">
      <ul className="space-y-2">
        {(['CONSUMER', 'PROVIDER'] as const).map((party) => {
          const signature = signatures.find((s) => s.party === party)
          return (
            <li key={party}>
              {signature
                ? t('signedBy', {
                    party: t(`party.${party}`),
                    name: signature.signerName ?? '—',
                    date: formatDateTime(signature.signedAt),
                  })
                : t('notSigned', { party: t(`party.${party}`) })}
              {signature && (
                <span className="block text-xs text-muted">
                  {t(`signedDocument.${signature.document}`)} ·{' '}
                  <code className="break-all">SHA-256 {signature.documentSha256}</code>
                </span>
              )}
            </li>
          )
        })}
      </ul>
      {pdfSha256 && (
        <p className="rounded-md bg-surface p-3 text-xs">
          <a href={`/connections/${caseId}/agreement`} className="font-medium">
            {t('agreementPdf')}
          </a>
          <span className="block text-muted">
            {t('agreementPdfSha256')}: <code className="break-all">{pdfSha256}</code>
          </span>
        </p>
      )}
    </div>
  )
}
