import { getTranslations } from 'next-intl/server'
import { CreateWorkshopForm } from '@/components/trainings/create-workshop-form'
import { WorkshopsTable } from '@/components/trainings/workshops-table'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { trainingKinds } from '@/lib/trainings/kinds'
import { listWorkshops } from '@/lib/trainings/queries'
import { workshopsTableParams } from '@/lib/trainings/table-params'

export async function generateMetadata() {
  const t = await getTranslations('trainings')
  return { title: t('title') }
}

export default async function TrainingsPage({ searchParams }: PageProps<'/trainings'>) {
  const viewer = await requirePermission('readiness.manage')
  const params = await workshopsTableParams.load(searchParams)
  const { rows, rowCount } = await listWorkshops(viewer, params)
  const t = await getTranslations('trainings')
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <section aria-labelledby="create-title" className="rounded-md border border-line bg-white p-5">
        <h2 id="create-title" className="mb-3 text-lg font-semibold">
          {t('create.title')}
        </h2>
        <CreateWorkshopForm
          labels={{
            kind: t('create.kind'),
            kinds: trainingKinds.map((k) => ({ value: k, label: t(`kind.${k}`) })),
            name: t('create.name'),
            heldOn: t('create.heldOn'),
            submit: t('create.submit'),
            submitting: t('create.submitting'),
          }}
        />
      </section>
      <WorkshopsTable rows={rows} rowCount={rowCount} params={params} />
    </div>
  )
}
