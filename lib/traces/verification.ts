import 'server-only'
import { authorize, type Principal } from '@/lib/auth/roles'
import { dbPool } from '@/lib/db/client'
import { verifyTraces, type Verification } from './verify'

/** The verifier for the auditors' page: read-only, in its own snapshot, on a connection of the pool. */
export async function verifyRegistry(viewer: Principal): Promise<Verification> {
  authorize(viewer, 'audit.read')
  const client = await dbPool().connect()
  try {
    return await verifyTraces(client)
  } finally {
    client.release()
  }
}
