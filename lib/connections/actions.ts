'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import type { z } from 'zod'
import { ForbiddenError, NotAPartyError, type Principal } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { allFormValues } from '@/lib/forms/values'
import { DomainError } from '@/lib/errors'
import { isRecordId } from '@/lib/ids'
import { deliverEmailsAfterResponse } from '@/lib/notifications/mailer'
import * as cases from './cases'
import { revokeGrant } from '@/lib/nodes/admin'
import { agreementApprovalSchema, agreementRequestSchema } from '@/lib/agreements/schemas'
import {
  assignReviewerSchema,
  connectivityTestSchema,
  meetingHeldSchema,
  meetingRequestSchema,
  reasonSchema,
  scheduleMeetingSchema,
} from './schemas'

type SuccessKey =
  | 'meetingScheduled'
  | 'meetingHeld'
  | 'agreementRequested'
  | 'agreementApproved'
  | 'agreementRejected'
  | 'agreementSigned'
  | 'devNodeProvisioned'
  | 'testRecorded'
  | 'promotionRequested'
  | 'promotionReviewed'
  | 'promotionRejected'
  | 'promotionApproved'
  | 'reviewerAssigned'

/**
 * The shape of every case step: signed in first (the domain then checks party, role and state),
 * validate, run, revalidate, and answer in Spanish. Nothing the user typed is lost on refusal.
 */
async function caseStep<S extends z.ZodType>(
  caseId: string,
  formData: FormData,
  schema: S | null,
  run: (viewer: Principal, data: z.output<S>) => Promise<unknown>,
  success: SuccessKey,
): Promise<FormState> {
  const values = allFormValues(formData)
  const viewer = await getViewer()
  if (!viewer) return refusal(new NotAPartyError(), values)
  if (!isRecordId(caseId)) return refusal(new DomainError('notFound'), values)
  let data = undefined as z.output<S>
  if (schema) {
    const parsed = schema.safeParse(values)
    if (!parsed.success) return validationFailure(parsed.error, values)
    data = parsed.data
  }
  try {
    await run(viewer, data)
  } catch (error) {
    return refusal(error, values)
  }
  deliverEmailsAfterResponse()
  // The step's form is gone once the case has moved on, so its outcome is told by the page itself.
  revalidatePath(`/connections/${caseId}`)
  redirect(`/connections/${caseId}?done=${success}`)
}

export async function requestMeetingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  // The three date fields share a name; their values are echoed in order, comma-separated.
  const dates = formData.getAll('preferredDates').map((d) => (typeof d === 'string' ? d : ''))
  const values = { ...allFormValues(formData), preferredDates: dates.join(',') }
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('connections.request'), values)
  const input = {
    consumerId: formData.get('consumerId'),
    serviceId: formData.get('serviceId'),
    requesterRole: formData.get('requesterRole'),
    needs: formData.get('needs'),
    preferredDates: dates.filter((d) => d !== ''),
  }
  const parsed = meetingRequestSchema.safeParse(input)
  if (!parsed.success) return validationFailure(parsed.error, values)
  let created: { id: string }
  try {
    created = await cases.requestMeeting(viewer, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  deliverEmailsAfterResponse()
  revalidatePath('/connections')
  redirect(`/connections/${created.id}?done=meetingRequested`)
}

export async function scheduleMeetingAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(
    caseId,
    formData,
    scheduleMeetingSchema,
    (v, d) => cases.scheduleMeeting(v, caseId, d),
    'meetingScheduled',
  )
}

export async function recordMeetingHeldAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(caseId, formData, meetingHeldSchema, (v, d) => cases.recordMeetingHeld(v, caseId, d), 'meetingHeld')
}

export async function requestAgreementAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(
    caseId,
    formData,
    agreementRequestSchema,
    (v, d) => cases.requestAgreement(v, caseId, d),
    'agreementRequested',
  )
}

export async function approveAgreementAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(
    caseId,
    formData,
    agreementApprovalSchema,
    (v, d) => cases.approveAgreement(v, caseId, d),
    'agreementApproved',
  )
}

export async function rejectAgreementAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(
    caseId,
    formData,
    reasonSchema,
    (v, d) => cases.rejectAgreement(v, caseId, d.reason),
    'agreementRejected',
  )
}

export async function assignCaseReviewerAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(
    caseId,
    formData,
    assignReviewerSchema,
    (v, d) => cases.assignCaseReviewer(v, caseId, d.reviewerId),
    'reviewerAssigned',
  )
}

export async function provisionDevNodeAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(caseId, formData, null, (v) => cases.provisionDevNode(v, caseId), 'devNodeProvisioned')
}

export async function recordConnectivityTestAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(
    caseId,
    formData,
    connectivityTestSchema,
    (v, d) => cases.recordConnectivityTest(v, caseId, d),
    'testRecorded',
  )
}

export async function requestPromotionAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(caseId, formData, null, (v) => cases.requestPromotion(v, caseId), 'promotionRequested')
}

export async function reviewPromotionAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(caseId, formData, null, (v) => cases.reviewPromotion(v, caseId), 'promotionReviewed')
}

export async function rejectPromotionAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(
    caseId,
    formData,
    reasonSchema,
    (v, d) => cases.rejectPromotion(v, caseId, d.reason),
    'promotionRejected',
  )
}

/**
 * The head's approval: the case is connected and the consumer's production node gets access. No
 * secret is shown here (the consumer's technical administrators issue the node's credential), so the
 * page is revalidated and shows the case as it now is.
 */
export async function approvePromotionAction(caseId: string, _prev: FormState, formData: FormData) {
  return caseStep(caseId, formData, null, (v) => cases.approvePromotion(v, caseId), 'promotionApproved')
}

/** DGD ends the case's access of a node to the service; the confirmation names the node. */
export async function revokeGrantAction(
  caseId: string,
  grantId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('grants.revoke'))
  if (!isRecordId(caseId) || !isRecordId(grantId)) return refusal(new DomainError('notFound'))
  try {
    await revokeGrant(viewer, grantId)
  } catch (error) {
    return refusal(error)
  }
  revalidatePath(`/connections/${caseId}`)
  redirect(`/connections/${caseId}?done=grantRevoked`)
}
