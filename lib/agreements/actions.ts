'use server'

import { revalidatePath } from 'next/cache'
import { getTranslations } from 'next-intl/server'
import { ForbiddenError } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { parseIsoDate } from '@/lib/dates'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { terminateSchema } from './schemas'
import { terminateAgreement } from './terminate'

export async function terminateAgreementAction(agreementId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = { terminatesOn: String(formData.get('terminatesOn') ?? ''), reason: String(formData.get('reason') ?? '') }
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('members.manage'), values)
  const parsed = terminateSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await terminateAgreement(viewer, agreementId, { terminatesOn: parseIsoDate(parsed.data.terminatesOn)!, reason: parsed.data.reason })
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath(`/agreements/${agreementId}`)
  return { status: 'success', message: (await getTranslations('agreements'))('terminated') }
}
