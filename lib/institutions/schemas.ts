import { z } from 'zod'
import { runField } from '@/lib/chile/run-field'
import { membershipRoles } from '@/lib/auth/roles'
import { isCleanText, recordId } from '@/lib/forms/fields'

// Messages are keys of the `validation` catalog, translated by lib/forms/action-errors.ts.

export const addMemberSchema = z.object({
  run: runField,
  name: z.string().trim().min(3, 'nameTooShort').max(120, 'nameTooLong').refine(isCleanText, 'textInvalid'),
  email: z.union([z.literal(''), z.email('emailInvalid').max(200, 'emailInvalid')]).transform((v) => v || null),
  role: z.enum(membershipRoles, 'roleInvalid'),
})

export type AddMemberInput = z.output<typeof addMemberSchema>
export type AddMemberField = keyof z.input<typeof addMemberSchema>

export const membershipIdSchema = z.object({ membershipId: recordId })
export const personIdSchema = z.object({ personId: recordId })
