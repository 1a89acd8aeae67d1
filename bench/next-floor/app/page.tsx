/** Prerendered at build time: what Next.js serves when it renders nothing per request. */
export default function StaticPage() {
  return (
    <main>
      <h1>Página estática</h1>
    </main>
  )
}
