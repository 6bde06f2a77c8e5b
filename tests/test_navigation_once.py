"""The theme's navigation partials are rendered once per set of relative addresses
(pagecache.OncePerKey, plugin._navigation_key): the largest per-page cost of the theme."""
from types import SimpleNamespace

import jinja2

from generator import pagecache
from generator.plugin import _navigation_key


def _page(url, homepage=False):
    return SimpleNamespace(url=url, is_homepage=homepage)


def _nav(*urls):
    pages = [_page(u, homepage=(u == "")) for u in urls]
    section = SimpleNamespace(title="Mục", children=pages[1:])
    return SimpleNamespace(items=[pages[0], section], pages=pages)


NAV = _nav("", "tin-tuc/", "thu-tuc/", "ke-hoach/x/")


def test_pages_outside_the_navigation_at_the_same_relative_addresses_share_a_key():
    one, two = ({"page": _page(url), "nav": NAV} for url in ("tin-tuc/2019/04/bai-8/", "tin-tuc/2021/11/bai-9/"))
    assert _navigation_key(one, {}) == _navigation_key(two, {})
    assert _navigation_key(one, {})[:2] == ("../../../..", "../../../../assets/")  # as MkDocs' `url` filter writes them


def test_pages_whose_links_read_differently_do_not_share_a_key():
    memo = {}
    keys = [_navigation_key({"page": _page(url), "nav": NAV}, memo)
            for url in ("tin-tuc/2019/04/bai-8/", "thu-tuc/2019/04/bai-8/", "tin-tuc/2019/bai-8/")]
    assert len(set(keys)) == 3


def test_pages_in_the_navigation_and_the_home_page_are_rendered_as_usual():
    memo = {}
    assert _navigation_key({"page": _page("thu-tuc/"), "nav": NAV}, memo) is None
    assert _navigation_key({"page": _page("", homepage=True), "nav": NAV}, memo) is None
    assert _navigation_key({"page": None, "nav": NAV}, memo) is None


def test_a_partial_is_rendered_once_per_key_and_included_unchanged():
    rendered_count = []
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "page.html": "<main>{{ page.url }}</main>{% include 'nav.html' %}",
        "nav.html": "{{ count() }}<nav>{{ page.depth }}</nav>",
    }), undefined=jinja2.StrictUndefined)
    env.globals["count"] = lambda: rendered_count.append(1) or ""
    get_template, rendered = env.get_template, {}

    def wrapped(name, *args, **kwargs):
        template = get_template(name, *args, **kwargs)
        return pagecache.OncePerKey(template, lambda c: c["page"].depth, rendered) if name == "nav.html" else template

    env.get_template = wrapped
    pages = [SimpleNamespace(url=f"a/{i}/", depth=i % 2) for i in range(6)]
    out = [env.get_template("page.html").render(page=p) for p in pages]
    assert out == [f"<main>{p.url}</main><nav>{p.depth}</nav>" for p in pages]
    assert len(rendered_count) == 2  # one render per key (depth 0 and 1), six pages
