import { getTranslations } from 'next-intl/server'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { verifyRegistry } from '@/lib/traces/verification'

export async function generateMetadata() {
  return { title: (await getTranslations('traces'))('verify.title') }
}

/** Auditors verify the whole registry against its chain (read-only; runs when asked, `?run=1`). */
export default async function VerifyTracesPage({ searchParams }: PageProps<'/traces/verify'>) {
  const viewer = await requirePermission('audit.read')
  const t = await getTranslations('traces')
  const run = (await searchParams).run === '1'
  const result = run ? await verifyRegistry(viewer) : null
  return (
    <div className="space-y-6">
      <PageHeader title={t('verify.title')} description={t('verify.description')} />
      <form method="get">
        <input type="hidden" name="run" value="1" />
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
        >
          {t('verify.run')}
        </button>
      </form>
      {result && (
        <section aria-live="polite" className="rounded-lg border border-line p-4">
          {result.ok ? (
            <p>
              {t('verify.ok', {
                records: result.records,
                batches: result.batches,
                seq: result.head.chainSeq,
                chain: result.head.chain.slice(0, 16),
              })}
            </p>
          ) : (
            <>
              <p className="font-semibold">
                {t('verify.broken', { records: result.records, batches: result.batches })}
              </p>
              <ul className="mt-2 list-disc pl-6">
                {result.breaks.map((b, i) => (
                  <li key={i}>{b.detail}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  )
}
