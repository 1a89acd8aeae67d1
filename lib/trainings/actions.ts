'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ForbiddenError } from '@/lib/auth/roles'
import { getAuthorizedViewer } from '@/lib/auth/viewer'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { formInput, formValues } from '@/lib/forms/values'
import {
  attendanceIdSchema,
  attendanceSchema,
  workshopSchema,
  type AttendanceField,
  type WorkshopField,
} from './schemas'
import { addAttendance, AttendeeRefused, createWorkshop, removeAttendance } from './workshops'
import { DomainError } from '@/lib/errors'
import { isRecordId } from '@/lib/ids'

const workshopFields = ['kind', 'title', 'heldOn'] as const satisfies readonly WorkshopField[]

/** Creates a workshop and opens its page, where attendance is recorded. */
export async function createWorkshopAction(
  _prev: FormState<WorkshopField>,
  formData: FormData,
): Promise<FormState<WorkshopField>> {
  const viewer = await getAuthorizedViewer('readiness.manage')
  const values = formValues(formData, workshopFields)
  if (!viewer) return refusal(new ForbiddenError('readiness.manage'), values)
  const parsed = workshopSchema.safeParse(formInput(formData, workshopFields))
  if (!parsed.success) return validationFailure(parsed.error, values)
  let workshopId: string
  try {
    workshopId = (await createWorkshop(viewer, parsed.data)).id
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath('/trainings')
  redirect(`/trainings/${workshopId}?created=1`)
}

const attendanceFields = ['run', 'institutionId'] as const satisfies readonly AttendanceField[]

export async function addAttendanceAction(
  workshopId: string,
  _prev: FormState<AttendanceField>,
  formData: FormData,
): Promise<FormState<AttendanceField>> {
  const viewer = await getAuthorizedViewer('readiness.manage')
  const values = formValues(formData, attendanceFields)
  if (!viewer) return refusal(new ForbiddenError('readiness.manage'), values)
  if (!isRecordId(workshopId)) return refusal(new DomainError('notFound'), values)
  const parsed = attendanceSchema.safeParse(formInput(formData, attendanceFields))
  if (!parsed.success) return validationFailure(parsed.error, values)
  const t = await getTranslations('trainings.attendance')
  try {
    await addAttendance(viewer, workshopId, parsed.data)
  } catch (error) {
    if (error instanceof AttendeeRefused) {
      const message = t(`refused.${error.reason}`)
      const field = error.reason === 'notMember' ? 'run' : 'institutionId'
      return { status: 'error', message, fieldErrors: { [field]: [message] }, values }
    }
    return refusal(error, values)
  }
  revalidatePath('/trainings', 'layout')
  revalidatePath('/institutions', 'layout')
  return { status: 'success', message: t('added') }
}

export async function removeAttendanceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await getAuthorizedViewer('readiness.manage')
  if (!viewer) return refusal(new ForbiddenError('readiness.manage'))
  const parsed = attendanceIdSchema.safeParse({ attendanceId: formData.get('attendanceId') })
  if (!parsed.success) return refusal(new ForbiddenError('readiness.manage'))
  try {
    await removeAttendance(viewer, parsed.data.attendanceId)
  } catch (error) {
    return refusal(error)
  }
  revalidatePath('/trainings', 'layout')
  revalidatePath('/institutions', 'layout')
  return { status: 'success', message: (await getTranslations('trainings.attendance'))('removed') }
}
