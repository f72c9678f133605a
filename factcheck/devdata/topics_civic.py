"""Article topics about public services: floods, transport, health, schools and courts."""

# Each topic is a dict of word lists and sentence templates; articles.py explains the slots.

FLOOD = {
    "desk": "local",
    "org": ("the county emergency office", "the regional flood agency", "the fire service"),
    "org2": ("the met office", "the river authority", "the county council"),
    "thing": ("flood barrier", "river embankment", "storm drain network", "pumping station"),
    "count_noun": ("homes", "households", "properties", "businesses"),
    "official_role": ("the county's flood officer", "a spokesperson for {org}", "head of {org}"),
    "expert_field": ("hydrologist", "climate scientist", "civil engineer"),
    "headline": (
        "Flooding cuts power to {count} {count_noun} in {place}",
        "{place} {thing} failed hours before the river peaked, report finds",
        "Storm closes {small} schools as rain hits record levels in {region}",
        "Clean-up in {place} to cost {cost}, says {org}",
    ),
    "standfirst": (
        "Residents were evacuated overnight as the river rose faster than forecast",
        "Officials expect the water to fall by the weekend, but more rain is on the way",
        "The {thing} was due for repairs in {year0} that never happened",
    ),
    "body": (
        "Heavy rain cut power to {count} {count_noun} on {weekday}, {org} said.",
        "The river rose {metres} metres in {small} hours, according to readings from {org2}.",
        "{Org2} said {region} received {pct} percent of its average monthly rainfall in two days.",
        "The {thing} in {place} was built in {year_old} and last inspected in {year0}.",
        "Engineers found {small} cracks in the {thing} during an inspection in {month_any}.",
        "About {n} people spent the night in emergency shelters set up in school halls.",
        "The clean-up is expected to cost {cost}, roughly {pct2} percent of the county's annual"
        " maintenance budget.",
        "Insurers have received more than {n} claims since the weekend, an industry body said.",
        "Trains between {place} and {place2} were cancelled for a second day.",
        "The last flood of this size in {place} was in {year_old}, when the water reached the town"
        " hall steps.",
        "{Org} has asked residents not to drive through standing water.",
        "Forecasters expect a further {small} millimetres of rain by {weekday_any}.",
        "The government promised {money} for flood defences in the region in {year0}; about"
        " {pct} percent of it has been spent.",
    ),
    "quote": (
        "We have never seen the water rise that fast",
        "The barrier did what it was designed to do, but it was designed for a smaller river",
        "People need to stay away from the riverbank until we say it is safe",
        "Every pump we own is running tonight",
        "We warned the council about this section of the embankment years ago",
    ),
}

TRANSPORT = {
    "desk": "transport",
    "org": ("the regional transport authority", "the rail operator", "the county council"),
    "org2": ("the transport ministry", "the passengers' association", "the national audit office"),
    "thing": ("tram line", "rail link", "bypass", "bridge", "bus interchange", "cycle route"),
    "count_noun": ("passengers a day", "journeys a week", "vehicles a day", "commuters"),
    "official_role": (
        "chief executive of {org}",
        "the council's transport chief",
        "project director at {org}",
    ),
    "expert_field": ("transport economist", "urban planner", "civil engineer"),
    "headline": (
        "{place} {thing} delayed again as costs climb to {cost}",
        "{Org} admits {thing} will open {delay} months late",
        "Passenger numbers on {place} {thing} fall by {pct} percent",
        "Fares in {region} to rise by {pct} percent from {month}",
    ),
    "standfirst": (
        "Opposition councillors call for an inquiry into the spending",
        "The project is now {pct} percent over its original budget",
        "Commuters face another year of replacement buses",
    ),
    "body": (
        "The {thing} was first promised in {year0}, when planners put its cost at {cost0}.",
        "Work on the {thing} is now expected to finish in {month} {year_next}, {delay} months later"
        " than planned, {org} said on {weekday}.",
        "About {count} {count_noun} were expected to use the {thing} in its first year.",
        "{Org} said higher steel prices had added {money} to the bill.",
        "Figures from {org2} show that only {pct} percent of trains in {region} ran on time last"
        " year.",
        "The {thing} will cut journey times between {place} and {place2} by {small} minutes,"
        " according to the business case.",
        "Fares have risen by {pct2} percent since {year0}, faster than wages.",
        "{Org2} said the project had been poorly managed from the start.",
        "Buses have replaced trains on the line every weekend since {month_any}.",
        "The contract was awarded in {year0} to a consortium led by a {place} engineering firm.",
        "Road traffic in the town centre has grown by {pct} percent in a decade.",
        "The old {thing} carried {n} vehicles a day when it closed.",
    ),
    "quote": (
        "We underestimated the ground conditions under the river, and that is on us",
        "Nobody is pretending this is good news for passengers",
        "The money has gone and the line is still not open",
        "I leave the house an hour earlier than I did two years ago",
        "Every month of delay costs the taxpayer more",
    ),
}

