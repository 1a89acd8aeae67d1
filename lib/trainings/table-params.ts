import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'
import { trainingKinds } from './kinds'

/** The workshops list's URL state, shared by the page (server) and its table (client). */
export const workshopsTableParams = defineTableParams({
  sortable: ['heldOn', 'title', 'kind'],
  defaultSort: { id: 'heldOn', desc: true },
  filters: { kind: trainingKinds },
})

export type WorkshopsTableParams = TableParamsOf<typeof workshopsTableParams>
