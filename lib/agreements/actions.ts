'use server'

import { revalidatePath } from 'next/cache'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { ForbiddenError } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { formInput, formValues } from '@/lib/forms/values'
import { terminateAgreement } from './terminate'
import { DomainError } from '@/lib/errors'
import { calendarDate, text } from '@/lib/forms/fields'
import { isRecordId } from '@/lib/ids'

const terminateSchema = z.object({
  terminatesOn: calendarDate,
  reason: text(2000, 'reasonRequired'),
})

const terminateFields = ['terminatesOn', 'reason'] as const

export async function terminateAgreementAction(agreementId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, terminateFields)
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('agreements.terminate'), values)
  if (!isRecordId(agreementId)) return refusal(new DomainError('notFound'), values)
  const parsed = terminateSchema.safeParse(formInput(formData, terminateFields))
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await terminateAgreement(viewer, agreementId, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath(`/agreements/${agreementId}`)
  return { status: 'success', message: (await getTranslations('agreements'))('terminated') }
}
