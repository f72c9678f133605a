"""Word lists behind the check-worthiness reasons, per language: a reason whose list is missing
for a language simply never fires there; the signals that need no words (figures, %, currency
signs, years, quotations) work in every language."""

# Words that give a reason wherever they appear in the sentence (matched as lower-case tokens).
ENGLISH = {
    "percentage": "percent percentage",
    "date or time": "january february march april june july august september october november"
    " december monday tuesday wednesday thursday friday saturday sunday yesterday since ago decade"
    " decades annually yearly",
    "superlative": "most best worst biggest largest highest lowest greatest fastest slowest"
    " deadliest record unprecedented single smallest strongest weakest oldest youngest richest"
    " poorest longest shortest",
    "comparison or change": "increase increased increases decrease decreased rose risen rise fell"
    " fallen doubled tripled quadrupled halved slashed grew grown dropped declined jumped surged"
    " plunged soared nearly almost lower higher fewer compared cut cuts raised raising rises"
    " rising falls falling climbed climbs climbing grows growing drops declines declining"
    " increasing decreasing jumps soars tumbled shrank shrunk",
    "causal claim": "because caused causes causing blamed resulting",
    "reported action (voted, signed, paid...)": "voted passed signed approved supported opposed"
    " banned built created lost won funded launched ruled convicted charged sued fired hired"
    " invaded attacked bombed sanctioned vetoed endorsed audited announced paid gave sent"
    " destroyed proposed spent introduced closed opened moved cut raised imposed blocked",
    "statistics or policy term": "unemployment employment rate rates tax taxes deficit debt budget"
    " economy gdp inflation wage wages income incomes jobs crime crimes murder murders immigration"
    " offences offenses trade tariff tariffs law laws study report data poll survey average statistics census"
    " funding spending cost costs price prices population emissions insurance poverty"
    " manufacturing growth revenue profits deaths cases plan plans program programs agreement"
    " agreements deal deals treaty benefits pension pensions medicare medicaid healthcare illegal"
    " illegally investigation weapons guns border borders subsidies factories industry oil coal"
    " climate energy",
    "reported call or appeal (lowers)": "urged urges urging appealed appeals pleaded",
    "opinion or hedge (lowers)": "maybe perhaps probably hopefully seems seem should ought must"
    " might frankly honestly believe feel opinion",
    "prediction or promise (lowers)": "will won't won’t gonna",
}

GERMAN = {
    "percentage": "prozent",
    "date or time": "januar jänner februar märz april mai juni juli august september oktober"
    " november dezember montag dienstag mittwoch donnerstag freitag samstag sonntag gestern"
    " seit jährlich jahrzehnt",
    "superlative": "höchste höchsten niedrigste niedrigsten größte größten meisten rekord"
    " schlimmste schlimmsten",
    "comparison or change": "gestiegen gesunken stieg sank verdoppelt halbiert erhöht gesenkt"
    " zugenommen abgenommen beinahe",
    "statistics or policy term": "arbeitslosigkeit arbeitslosenquote inflation steuer steuern"
    " haushalt schulden defizit wirtschaft einkommen löhne preise kosten umfrage studie bericht"
    " daten statistik bevölkerung emissionen renten armut kriminalität wachstum",
    "money amount": "euro dollar franken",
}

SPANISH = {
    "percentage": "porcentaje",
    "date or time": "enero febrero marzo abril mayo junio julio agosto septiembre setiembre"
    " octubre noviembre diciembre lunes martes miércoles jueves viernes sábado domingo ayer desde"
    " década anual",
    "superlative": "mayor máximo máxima mínimo mínima récord peor",
    "comparison or change": "aumentó aumento subió bajó cayó creció duplicó redujo descenso casi",
    "statistics or policy term": "desempleo paro inflación impuesto impuestos presupuesto deuda"
    " déficit economía salario salarios ingresos precios costes costos encuesta estudio informe"
    " datos estadísticas población emisiones pensiones pobreza delitos crecimiento",
    "money amount": "euros dólares pesos",
}

FRENCH = {
    "percentage": "pourcentage",
    "date or time": "janvier février mars avril mai juin juillet août septembre octobre novembre"
    " décembre lundi mardi mercredi jeudi vendredi samedi dimanche hier depuis décennie annuel",
    "superlative": "record pire",
    "comparison or change": "augmenté hausse baisse diminué doublé triplé réduit progressé reculé"
    " presque",
    "statistics or policy term": "chômage inflation impôt impôts taxe budget dette déficit"
    " économie salaire salaires revenus prix coût coûts sondage étude rapport données statistiques"
    " population émissions retraites pauvreté criminalité croissance",
    "money amount": "euros dollars francs",
}

BY_LANGUAGE = {"en": ENGLISH, "de": GERMAN, "es": SPANISH, "fr": FRENCH}

# Multi-word ways to say "per cent" (the % sign works everywhere).
PERCENT_PHRASES = {
    "en": ("per cent",),
    "de": (),
    "es": ("por ciento",),
    "fr": ("pour cent",),
}
