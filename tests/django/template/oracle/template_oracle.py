#!/usr/bin/python3
"""Oracle for tests/django/template/tst_templateparser.cpp: parses each template with real
Django 3.2 (a startproject configuration, template debug on) and prints, as QTest rows, either
the node tree in the compact notation TemplateDump produces or the TemplateSyntaxError message
and the line Django reports for it.

Run:  /usr/bin/python3 tests/django/template/oracle/template_oracle.py > /tmp/rows.inc
"""
import django
from django.conf import settings

settings.configure(
    SECRET_KEY='oracle',
    INSTALLED_APPS=[
        'django.contrib.admin', 'django.contrib.auth', 'django.contrib.contenttypes',
        'django.contrib.sessions', 'django.contrib.messages', 'django.contrib.staticfiles',
    ],
    TEMPLATES=[{
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [], 'APP_DIRS': True, 'OPTIONS': {'debug': True},
    }],
)
django.setup()

from django.template import engines, TemplateSyntaxError  # noqa: E402
from django.template import base, defaulttags, loader_tags  # noqa: E402
from django.templatetags.cache import CacheNode  # noqa: E402

ENGINE = engines['django'].engine


def dump_var(v):
    """A FilterExpression's var: a Variable or an already-resolved constant string."""
    if isinstance(v, base.Variable):
        if v.lookups is not None:
            out = 'L[' + ','.join(v.lookups) + ']'
        elif isinstance(v.literal, bool) or isinstance(v.literal, int):
            out = 'I' + repr(v.literal)
        elif isinstance(v.literal, float):
            out = 'F' + repr(v.literal)
        else:
            out = 'S' + repr(str(v.literal))
        return ('_' if v.translate else '') + out
    if v is None:
        return 'None'
    # A constant: a (lazy, for _()) string.
    lazy = type(v).__name__ == '__proxy__'
    return ('_' if lazy else '') + 'S' + repr(str(v) if not lazy else v._proxy____args[0])


FILTER_NAMES = {}
for lib in ENGINE.template_builtins:
    for name, f in lib.filters.items():
        FILTER_NAMES[f] = name


def dump_fe_named(fe):
    out = dump_var(fe.var)
    for func, args in fe.filters:
        out += '|' + FILTER_NAMES.get(func, func.__name__)
        for lookup, arg in args:
            out += ':' + (dump_var(arg) if lookup else 'S' + repr(str(arg)))
    return out


def dump_cond(c):
    if c is None:
        return 'else'
    if isinstance(c, defaulttags.TemplateLiteral):
        return dump_fe_named(c.value)
    if c.second is None:
        return '(%s %s)' % (c.id, dump_cond(c.first))
    return '(%s %s %s)' % (c.id, dump_cond(c.first), dump_cond(c.second))


def dump_kwargs(d):
    return ','.join('%s=%s' % (k, dump_fe_named(v)) for k, v in d.items())


def dump_list(nodes):
    return '[' + ' '.join(dump(n) for n in nodes) + ']'


