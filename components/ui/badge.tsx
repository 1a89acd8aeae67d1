// One short class per tone (app/globals.css): badges repeat in every row of a list.
const tones = {
  neutral: 'badge badge-neutral',
  brand: 'badge badge-brand',
  success: 'badge badge-success',
  warning: 'badge badge-warning',
  danger: 'badge badge-danger',
} as const

export function Badge({ tone = 'neutral', children }: { tone?: keyof typeof tones; children: React.ReactNode }) {
  return <span className={tones[tone]}>{children}</span>
}
