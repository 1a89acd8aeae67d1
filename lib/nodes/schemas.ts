import { z } from 'zod'
import { decimalInteger, text } from '@/lib/forms/fields'
import { MAX_GRACE_HOURS } from './credentials'

export const issueCredentialSchema = z.object({
  graceHours: decimalInteger(0, MAX_GRACE_HOURS, 'graceInvalid'),
})

export const revokeNodeSchema = z.object({
  reason: text(500),
})
