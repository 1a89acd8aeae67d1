import { E2E } from './env'

/** How the stand-in ClaveÚnica (e2e/support/oidc-server.ts) behaves for the next sign-ins. */
export type Behaviour = { ignorePkceAndNonce?: boolean; userinfoFails?: boolean; runFailsModulo11?: boolean }

/** What the stand-in ClaveÚnica saw. */
export type Seen = {
  authorizations: { scope: string | null; codeChallenge: boolean; nonce: boolean }[]
  tokenRequests: {
    authorizationHeader: boolean
    clientSecretInBody: boolean
    state: string | null
    codeVerifier: boolean
  }[]
  userinfoRequests: { method: string; bearer: boolean }[]
  logouts: { redirect: string | null }[]
}

export const claveUnica = {
  async behave(behaviour: Behaviour): Promise<void> {
    await fetch(`${E2E.oidcOrigin}/__e2e/behaviour`, { method: 'POST', body: JSON.stringify(behaviour) })
  },
  /** Back to ClaveÚnica's normal behaviour, and an empty log. */
  async reset(): Promise<void> {
    await fetch(`${E2E.oidcOrigin}/__e2e/behaviour`, { method: 'DELETE' })
  },
  async seen(): Promise<Seen> {
    return (await fetch(`${E2E.oidcOrigin}/__e2e/log`)).json() as Promise<Seen>
  },
}
