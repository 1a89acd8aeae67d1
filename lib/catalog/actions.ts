'use server'

import { revalidatePath } from 'next/cache'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { ForbiddenError } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { DomainError } from '@/lib/errors'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import { optionalText } from '@/lib/forms/fields'
import type { FormState } from '@/lib/forms/form-state'
import { allFormValues } from '@/lib/forms/values'
import { isRecordId } from '@/lib/ids'
import { deliverEmailsAfterResponse } from '@/lib/notifications/mailer'
import { askCtdForAccess } from './access'

const askSchema = z.object({ note: optionalText(1000) })

/** "Pedir a mi CTD que solicite el acceso", from a service's catalog page. */
export async function askCtdForAccessAction(
  serviceId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = allFormValues(formData)
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('connections.read'), values)
  if (!isRecordId(serviceId)) return refusal(new DomainError('notFound'), values)
  const parsed = askSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  let told: { recipients: number }
  try {
    told = await askCtdForAccess(viewer, serviceId, parsed.data.note ?? '')
  } catch (error) {
    return refusal(error, values)
  }
  deliverEmailsAfterResponse()
  revalidatePath(`/catalog/services/${serviceId}`)
  return { status: 'success', message: (await getTranslations('catalog.access'))('asked', { count: told.recipients }) }
}
