'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { signIn, signOut } from './auth'
import { claveUnicaLogoutUrl, isClaveUnicaConfigured } from './claveunica'
import { isDemoMode, startDemoSession } from './demo'

/**
 * Ends this session (its row is deleted, so the cookie is worthless even if kept) and, with
 * ClaveÚnica, the ClaveÚnica session too: the browser goes through its logout URL and comes back.
 */
export async function signOutAction() {
  await signOut({ redirect: false })
  redirect(isClaveUnicaConfigured() ? claveUnicaLogoutUrl() : '/login')
}

const demoSignInSchema = z.object({ personId: z.string().min(1).max(50) })

/** Demo mode only: signs in as a seeded person. Refused (and changes nothing) otherwise. */
export async function demoSignInAction(formData: FormData) {
  if (!isDemoMode()) redirect('/login?error=demoRefused')
  const parsed = demoSignInSchema.safeParse({ personId: formData.get('personId') })
  const started = parsed.success && (await startDemoSession(parsed.data.personId))
  redirect(started ? '/' : '/login?error=demoRefused')
}

/** Starts the ClaveÚnica (OIDC) login in this window: state, PKCE and nonce are set by Auth.js. */
export async function claveUnicaSignInAction() {
  await signIn('claveunica', { redirectTo: '/' })
}
