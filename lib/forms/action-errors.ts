import 'server-only'
import { getTranslations } from 'next-intl/server'
import type { z } from 'zod'
import { ForbiddenError, NotAPartyError } from '@/lib/auth/roles'
import { DomainError } from '@/lib/errors'
import type { FormState } from './form-state'

/**
 * Zod issues carry message-catalog keys (namespace `validation`); this translates them per field.
 */
export async function validationFailure<Field extends string>(
  error: z.ZodError,
  values: Partial<Record<Field, string>>,
): Promise<FormState<Field>> {
  const t = await getTranslations('validation')
  const fieldErrors: Partial<Record<Field, string[]>> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as Field
    const key = issue.message as Parameters<typeof t>[0]
    ;(fieldErrors[field] ??= []).push(t.has(key) ? t(key) : t('invalid'))
  }
  return { status: 'error', message: t('summary'), fieldErrors, values }
}

/**
 * A known refusal becomes a message for the user; anything else is rethrown to error.tsx so that a
 * raw exception never reaches the browser.
 */
export async function refusal<Field extends string>(
  error: unknown,
  values?: Partial<Record<Field, string>>,
): Promise<FormState<Field>> {
  const t = await getTranslations('errors')
  if (error instanceof NotAPartyError) return { status: 'error', message: t('notAParty'), values }
  if (error instanceof ForbiddenError) return { status: 'error', message: t('forbidden'), values }
  if (error instanceof DomainError) return { status: 'error', message: t(error.code, error.values), values }
  throw error
}
