"""The demo force behind `make run` (``manage.py load_demo``): above every domain app, so that
no app imports another's demo. Each app says what its own demo data is (``<app>.demo``); this
creates the demo users and loads each app's data in order."""
