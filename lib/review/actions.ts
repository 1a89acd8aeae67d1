'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import type { z } from 'zod'
import { ForbiddenError, type Principal } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { MAX_SPEC_BYTES } from '@/lib/catalog/specs'
import { DomainError } from '@/lib/errors'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { allFormValues } from '@/lib/forms/values'
import { isRecordId } from '@/lib/ids'
import { deliverEmailsAfterResponse } from '@/lib/notifications/mailer'
import { deprecateSchemaVersion, deprecateService } from './jobs'
import * as requests from './requests'
import {
  assignSchema,
  deprecationSchema,
  noteSchema,
  publicationKinds,
  publicationRequestSchema,
  resubmitSchema,
  returnSchema,
} from './schemas'

type SuccessKey =
  'assigned' | 'noteWritten' | 'leadApproved' | 'published' | 'returned' | 'resubmitted' | 'withdrawn' | 'deprecated'

/** The uploaded document, or null when none was chosen; a file over the limit is refused at its field. */
async function readUpload(formData: FormData): Promise<requests.Upload | null> {
  const file = formData.get('document')
  if (!(file instanceof File) || file.size === 0) return null
  if (file.size > MAX_SPEC_BYTES) throw new DomainError('fileTooLarge', { maxMb: 2 }, 'document')
  return { fileName: file.name, content: new Uint8Array(await file.arrayBuffer()) }
}

/** The publication form: one kind of request per form (`kind` and any fixed entry bound by the page). */
export async function requestPublicationAction(
  kind: (typeof publicationKinds)[number],
  fixed: Record<string, string>,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = allFormValues(formData)
  delete values.document
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('publications.request'), values)
  if (!publicationKinds.includes(kind)) return refusal(new DomainError('notFound'), values)
  const parsed = publicationRequestSchema.safeParse({ ...values, ...fixed, kind })
  if (!parsed.success) return validationFailure(parsed.error, values)
  let created: { id: string }
  try {
    const upload = await readUpload(formData)
    if (!upload) throw new DomainError('specInvalid', { reason: 'no se adjuntó un archivo.' }, 'document')
    created = await requests.requestPublication(viewer, parsed.data, upload)
  } catch (error) {
    return refusal(error, values)
  }
  deliverEmailsAfterResponse()
  revalidatePath('/catalog/requests')
  redirect(`/catalog/requests/${created.id}?done=requested`)
}

/** Every step of a request: signed in, id checked, validated, run, then the page tells the outcome. */
async function requestStep<S extends z.ZodType>(
  requestId: string,
  formData: FormData,
  schema: S | null,
  run: (viewer: Principal, data: z.output<S>) => Promise<unknown>,
  success: SuccessKey,
): Promise<FormState> {
  const values = allFormValues(formData)
  delete values.document
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('publications.read'), values)
  if (!isRecordId(requestId)) return refusal(new DomainError('notFound'), values)
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
  revalidatePath(`/catalog/requests/${requestId}`)
  redirect(`/catalog/requests/${requestId}?done=${success}`)
}

export async function assignReviewerAction(id: string, _prev: FormState, formData: FormData) {
  return requestStep(id, formData, assignSchema, (v, d) => requests.assignReviewer(v, id, d.reviewerId), 'assigned')
}

export async function writeNoteAction(id: string, _prev: FormState, formData: FormData) {
  return requestStep(id, formData, noteSchema, (v, d) => requests.writeNote(v, id, d), 'noteWritten')
}

export async function approveAsLeadAction(id: string, _prev: FormState, formData: FormData) {
  return requestStep(id, formData, null, (v) => requests.approveNoteAsLead(v, id), 'leadApproved')
}

export async function approveAsHeadAction(id: string, _prev: FormState, formData: FormData) {
  return requestStep(id, formData, null, (v) => requests.approveNoteAsHead(v, id), 'published')
}

export async function returnRequestAction(id: string, _prev: FormState, formData: FormData) {
  return requestStep(id, formData, returnSchema, (v, d) => requests.returnRequest(v, id, d.reason), 'returned')
}

export async function resubmitRequestAction(id: string, _prev: FormState, formData: FormData) {
  return requestStep(
    id,
    formData,
    resubmitSchema,
    async (v, d) => requests.resubmitRequest(v, id, d, await readUpload(formData)),
    'resubmitted',
  )
}

export async function withdrawRequestAction(id: string, _prev: FormState, formData: FormData) {
  return requestStep(id, formData, null, (v) => requests.withdrawRequest(v, id), 'withdrawn')
}

/** Deprecating a service (or a schema version), from its catalog page. */
export async function deprecateServiceAction(serviceId: string, _prev: FormState, formData: FormData) {
  const values = allFormValues(formData)
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('publications.deprecate'), values)
  if (!isRecordId(serviceId)) return refusal(new DomainError('notFound'), values)
  const parsed = deprecationSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await deprecateService(viewer, serviceId, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  deliverEmailsAfterResponse()
  revalidatePath(`/catalog/services/${serviceId}`)
  return { status: 'success' as const, message: (await getTranslations('review.success'))('deprecated') }
}

export async function deprecateSchemaVersionAction(versionId: string, _prev: FormState, formData: FormData) {
  const values = allFormValues(formData)
  const viewer = await getViewer()
  if (!viewer) return refusal(new ForbiddenError('publications.deprecate'), values)
  if (!isRecordId(versionId)) return refusal(new DomainError('notFound'), values)
  const parsed = deprecationSchema.safeParse(values)
  if (!parsed.success) return validationFailure(parsed.error, values)
  try {
    await deprecateSchemaVersion(viewer, versionId, parsed.data)
  } catch (error) {
    return refusal(error, values)
  }
  deliverEmailsAfterResponse()
  revalidatePath('/catalog/schemas/[id]', 'page')
  return { status: 'success' as const, message: (await getTranslations('review.success'))('deprecated') }
}
