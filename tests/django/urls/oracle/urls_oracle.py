#!/usr/bin/python3
"""Oracle for tests/django/urls/tst_urls.cpp: runs real Django 3.2 resolve()/reverse() on the same
URLconf the C++ test builds and prints the expected results as QTest rows.

Run:  /usr/bin/python3 tests/django/urls/oracle/urls_oracle.py > /tmp/rows.inc
and paste the rows into the _data() functions of tst_urls.cpp.

Argument encoding shared with the C++ test: "i:5" is the int 5, "s:abc" the str 'abc';
args are comma-separated, kwargs are name=value comma-separated. A viewname starting with '@'
reverses the view function of that name instead of a URL name.
"""
import django
from django.conf import settings

settings.configure(ROOT_URLCONF=None, DEBUG=True)
django.setup()

from django.urls import include, path, re_path, resolve, reverse, NoReverseMatch, Resolver404  # noqa: E402


def view(name):
    def f(request, *args, **kwargs):
        return None
    f.__name__ = f.__qualname__ = name
    f.__module__ = 'shop.views'
    return f


VIEW_NAMES = ['index', 'special_2003', 'year_archive', 'month_archive', 'article_detail', 'docs', 'item', 'user',
              'archive', 'pos', 'opt', 'mixed', 'app_index', 'app_detail', 'blog_index', 'blog_post', 'extra',
              'dup', 're_page', 'cafe', 'unnamed']
V = {n: view(n) for n in VIEW_NAMES}

app_patterns = [
    path('', V['app_index'], name='index'),
    path('<int:pk>/', V['app_detail'], name='detail'),
]


class URLconf:
    urlpatterns = [
        path('', V['index'], name='home'),
        path('articles/2003/', V['special_2003'], name='special'),
        path('articles/<int:year>/', V['year_archive'], name='year'),
        path('articles/<int:year>/<int:month>/', V['month_archive'], name='month'),
        path('articles/<int:year>/<int:month>/<slug:slug>/', V['article_detail'], name='article'),
        path('docs/<path:rest>', V['docs'], name='docs'),
        path('items/<uuid:id>/', V['item'], name='item'),
        path('users/<username>/', V['user'], name='user'),
        re_path(r'^archive/(?P<year>[0-9]{4})/$', V['archive'], name='archive'),
        re_path(r'^pos/(\d+)/(\d+)/$', V['pos'], name='pos'),
        re_path(r'^opt/(?:page-(?P<page>\d+)/)?$', V['opt'], name='opt'),
        re_path(r'^mixed/(\d+)/(?P<slug>[a-z]+)/$', V['mixed'], name='mixed'),
        path('shop/', include((app_patterns, 'shop'))),
        path('shop2/', include((app_patterns, 'shop'), namespace='shop2')),
        path('blog/<int:blog_id>/', include([
            path('', V['blog_index'], name='blog-index'),
            path('post/<slug:slug>/', V['blog_post'], name='blog-post'),
        ])),
        path('extra/', V['extra'], {'flag': 'yes'}, name='extra'),
        path('dup/a/', V['dup'], name='dup'),
        path('dup/b/<int:n>/', V['dup'], name='dup'),
        re_path(r'^re-inc/(?P<section>[a-z]+)/', include([
            re_path(r'^page/(?P<n>\d+)/$', V['re_page'], name='re-page'),
        ])),
        path('caf\u00e9/<str:x>/', V['cafe'], name='cafe'),
        path('a-b.c/', V['unnamed']),
    ]


RESOLVE = [
    '/', '/articles/2003/', '/articles/2004/', '/articles/0042/', '/articles/2004/7/',
    '/articles/2004/07/building-a-django-site/', '/articles/2004/07/bad slug/', '/articles/abc/',
    '/docs/a/b/c.html', '/docs/', '/items/12345678-1234-1234-1234-123456789abc/',
    '/items/12345678-1234-1234-1234-123456789ABC/', '/users/bob/', '/users/bob/extra/',
    '/archive/2020/', '/archive/20201/', '/pos/1/22/', '/opt/', '/opt/page-3/', '/mixed/7/abc/',
    '/shop/', '/shop/9/', '/shop2/9/', '/blog/3/', '/blog/3/post/hello/', '/blog/x/',
    '/extra/', '/dup/a/', '/re-inc/news/page/2/', '/re-inc/news/page/x/', '/caf\u00e9/1/', '/a-b.c/',
    '/nope/', 'no-slash', '/articles/2003', '/shop/abc/',
]

