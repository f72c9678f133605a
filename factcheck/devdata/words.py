"""Word lists for generated articles: fictional people, places, outlets, organisations and roles."""

FIRST_NAMES = (
    "Amara Jonas Priya Tomasz Lena Grace Hugo Mei Dana Oskar Ines Daniel Helen Tomas Mara Yusuf"
    " Aoife Kwame Sofia Mateo Nadia Rhys Ingrid Farid Chloe Emeka Hana Luca Marta Sipho Elif"
    " Rowan Zainab Pavel Ruth Arjun Beatriz Callum Fatima Niamh Kenji Olga Samir Tess Wiktor"
    " Abena Joaquin Leila Ewan Paulina Idris Maeve Tariq Yara Bram Carmen Desmond Freya Goran"
).split()

SURNAMES = (
    "Okafor Lindqvist Hale Baptiste Reyes Whitfield Eber Novak Castellano Mensah Fitzgerald"
    " Haddad Nakamura Petrov Adeyemi Moreau Kowalczyk Brennan Sato Achterberg Osei Delacroix"
    " Ferreira Gallagher Ivanova Jansen Kaur Lombardi Mahlangu Nyberg O'Donnell Pereira Quist"
    " Rahman Szabo Torres Uddin Varga Wojcik Yilmaz Zeller Abernethy Bianchi Carvalho Duarte"
    " Ekström Fontaine Gunawardena Holloway Iqbal Jovanovic Keane Lungu Marchetti Ndlovu"
).split()

PLACE_STARTS = (
    "North South East West Ash Elm Oak Kings Mill Stone Red Black White Green High Low Fair"
    " Bright Haw Wood Cold Salt Long Broad"
).split()
PLACE_ENDS = "gate brook ford field haven moor bury ton wick dale mouth port ley stead holm".split()

REGIONS = (
    "the Northern Region",
    "Westmark County",
    "the Lakes District",
    "the Eastern Valleys",
    "Harrowby County",
    "the Southern Coast region",
    "the Midland Plain",
    "Kestrel County",
)

# Outlets and their (example) web addresses.
OUTLETS = (
    ("The Valley Post", "valleypost.example"),
    ("Northgate Herald", "northgateherald.example"),
    ("Coastline Daily", "coastlinedaily.example"),
    ("The Midland Courier", "midlandcourier.example"),
    ("Riverside Gazette", "riversidegazette.example"),
    ("Harbour Times", "harbourtimes.example"),
    ("The Evening Ledger", "eveningledger.example"),
    ("Upland Observer", "uplandobserver.example"),
)

AGENCIES = ("Reuters", "AFP", "AP", "Getty Images", "PTI", "Xinhua", "EPA")
PLATFORMS = ("WhatsApp", "Telegram", "Google News")

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()
CURRENCIES = ("euros", "dollars", "pounds", "francs", "kronor")

UNIVERSITIES = (
    "the University of {place}",
    "{place} Polytechnic",
    "the Institute for Regional Studies",
    "the Centre for Public Finance",
    "the Open Data Foundation",
    "the Policy Research Unit at {place} College",
)

POLLSTERS = ("Civic Pulse", "the Meridian Research Group", "Opinium Regional", "Northstar Polling")

MOODS = ("tense", "weary", "angry", "hopeful", "resigned", "calm", "anxious", "defiant")

RESIDENT_ROLES = (
    "who runs a bakery near the station",
    "a retired teacher",
    "a nurse who commutes from {place}",
    "a father of three",
    "who has driven a taxi in the town for {years} years",
    "a student at {place} College",
    "who owns a hardware shop on the high street",
    "a volunteer with the local food bank",
)

OPPOSITION_ROLES = (
    "the opposition leader on the council",
    "a councillor for the {place} ward",
    "the Greens' spokesperson on the council",
    "a member of the regional assembly",
)
