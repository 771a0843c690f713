"""Every write to conduct cases, staff reports and media alerts, one module per part:

- ``cases``: a conduct case from report to closure (4.5, 6.2, 6.13, 6.15, 6.16);
- ``reports``: staff reports of abuse (6.17) and of journalists' approaches (4.17);
- ``alerts``: a post that will attract media attention (3.12);
- ``retention``: deleting closed cases and reports at the end of the pack's period.

Refusals raise ``ApplicationError`` subclasses and change nothing: ``NotFoundError`` (404) for
those who may not see the case or report, ``PermissionDeniedError`` (403) for those who see
it but may not take the step, ``InvalidInputError`` (400) with the fields named,
``InvalidTransitionError`` (409) when the state does not allow it.
"""
