const tones = {
  neutral: 'bg-surface text-ink border-line',
  brand: 'bg-brand-50 text-brand-800 border-brand-100',
  success: 'bg-success-50 text-success-700 border-success-700/20',
  warning: 'bg-warning-50 text-warning-700 border-warning-700/20',
  danger: 'bg-danger-50 text-danger-700 border-danger-700/20',
} as const

export function Badge({ tone = 'neutral', children }: { tone?: keyof typeof tones; children: React.ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded border px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  )
}
