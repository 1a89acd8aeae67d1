import { agreementStatuses } from '@/lib/connections/workflow'
import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'

export const agreementsTableParams = defineTableParams({
  sortable: ['requestedAt', 'status'],
  defaultSort: { id: 'requestedAt', desc: true },
  filters: { status: agreementStatuses },
})

export type AgreementsTableParams = TableParamsOf<typeof agreementsTableParams>
