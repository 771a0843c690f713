"""Every write to removal and correction requests (CC/01 4.26–4.31), one module per part of a
request's life (as Zulip's ``actions/``):

- ``intake``: recording a request, the posts it concerns, the regime, the requester's identity;
- ``decisions``: the decision on each post, the extension, the answer and the closure;
- ``actioning``: the social media team's tasks and the evidence each was done;
- ``letters``: drafting and sending the letters to the requester;
- ``digest``: the daily e-mail of what is due; ``retention``: deleting the requester's details.

Each service is keyword-only, named ``<entity>_<verb>``, and takes the acting user (``actor``)
and the time (``now``, aware; the real clock only when not given). In one transaction it checks
that the actor may act (``permissions``: information security only; 404 for those who may not
see requests, 403 for auditors), that the request's state allows the action (the engine's
table, ``engine.workflows.data_requests``), validates the input, saves with ``update_fields``
and writes the audit event (``core.transitions.transition`` where the state moves). A refusal
raises an ``ApplicationError`` subclass and changes nothing:

- ``NotFoundError`` (404), ``PermissionDeniedError`` (403): who may act;
- ``InvalidInputError`` (400): bad input; ``errors`` maps field names to messages;
- ``InvalidTransitionError`` (409): the request's state does not allow the action;
- ``ExtensionRefusedError`` (409): the deadline cannot be extended;
- ``LetterRefusedError`` (409): the letter cannot be sent now.

Two steps rest on a letter sent to the requester: the extension (the extension notice; its sent
date is the notice date) and the response (the outcome or refusal letter; its sent time is the
response time). Each takes a letter already sent from the case, or the text of one to send in
the same transaction.

The audit events name a request by its number and record what changed; the requester's name
and contact details never go into the audit trail or the logs.
"""
