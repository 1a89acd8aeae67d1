import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'

/** The audit actions the portal records, for the action filter. */
export const auditActions = [
  'membership.create',
  'membership.end',
  'person.disable',
  'case.requestMeeting',
  'case.scheduleMeeting',
  'case.recordMeetingHeld',
  'case.requestAgreement',
  'case.approveAgreement',
  'case.rejectAgreement',
  'case.signAgreementAsConsumer',
  'case.signAgreementAsProvider',
  'case.provisionDevNode',
  'case.recordConnectivityTest',
  'case.requestPromotion',
  'case.reviewPromotion',
  'case.approvePromotion',
  'case.rejectPromotion',
  'agreement.terminate',
  'node.configuration.download',
  'node.revoke',
  'node.credential.issue',
  'node.credential.rotate',
  'node.credential.revoke',
  'grant.revoke',
  'grant.end',
  'cooperation.record',
  'cooperation.terminate',
  'document.upload',
  'training.create',
  'training.attendance.add',
  'training.attendance.remove',
] as const

export const auditTableParams = defineTableParams({
  sortable: ['at', 'action'],
  defaultSort: { id: 'at', desc: true },
  filters: { action: auditActions },
  defaultPageSize: 50,
})

export type AuditTableParams = TableParamsOf<typeof auditTableParams>
