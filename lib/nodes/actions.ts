'use server'

import { revalidatePath } from 'next/cache'
import { getTranslations } from 'next-intl/server'
import { ForbiddenError } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { DomainError } from '@/lib/errors'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { allFormValues } from '@/lib/forms/values'
import { isRecordId } from '@/lib/ids'
import { deliverEmailsAfterResponse } from '@/lib/notifications/mailer'
import { issueCredential, revokeCredential, revokeNode } from './credential-admin'
import { issueCredentialSchema, revokeNodeSchema } from './schemas'

export type IssueCredentialState = FormState<'graceHours'> & { token?: string; node?: string }

/**
 * A technical administrator issues (or rotates) a node's credential after confirming. The token is
 * returned in the form state, shown once; the page is not revalidated here, so that re-rendering
 * cannot drop it before it is copied (the person's "done" refreshes the list).
 */
export async function issueCredentialAction(
  nodeId: string,
  _prev: IssueCredentialState,
  formData: FormData,
): Promise<IssueCredentialState> {
  const values = allFormValues(formData)
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('nodes.issueCredential'), values)
  if (!isRecordId(nodeId)) return refusal(new DomainError('notFound'), values)
  const parsed = issueCredentialSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    const { token, node } = await issueCredential(viewer, nodeId, parsed.data)
    return {
      status: 'success',
      message: (await getTranslations('nodes.issue'))('success'),
      token,
      node: node.name,
    }
  } catch (error) {
    return refusal(error, values)
  }
}

export async function revokeCredentialAction(
  credentialId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('nodes.revoke'))
  if (!isRecordId(credentialId)) return refusal(new DomainError('notFound'))
  try {
    const { node } = await revokeCredential(viewer, credentialId)
    deliverEmailsAfterResponse()
    revalidatePath(`/institutions/${node.institutionId}`)
    revalidatePath('/nodes')
    return { status: 'success', message: (await getTranslations('nodes.revokeCredential'))('success') }
  } catch (error) {
    return refusal(error)
  }
}

export async function revokeNodeAction(nodeId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = allFormValues(formData)
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('nodes.revoke'), values)
  if (!isRecordId(nodeId)) return refusal(new DomainError('notFound'), values)
  const parsed = revokeNodeSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    const node = await revokeNode(viewer, nodeId, parsed.data.reason)
    deliverEmailsAfterResponse()
    revalidatePath(`/institutions/${node.institutionId}`)
    revalidatePath('/nodes')
    return { status: 'success', message: (await getTranslations('nodes.revokeNode'))('success') }
  } catch (error) {
    return refusal(error, values)
  }
}
