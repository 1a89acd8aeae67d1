import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'

/** Health conditions the nodes page filters by. */
export const nodeHealthFilters = ['stale', 'outdated', 'expiring'] as const

/** The nodes page's URL state, shared by the page (server) and its table (client). */
export const nodesTableParams = defineTableParams({
  sortable: ['institution', 'name', 'lastHeartbeatAt', 'credentialExpiresAt'],
  defaultSort: { id: 'institution', desc: false },
  filters: {
    environment: ['DEVELOPMENT', 'PRODUCTION'],
    health: nodeHealthFilters,
  },
})

export type NodesTableParams = TableParamsOf<typeof nodesTableParams>
