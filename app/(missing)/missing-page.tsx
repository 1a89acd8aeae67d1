import { notFound } from 'next/navigation'

export { generateMetadata } from '../not-found'

/** The 404 message (app/not-found.tsx) inside this group's layout. */
export function MissingPage(): never {
  notFound()
}