def dump(n):
    at = '@%d' % n.token.lineno
    if isinstance(n, base.TextNode):
        return 'T' + at + repr(n.s)
    if isinstance(n, base.VariableNode):
        return 'V' + at + '(' + dump_fe_named(n.filter_expression) + ')'
    if isinstance(n, defaulttags.ForNode):
        return 'For%s(%s in %s%s)%s%s' % (at, ','.join(n.loopvars), dump_fe_named(n.sequence),
                                          ' reversed' if n.is_reversed else '', dump_list(n.nodelist_loop),
                                          dump_list(n.nodelist_empty) if n._pipelab_has_empty else '')
    if isinstance(n, defaulttags.IfNode):
        return 'If' + at + ''.join('{%s}%s' % (dump_cond(c), dump_list(nl)) for c, nl in n.conditions_nodelists)
    if isinstance(n, defaulttags.WithNode):
        return 'With%s(%s)%s' % (at, dump_kwargs(n.extra_context), dump_list(n.nodelist))
    if isinstance(n, loader_tags.IncludeNode):
        return 'Include%s(%s%s%s)' % (at, dump_fe_named(n.template),
                                      ' with ' + dump_kwargs(n.extra_context) if n.extra_context else '',
                                      ' only' if n.isolated_context else '')
    if isinstance(n, loader_tags.ExtendsNode):
        return 'Extends%s(%s)%s' % (at, dump_fe_named(n.parent_name), dump_list(n.nodelist))
    if isinstance(n, loader_tags.BlockNode):
        return 'Block%s(%s)%s' % (at, n.name, dump_list(n.nodelist))
    if isinstance(n, defaulttags.URLNode):
        return 'Url%s(%s args=%s kwargs=%s as=%s)' % (at, dump_fe_named(n.view_name),
                                                     ','.join(dump_fe_named(a) for a in n.args),
                                                     dump_kwargs(n.kwargs), n.asvar)
    if isinstance(n, defaulttags.CsrfTokenNode):
        return 'Csrf' + at
    if isinstance(n, defaulttags.LoadNode):
        return 'Load' + at
    if isinstance(n, defaulttags.CommentNode):
        return 'Comment' + at
    if isinstance(n, CacheNode):
        return 'Cache%s(%s %s vary=%s using=%s)%s' % (
            at, dump_fe_named(n.expire_time_var), n.fragment_name, ','.join(dump_fe_named(v) for v in n.vary_on),
            dump_fe_named(n.cache_name) if n.cache_name else 'None', dump_list(n.nodelist))
    if isinstance(n, defaulttags.SpacelessNode):
        return 'Spaceless' + at + dump_list(n.nodelist)
    if isinstance(n, defaulttags.NowNode):
        return 'Now%s(%r as=%s)' % (at, n.format_string, n.asvar)
    if isinstance(n, defaulttags.FirstOfNode):
        return 'FirstOf%s(%s as=%s)' % (at, ','.join(dump_fe_named(v) for v in n.vars), n.asvar)
    if isinstance(n, defaulttags.CycleNode):
        return 'Cycle%s(%s as=%s silent=%s)' % (at, ','.join(dump_fe_named(v) for v in n.cyclevars),
                                                 n.variable_name, n.silent)
    if isinstance(n, defaulttags.AutoEscapeControlNode):
        return 'Autoescape%s(%s)%s' % (at, 'on' if n.setting else 'off', dump_list(n.nodelist))
    if isinstance(n, defaulttags.VerbatimNode):
        return 'Verbatim%s(%r)' % (at, n.content)
    return '?' + type(n).__name__


# ForNode keeps nodelist_empty = NodeList() when there is no {% empty %}; remember which it was.
_orig_for_init = defaulttags.ForNode.__init__


def _for_init(self, loopvars, sequence, is_reversed, nodelist_loop, nodelist_empty=None):
    _orig_for_init(self, loopvars, sequence, is_reversed, nodelist_loop, nodelist_empty)
    self._pipelab_has_empty = nodelist_empty is not None


defaulttags.ForNode.__init__ = _for_init

