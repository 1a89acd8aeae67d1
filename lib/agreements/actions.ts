'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ForbiddenError, NotAPartyError } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { signAgreement } from '@/lib/connections/cases'
import { DomainError } from '@/lib/errors'
import { refusal, validationFailure } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { formInput, formValues } from '@/lib/forms/values'
import { isRecordId } from '@/lib/ids'
import { deliverEmailsAfterResponse } from '@/lib/notifications/mailer'
import { isPdf, MAX_PDF_BYTES, sha256Hex } from './document'
import { signAgreementSchema, terminateSchema } from './schemas'
import { terminateAgreement } from './terminate'
import { agreementPdfSha256 } from './terms'

const terminateFields = ['terminatesOn', 'reason'] as const

export async function terminateAgreementAction(
  agreementId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
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

type SignField = 'document' | 'shownSha256' | 'file'

/**
 * A party signs the approved agreement, choosing what it signs: the portal's PDF (as kept since
 * approval), or the agreement signed on its side, uploaded as a PDF and kept with the agreement.
 * Either way the SHA-256 of what was signed is recorded. The form carries the SHA-256 of the portal's
 * PDF the signer was shown; if that is no longer the document's, nothing is signed.
 */
export async function signAgreementAction(
  caseId: string,
  party: 'CONSUMER' | 'PROVIDER',
  _prev: FormState,
  formData: FormData,
): Promise<FormState<SignField>> {
  const values = {
    document: String(formData.get('document') ?? ''),
    shownSha256: String(formData.get('shownSha256') ?? ''),
  }
  const viewer = await getViewer()
  if (!viewer) return refusal(new NotAPartyError(), values)
  if (!isRecordId(caseId) || (party !== 'CONSUMER' && party !== 'PROVIDER'))
    return refusal(new DomainError('notFound'), values)
  const parsed = signAgreementSchema.safeParse(formInput(formData, ['document', 'shownSha256'] as const))
  if (!parsed.success) return validationFailure(parsed.error, values)
  const t = await getTranslations('validation')
  const fieldError = (
    field: SignField,
    key: 'documentChanged' | 'signedFileRequired' | 'signedFileInvalid',
  ): FormState<SignField> => ({
    status: 'error',
    message: t('summary'),
    fieldErrors: { [field]: [t(key)] },
    values,
  })

  const current = await agreementPdfSha256(viewer, caseId)
  if (!current) return refusal(new DomainError('notFound'), values)
  if (current !== parsed.data.shownSha256) return fieldError('document', 'documentChanged')

  let uploaded: { fileName: string; content: Uint8Array } | null = null
  if (parsed.data.document === 'uploaded') {
    const file = formData.get('file')
    if (!(file instanceof File) || file.size === 0) return fieldError('file', 'signedFileRequired')
    if (file.size > MAX_PDF_BYTES) return fieldError('file', 'signedFileInvalid')
    const content = new Uint8Array(await file.arrayBuffer())
    if (!isPdf(content)) return fieldError('file', 'signedFileInvalid')
    uploaded = { fileName: file.name, content }
  }
  try {
    await signAgreement(viewer, caseId, party, uploaded ? sha256Hex(uploaded.content) : current, uploaded)
  } catch (error) {
    return refusal(error, values)
  }
  deliverEmailsAfterResponse()
  revalidatePath(`/connections/${caseId}`)
  redirect(`/connections/${caseId}?done=agreementSigned`)
}
