"""``{% table_scroll %}…{% endtable_scroll %}``: the box a wide table scrolls in on a narrow
screen (``includes/table_scroll.html``), written once. The box can take the keyboard's focus, so
that it can be scrolled without a mouse (WCAG 2.1.1); given a label
(``{% table_scroll "Posts in flight" %}``, or a variable) it is also a named region, for a table
whose caption is hidden or that is not the page's only one."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

register = template.Library()


class TableScrollNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: template.base.FilterExpression | None):
        self.nodelist = nodelist
        self.label = label

    def render(self, context: template.Context) -> str:
        label = self.label.resolve(context) if self.label is not None else ""
        return render_to_string(
            "includes/table_scroll.html",
            {"content": self.nodelist.render(context), "label": label},
        )


@register.tag
def table_scroll(parser: template.base.Parser, token: template.base.Token) -> TableScrollNode:
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("table_scroll takes at most one label")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endtable_scroll",))
    parser.delete_first_token()
    return TableScrollNode(nodelist, label)
