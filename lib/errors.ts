/**
 * A refusal the user can understand: its `code` is a key of the `errors` message catalog. Server
 * actions turn it into a message (shown at `field` too, when it is about one field of the form);
 * anything else is a bug and goes to error.tsx.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly values: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code)
    this.name = 'DomainError'
  }
}

export type DomainErrorCode =
  | 'forbidden'
  | 'notFound'
  | 'alreadyMember'
  | 'membershipAlreadyEnded'
  | 'lastCtd'
  | 'personAlreadyDisabled'
  | 'cannotDisableSelf'
  | 'caseWrongRole'
  | 'caseWrongState'
  | 'agreementNotRequired'
  | 'agreementPending'
  | 'checklistUnmet'
  | 'caseSameInstitution'
  | 'caseAlreadyOpen'
  | 'promotionSameReviewer'
  | 'nodeAlreadyRevoked'
  | 'grantAlreadyRevoked'
  | 'credentialAlreadyRevoked'
  | 'credentialNotUsable'
  | 'nodeRevoked'
  | 'graceInvalid'
  | 'cooperationTerminationTooSoon'
  | 'alreadyAttended'
  | 'documentInvalid'
  | 'meetingNotYetHeld'
  | 'testInFuture'
  | 'testBeforeNode'
  | 'reviewerNotFound'
  | 'reviewerAlreadyAssigned'
  | 'publicationWrongRole'
  | 'publicationWrongState'
  | 'publicationNotAssignedReviewer'
  | 'publicationSameApprover'
  | 'specInvalid'
  | 'schemaInvalid'
  | 'serviceCodeTaken'
  | 'schemaCodeTaken'
  | 'versionTaken'
  | 'publicationAlreadyOpen'
  | 'deprecationDateInPast'
  | 'alreadyDeprecated'
  | 'accessAlreadyAsked'
  | 'accessNoCtd'
  | 'fileTooLarge'
