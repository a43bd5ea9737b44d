import Foundation

/// The statement, the typed signature and its confirmation, the append to the ledger (retried when
/// the store cannot be written), and the receipt.
extension Induction {
  mutating func enterSignature() {
    show(.statement(shown.catalog.school.statement))
    ask(.signature, prompt(.signPrompt, help: .signHelp, field: .personal))
  }

  mutating func answerSignature(_ typed: String) {
    // The signature is a name: the same rules, so nothing invisible or reordering is stored.
    if let problem = DetailsRules.nameProblem(NameNormalisation.tidy(typed)) {
      notice(.line(problem.key, problem.values))
      return askAgain()
    }
    guard let name = state.details.parentName,
      NameNormalisation.signatureMatches(typed, name: name)
    else {
      // "no" (that is not their name) is a parent who wants to change the name they gave.
      if phrases.yesNo(typed) == false { return offerChanges() }
      notice(.line(.signMismatch, [:]))
      notice(.line(.signMismatchChange, [:]))
      return askAgain()
    }
    state.typedSignature = typed
    notice(.gap)
    ask(.confirmSignature, prompt(.signConfirmPrompt, help: .signConfirmHelp, field: .yesNo))
  }

  mutating func answerConfirmation(_ typed: String) throws {
    guard let confirmed = yesNo(typed) else { return }
    guard confirmed else {
      state.typedSignature = nil
      return offerChanges()
    }
    state.salt = services.makeSalt()
    try save()
  }

  /// Appends to the ledger; when saving fails, says so plainly, keeps everything typed, and waits
  /// to try again.
  mutating func save() throws {
    let details = state.details
    guard let session = state.session, let quiz = state.quiz,
      let parentName = details.parentName, let relationship = details.relationship,
      let signature = state.typedSignature
    else { return enterDetails() }
    let english = services.content.english.catalog
    let draft = AcknowledgementDraft(
      session: session, context: services.context, guidanceSHA256: english.guidance.sha256,
      statement: english.school.statement, summary: quiz.summary, attempts: quiz.attempts,
      details: PersonalDetails(
        parentName: parentName, relationship: relationship,
        signature: NameNormalisation.tidy(signature), children: details.children),
      shown: shown.shown)
    let salt = state.salt ?? services.makeSalt()
    state.salt = salt
    let entry: LedgerEntry
    do {
      entry = try services.store.appendAcknowledgement(
        draft, key: services.signingKey, at: services.clock.now(), salt: salt)
    } catch let error as StoreError {
      show(.storeProblem(saving: true, detail: error.localizedDescription))
      return ask(.saveRetry, prompt(.storeRetryPrompt, help: .storeSaveRetryHelp))
    }
    state.signed = entry
    state.session = nil
    state.salt = nil
    let signedAt = Timestamp.parseUTC(entry.recordedAt) ?? services.clock.now()
    show(.receipt(reference: entry.displayReference, signedAt: signedAt))
    // The receipt is on screen: now the log can be copied into the database without a parent
    // waiting on it.
    services.store.checkpointWAL()
    guard services.asksToNoteReceipt else { return finish(.signed(entry)) }
    ask(.receiptNoted, prompt(.receiptNotedPrompt, help: .receiptNotedHelp))
  }
}
