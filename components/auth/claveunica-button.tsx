import { getTranslations } from 'next-intl/server'
import { claveUnicaSignInAction } from '@/lib/auth/actions'

/**
 * ClaveÚnica's sign-in button as its graphic kit draws it (blue #0F69C4, white bold text, the
 * ClaveÚnica mark on the left). A form POST: the whole page goes to ClaveÚnica, never a pop-up or frame.
 */
export async function ClaveUnicaButton() {
  const t = await getTranslations('login')
  return (
    <form action={claveUnicaSignInAction}>
      <button
        type="submit"
        className="inline-flex min-h-12 w-full items-center justify-center gap-3 bg-[#0f69c4] px-6 py-3 text-base font-bold text-white hover:bg-[#0b4e91] focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-[#0b4e91]"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 shrink-0" fill="currentColor">
          <path d="M12 2a5 5 0 0 1 5 5v2h1a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2h1V7a5 5 0 0 1 5-5Zm0 2a3 3 0 0 0-3 3v2h6V7a3 3 0 0 0-3-3Zm0 8.5a2 2 0 0 0-1 3.73V18h2v-1.77a2 2 0 0 0-1-3.73Z" />
        </svg>
        <span>{t('claveUnicaButton')}</span>
        <span className="sr-only">{t('claveUnicaButtonContext')}</span>
      </button>
    </form>
  )
}
