'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { recordId } from '@/lib/forms/fields'
import { signIn, signOut } from './auth'
import { isDemoMode, startDemoSession } from './demo'

/** Ends this session: its row is deleted, so the cookie is worthless even if kept. */
export async function signOutAction() {
  await signOut({ redirectTo: '/login' })
}

const demoSignInSchema = z.object({ personId: recordId })

/** Demo mode only: signs in as a seeded person. Refused (and changes nothing) otherwise. */
export async function demoSignInAction(formData: FormData) {
  if (!isDemoMode()) redirect('/login?error=demoRefused')
  const parsed = demoSignInSchema.safeParse({ personId: formData.get('personId') })
  const started = parsed.success && (await startDemoSession(parsed.data.personId))
  redirect(started ? '/' : '/login?error=demoRefused')
}

/** Starts the ClaveÚnica (OIDC) login: PKCE, state and nonce are set by Auth.js. */
export async function claveUnicaSignInAction() {
  await signIn('claveunica', { redirectTo: '/' })
}
