"""Forty-eight sentence-splitting cases, one per rule of the English "golden rules" that pySBD
published (the rule names are theirs; every example text here is written for this project)."""

CASES = [
    (
        "simple period",
        "The river rose overnight. Crews worked until dawn.",
        ["The river rose overnight.", "Crews worked until dawn."],
    ),
    (
        "question mark",
        "Who paid for the bridge? The council did.",
        ["Who paid for the bridge?", "The council did."],
    ),
    (
        "exclamation point",
        "The vote passed! Nobody expected it.",
        ["The vote passed!", "Nobody expected it."],
    ),
    (
        "one-letter upper-case abbreviation",
        "The report was written by Anna K. Berg.",
        ["The report was written by Anna K. Berg."],
    ),
    (
        "one-letter lower-case abbreviation",
        "The figures are on p. 12 of the report.",
        ["The figures are on p. 12 of the report."],
    ),
    (
        "two-letter lower-case abbreviation mid-sentence",
        "Did Marek and co. sign the letter?",
        ["Did Marek and co. sign the letter?"],
    ),
    (
        "two-letter upper-case abbreviation mid-sentence",
        "The firm bought Hale, Lind & Co. last spring.",
        ["The firm bought Hale, Lind & Co. last spring."],
    ),
    (
        "two-letter lower-case abbreviation ending a sentence",
        "Ask Marek and co. They were in the room.",
        ["Ask Marek and co.", "They were in the room."],
    ),
    (
        "two-letter upper-case abbreviation ending a sentence",
        "The deal went to Hale, Lind & Co. It was signed on Friday.",
        ["The deal went to Hale, Lind & Co.", "It was signed on Friday."],
    ),
    (
        "prepositive two-letter abbreviation",
        "Climbers reached Mt. Kenya by noon.",
        ["Climbers reached Mt. Kenya by noon."],
    ),
    (
        "prepositive and postpositive two-letter abbreviations",
        "St. Anne's School is on Mill St. by the river.",
        ["St. Anne's School is on Mill St. by the river."],
    ),
    (
        "possessive two-letter abbreviation",
        "That was Dr. Okafor's Jr.'s first case.",
        ["That was Dr. Okafor's Jr.'s first case."],
    ),
    (
        "multi-period abbreviation mid-sentence",
        "She studied in the U.K. before the war.",
        ["She studied in the U.K. before the war."],
    ),
    (
        "multi-period abbreviation ending a sentence",
        "The plant is in the E.U. Where is yours?",
        ["The plant is in the E.U.", "Where is yours?"],
    ),
    (
        "U.S. ending a sentence",
        "The firm moved to the U.S. Why did it leave?",
        ["The firm moved to the U.S.", "Why did it leave?"],
    ),
    (
        "U.S. before a capitalised word",
        "He joined the U.S. Navy at nineteen.",
        ["He joined the U.S. Navy at nineteen."],
    ),
    (
        "U.S. before a lower-case word",
        "She has worked in the U.S. for ten years.",
        ["She has worked in the U.S. for ten years."],
    ),
    (
        "a.m. and p.m.",
        "At 7 a.m. Ms. Lind opened the office. She locked it at 9 P.M. Mr. Hale came later.",
        [
            "At 7 a.m. Ms. Lind opened the office.",
            "She locked it at 9 P.M.",
            "Mr. Hale came later.",
        ],
    ),
    (
        "number inside a sentence",
        "The ticket costs $12.50 at the door.",
        ["The ticket costs $12.50 at the door."],
    ),
    (
        "number ending a sentence",
        "The ticket costs $12.50. It was $9 last year.",
        ["The ticket costs $12.50.", "It was $9 last year."],
    ),
    (
        "parenthetical sentence inside a sentence",
        "The mayor (She was first elected in 2015.) spoke last.",
        ["The mayor (She was first elected in 2015.) spoke last."],
    ),
    (
        "email address",
        "Write to press.office@example.org. They answer quickly.",
        ["Write to press.office@example.org.", "They answer quickly."],
    ),
    (
        "web address",
        "The data is at https://data.example.org/v2/floods.csv. Download it.",
        ["The data is at https://data.example.org/v2/floods.csv.", "Download it."],
    ),
    (
        "single quotation inside a sentence",
        "He looked up, 'That is the one.' he said.",
        ["He looked up, 'That is the one.' he said."],
    ),
    (
        "double quotation inside a sentence",
        'He looked up, "That is the one." he said.',
        ['He looked up, "That is the one." he said.'],
    ),
    (
        "double quotation ending a sentence",
        'He looked up, "That is the one." He pointed at the map.',
        ['He looked up, "That is the one."', "He pointed at the map."],
    ),
    ("double exclamation", "Finally!! The road is open.", ["Finally!!", "The road is open."]),
    ("double question", "Again?? The road is shut.", ["Again??", "The road is shut."]),
    ("exclamation then question", "Really!? Did they win?", ["Really!?", "Did they win?"]),
    ("question then exclamation", "Really?! They won.", ["Really?!", "They won."]),
    (
        "list: period and bracket, no closing period",
        "1.) Check the tyres 2.) Fill the tank",
        ["1.) Check the tyres", "2.) Fill the tank"],
    ),
    (
        "list: period and bracket, closing period",
        "1.) Check the tyres. 2.) Fill the tank.",
        ["1.) Check the tyres.", "2.) Fill the tank."],
    ),
    (
        "list: bracket, no closing period",
        "1) Check the tyres 2) Fill the tank",
        ["1) Check the tyres", "2) Fill the tank"],
    ),
    (
        "list: bracket, closing period",
        "1) Check the tyres. 2) Fill the tank.",
        ["1) Check the tyres.", "2) Fill the tank."],
    ),
    (
        "list: period, no closing period",
        "1. Check the tyres 2. Fill the tank",
        ["1. Check the tyres", "2. Fill the tank"],
    ),
    (
        "list: period, closing period",
        "1. Check the tyres. 2. Fill the tank.",
        ["1. Check the tyres.", "2. Fill the tank."],
    ),
    (
        "list with bullets",
        "• 4. Check the tyres • 5. Fill the tank",
        ["• 4. Check the tyres", "• 5. Fill the tank"],
    ),
    (
        "list with hyphen bullets",
        "⁃4. Check the tyres ⁃5. Fill the tank",
        ["⁃4. Check the tyres", "⁃5. Fill the tank"],
    ),
    (
        "lettered list",
        "a. Check the tyres b. Fill the tank c. Clean the mirrors",
        ["a. Check the tyres", "b. Fill the tank", "c. Clean the mirrors"],
    ),
    (
        "errant newline mid-sentence (from a PDF)",
        "The survey was taken\nin every district last year.",
        ["The survey was taken\nin every district last year."],
    ),
    (
        "errant newline after a space",
        "The council met on a wet \nevening in March.",
        ["The council met on a wet \nevening in March."],
    ),
    (
        "lower-case lines",
        "timetable\nbus routes\nfares, passes\n",
        ["timetable", "bus routes", "fares, passes"],
    ),
    (
        "geographic coordinate",
        "The wreck lies at N°. 1026.253.553. Divers found it in May.",
        ["The wreck lies at N°. 1026.253.553.", "Divers found it in May."],
    ),
    (
        "name with an exclamation point",
        "She manages Yahoo! in the Dublin office.",
        ["She manages Yahoo! in the Dublin office."],
    ),
    (
        "I ending a sentence and I as an initial",
        "It was only Mara and I. Have you met Oskar I. Hale?",
        ["It was only Mara and I.", "Have you met Oskar I. Hale?"],
    ),
    (
        "spaced ellipsis at the end of a quotation",
        "The judge wrote that “the duty of care was plain to see. . . .”",
        ["The judge wrote that “the duty of care was plain to see. . . .”"],
    ),
    (
        "ellipsis in square brackets",
        '"The minister [...] signed the order [...]" (Ruling 4).',
        ['"The minister [...] signed the order [...]" (Ruling 4).'],
    ),
    (
        "spaced ellipsis ending a sentence",
        "The letter breaks off after the word harbour . . . . The next page is lost.",
        ["The letter breaks off after the word harbour . . . .", "The next page is lost."],
    ),
]
