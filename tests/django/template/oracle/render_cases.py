"""Render cases shared by render_oracle.py (real Django 3.2) and tst_templaterender.cpp (PipeLab).

PRELUDE is Python source run by both sides before each context expression is evaluated; the
helpers dt(...) (an aware UTC datetime), d(...) (a date) and safe(...) (mark_safe) are provided
natively by each side. CASES are (name, template source, context expression).
"""

PRELUDE = '''
class Item:
    def __init__(self, name, price, qty=1):
        self.name = name
        self.price = price
        self.qty = qty
    def total(self):
        return self.price * self.qty
    def needs_arg(self, x):
        return x
    def __str__(self):
        return "Item " + self.name

class Danger:
    def delete(self):
        return "deleted!"
    delete.alters_data = True
    def keep(self):
        return "kept"
    keep.do_not_call_in_templates = True

class Quiet(Exception):
    silent_variable_failure = True

class Raiser:
    def quiet(self):
        raise Quiet("hidden")
    def loud(self):
        raise ValueError("loud failure")
    @property
    def prop(self):
        raise AttributeError("from property")

class Html:
    def __str__(self):
        return "<b>bold</b>"

class Counter:
    def __init__(self):
        self.calls = 0
    def bump(self):
        self.calls += 1
        return self.calls

class Mapping:
    def __getitem__(self, key):
        if key == "known":
            return "from getitem"
        raise KeyError(key)
    def other(self):
        return "from method"

ITEMS = [Item("pen", 2, 3), Item("ink", 5), Item("pad", 1, 10)]
'''

# Templates {% include %} and {% extends %} can load by name.
TEMPLATES = {
    "base.html": "<title>{% block title %}Site{% endblock %}</title>\n<main>{% block content %}base content{% endblock %}</main>{% block footer %}<f>{{ footer|default:'none' }}</f>{% endblock %}",
    "mid.html": "{% extends 'base.html' %}{% block title %}Mid - {{ block.super }}{% endblock %}{% block content %}[mid {% block inner %}inner-mid{% endblock %}]{% endblock %}",
    "row.html": "<li>{{ item.name }}={{ item.price }}{% if extra %} {{ extra }}{% endif %}</li>",
    "greet.html": "Hello {{ name|default:'stranger' }}{% if user %} ({{ user }}){% endif %}",
    "cycler.html": "{% cycle 'x' 'y' %}",
    "self.html": "{% include 'self.html' %}",
    "broken.html": "{% if %}",
    "leaker.html": "{% extends 'base.html' %}{% block title %}T{% cycle block block as leaked silent %}{% endblock %}",
}

