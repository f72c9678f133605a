"""What reviewers and editors write: evidence sources, rationales, comments and reasons."""

# Sources of evidence: publisher, example domain, section of the site.
SOURCES = (
    ("National Statistics Office", "stats-office.example", "bulletins"),
    ("Regional Health Authority", "health-authority.example", "publications"),
    ("County Council", "countycouncil.example", "meetings"),
    ("Transport Ministry", "transport-ministry.example", "data"),
    ("Electoral Commission", "electoral-commission.example", "results"),
    ("Environment Agency", "environment-agency.example", "reports"),
    ("Courts Service", "courts-service.example", "statistics"),
    ("Open Data Portal", "data-portal.example", "datasets"),
    ("National Audit Office", "audit-office.example", "reports"),
    ("Met Office", "met-office.example", "climate"),
)
DOCUMENTS = (
    "annual report",
    "press release",
    "statistical bulletin",
    "committee minutes",
    "budget statement",
    "inspection report",
    "quarterly dataset",
    "freedom of information response",
)
EVIDENCE_QUOTES = (
    "Table 4 gives the annual total for the county.",
    "The total for the year was revised upwards in the second estimate.",
    "Figures cover the twelve months to the end of March.",
    "The estimate has a margin of error of about three percentage points.",
    "These figures are provisional and may change.",
    "The comparison with earlier years is affected by a change of method.",
    "Spending is shown in cash terms, not adjusted for inflation.",
    "The count includes only cases reported to the authority.",
)
EVIDENCE_NOTES = (
    "Checked against the archived copy.",
    "The press office confirmed this is the latest version.",
    "Same figure appears in the appendix.",
    None,
    None,
)

# Rationales by how well the evidence bears the claim out: {doc} and {publisher} are filled in.
RATIONALES = {
    "holds": (
        "The {doc} published by the {publisher} gives the same figure as the article, and the"
        " underlying table confirms it.",
        "We checked the claim against the {publisher}'s {doc}; the numbers match to within"
        " rounding, and the press office confirmed them.",
        "The {publisher}'s {doc} bears the claim out, and no later revision changes it.",
    ),
    "partly": (
        "The figure is close to the one in the {publisher}'s {doc}, but the article leaves out"
        " that it covers only part of the year.",
        "Part of the claim is borne out by the {doc}; the comparison with earlier years is not,"
        " because the method changed in between.",
        "The {doc} supports the number but not the conclusion the article draws from it.",
    ),
    "fails": (
        "The {publisher}'s {doc} gives a very different figure, and the {publisher} told us the"
        " number in the article was never published by them.",
        "The claim misreads the {doc}: the figure refers to a different measure, so the"
        " comparison does not hold.",
        "The {doc} contradicts the claim outright; the article appears to have used an outdated"
        " draft.",
    ),
    "unknown": (
        "No public record could be found for this figure, and the {publisher} said the data is"
        " not collected in this form.",
        "Neither the {publisher} nor any other body we asked publishes this number, so it cannot"
        " be checked either way.",
    ),
}

COMMENTS = (
    "Asked the press office for the full dataset; waiting to hear back.",
    "The figure in the article is for the financial year, not the calendar year.",
    "Two sources disagree here; checking which one the reporter used.",
    "Called the council's data team, who confirmed the table is current.",
    "Flagging for the desk: the headline overstates what the report says.",
    "Saved an archived copy of the source before it changed.",
    "The reporter says the number came from a briefing; asking for the slides.",
    "This is the same claim we checked last month in another story.",
)
RETURN_COMMENTS = (
    "Cite the report itself, not the press release about it.",
    "The rationale needs to say which table the figure comes from.",
    "Please check whether the number was revised in the later bulletin.",
    "The rating seems too strong for what the evidence shows.",
    "Add the second source you mention in the rationale as evidence.",
)
SUBMIT_COMMENTS = ("Ready for a second look.", "Sources archived; over to you.", None, None)
APPROVE_COMMENTS = ("Checked the source; agree with the rating.", None, None, None)
CORRECTION_REASONS = (
    "The ministry revised its figures after publication.",
    "A reader pointed out that the source covers a different year.",
    "The council corrected its press release.",
    "A later bulletin replaced the provisional estimate.",
)
REMOVAL_REASONS = (
    "Duplicate of the statistics office page.",
    "Wrong year: this edition predates the claim.",
    "The page now redirects to an unrelated report.",
)
NOT_A_CLAIM_REASONS = (
    "Opinion, not a checkable statement of fact.",
    "Description of the scene, nothing to check.",
    "A question posed by the writer, not a claim.",
    "Prediction about the future; nothing to check yet.",
)
