import { getTranslations } from 'next-intl/server'
import { StepForm, type StepField } from '@/components/connections/step-form'
import { requestPublicationAction } from '@/lib/review/actions'
import type { publicationKinds } from '@/lib/review/schemas'

type Kind = (typeof publicationKinds)[number]
type Options = {
  institutions: { id: string; name: string }[]
  services: { id: string; name: string; code: string; version: string }[]
  schemas: { id: string; name: string; code: string }[]
}

const documentTypes = '.json,.yaml,.yml,.wsdl,.xml,.xsd,application/json,application/xml,text/xml,text/yaml'

/** The publication request of one kind; an entry chosen on its page (a service's new version) comes bound. */
export async function PublishForm({
  kind,
  options,
  fixed,
}: {
  kind: Kind
  options: Options
  fixed: Record<string, string>
}) {
  const t = await getTranslations('review.form')
  const select = (name: string, label: string, items: { value: string; label: string }[]): StepField => ({
    name,
    label,
    type: 'select',
    options: items,
  })
  const institution = select(
    'institutionId',
    t('institution'),
    options.institutions.map((i) => ({ value: i.id, label: i.name })),
  )
  const entry: StepField[] = [
    { name: 'code', label: t('code'), type: 'text', required: true },
    { name: 'name', label: t('name'), type: 'text', required: true },
    { name: 'description', label: t('descriptionField'), type: 'textarea', required: true },
  ]
  const common: StepField[] = [
    { name: 'version', label: t('version'), type: 'text', required: true },
    { name: 'changes', label: t('changes'), type: 'textarea', required: true },
    { name: 'requestNote', label: t('requestNote'), type: 'textarea', required: true },
    { name: 'document', label: t('document'), type: 'file', accept: documentTypes },
  ]
  const fields: StepField[] =
    kind === 'NEW_SERVICE'
      ? [
          institution,
          ...entry,
          select('protocol', t('protocol'), [
            { value: 'REST', label: 'REST (OpenAPI 3)' },
            { value: 'SOAP', label: 'SOAP (WSDL)' },
          ]),
          select('requiresAgreement', t('requiresAgreement'), [
            { value: 'true', label: t('yes') },
            { value: 'false', label: t('no') },
          ]),
          ...common,
        ]
      : kind === 'SERVICE_VERSION'
        ? [
            ...(fixed.serviceId
              ? []
              : [
                  select(
                    'serviceId',
                    t('service'),
                    options.services.map((s) => ({ value: s.id, label: `${s.name} (${s.code}) v${s.version}` })),
                  ),
                ]),
            ...common,
          ]
        : kind === 'NEW_SCHEMA'
          ? [
              institution,
              ...entry,
              select('schemaKind', t('schemaKind'), [
                { value: 'BASAL', label: t('basal') },
                { value: 'DOCUMENTAL', label: t('documental') },
              ]),
              select('format', t('format'), [
                { value: 'JSON_SCHEMA', label: 'JSON Schema' },
                { value: 'XSD', label: 'XSD' },
              ]),
              ...common,
            ]
          : [
              ...(fixed.schemaId
                ? []
                : [
                    select(
                      'schemaId',
                      t('schema'),
                      options.schemas.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` })),
                    ),
                  ]),
              ...common,
            ]
  return (
    <StepForm action={requestPublicationAction.bind(null, kind, fixed)} submitLabel={t('submit')} fields={fields} />
  )
}