CASES = [
    # Valid templates: node trees.
    ('text only', 'Hello\nworld'),
    ('variable', 'Hi {{ user.name }}!'),
    ('filters', '{{ value|default:"nothing"|upper }}'),
    ('filter var arg', '{{ items|join:sep|length }}'),
    ('date filter', '{{ created|date:"Y-m-d" }}'),
    ('numbers', '{{ 5 }}{{ -2.5 }}{{ 1e3 }}{{ "a\\"b" }}'),
    ('i18n literal', '{{ _("Hello") }}{{ x|default:_("none") }}'),
    ('spaces around pipe', '{{ a | lower }}'),
    ('for', '{% for o in orders %}\n<li>{{ o.id }}</li>\n{% endfor %}'),
    ('for unpack reversed empty', '{% for k, v in d.items reversed %}{{ k }}{% empty %}none{% endfor %}'),
    ('for comma forms', '{% for a ,b in x %}{% endfor %}{% for a,b,c in y %}{% endfor %}'),
    ('if elif else', '{% if a %}A{% elif b %}B{% else %}C{% endif %}'),
    ('if precedence', '{% if a or b and not c %}x{% endif %}'),
    ('if comparisons', '{% if a == 1 and b != "x" or c >= d|length %}x{% endif %}'),
    ('if in not in is', '{% if a in b %}{% endif %}{% if a not in b %}{% endif %}{% if a is not None %}{% endif %}'),
    ('if not chain', '{% if not not a %}{% endif %}{% if a < b <= c %}{% endif %}'),
    ('with', '{% with total=business.employees.count %}{{ total }}{% endwith %}'),
    ('with legacy', '{% with business.employees.count as total %}{{ total }}{% endwith %}'),
    ('with two', '{% with a=1 b="x" %}{% endwith %}{% with x as y and z as w %}{% endwith %}'),
    ('include', '{% include "nav.html" %}{% include tpl with a=1 b=c only %}'),
    ('extends blocks', '{% extends "base.html" %}\n{% block content %}{{ block.super }}hi{% endblock content %}'),
    ('url', '{% url "detail" o.pk %}{% url "shop:list" page=2 as the_url %}{% url name %}'),
    ('csrf load cache', '{% load cache %}{% csrf_token %}{% cache 500 sidebar request.user.username %}x{% endcache %}'),
    ('cache using', '{% load cache %}{% cache timeout frag a b using="local" %}y{% endcache %}'),
    ('comments', 'a{# inline #}b{% comment "why" %}{{ ignored }}{% endcomment %}c'),
    ('spaceless now firstof', '{% spaceless %} <p> x </p> {% endspaceless %}{% now "Y" %}{% now "jS" as d %}'
                              '{% firstof a b "c" %}{% firstof a as v %}'),
    ('cycle', '{% for i in l %}{% cycle "odd" "even" %}{% cycle a b as c silent %}{% cycle c %}{% endfor %}'),
    ('autoescape', '{% autoescape off %}{{ x }}{% endautoescape %}'),
    ('verbatim', '{% verbatim %}{{ raw }}{% if %}{% endverbatim %}{{ after }}'),
    ('verbatim named', '{% verbatim v1 %}{% endverbatim %}{% endverbatim v1 %}'),
    ('lines', 'a\n{{ b }}\n\n{% if c %}\n{{ d }}{% endif %}\n'),
    ('tag across lines is text', '{{ a\n}} {% if\nx %}'),
    ('unbalanced braces', '{{ a }}} {{{ b }}'),
    ('dashboard', '<h1>Paid orders</h1>\n<table>\n{% for order in orders %}\n  <tr><td>{{ order.id }}</td>'
                  '<td>{{ order.product.name }}</td></tr>\n{% endfor %}\n</table>\n'),
    # Syntax errors: Django's message and line.
    ('err unknown tag', 'a\nb\n{% foo %}'),
    ('err unknown tag in block', '{% if a %}\n{% foo %}\n{% endif %}'),
    ('err unclosed for', 'x\n{% for a in b %}\n{{ a }}'),
    ('err unclosed if', '{% if a %}{% else %}'),
    ('err unknown filter', '{{ a }}\n{{ a|foo }}'),
    ('err remainder', '{{ a b }}'),
    ('err remainder 2', '{{ a|default:"x" y }}'),
    ('err parse some characters', '{{ a|upper "x" }}'),
    ('err empty variable', 'x\n{{ }}'),
    ('err empty block', '{% %}'),
    ('err underscore', '{{ a._b }}'),
    ('err filter arity', '{{ a|default }}'),
    ('err filter arity 2', '{{ a|upper:"x" }}'),
    ('err for args', '{% for x in %}{% endfor %}'),
    ('err for format', '{% for x of y %}{% endfor %}'),
    ('err for var', '{% for x| in y %}{% endfor %}'),
    ('err if end', '{% if %}{% endif %}'),
    ('err if unused', '{% if a b %}{% endif %}'),
    ('err if not expecting', '{% if and a %}{% endif %}'),
    ('err if infix', '{% if a not b %}{% endif %}'),
    ('err endif stray', '{% endif %}'),
    ('err load', '{% load nope %}'),
    ('err cache args', '{% load cache %}{% cache 5 %}{% endcache %}'),
    ('err cache not loaded', '{% cache 5 x %}{% endcache %}'),
    ('err with', '{% with %}{% endwith %}'),
    ('err with invalid', '{% with a=1 b %}{% endwith %}'),
    ('err include', '{% include %}'),
    ('err include option', '{% include "x" foo %}'),
    ('err extends twice', '{% extends "a" %}{% extends "b" %}'),
    ('err extends not first', '{{ x }}{% extends "a" %}'),
    ('err block dup', '{% block a %}{% endblock %}\n{% block a %}{% endblock %}'),
    ('err endblock name', '{% block a %}{% endblock b %}'),
    ('err url', '{% url %}'),
    ('err cycle', '{% cycle a %}'),
    ('err cycle named', '{% cycle a b as c %}{% cycle d %}'),
    ('err now', '{% now %}'),
    ('err firstof', '{% firstof %}'),
    ('err autoescape', '{% autoescape maybe %}{% endautoescape %}'),
    ('err elif after else', '{% if a %}{% else %}{% elif b %}{% endif %}'),
    ('err could not find variable', '{{ |upper }}'),
]


def cpp(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'


for name, source in CASES:
    try:
        t = ENGINE.from_string(source)
        result = dump_list(t.nodelist)
    except TemplateSyntaxError as e:
        line = e.template_debug['line'] if hasattr(e, 'template_debug') else 0
        result = 'error@%d: %s' % (line, e)
    print('    QTest::newRow(%s) << QString(%s) << QString(%s);' % (cpp(name), cpp(source), cpp(result)))
