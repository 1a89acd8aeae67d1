import { getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import type { CaseDetail } from '@/lib/connections/queries'
import { formatDateTime } from '@/lib/dates'

/**
 * What the DGD decides a promotion on, shown on its review and approval steps: the request (who asked,
 * when, who reviewed it) and the checklist as it stands now.
 */
export async function PromotionReview({ detail }: { detail: CaseDetail }) {
  const t = await getTranslations('connections')
  const request = detail.promotionRequest
  const unknown = t('steps.promotionReview.someone')
  return (
    <div className="space-y-3 rounded-md bg-surface p-3 text-sm" data-testid="promotion-review">
      {request && (
        <div>
          <h4 className="font-semibold">{t('steps.promotionReview.request')}</h4>
          <p>
            {t('steps.promotionReview.requestedBy', {
              name: request.requestedByName ?? unknown,
              date: formatDateTime(request.requestedAt),
            })}
          </p>
          {request.reviewedAt && (
            <p>
              {t('steps.promotionReview.reviewedBy', {
                name: request.reviewedByName ?? unknown,
                date: formatDateTime(request.reviewedAt),
              })}
            </p>
          )}
        </div>
      )}
      {detail.checklist && (
        <div>
          <h4 className="font-semibold">{t('steps.promotionReview.checklist')}</h4>
          <ul className="mt-1 space-y-1">
            {detail.checklist.map(({ item, met, notApplicable }) => (
              <li key={item} className="flex flex-wrap items-center gap-2">
                <Badge tone={met ? 'success' : 'danger'}>
                  {notApplicable ? t('checklistNotApplicable') : met ? t('checklistMet') : t('checklistUnmet')}
                </Badge>
                <span>{t(`checklistItem.${item}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
