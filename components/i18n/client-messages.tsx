import { NextIntlClientProvider } from 'next-intl'
import { pickMessages, type MessagePath } from '@/lib/i18n/pick'

/**
 * The messages the client components below it may use, and no others: every message given here is
 * serialized into the page. The root layout gives every page `baseClientMessages`; a page or segment
 * whose client components need more wraps them in this, naming namespaces or single keys
 * ('connections.status'). A nested provider replaces its parent's messages, so the base ones are kept.
 */
export function ClientMessages({ paths, children }: { paths: MessagePath[]; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickMessages(paths)}>{children}</NextIntlClientProvider>
}
