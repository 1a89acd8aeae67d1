import { getRequestConfig } from 'next-intl/server'
import { locale, timeZone } from './config'
import { messages } from './messages'

export default getRequestConfig(async () => ({ locale, timeZone, messages }))
