"""The audit action a disclosure export records: who took it, with which filters, how many of
each record and in which format; never the posts' contents."""

from bluelamp.audit.registry import register_action

register_action("disclosure.exported", "Posts exported for disclosure or FOI")
