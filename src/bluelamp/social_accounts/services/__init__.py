"""Every write to the account registry (CC/01 3.2–3.15, 4.15, 4.18, 4.19, 5.7, 5.9), one module
per sub-domain (Zulip's ``actions/*``); callers import the module they need:

- ``applications``: ``account_application_submit``, ``account_application_decide`` (and its
  shorthands ``account_application_manager_approve`` … ``account_application_ccd_refuse``),
  ``account_application_withdraw``;
- ``registry``: ``account_import`` (CCD records an account opened before Bluelamp),
  ``account_create_from_application``, ``account_details_update``,
  ``account_password_change_record``, ``account_last_post_record``;
- ``roster``: ``account_roster_add``, ``account_roster_remove``, ``account_deputy_set``,
  ``account_hand_over``;
- ``lifecycle``: ``account_conversion_request``, ``account_conversion_decide``,
  ``account_suspend``, ``account_reinstate``, ``account_close``;
- ``credentials``: ``account_credentials_record``, ``account_credentials_reveal``;
- ``health``: ``account_health_records_refresh`` (the kept health answers, derived data:
  no actor, no audit event);
- ``common``: the input checks, snapshots and lock the others share.

Each service is keyword-only and takes the acting user (``actor``; None only where it says
the system may act). In one transaction it checks that the actor may act
(``permissions``), that the state allows the action (``engine.workflows``), validates the input,
saves with ``update_fields``, writes the audit event and schedules the e-mails, which go only
if the transaction commits. A refusal raises an ``ApplicationError`` subclass and changes
nothing:

- ``PermissionDeniedError`` (403): the actor may not do this;
- ``NotFoundError`` (404): no such object, or not the actor's to see;
- ``InvalidInputError`` (400): bad input; ``errors`` maps field names to messages;
- ``DuplicateAccountError`` (409, ``duplicate_account``): the handle is already registered;
- ``AlreadyDecidedError`` (409, ``already_decided``): the application was already decided;
- ``InvalidTransitionError`` (409): the account's state does not allow the action.
"""
