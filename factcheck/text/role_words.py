"""Words for a person's post ("mayor", "spokesperson", "Gov."), shared by the attribution finder
and the naming of speakers."""

from typing import Final

# Words for one person's post, which come before a name or stand for it.
ROLES: Final = frozenset(
    """
    mayor minister president chief spokesperson spokesman spokeswoman director governor senator
    secretary chancellor premier councillor councilor judge ceo chairman chairwoman chair
    commissioner ambassador professor doctor coach captain manager officer sheriff detective
    inspector superintendent sergeant lieutenant colonel general admiral commander gov sen rep
    cmdr capt lt col gen sgt adm supt insp king queen prince princess pope envoy attorney
    representative lawmaker deputy former acting vice assistant interim founder owner
    administrator analyst economist scientist researcher editor reporter author writer lawyer
    prosecutor official candidate leader head adviser advisor strategist executive coordinator
    supervisor trooper employee engineer
    """.split()
)
# Words that say which post, written before it in lower case: "fire chief", "health minister".
QUALIFIERS: Final = frozenset(
    "fire police health finance foreign defense defence interior education justice".split()
)
# Words for what a person does for a living that are no post ("historian", "columnist"): a
# speaker's title as a post is ("said historian Jane Doe" names Jane Doe, a historian). Not
# those that are often surnames or names ("Bishop", "Priest", "Pastor", "Imam"), nor those that
# also say what a company or a body is ("broadcaster NHK", "pollster Ipsos", "forecaster
# AccuWeather", "investor SoftBank", "consultant Capital Economics", "Boots the Chemist", the
# magazines Entrepreneur and The Critic, "Poet Laureate").
PROFESSIONS: Final = frozenset(
    """
    columnist commentator correspondent journalist presenter historian novelist philosopher
    sociologist psychologist psychiatrist physician surgeon epidemiologist virologist
    immunologist statistician demographer lecturer campaigner lobbyist rabbi
    archbishop barrister solicitor climatologist meteorologist geologist biologist
    physicist astronomer blogger pundit filmmaker
    """.split()
)
