"""The pure-Python engine: rules, deadlines, workflows, policy packs.

It never imports Django and never reads the clock, the environment or a database: callers pass
``now``, the policy pack and the data.
"""
