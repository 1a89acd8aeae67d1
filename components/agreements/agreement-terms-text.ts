import { getTranslations } from 'next-intl/server'
import type { AgreementTerm } from '@/lib/agreements/status'
import { formatCalendarDate } from '@/lib/dates'

/** How long an agreement runs, as the agreements list says it: "Hasta el …", "Termina el … (aviso de término)", "Indefinida". */
export async function agreementTermText(term: AgreementTerm): Promise<string> {
  const t = await getTranslations('agreements')
  if (term.kind === 'indefinite') return (await getTranslations('connections'))('detail.indefinite')
  return t(`term.${term.kind}`, { date: formatCalendarDate(term.date) })
}

/** The service levels with their labels, as the agreement's PDF gives them; "—" when none were set. */
export async function serviceLevelsText(levels: unknown): Promise<string> {
  const t = await getTranslations('agreements.pdf.serviceLevels')
  const l = levels as { availability?: string; responseTime?: string; supportHours?: string } | null
  if (!l) return '—'
  return [
    l.availability && t('availability', { value: l.availability }),
    l.responseTime && t('responseTime', { value: l.responseTime }),
    l.supportHours && t('supportHours', { value: l.supportHours }),
  ]
    .filter(Boolean)
    .join('\n')
}
