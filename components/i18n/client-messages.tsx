import { NextIntlClientProvider } from 'next-intl'
import { pickMessages, type MessagePath } from '@/lib/i18n/pick'

/**
 * The messages the client components below it may use, and no others: every message given here is
 * serialized into the page, and next-intl's client runtime (≈ 12 kB gzip) is shipped with it. No page
 * uses it today: client islands get their words as props (decision 013). If a client component must
 * call `useTranslations`, wrap that component (not a layout) in this, naming only its keys
 * ('connections.status').
 */
export function ClientMessages({ paths, children }: { paths: MessagePath[]; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickMessages(paths)}>{children}</NextIntlClientProvider>
}
