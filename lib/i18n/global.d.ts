import type { Messages } from './messages'
import type { locale } from './config'

declare module 'next-intl' {
  interface AppConfig {
    Locale: typeof locale
    Messages: Messages
  }
}