HEALTH = {
    "desk": "health",
    "org": ("the regional health authority", "the health ministry", "{place} General Hospital"),
    "org2": ("the nurses' union", "the patients' association", "the national statistics office"),
    "thing": ("emergency department", "maternity unit", "cancer centre", "ambulance service"),
    "count_noun": ("patients", "people on the waiting list", "nurses", "beds"),
    "official_role": (
        "the hospital's medical director",
        "a spokesperson for {org}",
        "the region's chief nurse",
    ),
    "expert_field": ("epidemiologist", "health economist", "public health researcher"),
    "headline": (
        "Waiting list at {place} hospital passes {count} for the first time",
        "{place} {thing} to close at night from {month}",
        "Ambulance response times in {region} worst since {year0}",
        "Vaccination rate among children falls to {pct} percent",
    ),
    "standfirst": (
        "Doctors say the unit cannot be staffed safely around the clock",
        "The health authority blames a shortage of nurses and rising demand",
        "Patients describe waits of up to {small} hours in corridors",
    ),
    "body": (
        "There were {count} {count_noun} at the end of {month}, up from {n} a year earlier, {org}"
        " said.",
        "The average wait for an ambulance in {region} was {small} minutes last month.",
        "The {thing} treats about {n} people a week.",
        "{Org2} said {pct} percent of nursing posts at the hospital were vacant.",
        "The hospital spent {money} on agency staff last year, according to its annual report.",
        "Only {pct} percent of patients were seen within four hours, against a target of 95"
        " percent.",
        "The nearest alternative {thing} is in {place2}, about {small} kilometres away.",
        "Vaccination rates for measles have fallen every year since {year0}.",
        "{Org} said a new {thing} would open in {year_next} at a cost of {cost}.",
        "Staff at the hospital voted by {pct} percent to {pct_rest} percent in favour of strike"
        " action.",
        "The number of beds in the region has fallen by {pct2} percent in ten years.",
        "A review published in {month_any} found that {small} deaths might have been avoided.",
    ),
    "quote": (
        "We cannot keep asking nurses to work double shifts",
        "No parent should have to drive an hour to reach a maternity unit",
        "The numbers are moving in the right direction, even if slowly",
        "I waited eleven hours on a trolley with a broken hip",
        "This decision was made to keep patients safe",
    ),
}

EDUCATION = {
    "desk": "education",
    "org": ("the education department", "the schools inspectorate", "the county council"),
    "org2": ("the teachers' union", "the parents' forum", "the exam board"),
    "thing": ("secondary school", "primary school", "college campus", "school bus service"),
    "count_noun": ("pupils", "teachers", "students", "school places"),
    "official_role": ("the council's head of education", "a spokesperson for {org}"),
    "expert_field": ("education researcher", "economist", "child psychologist"),
    "headline": (
        "{small} schools in {region} short of maths teachers",
        "Exam pass rate in {place} rises to {pct} percent",
        "{place} {thing} to close after inspectors find serious failings",
        "Class sizes in {region} largest since {year0}, figures show",
    ),
    "standfirst": (
        "Head teachers say they cannot fill posts at the salaries on offer",
        "Parents have until {month} to find places elsewhere",
        "The council says falling birth rates leave it with empty classrooms",
    ),
    "body": (
        "There are {count} {count_noun} in the county this year, {org} said.",
        "The average class in {region} now has {class_size} pupils.",
        "{Org2} said {pct} percent of its members were thinking of leaving the profession.",
        "The {thing} in {place} has {n} pupils on its roll but room for more than twice as many.",
        "Pass rates rose by {small} points compared with last year.",
        "Spending per pupil has fallen by {pct2} percent in real terms since {year0}.",
        "Inspectors rated {small} schools in the county as inadequate in {year0}.",
        "The council plans to spend {cost} on new classrooms over five years.",
        "About {pct} percent of pupils in {place} qualify for free school meals.",
        "The school bus route from {place2} was cut in {month_any} to save {money} a year.",
        "Teacher vacancies in the region doubled between {year0} and {year_past}.",
    ),
    "quote": (
        "We advertised the post three times and had no suitable applicants",
        "Children only get one chance at their education",
        "Our teachers have worked miracles with the resources they have",
        "We were told about the closure in a letter on a Friday afternoon",
        "The results show what these young people can do",
    ),
}

COURTS = {
    "desk": "crime",
    "org": ("police", "the regional police force", "the prosecution service"),
    "org2": ("the courts service", "the victims' commissioner", "the justice ministry"),
    "thing": ("court", "police station", "prison", "custody suite"),
    "count_noun": ("cases", "burglaries", "arrests", "offences"),
    "official_role": ("a detective inspector with {org}", "the region's police commissioner"),
    "expert_field": ("criminologist", "law lecturer", "former prosecutor"),
    "headline": (
        "Recorded burglaries in {place} fall by {pct} percent",
        "Court backlog in {region} reaches {count} cases",
        "{place} {thing} to close as part of cost savings",
        "Man, {age}, charged after warehouse fire in {place}",
    ),
    "standfirst": (
        "Victims wait more than two years for trials to begin",
        "Police say extra patrols in the town centre are working",
        "The force must save {cost} by {year_next}",
    ),
    "body": (
        "{Org} recorded {count} {count_noun} in the twelve months to {month}, down from {n} a year"
        " earlier.",
        "The average case in {region} took {small} weeks to reach court last year.",
        "A {age}-year-old man from {place} was charged on {weekday} and will appear before"
        " magistrates next week.",
        "{Org} said {small} officers had been moved to neighbourhood patrols since {month_any}.",
        "The {thing} in {place} was built in {year_old} and needs repairs costing {money}.",
        "Only {pct} percent of reported thefts led to a charge, according to {org2}.",
        "The number of officers in the force has fallen by {pct2} percent since {year0}.",
        "{Org2} said victims were waiting too long for their cases to be heard.",
        "Knife crime in the county rose by {pct} percent, the largest rise in the region.",
        "The trial is expected to last {small} days.",
        "Police have asked anyone who saw the incident on {weekday_any} evening to come forward.",
    ),
    "quote": (
        "We will not tolerate this kind of behaviour on our streets",
        "Justice delayed for this long is justice denied",
        "The figures show that the extra patrols are making a difference",
        "I still have not been told when the trial will start",
        "Closing the station will leave the town without a police presence at night",
    ),
}

TOPICS = (FLOOD, TRANSPORT, HEALTH, EDUCATION, COURTS)
