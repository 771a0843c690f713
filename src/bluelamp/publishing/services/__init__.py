"""The business actions on posts, one module per part of a post's life:

- ``compose``: drafts, images, the disclosure record, routing by verdict, scheduling;
- ``approvals``: the approver's edit, approve and return, and the author's answer to an
  approver's change (four eyes);
- ``versions``: the versions of a post's words and images, and which one may be published;
- ``delivery``: publishing through the connectors, the worker's claim, removal;
- ``crisis``: posts through a major incident (held, checked again when it is declared and when
  it ends, released, rescheduled or withdrawn by CCD afterwards, one by one or in bulk);
- ``connections``: the encrypted OAuth tokens and the one-time notice when one fails.
"""