CASES = [
    # --- variables and escaping
    ("text only", "Hello world", "{}"),
    ("simple var", "Hi {{ name }}!", "{'name': 'Ann'}"),
    ("missing var", "[{{ nope }}]", "{}"),
    ("missing attr", "[{{ item.nope }}]", "{'item': ITEMS[0]}"),
    ("dict lookup", "{{ d.a }} {{ d.b.c }}", "{'d': {'a': 1, 'b': {'c': 'deep'}}}"),
    ("list index", "{{ xs.0 }} {{ xs.2 }} [{{ xs.9 }}]", "{'xs': ['a', 'b', 'c']}"),
    ("dict before attr", "{{ d.items }}", "{'d': {'items': 'key wins'}}"),
    ("dict method call", "{{ d.keys|length }}", "{'d': {'x': 1, 'y': 2}}"),
    ("attribute", "{{ item.name }} {{ item.price }}", "{'item': ITEMS[1]}"),
    ("method call", "{{ item.total }}", "{'item': ITEMS[0]}"),
    ("method needing arg", "[{{ item.needs_arg }}]", "{'item': ITEMS[0]}"),
    ("alters_data", "[{{ d.delete }}]", "{'d': Danger()}"),
    ("do_not_call", "{% if d.keep %}callable kept{% endif %}", "{'d': Danger()}"),
    ("silent failure", "[{{ r.quiet }}]", "{'r': Raiser()}"),
    ("loud failure", "[{{ r.loud }}]", "{'r': Raiser()}"),
    ("property attribute error", "[{{ r.prop }}]", "{'r': Raiser()}"),
    ("str of object", "{{ item }}", "{'item': ITEMS[2]}"),
    ("escape", "{{ s }}", "{'s': '<a href=\"x\">Tom & \\'Jerry\\'</a>'}"),
    ("escape object str", "{{ h }}", "{'h': Html()}"),
    ("safe value", "{{ s }}", "{'s': safe('<b>ok</b>')}"),
    ("none bool numbers", "{{ n }} {{ t }} {{ f }} {{ i }} {{ x }}", "{'n': None, 't': True, 'f': False, 'i': -42, 'x': 2.5}"),
    ("floats", "{{ a }} {{ b }} {{ c }} {{ e }}", "{'a': 0.1 + 0.2, 'b': 1e16, 'c': 1.5e-05, 'e': 10.0}"),
    ("list and dict str", "{{ xs }} {{ d }}", "{'xs': [1, 'a', None], 'd': {'k': 'v'}}"),
    ("literals", "{{ 5 }} {{ -2.5 }} {{ \"q<\" }} {{ 'single' }}", "{}"),
    ("translated literal", "{{ _(\"100% sure\") }}", "{}"),
    ("builtins names", "{{ True }} {{ None }} {% if False %}x{% else %}y{% endif %}", "{}"),
    ("datetime render", "{{ when }} | {{ day }}", "{'when': dt(2024, 1, 5, 14, 30), 'day': d(2024, 2, 29)}"),
    ("datetime midnight noon", "{{ a }} | {{ b }}", "{'a': dt(2024, 3, 1, 0, 0), 'b': dt(2024, 9, 15, 12, 0)}"),
    ("callable counted once", "{{ c.bump }} {{ c.bump }} {{ c.calls }}", "{'c': Counter()}"),
    # --- for
    ("for basic", "{% for x in xs %}{{ x }},{% endfor %}", "{'xs': [1, 2, 3]}"),
    ("for forloop vars", "{% for x in xs %}{{ forloop.counter }}/{{ forloop.counter0 }}/{{ forloop.revcounter }}/{{ forloop.revcounter0 }}/{{ forloop.first }}/{{ forloop.last }} {% endfor %}", "{'xs': 'abc'}"),
    ("for parentloop", "{% for a in outer %}{% for b in inner %}{{ forloop.parentloop.counter }}.{{ forloop.counter }} {% endfor %}{% endfor %}", "{'outer': [1, 2], 'inner': 'xy'}"),
    ("for empty", "{% for x in xs %}{{ x }}{% empty %}nothing{% endfor %}", "{'xs': []}"),
    ("for missing is empty", "{% for x in nope %}{{ x }}{% empty %}none{% endfor %}", "{}"),
    ("for reversed", "{% for x in xs reversed %}{{ x }}{% endfor %}", "{'xs': [1, 2, 3]}"),
    ("for unpack", "{% for k, v in pairs %}{{ k }}={{ v }};{% endfor %}", "{'pairs': [('a', 1), ('b', 2)]}"),
    ("for dict items", "{% for k, v in d.items %}{{ k }}:{{ v }} {% endfor %}", "{'d': {'x': 1, 'y': 2}}"),
    ("for unpack mismatch", "{% for a, b in xs %}{{ a }}{% endfor %}", "{'xs': [(1, 2, 3)]}"),
    ("for objects", "<ul>{% for item in items %}<li>{{ item.name }}: {{ item.total }}</li>{% endfor %}</ul>", "{'items': ITEMS}"),
    ("for var restored", "{% for x in xs %}{% endfor %}{{ x }}", "{'x': 'outer', 'xs': [1, 2]}"),
    ("forloop outside", "[{{ forloop }}]", "{}"),
    ("for over dict", "{% for k in d %}{{ k }}{% endfor %}", "{'d': {'b': 1, 'a': 2}}"),
    ("for range", "{% for i in r %}{{ i }}{% endfor %}", "{'r': range(3)}"),
    # --- if
    ("if true false", "{% if a %}A{% endif %}{% if b %}B{% else %}notB{% endif %}", "{'a': 1, 'b': 0}"),
    ("if elif", "{% if x == 1 %}one{% elif x == 2 %}two{% else %}many{% endif %}", "{'x': 2}"),
    ("if and or not", "{% if a and not b or c %}yes{% else %}no{% endif %}", "{'a': True, 'b': True, 'c': False}"),
    ("if comparisons", "{% if x < 5 %}lt{% endif %}{% if x >= 3 %}ge{% endif %}{% if x != 4 %}ne{% endif %}{% if s == 'abc' %}eq{% endif %}", "{'x': 3, 's': 'abc'}"),
    ("if in", "{% if 'b' in xs %}in{% endif %}{% if 'z' not in xs %}notin{% endif %}{% if 'ell' in s %}sub{% endif %}", "{'xs': ['a', 'b'], 's': 'hello'}"),
    ("if is", "{% if n is None %}none{% endif %}{% if x is not None %}set{% endif %}", "{'n': None, 'x': 0}"),
    ("if comparison error is false", "{% if a < b %}lt{% else %}incomparable{% endif %}", "{'a': 1, 'b': 'x'}"),
    ("if missing", "{% if nope %}yes{% else %}no{% endif %}{% if nope == None %}eqnone{% endif %}", "{}"),
    ("if filter", "{% if xs|length > 2 %}long{% endif %}", "{'xs': [1, 2, 3]}"),
    ("if empty list", "{% if xs %}has{% else %}empty{% endif %}", "{'xs': []}"),
    ("if loud in operator", "{% if r.loud == 1 %}eq{% else %}swallowed{% endif %}", "{'r': Raiser()}"),
    # --- with, firstof, cycle, spaceless, autoescape, verbatim, comment, now
    ("with", "{% with total=item.total name=\"N\" %}{{ name }}{{ total }}{% endwith %}[{{ total }}]", "{'item': ITEMS[0]}"),
    ("with legacy", "{% with item.name as n %}{{ n }}{% endwith %}", "{'item': ITEMS[1]}"),
    ("firstof", "{% firstof a b c %}|{% firstof a 'fallback' %}", "{'a': '', 'b': 0, 'c': '<x>'}"),
    ("firstof none", "[{% firstof a b %}]", "{}"),
    ("firstof as", "{% firstof a b as v %}[{{ v }}]", "{'a': None, 'b': 'B&'}"),
    ("cycle", "{% for x in xs %}{% cycle 'odd' 'even' %} {% endfor %}", "{'xs': [1, 2, 3]}"),
    ("cycle named", "{% for x in xs %}<tr class=\"{% cycle 'r1' 'r2' as rowcls %}\">{{ rowcls }}</tr>{% endfor %}", "{'xs': [1, 2, 3]}"),
    ("cycle silent", "{% cycle 'a' 'b' as ab silent %}{% for x in xs %}{% cycle ab %}{{ ab }}{% endfor %}", "{'xs': [1, 2, 3]}"),
    ("cycle vars", "{% for x in xs %}{% cycle p q %}{% endfor %}", "{'xs': [1, 2, 3], 'p': '<p>', 'q': 'q'}"),
    ("spaceless", "{% spaceless %}\n  <p>\n   <a href=\"#\">x  y</a>  </p>\n{% endspaceless %}", "{}"),
    ("autoescape off", "{% autoescape off %}{{ s }}{% endautoescape %}|{{ s }}", "{'s': '<i>'}"),
    ("autoescape nested", "{% autoescape off %}{% autoescape on %}{{ s }}{% endautoescape %}{{ s }}{% endautoescape %}", "{'s': '&'}"),
    ("verbatim", "{% verbatim %}{{ not_rendered }}{% if %}{% endverbatim %}", "{}"),
    ("comment", "a{# hidden #}b{% comment %}gone {{ x }}{% endcomment %}c", "{}"),
    ("load", "{% load cache %}x", "{}"),
    ("now", "{% now \"Y-m-d H:i:s\" %} {% now \"D, j M Y\" %} {% now \"DATE_FORMAT\" %}", "{}"),
    ("now as", "{% now \"jS F Y P\" as today %}[{{ today }}]", "{}"),
    ("csrf token", "{% csrf_token %}", "{'csrf_token': 'tok<en>'}"),
    ("csrf missing", "[{% csrf_token %}]", "{}"),
    ("url", "{% url 'home' %} {% url 'order-detail' 42 %} {% url 'order-detail' pk=o.pk %}", "{'o': {'pk': 7}}"),
    ("url as", "{% url 'nowhere' as u %}[{{ u }}]{% url 'home' as h %}{{ h }}", "{}"),
    ("url error", "{% url 'nowhere' %}", "{}"),
    # --- include / extends
    ("include", "<ul>{% for item in items %}{% include 'row.html' %}{% endfor %}</ul>", "{'items': ITEMS[:2]}"),
    ("include with", "{% include 'row.html' with item=it extra='more' %}", "{'it': ITEMS[2]}"),
    ("include only", "{% include 'greet.html' with name='Bo' only %}|{% include 'greet.html' %}", "{'user': 'u1', 'name': 'Al'}"),
    ("include variable name", "{% include tpl %}", "{'tpl': 'greet.html', 'name': 'V'}"),
    ("include missing", "{% include 'nope.html' %}", "{}"),
    ("include syntax error", "{% include 'broken.html' %}", "{}"),
    ("include cycle state", "{% include 'cycler.html' %}{% include 'cycler.html' %}", "{}"),
    ("include recursion", "{% include 'self.html' %}", "{}"),
    ("extends", "{% extends 'base.html' %}{% block content %}child {{ x }}{% endblock %}", "{'x': 1}"),
    ("extends super", "{% extends 'base.html' %}{% block title %}Page | {{ block.super }}{% endblock %}", "{}"),
    ("extends chain", "{% extends 'mid.html' %}{% block inner %}leaf+{{ block.super }}{% endblock %}{% block title %}Leaf/{{ block.super }}{% endblock %}", "{}"),
    ("extends footer var", "{% extends 'base.html' %}{% block footer %}{{ block.super }}!{% endblock %}", "{'footer': 'F'}"),
    ("extends variable", "{% extends parent %}{% block content %}v{% endblock %}", "{'parent': 'base.html'}"),
    ("extends missing", "{% extends 'nope.html' %}", "{}"),
    ("block leaked past its render", "{% include 'leaker.html' %}[{{ leaked.super }}]", "{'leaked': None}"),
    ("block standalone", "{% block a %}A{{ block.super }}{% endblock %}", "{}"),
    # --- cache
    ("cache", "{% load cache %}{% cache 60 sidebar user.id 'x' %}cached {{ user.id }}{% endcache %}", "{'user': {'id': 5}}"),
    ("cache bad timeout", "{% load cache %}{% cache nope frag %}x{% endcache %}", "{}"),
    # --- filters
    ("length", "{{ xs|length }} {{ s|length }} {{ n|length }} {{ d|length }}", "{'xs': [1, 2], 's': 'héllo', 'n': None, 'd': {'a': 1}}"),
    ("default", "{{ a|default:'x' }} {{ b|default:'x' }} {{ c|default:'x' }} {{ nope|default:'missing' }}", "{'a': 0, 'b': 'val', 'c': None}"),
    ("default_if_none", "{{ a|default_if_none:'x' }} [{{ b|default_if_none:'x' }}] {{ nope|default_if_none:'y' }}", "{'a': None, 'b': ''}"),
    ("default escapes var arg", "{{ nope|default:fallback }}", "{'fallback': '<b>'}"),
    ("default literal arg safe", "{{ nope|default:'<b>' }}", "{}"),
    ("default missing arg raises", "{{ a|default:nope }}", "{'a': 1}"),
    ("join", "{{ xs|join:', ' }} {{ ys|join:'-' }}", "{'xs': ['a', '<b>', 'c'], 'ys': [1, 2]}"),
    ("join autoescape off", "{% autoescape off %}{{ xs|join:' & ' }}{% endautoescape %}", "{'xs': ['<a>', 'b']}"),
    ("join var sep", "{{ xs|join:sep }}", "{'xs': ['a', 'b'], 'sep': '<br>'}"),
    ("upper lower", "{{ s|upper }} {{ s|lower }} {{ s|safe|upper }}", "{'s': 'Hé <x>'}"),
    ("title capfirst", "{{ s|title }} | {{ t|title }} | {{ s|capfirst }}", "{'s': \"they're bill's 1st friends\", 't': 'hello WORLD-wide'}"),
    ("truncatechars", "{{ s|truncatechars:9 }}|{{ s|truncatechars:100 }}|{{ s|truncatechars:1 }}|{{ s|truncatechars:'x' }}", "{'s': 'Joel is a slug'}"),
    ("truncatewords", "{{ s|truncatewords:2 }}|{{ s|truncatewords:10 }}", "{'s': 'Joel is  a slug'}"),
    ("pluralize", "{{ a }} item{{ a|pluralize }}, {{ b }} item{{ b|pluralize }}, {{ c }} cherr{{ c|pluralize:'y,ies' }}, {{ xs|pluralize }}, {{ s|pluralize }}", "{'a': 1, 'b': 2, 'c': 0, 'xs': [1], 's': 'abc'}"),
    ("pluralize suffix", "walrus{{ n|pluralize:'es' }} {{ one|pluralize:'es' }}", "{'n': 3, 'one': '1'}"),
    ("safe escape force_escape", "{{ s|safe }} {{ s|escape }} {{ s|force_escape }} {% autoescape off %}{{ s|escape }}{{ s|force_escape }}{% endautoescape %}", "{'s': '<&>'}"),
    ("first last", "{{ xs|first }} {{ xs|last }} [{{ e|first }}] {{ s|first }}{{ s|last }}", "{'xs': ['<a>', 2, 3], 'e': [], 's': 'xyz'}"),
    ("slice", "{{ xs|slice:':2' }} {{ xs|slice:'1:3' }} {{ xs|slice:'::2' }} {{ s|slice:'2' }} {{ s|slice:'-3:' }} {{ xs|slice:'a' }}", "{'xs': [1, 2, 3, 4], 's': 'abcdef'}"),
    ("yesno", "{{ t|yesno }} {{ f|yesno }} {{ n|yesno }} {{ n|yesno:'y,n' }} {{ t|yesno:'on,off,unknown' }} {{ t|yesno:'bad' }}", "{'t': 1, 'f': '', 'n': None}"),
    ("add", "{{ a|add:2 }} {{ s|add:'3' }} {{ s|add:'x' }} {{ xs|add:ys }} [{{ a|add:xs }}] {{ f|add:1 }}", "{'a': 4, 's': '5', 'xs': [1], 'ys': [2], 'f': 1.9}"),
    ("linebreaksbr", "{{ s|linebreaksbr }}", "{'s': 'a<b>\\nc\\r\\nd'}"),
    ("linebreaks", "{{ s|linebreaks }}", "{'s': 'Para one\\nline two\\n\\n\\nPara <2>'}"),
    ("floatformat default", "{{ a|floatformat }} {{ b|floatformat }} {{ c|floatformat }} {{ d|floatformat }}", "{'a': 34.23234, 'b': 34.0, 'c': 34.26, 'd': -0.04}"),
    ("floatformat places", "{{ a|floatformat:3 }} {{ b|floatformat:3 }} {{ c|floatformat:'-3' }} {{ b|floatformat:'-3' }} {{ e|floatformat:2 }} {{ f|floatformat:0 }}", "{'a': 34.23234, 'b': 34.0, 'c': 34.26, 'e': 2.675, 'f': 2.5}"),
    ("floatformat inputs", "{{ i|floatformat:2 }} {{ s|floatformat:1 }} [{{ bad|floatformat }}] {{ n|floatformat:'x' }} {{ big|floatformat:'2g' }} [{{ none|floatformat }}]", "{'i': 7, 's': '3.14159', 'bad': 'abc', 'n': 1.5, 'big': 6666.6666, 'none': None}"),
    ("floatformat rounding", "{{ a|floatformat:2 }} {{ b|floatformat:1 }} {{ c|floatformat:'-1' }} {{ d|floatformat:2 }}", "{'a': 0.005, 'b': 0.05, 'c': 9.96, 'd': -1.005}"),
    ("date filter", "{{ when|date:'Y-m-d H:i' }} {{ when|date:'D d M Y' }} {{ when|date:'l jS F y, g:i A' }} {{ when|date }}", "{'when': dt(2024, 1, 5, 14, 30, 9)}"),
    ("date filter more", "{{ when|date:'N j, Y, P' }} {{ when|date:'c' }} {{ when|date:'U w z t L' }} {{ when|date:'\\\\Y\\\\e\\\\s Y' }} {{ when|date:'SHORT_DATE_FORMAT' }}", "{'when': dt(2023, 11, 22, 9, 5)}"),
    ("date filter date value", "{{ day|date:'Y/m/d D' }} [{{ none|date:'Y' }}] [{{ s|date:'Y' }}]", "{'day': d(2024, 12, 30), 'none': None, 's': ''}"),
    ("date filter time on date", "{{ day|date:'H:i' }}", "{'day': d(2024, 12, 30)}"),
    ("time filter", "{{ when|time }} {{ when|time:'H:i' }} [{{ when|time:'Y' }}]", "{'when': dt(2024, 1, 5, 14, 30)}"),
    ("length_is", "{{ xs|length_is:2 }} {{ xs|length_is:'3' }} [{{ n|length_is:1 }}]", "{'xs': [1, 2], 'n': 5}"),
    ("striptags", "{{ s|striptags }}", "{'s': '<p>Hello <b>world</b> &amp; <!-- c --> 1 < 2</p>'}"),
    ("urlencode", "{{ s|urlencode }} {{ s|urlencode:'' }}", "{'s': 'a b/c?d=é&x'}"),
    ("cut", "{{ s|cut:' ' }}", "{'s': 'a b c'}"),
    ("dictsort", "{% for p in people|dictsort:'age' %}{{ p.name }}{% endfor %} {% for p in people|dictsortreversed:'name' %}{{ p.name }}{% endfor %}", "{'people': [{'name': 'b', 'age': 30}, {'name': 'a', 'age': 20}, {'name': 'c', 'age': 25}]}"),
    ("dictsort attr", "{% for i in items|dictsort:'price' %}{{ i.name }} {% endfor %}", "{'items': ITEMS}"),
    ("wordcount", "{{ s|wordcount }}", "{'s': 'one two  three\\nfour'}"),
    ("center ljust rjust", "[{{ s|center:7 }}][{{ s|ljust:5 }}][{{ s|rjust:5 }}]", "{'s': 'ab'}"),
    ("stringformat", "{{ n|stringformat:'03d' }} {{ f|stringformat:'.2f' }} {{ s|stringformat:'s' }} [{{ s|stringformat:'d' }}]", "{'n': 7, 'f': 3.14159, 's': 'x'}"),
    ("divisibleby", "{{ n|divisibleby:3 }} {{ n|divisibleby:'4' }}", "{'n': 9}"),
    ("make_list", "{{ s|make_list }} {{ n|make_list }}", "{'s': 'ab', 'n': 123}"),
    ("slugify", "{{ s|slugify }}", "{'s': ' Hello, World -- it_s  ME! '}"),
    ("addslashes escapejs", "{{ s|addslashes }} {{ s|escapejs }}", "{'s': 'I\\'m \"x\" <y>'}"),
    ("safeseq", "{{ xs|safeseq|join:',' }}", "{'xs': ['<a>', '<b>']}"),
    ("filter chain", "{{ s|lower|capfirst|truncatechars:6 }}", "{'s': 'HELLO THERE'}"),
    ("filter on literal", "{{ 'abc'|upper }} {{ 5|add:3 }}", "{}"),
    ("getitem then attr", "{{ m.known }} {{ m.other }} [{{ m.nope }}]", "{'m': Mapping()}"),
    ("negative index", "{{ xs.-1 }}", "{'xs': ['a', 'b']}"),
    ("missing chain", "[{{ d.missing.more }}] [{{ n.attr }}]", "{'d': {}, 'n': None}"),
    ("forloop dict", "{% for x in 'ab' %}{{ forloop }};{% endfor %}", "{}"),
    ("forloop filters", "{% for x in xs %}{% if forloop.counter|divisibleby:2 %}[{{ x }}]{% endif %}{% endfor %}", "{'xs': 'abcd'}"),
    ("if none comparison", "{% if n > 1 %}gt{% else %}nope{% endif %}{% if xs.0 == 'a' %}first-a{% endif %}", "{'n': None, 'xs': ['a']}"),
    ("if not missing", "{% if not nope %}not-missing{% endif %}{% if nope or 'x' %}or-x{% endif %}{% if nope and x %}and{% else %}no-and{% endif %}", "{}"),
    ("include list names", "{% include names %}", "{'names': ['nope.html', 'greet.html'], 'name': 'L'}"),
    ("include missing variable", "{% include nope %}", "{}"),
    ("include only with cycle", "{% for i in xs %}{% include 'greet.html' with name=i only %},{% endfor %}", "{'xs': [1, 2]}"),
    ("with shadowing", "{{ a }}{% with a='inner' %}{{ a }}{% with a=a|upper %}{{ a }}{% endwith %}{{ a }}{% endwith %}{{ a }}", "{'a': 'outer'}"),
    ("cycle set upward", "{% for x in xs %}{% with y=1 %}{% cycle 'p' 'q' as pq silent %}{% endwith %}{{ pq }}{% endfor %}", "{'xs': [1, 2, 3]}"),
    ("firstof autoescape off", "{% autoescape off %}{% firstof a b %}{% endautoescape %}", "{'a': '<i>x</i>'}"),
    ("spaceless text", "{% spaceless %} <p> a </p> <p>b</p> {% endspaceless %}", "{}"),
    ("linebreaksbr autoescape off", "{% autoescape off %}{{ s|linebreaksbr }}{% endautoescape %}", "{'s': '<b>\\n'}"),
    ("truncate edge", "[{{ s|truncatechars:0 }}][{{ s|truncatechars:-1 }}][{{ e|truncatechars:2 }}][{{ s|truncatewords:0 }}][{{ s|truncatewords:-1 }}]", "{'s': 'one two three', 'e': ''}"),
    ("floatformat grouping", "{{ a|floatformat:'g' }} {{ b|floatformat:'-2g' }} {{ c|floatformat }} {{ d|floatformat:-2 }} {{ z|floatformat:2 }}", "{'a': 10000, 'b': 1234567.891, 'c': 1e300, 'd': 0.0, 'z': -0.001}"),
    ("add failures", "[{{ n|add:'abc' }}] {{ s|add:'def' }} [{{ none|add:1 }}]", "{'n': 3, 's': 'abc', 'none': None}"),
    ("pluralize bad arg", "[{{ n|pluralize:'y,ies,extra' }}] {{ f|pluralize }}", "{'n': 2, 'f': 1.0}"),
    ("dictsort tuples", "{% for t in ts|dictsort:0 %}{{ t.1 }}{% endfor %}", "{'ts': [(3, 'c'), (1, 'a'), (2, 'b')]}"),
    ("date tz chars", "{{ when|date:'e T O Z I' }} {{ when|date:'W o r' }}", "{'when': dt(2021, 1, 3, 23, 59, 59)}"),
    ("date named formats", "{{ when|date:'DATETIME_FORMAT' }} | {{ when|date:'YEAR_MONTH_FORMAT' }} | {{ when|date:'MONTH_DAY_FORMAT' }} | {{ when|date:'SHORT_DATETIME_FORMAT' }}", "{'when': dt(2024, 7, 4, 12, 0)}"),
    ("date non date", "{{ n|date:'x' }} [{{ s|date:'Q' }}]", "{'n': 5, 's': 'abc'}"),
    ("now more", "{% now 'W o N a A f h G' %}", "{}"),
    ("filter is_safe keeps safe", "{{ s|safe|truncatechars:4 }} {{ s|safe|lower }}", "{'s': '<B>x'}"),
]
