import Link from 'next/link'
import { GovBar } from '@/components/layout/gov-bar'

/** A heading, a sentence, and a way back: the body of the 403, 404 and error pages. */
export function StatusMessage({
  code,
  title,
  body,
  action,
}: {
  code?: string
  title: string
  body: string
  action?: React.ReactNode
}) {
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col justify-center py-8 sm:py-16">
      {code && <p className="text-sm font-semibold text-danger-700">{code}</p>}
      <h1 className="mt-1 text-3xl font-bold text-ink">{title}</h1>
      <p className="mt-3 text-muted">{body}</p>
      <div className="mt-6 flex gap-3">{action}</div>
    </div>
  )
}

/** A full page for 403, 404 and errors, with only the government bar above (for pages outside the portal's frame). */
export function StatusPage(props: { code?: string; title: string; body: string; action?: React.ReactNode }) {
  return (
    <>
      <GovBar />
      <main id="contenido" className="flex w-full flex-1 flex-col justify-center px-4">
        <StatusMessage {...props} />
      </main>
    </>
  )
}

/** The way on from a status message, as its main button. */
export function StatusLink({ href, label }: { href: string; label: string }) {
  return (
    <Link
      href={href}
      className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white no-underline hover:bg-brand-700 hover:no-underline"
    >
      {label}
    </Link>
  )
}

export function HomeLink({ label }: { label: string }) {
  return <StatusLink href="/" label={label} />
}
