import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'

type FieldProps = { name: string; label: string; hint?: string; errors?: string[]; children?: never }

function describedBy(name: string, hint?: string, errors?: string[]) {
  return [hint && `${name}-hint`, errors?.length && `${name}-error`].filter(Boolean).join(' ') || undefined
}

function FieldFrame({
  name,
  label,
  hint,
  errors,
  control,
  id = name,
}: FieldProps & { control: ReactNode; id?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      {hint && (
        <p id={`${name}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {control}
      {errors?.length ? (
        <p id={`${name}-error`} className="text-sm text-danger-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  )
}

const controlClass = (invalid: boolean) =>
  `block w-full rounded-md border bg-white px-3 py-2 text-sm text-ink ${invalid ? 'border-danger-700' : 'border-line'}`

/** A labelled input whose errors are tied to it with aria-describedby. */
export function TextField({
  name,
  label,
  hint,
  errors,
  id = name,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame
      id={id}
      name={name}
      label={label}
      hint={hint}
      errors={errors}
      control={
        <input
          id={id}
          name={name}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(name, hint, errors)}
          className={controlClass(Boolean(errors?.length))}
          {...input}
        />
      }
    />
  )
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  options,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={hint}
      errors={errors}
      control={
        <select
          id={name}
          name={name}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(name, hint, errors)}
          className={controlClass(Boolean(errors?.length))}
          {...select}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      }
    />
  )
}

export function TextAreaField({
  name,
  label,
  hint,
  errors,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={hint}
      errors={errors}
      control={
        <textarea
          id={name}
          name={name}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(name, hint, errors)}
          className={controlClass(Boolean(errors?.length))}
          {...textarea}
        />
      }
    />
  )
}
