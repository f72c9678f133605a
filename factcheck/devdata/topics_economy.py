"""Article topics about money and power: budgets, housing, jobs, energy and elections."""

# Each topic is a dict of word lists and sentence templates; articles.py explains the slots.

BUDGET = {
    "desk": "politics",
    "org": ("the county council", "the city council", "the regional government"),
    "org2": ("the national audit office", "the taxpayers' alliance", "the finance ministry"),
    "thing": ("budget", "spending plan", "council tax", "reserve fund"),
    "count_noun": ("council jobs", "households", "libraries", "care places"),
    "official_role": ("the council's finance chief", "the leader of {org}", "the mayor"),
    "expert_field": ("public finance economist", "accountant", "political scientist"),
    "headline": (
        "{place} council tax to rise by {pct} percent",
        "{Org} faces {cost} gap in next year's budget",
        "{small} libraries in {region} to close under spending plan",
        "Auditors question {place} council's {cost} property deal",
    ),
    "standfirst": (
        "The council says rising care costs leave it with no choice",
        "Opposition members say the cuts fall hardest on the poorest areas",
        "A final vote is due on {weekday}",
    ),
    "body": (
        "The {thing} approved on {weekday} includes savings of {cost} over three years.",
        "Council tax will rise by {pct} percent from April, adding about {money_small} a year to"
        " a typical bill.",
        "{Org} said spending on adult social care had risen by {pct2} percent since {year0}.",
        "The council employs {count} people, about {n} fewer than in {year0}.",
        "{Org2} said the council had paid {money} more for the building than it was worth.",
        "Reserves have fallen to {money}, enough to run services for about {small} days.",
        "The plan would close {small} of the county's {libraries} libraries.",
        "Grants from central government have fallen by {pct} percent in real terms since {year0}.",
        "The council expects to borrow {cost} next year to pay for new roads and schools.",
        "About {pct} percent of the budget goes on care for older and disabled people.",
        "A public consultation drew {n} responses, most of them opposed to the cuts.",
        "The finance committee voted by {small} votes to {smaller} to accept the plan.",
    ),
    "quote": (
        "These are the hardest decisions this council has had to make",
        "The people of this town are being asked to pay more for less",
        "We have balanced the books without closing a single care home",
        "Nobody can explain where the money went",
        "I have used that library every week for thirty years",
    ),
}

HOUSING = {
    "desk": "housing",
    "org": ("the housing department", "the planning committee", "the county council"),
    "org2": ("the tenants' union", "the builders' federation", "the land registry"),
    "thing": (
        "housing estate",
        "tower block",
        "affordable housing scheme",
        "riverside development",
    ),
    "count_noun": ("homes", "flats", "families on the waiting list", "empty properties"),
    "official_role": ("the council's housing chief", "a spokesperson for {org}"),
    "expert_field": ("housing economist", "urban planner", "property analyst"),
    "headline": (
        "Average rent in {place} rises {pct} percent in a year",
        "Plans for {count} homes on {place} farmland approved",
        "Housing waiting list in {region} passes {count}",
        "Residents of {place} {thing} told to leave over fire safety fears",
    ),
    "standfirst": (
        "Developers say the scheme will bring jobs; neighbours fear for their roads",
        "Young families say they are being priced out of the towns where they grew up",
        "The council says it has found temporary homes for everyone affected",
    ),
    "body": (
        "The average monthly rent in {place} reached {money_small} in {month}, {org2} said.",
        "There are {count} {count_noun} in the county, up from {n} in {year0}.",
        "The {thing} will include {n} homes, of which {pct} percent will be affordable.",
        "House prices in {region} have risen by {pct2} percent since {year0}.",
        "{Org} approved the plan by {small} votes to {smaller} on {weekday}.",
        "About {n} homes in the county have stood empty for more than two years.",
        "The developer has agreed to pay {money} towards a new school and a health centre.",
        "Only {small} council homes were built in {place} last year.",
        "Building work is due to start in {month} {year_next}.",
        "The {thing} was built in {year_old} and has {small} floors.",
        "{Org2} said a quarter of private renters spent more than half their income on rent.",
    ),
    "quote": (
        "My children will never be able to afford to live here",
        "This scheme will bring hundreds of new homes to people who need them",
        "We were given two days to pack up our lives",
        "The roads around the village cannot take another thousand cars",
        "Every empty home is a family waiting",
    ),
}

