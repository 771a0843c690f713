"""`bluelamp manage fake_platforms`: fake X and Graph API servers on 127.0.0.1 for the demo.

`make run` starts them beside the web application so that publishing can be tried end to end
without a real platform: they speak each platform's protocol (paths, bodies, errors) and accept
the access token ``good-token``. Never for production."""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bluelamp.publishing.choices import PostState
from bluelamp.publishing.fakeplatforms import FakeGraph, FakeX
from bluelamp.publishing.models import Post


def published_on_x() -> list[tuple[str, str]]:
    """The X posts in the database that are on the platform (published or imported)."""
    return list(
        Post.objects.filter(
            account__platform="x", state=PostState.PUBLISHED, deleted_on_platform_at__isnull=True
        )
        .exclude(platform_post_id="")
        .values_list("platform_post_id", "text")
    )


class Command(BaseCommand):
    help = "Serve fake X and Facebook/Instagram Graph APIs on 127.0.0.1 (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--x-port", type=int, default=8101)
        parser.add_argument("--graph-port", type=int, default=8102)

    def handle(self, *args, x_port: int, graph_port: int, **options):
        if not settings.DEBUG:
            raise CommandError("the fake platforms are for development: set DJANGO_DEBUG=true")
        try:
            fake_x = FakeX().start(x_port)
            # Two lookalikes of the demo's @WMPDudley for the spoof search to find.
            fake_x.add_account(
                "WMPDud1ey", "WMP Dudley", "Official West Midlands Police. DM us your reports"
            )
            fake_x.add_account("WMPDudley_uk", "Dudley Police Fans", "Not affiliated")
            fake_graph = FakeGraph().start(graph_port)
        except OSError as exc:
            raise CommandError(f"cannot listen on 127.0.0.1 ({exc}); choose other ports") from None
        # Posts link to the fakes' own pages, and the X posts Bluelamp holds as published
        # (the demo's imported archive among them) exist on the fake X, so removing one works.
        fake_graph.instagram_web_base = fake_graph.base_url
        held = fake_x.seed(published_on_x())
        self.stdout.write(
            f"Fake X API on {fake_x.base_url}; fake Graph API on "
            f"{fake_graph.base_url}/{fake_graph.version} (page {fake_graph.page_id}, Instagram "
            f"user {fake_graph.ig_user_id}); {held} published X posts held. Ctrl+C to stop."
        )
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            fake_x.stop()
            fake_graph.stop()
