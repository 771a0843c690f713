"""Publishing: drafts, checks, approvals and the platform connectors (CC/01 section 4).

Only the connectors exist so far (``bluelamp.publishing.connectors``); the Django app that
stores posts, approvals and publications comes later.
"""
