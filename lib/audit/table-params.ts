import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'

/** The audit actions the portal records, for the action filter. */
export const auditActions = ['membership.create', 'membership.end', 'person.disable'] as const

export const auditTableParams = defineTableParams({
  sortable: ['at', 'action'],
  defaultSort: { id: 'at', desc: true },
  filters: { action: auditActions },
  defaultPageSize: 50,
})

export type AuditTableParams = TableParamsOf<typeof auditTableParams>
