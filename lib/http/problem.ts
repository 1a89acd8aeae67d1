/**
 * Errors of the machine APIs as RFC 9457 problem details (`application/problem+json`), in Spanish:
 * `{ type, title, status, detail, ...extra }`. `type` is `about:blank`, so `title` is the status's
 * own phrase; what went wrong for this request is in `detail` (and `errors` for invalid fields).
 */
import { createTranslator } from 'next-intl'
import { z } from 'zod'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

const t = createTranslator({ locale, messages, namespace: 'api' })

type TitledStatus = keyof (typeof messages)['api']['titles']

/** The Spanish title of an HTTP status the API answers with. */
export function problemTitle(status: number): string {
  const key = String(status) as TitledStatus
  return key in messages.api.titles ? t(`titles.${key}`) : t('titles.500')
}

/** A detail from the `api.details` catalog, with its values filled in. */
export function problemDetail(
  key: keyof (typeof messages)['api']['details'],
  values?: Record<string, string | number>,
): string {
  return t(`details.${key}`, values)
}

export function problem(
  status: number,
  title: string = problemTitle(status),
  detail?: string,
  extra?: Record<string, unknown>,
  headers?: HeadersInit,
): Response {
  const body = { type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra }
  const responseHeaders = new Headers(headers)
  responseHeaders.set('Content-Type', PROBLEM_CONTENT_TYPE)
  responseHeaders.set('Cache-Control', 'no-store')
  return new Response(JSON.stringify(body), { status, headers: responseHeaders })
}

/** JSON Pointer (RFC 6901) of a zod issue's path: ['records', 3, 'time'] → '/records/3/time'. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => '/' + String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('')
}

/** 422: the body was JSON but some fields are wrong; each one is named by a pointer. */
export function validationProblem(error: z.ZodError): Response {
  const errors = error.issues.map((issue) => ({ pointer: jsonPointer(issue.path), detail: issue.message }))
  return problem(422, problemTitle(422), problemDetail('validation'), { errors })
}

/** Zod's own messages in Spanish, for machine callers (forms use the `validation` catalog instead). */
export const spanishZodErrors = z.locales.es().localeError

/** The zod schema of a problem body, for the OpenAPI document. */
export const problemSchema = z
  .object({
    type: z.string().meta({ example: 'about:blank' }),
    title: z.string().meta({ example: 'Datos no válidos' }),
    status: z.number().int().meta({ example: 422 }),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          pointer: z.string().meta({ description: 'JSON Pointer (RFC 6901) del campo', example: '/latencyMs' }),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({
    id: 'Problem',
    description: 'Error en formato RFC 9457 (application/problem+json), con textos en español.',
  })
