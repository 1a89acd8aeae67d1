import 'server-only'
import { db } from '@/lib/db/client'
import { notify } from '@/lib/notifications/notify'

/** The day (UTC date) an exchange was reported without a grant, as a @db.Date value. */
function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10)
}

/**
 * Tells the DGD team, once per day, that exchanges without an access grant in force were reported:
 * the registry then shows use of the network outside an agreement. Idempotent (one row per day).
 */
export async function noteUngrantedExchanges(now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const day = dayOf(now)
    const claimed = await tx.$executeRaw`
      INSERT INTO traces.ungranted_notice (day, notified_at) VALUES (${day}::date, ${now}) ON CONFLICT (day) DO NOTHING`
    if (claimed === 0) return false
    const staff = await tx.centralRoleAssignment.findMany({
      where: { role: { in: ['DGD_REVIEWER', 'DGD_HEAD'] }, endedAt: null, person: { disabledAt: null } },
      select: { personId: true },
    })
    await notify(tx, {
      recipientIds: staff.map((s) => s.personId),
      kind: 'traces.ungranted',
      title: 'Intercambios sin acceso vigente',
      body: `El registro de trazabilidad recibió el ${day} intercambios sin una autorización de acceso vigente a su fecha.`,
      link: `/traces?grant=none&from=${day}`,
    })
    return true
  })
}
