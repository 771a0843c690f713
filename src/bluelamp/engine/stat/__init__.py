"""The statistical stage: a small linear model per judgement rule, trained in the repository from
the labelled corpora, consulted only for posts the fast stage marks as candidates.

Scoring is pure Python (a dictionary of weights, read once from package data); numpy is used
only to train (``training``). Every finding it adds names the rule's clause and the words that
weighed most."""
