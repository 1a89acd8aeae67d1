/** What a server action returns to its form (read with useActionState). */
export type FormState<Field extends string = string> = {
  status: 'idle' | 'success' | 'error'
  message?: string
  fieldErrors?: Partial<Record<Field, string[]>>
  /** Echo of what the user typed, so nothing submitted is lost when the action refuses it. */
  values?: Partial<Record<Field, string>>
}

export const initialFormState: FormState = { status: 'idle' }
