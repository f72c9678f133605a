"""Sentences that fit any topic, ways of quoting someone, and page furniture that is not a claim."""

# Sentences for any article; the slots are explained in articles.py.
SENTENCES = (
    "{official.name}, {official.role}, said the figures would be revised next month.",
    "{resident.name}, {resident.role}, said the mood in {place} was {mood}.",
    "{expert.name}, {expert.role} at {university}, said the numbers should be read with care.",
    "{Org} did not respond to a request for comment by {weekday} evening.",
    "The figures have not been independently verified.",
    "{opposition.name}, {opposition.role}, called for an independent review.",
    "A survey of {n} residents by {pollster} found that {pct2} percent were unhappy with the way"
    " {org} had handled the matter.",
    "It is the {ordinal} time in {small} years that {place} has faced such problems.",
    "Is this the end of the matter? Few people in {place} think so.",
    "Residents gathered outside the town hall as the light faded.",
    "{official.surname} declined to say when a decision would be made.",
    "{place} has a population of about {population}.",
    "{place} lies about {small} kilometres from {place2}.",
    "According to {org2}, the problem is not new.",
    "Critics say the plan came too late.",
    "In {year_past}, {org} made a similar promise.",
    "{Org2} is expected to publish its own figures in {month_any}.",
    "{Outlet} asked {org} for the underlying data on {weekday}.",
    "The report runs to {pages} pages and took {small} months to write.",
    "A public meeting is planned for {weekday_any} at the town hall.",
    "{opposition.surname} said the council had known about the problem since {year0}.",
    "The debate has split opinion in {place}.",
    "{Org} said it had set aside {money} to deal with the consequences.",
    "Similar problems were reported in {place2} last year.",
    "{expert.surname} said the trend had been visible in the data for at least {small} years.",
    "What happens next is unclear.",
    "{Org} first published the figures in its annual report in {month_any}.",
    "The story was first reported by {outlet} on {weekday}.",
    "Neither side expects a quick resolution.",
    "The national average is {pct2} percent, according to {org2}.",
)

# Things anyone might say; topics add their own.
QUOTES = (
    "It feels as if nobody is in charge",
    "We just want straight answers",
    "I have lived here all my life and never seen anything like it",
    "The numbers do not add up",
    "We will keep pushing until something changes",
    "Let us be clear about what happened and who decided it",
    "There is no quick fix, and anyone who says otherwise is not being honest",
    "We are listening, and we will act",
    "Nobody asked the people who live here",
    "This has been coming for years",
    "We were promised answers and we are still waiting",
    "The decision was taken on the best advice available at the time",
    "I would like to see the evidence behind that figure",
    "We owe it to the next generation to get this right",
    "Nobody wants this, but the alternative is worse",
    "We have asked for a meeting and have not had a reply",
    "There are lessons here for every council in the country",
    "It is too early to say what went wrong",
    "The people who made this decision will not have to live with it",
    "We are confident the figures are correct",
)

# Ways of quoting a person the article has not named yet, then one it has.
FIRST_QUOTE = (
    '"{q}," {person.name}, {person.role}, said.',
    '"{q}," said {person.name}, {person.role}.',
    '{person.name}, {person.role}, said: "{q}."',
    '"{q}. {q2}," {person.name}, {person.role}, told reporters on {weekday}.',
)
LATER_QUOTE = (
    '"{q}," {person.surname} said.',
    '"{q}," {person.surname} told {outlet}.',
    '"{q}," {person.surname} added.',
    '"{q}. {q2}," {person.surname} said.',
    '"{q}. {q2}. {q3}," {person.surname} said on {weekday}.',
)

CAPTIONS = (
    "Water covers the road into {place} on {weekday} morning",
    "Workers outside the {thing} in {place}",
    "{official.name} speaks at a news conference on {weekday}",
    "Residents queue outside the town hall in {place}",
    "The {thing} seen from the air in {month}",
    "Campaigners hold placards outside the county offices",
)

# Page furniture as it is written, with {headline} another story's headline. The splitter sets
# every one of these aside as not a claim.
BYLINES = ("By {reporter}", "By {reporter} and {reporter2}", "By {reporter}, {desk_title}")
TIMESTAMPS = (
    "Published: {day} {month} {year}, {hour:02d}:{minute:02d} GMT",
    "Updated {small_hours} hours ago",
    "First published on {day} {month} {year}",
)
PHOTO_LINES = (
    "Photo: {caption} | {agency}",
    "{caption} | Photo: {agency}",
    "{caption} (Photo: {agency})",
    "{caption} (File photo)",
)
PROMO_LINES = (
    "ALSO READ | {headline}",
    "READ MORE: {headline}",
    "Related: {headline}",
    "Also read: {headline}",
)
CLOSING_LINES = (
    "Subscribe to our morning newsletter for the latest from {place}.",
    "Follow us on {platform} for live updates.",
    "(Reporting by {reporter}; editing by {reporter2})",
    "Share this article",
    "© {year} {publisher}. All rights reserved.",
)
