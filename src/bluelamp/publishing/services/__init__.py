"""The business actions on posts, one module per part of a post's life:

- ``compose``: drafts, images, the disclosure record, routing by verdict, scheduling;
- ``approvals``: the approver's edit, approve and return (four eyes);
- ``delivery``: publishing through the connectors, the worker's claim, removal;
- ``connections``: the encrypted OAuth tokens and the one-time notice when one fails.
"""
