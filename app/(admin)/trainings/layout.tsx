import { ClientMessages } from '@/components/i18n/client-messages'

/** The messages the workshops list and the attendance forms use in the browser. */
export default function TrainingsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={['dataTable', 'trainings']}>{children}</ClientMessages>
}
