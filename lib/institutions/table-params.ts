import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'
import { GradualityGroup, InstitutionKind } from '@/lib/generated/prisma/enums'

/** The institutions registry's URL state, shared by the page (server) and its table (client). */
export const institutionsTableParams = defineTableParams({
  sortable: ['name', 'shortName', 'kind', 'group', 'region'],
  defaultSort: { id: 'name', desc: false },
  filters: {
    group: Object.values(GradualityGroup),
    kind: Object.values(InstitutionKind),
  },
})

export type InstitutionsTableParams = TableParamsOf<typeof institutionsTableParams>
