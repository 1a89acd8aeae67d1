import { getTranslations } from 'next-intl/server'
import { ForbiddenError, can } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { DomainError } from '@/lib/errors'
import { refusal } from '@/lib/forms/action-errors'
import type { FormState } from '@/lib/forms/form-state'
import { BodyTooLargeError, formDataOf, readBodyWithin, sameOrigin } from '@/lib/http/request'
import { MAX_DOCUMENT_MB, uploadCooperationDocument } from '@/lib/readiness/cooperation'
import { isRecordId } from '@/lib/ids'

// Room for the multipart envelope around a file of the maximum size.
const MAX_BODY_BYTES = MAX_DOCUMENT_MB * 1024 * 1024 + 64 * 1024

/**
 * DGD uploads a PDF of an institution's convenio. A route handler rather than a server action:
 * actions cap request bodies at 1 MB, and a scanned convenio with its decrees is larger. Answers the
 * form's FormState as JSON; a form posted without JavaScript is sent back to the page instead.
 */
export async function POST(request: Request, { params }: RouteContext<'/institutions/[id]/readiness/documents'>) {
  const { id } = await params
  const wantsJson = request.headers.get('accept')?.includes('application/json') ?? false
  const reply = (state: FormState, status: number) =>
    wantsJson
      ? Response.json(state, { status })
      : new Response(null, {
          status: 303,
          // The id goes into a header: only a well-formed one (a NUL or a line break would be a 500).
          headers: {
            Location: isRecordId(id) ? `/institutions/${id}/readiness?upload=${state.status}` : '/institutions',
          },
        })

  const viewer = await getViewer()
  if (!viewer) return reply(await refusal(new ForbiddenError('readiness.manage')), 401)
  // Cross-site posts are refused (the session cookie is SameSite=Lax too), like server actions do.
  if (!can(viewer, 'readiness.manage') || !sameOrigin(request))
    return reply(await refusal(new ForbiddenError('readiness.manage')), 403)
  if (!isRecordId(id)) return reply(await refusal(new DomainError('notFound')), 404)

  // Counted while it streams: a chunked body declares no length, and must not slip past the limit.
  const body = await readBodyWithin(request, MAX_BODY_BYTES).catch((error: unknown) => error)
  if (body instanceof BodyTooLargeError) {
    return reply(await refusal(new DomainError('documentInvalid', { maxMb: MAX_DOCUMENT_MB })), 413)
  }
  if (!(body instanceof Uint8Array))
    return reply(await refusal(new DomainError('documentInvalid', { maxMb: MAX_DOCUMENT_MB })), 400)
  const file = (await formDataOf(request, body))?.get('file')
  if (!(file instanceof File))
    return reply(await refusal(new DomainError('documentInvalid', { maxMb: MAX_DOCUMENT_MB })), 400)
  try {
    const document = await uploadCooperationDocument(viewer, id, {
      fileName: file.name,
      content: new Uint8Array(await file.arrayBuffer()),
    })
    const t = await getTranslations('readiness.manage')
    return reply({ status: 'success', message: t('documentUploaded', { fileName: document.fileName }) }, 200)
  } catch (error) {
    return reply(await refusal(error), error instanceof ForbiddenError ? 403 : 400)
  }
}
