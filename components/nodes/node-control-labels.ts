// The words of the node credential controls (node-controls.tsx), translated on the server so that the
// institution page ships no client-side i18n (decision 013).
import type { getTranslations } from 'next-intl/server'

type NodesT = Awaited<ReturnType<typeof getTranslations<'nodes'>>>

export type IssueLabels = ReturnType<typeof issueLabels>
export type RevokeCredentialLabels = ReturnType<typeof revokeCredentialLabels>
export type RevokeNodeLabels = ReturnType<typeof revokeNodeLabels>

/** A rotation's confirmation names the grace period as typed: one sentence per allowed value (0–24 h). */
export function issueLabels(t: NodesT, node: string, rotating: boolean) {
  return {
    submit: t('issue.submit'),
    rotate: t('issue.rotate'),
    graceHours: t('issue.graceHours'),
    graceHint: t('issue.graceHint'),
    confirm: t('issue.confirm', { node }),
    confirmRotate: rotating ? Array.from({ length: 25 }, (_, hours) => t('issue.confirmRotate', { node, hours })) : [],
    confirmSubmit: t('issue.confirmSubmit'),
    cancel: t('issue.cancel'),
    tokenTitle: t('issue.tokenTitle', { node }),
    tokenOnce: t('issue.tokenOnce'),
    tokenLabel: t('issue.tokenLabel'),
    done: t('issue.done'),
  }
}

export function revokeCredentialLabels(t: NodesT, node: string, keyId: string) {
  return {
    submit: t('revokeCredential.submit'),
    label: t('revokeCredential.label', { node, keyId }),
    confirm: t('revokeCredential.confirm', { node, keyId }),
    confirmSubmit: t('revokeCredential.confirmSubmit', { keyId }),
    cancel: t('revokeCredential.cancel'),
  }
}

export function revokeNodeLabels(t: NodesT, node: string) {
  return {
    submit: t('revokeNode.submit'),
    label: t('revokeNode.label', { node }),
    reason: t('revokeNode.reason'),
    confirm: t('revokeNode.confirm', { node }),
    confirmSubmit: t('revokeNode.confirmSubmit', { node }),
    cancel: t('revokeNode.cancel'),
  }
}
