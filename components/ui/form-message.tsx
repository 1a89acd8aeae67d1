import type { FormState } from '@/lib/forms/form-state'

/** The outcome of a form's last submission, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {state.message && (
        <p
          role={state.status === 'error' ? 'alert' : 'status'}
          className={`rounded-md border p-3 text-sm ${
            state.status === 'error'
              ? 'border-danger-700/30 bg-danger-50 text-danger-700'
              : 'border-success-700/30 bg-success-50 text-success-700'
          }`}
        >
          {state.message}
        </p>
      )}
    </div>
  )
}
