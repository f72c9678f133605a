"""English function words the matcher leaves out of queries and overlap features."""

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either
    else ever few for from further get gets got had has have having he her here hers herself him
    himself his how i if in into is it its itself just let like me more most much must my myself
    no nor not now of off on once only or other others our ours ourselves out over own per quite
    rather really same say says said shall she should since so some such than that the their
    theirs them themselves then there these they this those though through thus to too under
    until up upon us very was we were what when where whether which while who whom whose why
    will with within without would yet you your yours yourself yourselves
    s t d ll m re ve don doesn didn isn aren wasn weren wouldn shouldn couldn
    amp rt via
    """.split()
)
