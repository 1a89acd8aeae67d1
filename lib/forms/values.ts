/**
 * What a form submitted, as the strings the user typed: echoed back on refusal so nothing is lost.
 */

/** The named fields, each as a string ('' when absent, or when a file was sent where text belongs). */
export function formValues<Field extends string>(formData: FormData, fields: readonly Field[]): Record<Field, string> {
  return Object.fromEntries(fields.map((f) => [f, stringOf(formData.get(f)) ?? ''])) as Record<Field, string>
}

/**
 * What a form's schema reads: the named fields as strings ('' when absent), but a file sent where
 * text belongs is no value at all, so the schema refuses it instead of reading "[object File]".
 */
export function formInput<Field extends string>(
  formData: FormData,
  fields: readonly Field[],
): Record<Field, string | undefined> {
  return Object.fromEntries(fields.map((f) => [f, stringOf(formData.get(f))])) as Record<Field, string | undefined>
}

function stringOf(value: FormDataEntryValue | null): string | undefined {
  if (value === null) return ''
  return typeof value === 'string' ? value : undefined
}

/** Every text field of the form, leaving out React's own `$ACTION_*` entries and files. */
export function allFormValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData.entries())
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value
  return values
}