REVERSE = [
    ('home', '', ''), ('special', '', ''), ('year', 'i:2004', ''), ('year', '', 'year=i:2004'),
    ('year', 's:2004', ''), ('year', 's:abc', ''), ('month', 'i:2004,i:7', ''),
    ('article', '', 'year=i:2004,month=i:7,slug=s:my-post'), ('article', '', 'year=i:2004,month=i:7'),
    ('docs', 's:a/b c.html', ''), ('item', 's:12345678-1234-1234-1234-123456789abc', ''),
    ('user', 's:bob smith', ''), ('user', 's://evil', ''), ('archive', 'i:2020', ''), ('archive', 'i:20', ''),
    ('pos', 'i:1,i:2', ''), ('opt', '', ''), ('opt', '', 'page=i:3'), ('mixed', '', 'slug=s:abc'),
    ('shop:index', '', ''), ('shop:detail', 'i:5', ''), ('shop2:detail', 'i:5', ''),
    ('blog-post', '', 'blog_id=i:3,slug=s:hi'), ('blog-index', 'i:3', ''), ('extra', '', ''),
    ('extra', '', 'flag=s:yes'), ('extra', '', 'flag=s:no'), ('dup', '', ''), ('dup', 'i:4', ''),
    ('re-page', '', 'section=s:news,n=i:2'), ('cafe', 's:x', ''), ('missing', '', ''),
    ('nons:index', '', ''), ('shop:nested:index', '', ''), ('shop:missing', '', ''),
    ('year', 'i:1', 'year=i:1'), ('@year_archive', 'i:1999', ''), ('@unnamed', '', ''),
    ('@index', 'i:1', ''),
]


def decode(value):
    kind, _, text = value.partition(':')
    return int(text) if kind == 'i' else text


def decode_args(s):
    return [decode(x) for x in s.split(',')] if s else []


def decode_kwargs(s):
    out = {}
    if s:
        for item in s.split(','):
            k, _, v = item.partition('=')
            out[k] = decode(v)
    return out


def cpp(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def describe_resolve(p):
    try:
        m = resolve(p, urlconf=URLconf)
    except Resolver404 as e:
        info = e.args[0]
        tried = info.get('tried')
        tried_s = repr([[str(x.pattern) for x in chain] for chain in tried]) if tried is not None else 'None'
        return '404 path=%s tried=%s' % (info['path'], tried_s)
    return 'func=%s args=%r kwargs=%r url_name=%s route=%s app_names=%r namespaces=%r view_name=%s' % (
        m.func.__name__, m.args, m.kwargs, m.url_name, m.route, m.app_names, m.namespaces, m.view_name)


def describe_reverse(name, args, kwargs):
    target = V[name[1:]] if name.startswith('@') else name
    try:
        return reverse(target, urlconf=URLconf, args=decode_args(args), kwargs=decode_kwargs(kwargs))
    except Exception as e:  # noqa: BLE001 - the exception type is part of the expected result
        return '%s: %s' % (type(e).__name__, e)


print('// resolve rows')
for p in RESOLVE:
    print('    QTest::newRow(%s) << QString(%s) << QString(%s);' % (cpp(p), cpp(p), cpp(describe_resolve(p))))
print('// reverse rows')
for i, (name, args, kwargs) in enumerate(REVERSE):
    row = '%d %s' % (i, name)
    print('    QTest::newRow(%s) << QString(%s) << QString(%s) << QString(%s) << QString(%s);' % (
        cpp(row), cpp(name), cpp(args), cpp(kwargs), cpp(describe_reverse(name, args, kwargs))))

# Routes Django rejects when the pattern is built (path()) or first compiled.
BAD_ROUTES = ['<foo:x>/', 'a<b/<int:n>', 'a/<int:1x>/', 'a/<int: x>/', 'a/<my-name>/', '<:x>/', 'b/<int:>/']
print('// bad route rows')
for route in BAD_ROUTES:
    try:
        p = path(route, V['index'])
        p.pattern.regex  # RoutePattern compiles lazily
        result = 'ok ' + p.pattern.regex.pattern
    except Exception as e:  # noqa: BLE001
        result = '%s: %s' % (type(e).__name__, e)
    print('    QTest::newRow(%s) << QString(%s) << QString(%s);' % (cpp(route), cpp(route), cpp(result)))

# Route → regex translation (_route_to_regex), endpoint and include() forms.
from django.urls.resolvers import _route_to_regex  # noqa: E402
print('// route to regex rows')
for route in ['', 'articles/', 'a-b.c/<int:pk>', '<slug:s>/<x>/', 'x+y (z)/<path:p>', '<>/<int:n>']:
    for endpoint in (True, False):
        print('    QTest::newRow(%s) << QString(%s) << %s << QString(%s);' % (
            cpp('%s %s' % (route, endpoint)), cpp(route), 'true' if endpoint else 'false',
            cpp(_route_to_regex(route, endpoint)[0])))
