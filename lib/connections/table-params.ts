import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'
import { ConnectionStatus } from '@/lib/generated/prisma/enums'

export const casesTableParams = defineTableParams({
  sortable: ['number', 'status', 'updatedAt'],
  defaultSort: { id: 'updatedAt', desc: true },
  filters: { status: Object.values(ConnectionStatus) },
})

export type CasesTableParams = TableParamsOf<typeof casesTableParams>
