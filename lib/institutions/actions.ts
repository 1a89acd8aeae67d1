'use server'

import { revalidatePath } from 'next/cache'
import { getTranslations } from 'next-intl/server'
import { ForbiddenError } from '@/lib/auth/roles'
import { getAuthorizedViewer, getViewer } from '@/lib/auth/viewer'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { formInput, formValues } from '@/lib/forms/values'
import { disablePerson } from '@/lib/people/disable'
import { addMember, endMembership } from './members'
import { addMemberSchema, membershipIdSchema, personIdSchema, type AddMemberField } from './schemas'
import { DomainError } from '@/lib/errors'
import { isRecordId } from '@/lib/ids'

const addMemberFields = ['run', 'name', 'email', 'role'] as const satisfies readonly AddMemberField[]

export async function addMemberAction(
  institutionId: string,
  _prev: FormState<AddMemberField>,
  formData: FormData,
): Promise<FormState<AddMemberField>> {
  const values = formValues(formData, addMemberFields)
  const viewer = await getAuthorizedViewer('members.manage', institutionId)
  if (!viewer) return refusal(new ForbiddenError('members.manage'), values)
  if (!isRecordId(institutionId)) return refusal(new DomainError('notFound'), values)

  const parsed = addMemberSchema.safeParse(formInput(formData, addMemberFields))
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await addMember(viewer, institutionId, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  revalidatePath(`/institutions/${institutionId}`, 'layout')
  const t = await getTranslations('members.add')
  const tRoles = await getTranslations('roles')
  return { status: 'success', message: t('success', { name: parsed.data.name, role: tRoles(parsed.data.role) }) }
}

export async function endMembershipAction(_prev: FormState, formData: FormData): Promise<FormState> {
  // Which institution is checked inside endMembership, from the membership itself, not the form.
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('members.manage'))
  const parsed = membershipIdSchema.safeParse({ membershipId: formData.get('membershipId') })
  if (!parsed.success) return refusal(new ForbiddenError('members.manage'))
  try {
    await endMembership(viewer, parsed.data.membershipId)
  } catch (error) {
    return refusal(error)
  }
  revalidatePath('/institutions', 'layout')
  return { status: 'success', message: (await getTranslations('members.end'))('success') }
}

export async function disablePersonAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await getAuthorizedViewer('people.disable')
  if (!viewer) return refusal(new ForbiddenError('people.disable'))
  const parsed = personIdSchema.safeParse({ personId: formData.get('personId') })
  if (!parsed.success) return refusal(new ForbiddenError('people.disable'))
  try {
    await disablePerson(viewer, parsed.data.personId)
  } catch (error) {
    return refusal(error)
  }
  revalidatePath('/institutions', 'layout')
  return { status: 'success', message: (await getTranslations('members.disable'))('success') }
}
