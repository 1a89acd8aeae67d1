import { connection } from 'next/server'

/** The least a page rendered per request can do: one dynamic value, no data, no client component. */
export async function FloorPage() {
  await connection()
  return (
    <main>
      <h1>Página dinámica</h1>
      <p>{new Date().toISOString()}</p>
    </main>
  )
}
