/**
 * What a form submitted, as the strings the user typed: echoed back on refusal so nothing is lost.
 */

/** The named fields, each as a string ('' when absent). */
export function formValues<Field extends string>(formData: FormData, fields: readonly Field[]): Record<Field, string> {
  return Object.fromEntries(fields.map((f) => [f, String(formData.get(f) ?? '')])) as Record<Field, string>
}

/** Every text field of the form, leaving out React's own `$ACTION_*` entries and files. */
export function allFormValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData.entries()) if (typeof value === 'string' && !key.startsWith('$')) values[key] = value
  return values
}
