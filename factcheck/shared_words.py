"""Clauses that the command line and the web put inside their own sentences, worded once."""

# What could not be done with evidence that was removed, by the refused action.
REMOVED_EVIDENCE_DOING = {
    "copy": "there is nothing to keep a copy of",
    "archive": "there is nothing to archive",
    "acknowledge": "there is nothing to acknowledge",
}

# How evidence that backs a published verdict can still be removed, by lifecycle's "then" fact.
BACKS_PUBLISHED_THEN = {
    "correct": "start a correction that leaves it out",
    "leave_out": "leave it out of the correction in progress",
    "return": "an editor must return the correction in review so it can leave it out",
    "approve": "the correction in review leaves it out",
}
