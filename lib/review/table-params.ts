import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'
import { PublicationKind, PublicationStatus } from '@/lib/generated/prisma/enums'

export const requestsTableParams = defineTableParams({
  sortable: ['number', 'status', 'updatedAt'],
  defaultSort: { id: 'updatedAt', desc: true },
  filters: { status: Object.values(PublicationStatus), kind: Object.values(PublicationKind) },
})

export type RequestsTableParams = TableParamsOf<typeof requestsTableParams>
