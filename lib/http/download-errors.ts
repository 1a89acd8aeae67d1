import { messages } from '@/lib/i18n/messages'

const bodies = {
  401: messages.errors.download.unauthorized,
  403: messages.errors.download.forbidden,
  404: messages.errors.download.notFound,
} as const

/** The refusal of a download route, in the portal's language, as plain text that is never sniffed as anything else. */
export function downloadRefusal(status: keyof typeof bodies): Response {
  return new Response(bodies[status], {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  })
}
