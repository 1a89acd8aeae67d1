'use server'

import { revalidatePath } from 'next/cache'
import { getTranslations } from 'next-intl/server'
import { ForbiddenError } from '@/lib/auth/roles'
import { getAuthorizedViewer } from '@/lib/auth/viewer'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { formInput, formValues } from '@/lib/forms/values'
import { recordCooperation, recordTermination } from './cooperation'
import { cooperationSchema, terminationSchema, type CooperationField, type TerminationField } from './schemas'
import { DomainError } from '@/lib/errors'
import { isRecordId } from '@/lib/ids'

const cooperationFields = [
  'signedOn',
  'segpresDecreeNumber',
  'segpresDecreeDate',
  'institutionDecreeNumber',
  'institutionDecreeDate',
] as const satisfies readonly CooperationField[]

export async function recordCooperationAction(
  institutionId: string,
  _prev: FormState<CooperationField>,
  formData: FormData,
): Promise<FormState<CooperationField>> {
  const viewer = await getAuthorizedViewer('readiness.manage')
  const values = formValues(formData, cooperationFields)
  if (!viewer) return refusal(new ForbiddenError('readiness.manage'), values)
  if (!isRecordId(institutionId)) return refusal(new DomainError('notFound'), values)
  const parsed = cooperationSchema.safeParse(formInput(formData, cooperationFields))
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await recordCooperation(viewer, institutionId, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath(`/institutions/${institutionId}`, 'layout')
  return { status: 'success', message: (await getTranslations('readiness.manage'))('cooperationSaved') }
}

const terminationFields = ['party', 'noticeOn', 'terminatesOn'] as const satisfies readonly TerminationField[]

export async function recordTerminationAction(
  institutionId: string,
  _prev: FormState<TerminationField>,
  formData: FormData,
): Promise<FormState<TerminationField>> {
  const viewer = await getAuthorizedViewer('readiness.manage')
  const values = formValues(formData, terminationFields)
  if (!viewer) return refusal(new ForbiddenError('readiness.manage'), values)
  if (!isRecordId(institutionId)) return refusal(new DomainError('notFound'), values)
  const parsed = terminationSchema.safeParse(formInput(formData, terminationFields))
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await recordTermination(viewer, institutionId, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath(`/institutions/${institutionId}`, 'layout')
  return { status: 'success', message: (await getTranslations('readiness.manage'))('terminationSaved') }
}