JOBS = {
    "desk": "business",
    "org": ("the company", "the regional development agency", "the chamber of commerce"),
    "org2": ("the national statistics office", "the workers' union", "the economy ministry"),
    "thing": ("factory", "distribution centre", "steelworks", "call centre", "shipyard"),
    "count_noun": ("jobs", "workers", "apprenticeships", "contracts"),
    "official_role": ("managing director of {org}", "a spokesperson for {org}"),
    "expert_field": ("labour economist", "business analyst", "economic historian"),
    "headline": (
        "{place} {thing} to close with loss of {count} jobs",
        "Unemployment in {region} falls to {pct_small} percent",
        "New {thing} in {place} promises {count} jobs by {year_next}",
        "Port of {place} handles record {tonnes} million tonnes of cargo",
    ),
    "standfirst": (
        "The owners blame energy prices and falling orders",
        "Union leaders say workers learned of the plan from the news",
        "The agency says the region's economy is growing faster than the national average",
    ),
    "body": (
        "The {thing} employs {count} people and has operated in {place} since {year_old}.",
        "Unemployment in {region} was {pct_small} percent in {month}, {org2} said.",
        "{Org} said orders had fallen by {pct} percent in two years.",
        "The port handled {tonnes} million tonnes of cargo last year.",
        "About {n} people in the town rely on the {thing} for work, directly or through suppliers.",
        "Average weekly wages in {place} are {money_small}, below the national average.",
        "{Org2} said it would ballot members on strike action.",
        "The company received {money} in public grants when it opened the {thing}.",
        "Exports from the region rose by {pct2} percent last year.",
        "The regional development agency has promised {cost} to help workers retrain.",
        "Energy costs at the site tripled between {year0} and {year_past}, the company said.",
    ),
    "quote": (
        "This is a sad day for everyone who has worked here",
        "We found out from a news website, not from the management",
        "The region is open for business, and the figures prove it",
        "My father worked here and so did his father",
        "We are doing everything we can to find a buyer",
    ),
}

ENERGY = {
    "desk": "environment",
    "org": ("the energy regulator", "the water company", "the environment agency"),
    "org2": ("the climate commission", "the consumers' council", "the wildlife trust"),
    "thing": ("wind farm", "solar park", "hydroelectric dam", "gas power station"),
    "count_noun": ("homes", "households"),
    "official_role": ("a spokesperson for {org}", "chief executive of {org}"),
    "expert_field": ("climate scientist", "energy analyst", "ecologist"),
    "headline": (
        "{place} {thing} approved despite objections",
        "Energy bills in {region} to rise by {pct} percent",
        "Sewage spilled into {place} river {count} times last year",
        "Air pollution in {place} above legal limit on {small} days",
    ),
    "standfirst": (
        "Campaigners say the plan will damage one of the region's last wild valleys",
        "The company says it is investing record sums in its pipes",
        "Ministers say the price cap protects the poorest households",
    ),
    "body": (
        "The {thing} will supply enough power for about {count} {count_noun}, {org} said.",
        "The water company reported {n} sewage spills in {region} last year.",
        "{Org2} said bills had risen by {pct} percent since {year0}.",
        "The {thing} will cost {cost} to build and is expected to run for {years} years.",
        "Nitrogen dioxide levels on the main road in {place} exceeded the legal limit on {small}"
        " days last year.",
        "About {pct2} percent of the region's electricity came from wind and solar in {year_past}.",
        "The company paid its shareholders {money} last year.",
        "{Org} fined the company {money} in {year0} for polluting the river.",
        "The average household in {region} used {n} kilowatt hours of electricity last year.",
        "Objectors say the {thing} will be visible from {place2}, {small} kilometres away.",
        "The plant has been offline for {small} weeks for repairs.",
    ),
    "quote": (
        "Nobody should have to choose between heating and eating",
        "This valley has been farmed the same way for four hundred years",
        "We are investing more in our network than at any time in our history",
        "You can smell the river from my kitchen window in summer",
        "Clean power built here means lower bills here",
    ),
}

ELECTIONS = {
    "desk": "politics",
    "org": ("the electoral commission", "the regional assembly", "the county returning officer"),
    "org2": ("the election observers' group", "the interior ministry", "the opposition party"),
    "thing": ("mayoral election", "regional election", "by-election", "referendum"),
    "count_noun": ("voters", "postal votes", "candidates", "polling stations"),
    "official_role": ("the county's returning officer", "a spokesperson for {org}"),
    "expert_field": ("political scientist", "pollster", "historian"),
    "headline": (
        "Turnout in {place} {thing} falls to {pct} percent",
        "Poll puts challenger {pct_small} points ahead in {region} race",
        "{count} postal votes in {place} rejected over signature errors",
        "{place} votes on plan to merge with {place2}",
    ),
    "standfirst": (
        "Both campaigns claim momentum in the final week",
        "Officials say the count should finish by early morning",
        "The result will decide who controls the county's budget for four years",
    ),
    "body": (
        "Turnout in the {thing} was {pct} percent, the lowest since {year_old}, {org} said.",
        "There are {count} registered {count_noun} in {region}.",
        "A poll of {n} voters by {pollster} put the challenger {pct_small} points ahead.",
        "{Org} rejected {n} postal votes because signatures did not match.",
        "The winning candidate received {n} votes, a majority of {small_n}.",
        "Campaign spending is capped at {money} per candidate.",
        "{Org2} said it had received {small} complaints about polling stations opening late.",
        "The {thing} will cost the county about {cost} to run.",
        "Turnout among voters under 25 was about {pct_small} percent, according to {pollster}.",
        "The last {thing} in {place} was held in {year0}.",
        "Counting began at {small} o'clock and finished shortly before dawn.",
    ),
    "quote": (
        "Every vote has been counted twice, and the result stands",
        "People feel nobody in the town hall listens to them",
        "We ran a clean campaign and the voters have spoken",
        "Turnout this low should worry every party",
        "I have voted at this school since I was eighteen",
    ),
}

TOPICS = (BUDGET, HOUSING, JOBS, ENERGY, ELECTIONS)
