"""The REST API's shared plumbing, below the domain apps so each app's ``api/`` package can use
it: the base views and the one body validator (``base``), the one error table and exception
handler (``errors``), the generic step view built from action declarations (``steps``),
pagination and the serializers every app shares. The API's own app (``bluelamp.api``: tokens,
sign-in by token, the check endpoint, the URL wiring, the schema and its pages) sits above them."""
