'use server'

import { revalidatePath } from 'next/cache'
import { getTranslations } from 'next-intl/server'
import { ForbiddenError, can } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { createWorkshop, recordAttendance, recordCooperation } from './readiness-admin'
import { attendanceSchema, cooperationSchema, workshopSchema } from './schemas'

function valuesOf(formData: FormData): Record<string, string> {
  return Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === 'string' && !k.startsWith('$')) as [string, string][])
}

async function manager() {
  const viewer = await getViewer()
  return viewer && can(viewer, 'readiness.manage') ? viewer : null
}

export async function recordCooperationAction(institutionId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = valuesOf(formData)
  const viewer = await manager()
  if (!viewer) return refusal(new ForbiddenError('readiness.manage'), values)
  const parsed = cooperationSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await recordCooperation(viewer, institutionId, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath(`/institutions/${institutionId}`)
  return { status: 'success', message: (await getTranslations('readiness'))('cooperationSaved') }
}

export async function createWorkshopAction(institutionId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = valuesOf(formData)
  const viewer = await manager()
  if (!viewer) return refusal(new ForbiddenError('readiness.manage'), values)
  const parsed = workshopSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await createWorkshop(viewer, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath(`/institutions/${institutionId}`)
  return { status: 'success', message: (await getTranslations('readiness'))('workshopCreated') }
}

export async function recordAttendanceAction(institutionId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = valuesOf(formData)
  const viewer = await manager()
  if (!viewer) return refusal(new ForbiddenError('readiness.manage'), values)
  const parsed = attendanceSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await recordAttendance(viewer, institutionId, parsed.data.workshopId, parsed.data.personId)
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath(`/institutions/${institutionId}`)
  return { status: 'success', message: (await getTranslations('readiness'))('attendanceSaved') }
}
