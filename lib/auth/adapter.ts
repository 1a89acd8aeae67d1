/**
 * Auth.js adapter over our Person model. A person is identified by RUN, not e-mail: the first
 * ClaveÚnica login of a RUN that an institution already registered links to that person.
 * Sessions live in the database so that signing out or disabling a person ends them; a session row
 * holds the SHA-256 of its token only (hashSessionToken), and ClaveÚnica's tokens are never kept.
 */
import { createHash } from 'node:crypto'
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from 'next-auth/adapters'
import type { Db } from '@/lib/db/client'

type PersonRow = { id: string; name: string; email: string | null; emailVerified: Date | null; run: string }

// Auth.js types e-mail as required; ClaveÚnica does not always send one.
function toAdapterUser(person: PersonRow): AdapterUser {
  return { ...person, email: person.email ?? '' }
}

/** What a session row holds instead of the token in the browser's cookie: its SHA-256, hex. */
export function hashSessionToken(sessionToken: string): string {
  return createHash('sha256').update(sessionToken, 'utf8').digest('hex')
}

const personSelect = { id: true, name: true, email: true, emailVerified: true, run: true } as const

export function personAdapter(db: Db): Adapter {
  return {
    async createUser(user) {
      const { run, name, email } = user as AdapterUser & { run: string }
      // An e-mail already held by someone else is not this person's to claim: keep the login, drop the e-mail.
      const emailTaken = email ? (await db.person.count({ where: { email, run: { not: run } } })) > 0 : false
      const person = await db.person.upsert({
        where: { run },
        create: { run, name: name ?? run, email: email && !emailTaken ? email : null },
        update: {},
        select: personSelect,
      })
      return toAdapterUser(person)
    },
    async getUser(id) {
      const person = await db.person.findUnique({ where: { id }, select: personSelect })
      return person && toAdapterUser(person)
    },
    // Never match by e-mail: a RUN is the identity, and e-mails get reused.
    async getUserByEmail() {
      return null
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { person: { select: personSelect } },
      })
      return account && toAdapterUser(account.person)
    },
    async updateUser({ id, name }) {
      const person = await db.person.update({ where: { id }, data: name ? { name } : {}, select: personSelect })
      return toAdapterUser(person)
    },
    // ClaveÚnica's access, refresh and ID tokens served the sign-in and are not kept (nor are there columns for them).
    async linkAccount(account: AdapterAccount) {
      await db.account.create({
        data: {
          personId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          expires_at: account.expires_at ?? null,
          token_type: account.token_type ?? null,
          scope: account.scope ?? null,
          session_state: typeof account.session_state === 'string' ? account.session_state : null,
        },
      })
    },
    async createSession({ sessionToken, userId, expires }) {
      // Pages refuse expired sessions without deleting them (a GET changes nothing): a sign-in clears them.
      await db.session.deleteMany({ where: { personId: userId, expires: { lte: new Date() } } })
      const session = await db.session.create({
        data: { tokenHash: hashSessionToken(sessionToken), personId: userId, expires },
      })
      return { sessionToken, userId: session.personId, expires: session.expires }
    },
    async getSessionAndUser(sessionToken) {
      const session = await db.session.findUnique({
        where: { tokenHash: hashSessionToken(sessionToken) },
        select: { expires: true, personId: true, person: { select: { ...personSelect, disabledAt: true } } },
      })
      if (!session || session.person.disabledAt) return null
      const { disabledAt: _disabled, ...person } = session.person
      return {
        session: { sessionToken, userId: session.personId, expires: session.expires } satisfies AdapterSession,
        user: toAdapterUser(person),
      }
    },
    async updateSession({ sessionToken, expires }) {
      const result = await db.session.updateManyAndReturn({
        where: { tokenHash: hashSessionToken(sessionToken) },
        data: expires ? { expires } : {},
        select: { personId: true, expires: true },
      })
      const session = result[0]
      return session && { sessionToken, userId: session.personId, expires: session.expires }
    },
    async deleteSession(sessionToken) {
      await db.session.deleteMany({ where: { tokenHash: hashSessionToken(sessionToken) } })
    },
  }
}
