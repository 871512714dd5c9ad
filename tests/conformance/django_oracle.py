#!/usr/bin/python3
"""django_oracle.py: runs a PipeLab scenario in REAL Django and reports what Django did.

The scenario (shared/spec/scenario-format.md) becomes a throw-away Django project in a temporary
directory: its code blocks become the modules of the `<app_label>` package, its settings go through
settings.configure() over the startproject defaults, its data is inserted like a fixture, and its
scripted requests run through django.test.Client with CaptureQueriesContext around each call.
The output is the same JSON `pipelab-cli trace FILE --json` emits, so the two can be compared
request by request (compare.py). README.md documents the mapping, the determinism scheme and the
source attribution rules; the constants below are the ones it names.

Usage:
  django_oracle.py SCENARIO.yaml [--json] [-o OUT] [--golden GOLDEN]
  django_oracle.py --check-expect SCENARIO.yaml|DIR [...]

Exit codes: 0 success, 1 scenario error or failed check, 2 usage error.
Needs Debian's python3-django 3.2 and PyYAML: run it with /usr/bin/python3.
"""

import argparse
import ast
import datetime as _datetime
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

import yaml

# ---------------------------------------------------------------------------------------------
# Determinism constants (README.md "Determinism"): the C++ side reproduces these.

# The clock is frozen at this instant for the whole run (setup and every request).
FROZEN_EPOCH = 1704067200  # 2024-01-01 00:00:00 UTC
FROZEN_UTC = _datetime.datetime(2024, 1, 1, 0, 0, 0)
SECRET_KEY = "pipelab-conformance-oracle-secret-key"
USER_PASSWORD = "!"  # every `users` row: an unusable password, fixed so session auth hashes are stable
SESSION_KEY_PREFIX = "session"  # n-th session key of the run: "session" + n zero-padded to 32 chars
CSRF_PREFIX = "csrf"  # n-th CSRF secret/salt draw: "csrf" + n zero-padded to 32 chars
GENERIC_PREFIX = "rand"  # any other get_random_string draw
TEST_HOST = "testserver"
# Savepoint ids are "s%s_x%d" % (thread ident, n): the ident is pinned so they read s1_x1, s1_x2 ...
THREAD_IDENT = 1

# Response headers left out of "headers": the body length depends on rendered bytes (tokens,
# debug pages) that are not part of the contract.
DROPPED_HEADERS = {"content-length"}

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class ScenarioError(Exception):
    """A problem in the scenario, reported as FILE:LINE:COL: error: MESSAGE."""

    def __init__(self, message, line=0, column=0):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


# ---------------------------------------------------------------------------------------------
# YAML 1.2 core schema on top of PyYAML's SafeLoader (which implements YAML 1.1).

class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema: only true/false are booleans (yes/no/on/off stay
    strings), no sexagesimal or `_` integers, no timestamps, no merge keys, and 012 is decimal."""


Yaml12Loader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _regexp, _first in _RESOLVERS:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def _construct_int12(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _construct_float12(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float12)


def load_yaml12(text):
    """Return (document, root node): the constructed value and the composed node tree with marks."""
    loader = Yaml12Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def mapping_child(node, key):
    """The value node of `key` in a mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def block_start_line(node):
    """1-based YAML line of a scalar's first content line: the line after `|`/`>` for block
    scalars, the scalar's own line otherwise."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line


def node_pos(node):
    if node is None:
        return 0, 0
    return node.start_mark.line + 1, node.start_mark.column + 1


# ---------------------------------------------------------------------------------------------
# The scenario, as much of it as the oracle needs.

TOP_LEVEL_KEYS = {
    "format", "name", "summary", "description", "app_label", "settings", "models", "data",
    "users", "urls", "views", "templates", "middleware", "signals", "apps", "requests", "load",
    "costs", "expect", "lesson",
}
CODE_KEYS = ("models", "urls", "views", "middleware", "signals", "apps")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


class Scenario:
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as handle:
            self.text = handle.read()
        try:
            self.doc, self.root = load_yaml12(self.text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            raise ScenarioError("invalid YAML: %s" % getattr(exc, "problem", exc), line, column)
        if not isinstance(self.doc, dict):
            raise ScenarioError("a scenario is a YAML mapping", 1, 1)
        for key_node, _ in self.root.value:
            if key_node.value not in TOP_LEVEL_KEYS:
                raise ScenarioError("unknown top-level key '%s'" % key_node.value, *node_pos(key_node))
        for key in ("format", "name", "models", "urls", "views", "requests"):
            if key not in self.doc:
                raise ScenarioError("missing required key '%s'" % key, 1, 1)
        self.name = str(self.doc["name"])
        self.app_label = str(self.doc.get("app_label") or "shop")
        if not re.match(r"^[a-z_][a-z0-9_]*$", self.app_label):
            raise ScenarioError("app_label must be a lowercase Python identifier",
                                *node_pos(mapping_child(self.root, "app_label")))
        self.code = {}        # key -> text
        self.code_line = {}   # key -> YAML line of the block's first content line
        for key in CODE_KEYS:
            if self.doc.get(key) is None:
                continue
            if not isinstance(self.doc[key], str):
                raise ScenarioError("'%s' must be a block of Python source" % key,
                                    *node_pos(mapping_child(self.root, key)))
            self.code[key] = self.doc[key]
            self.code_line[key] = block_start_line(mapping_child(self.root, key))
        self.templates = {}       # name -> source
        self.template_line = {}   # name -> YAML line of its first content line
        templates_node = mapping_child(self.root, "templates")
        for key_node, value_node in (templates_node.value if templates_node is not None else []):
            source = (self.doc["templates"] or {}).get(key_node.value)
            if not isinstance(source, str):
                raise ScenarioError("template '%s' must be a string" % key_node.value, *node_pos(value_node))
            self.templates[key_node.value] = source
            self.template_line[key_node.value] = block_start_line(value_node)
        self.settings = self.doc.get("settings") or {}
        if not isinstance(self.settings, dict):
            raise ScenarioError("'settings' must be a mapping", *node_pos(mapping_child(self.root, "settings")))
        self.users = self._users()
        self.requests = self._requests()

    def pos_of(self, *keys):
        """(line, column) of a nested node given mapping keys / sequence indices."""
        node = self.root
        for key in keys:
            if isinstance(key, int) and isinstance(node, yaml.SequenceNode):
                node = node.value[key] if key < len(node.value) else None
            else:
                node = mapping_child(node, key)
            if node is None:
                return 0, 0
        return node_pos(node)

    def _users(self):
        users = []
        for index, item in enumerate(self.doc.get("users") or []):
            if not isinstance(item, dict) or not isinstance(item.get("username"), str):
                raise ScenarioError("a user is a mapping with a 'username'", *self.pos_of("users", index))
            users.append(item)
        return users

    def _requests(self):
        items = self.doc["requests"]
        if not isinstance(items, list) or not items:
            raise ScenarioError("'requests' must be a non-empty list", *self.pos_of("requests"))
        expanded = []
        usernames = {user["username"] for user in self.users}
        for position, item in enumerate(items):
            pos = self.pos_of("requests", position)
            if isinstance(item, str):
                parts = item.split()
                if len(parts) != 2:
                    raise ScenarioError("a request string is \"METHOD /path/\"", *pos)
                request = {"method": parts[0], "path": parts[1]}
            elif isinstance(item, dict):
                request = dict(item)
            else:
                raise ScenarioError("a request is a string or a mapping", *pos)
            request["method"] = str(request.get("method", "GET")).upper()
            if request["method"] not in METHODS:
                raise ScenarioError("unknown method '%s'" % request["method"], *pos)
            if not isinstance(request.get("path"), str) or not request["path"].startswith("/"):
                raise ScenarioError("a request needs a 'path' starting with '/'", *pos)
            if request.get("user") is not None and request["user"] not in usernames:
                raise ScenarioError("unknown user '%s'" % request["user"], *pos)
            if request.get("csrf", "valid") not in ("valid", "missing"):
                raise ScenarioError("csrf is 'valid' or 'missing'", *pos)
            repeat = request.get("repeat", 1)
            if not isinstance(repeat, int) or repeat < 1:
                raise ScenarioError("repeat must be a positive integer", *pos)
            for _ in range(repeat):
                expanded.append(request)
        return expanded


# ---------------------------------------------------------------------------------------------
# The generated project.

PRELUDES = {
    "models": "from django.db import models; from django.contrib.auth.models import User",
    "urls": "from django.urls import path, re_path, include; from . import views",
    "apps": "from django.apps import AppConfig",
}
_CODE_PRELUDE = "; ".join([
    "from django.shortcuts import render, redirect, get_object_or_404, get_list_or_404",
    "from django.http import HttpResponse, JsonResponse, Http404, HttpResponseRedirect, "
    "HttpResponseForbidden, HttpResponseNotFound",
    "from django.urls import reverse",
    "from django.db import transaction",
    "from django.db.models import Q, F, Count, Sum, Avg, Max, Min, Prefetch",
    "from django.core.cache import cache",
    "from django.views.decorators.cache import cache_page, never_cache",
    "from django.views.decorators.vary import vary_on_cookie, vary_on_headers",
    "from django.views.decorators.csrf import csrf_exempt",
    "from django.views.decorators.http import require_POST, require_GET, require_http_methods",
    "from django.contrib.auth.decorators import login_required",
    "from django.contrib.auth.mixins import LoginRequiredMixin",
    "from django.contrib.auth.models import User",
    "from django.views.generic import View, TemplateView, ListView, DetailView",
    "from django.db.models.signals import pre_save, post_save, pre_delete, post_delete, m2m_changed",
    "from django.core.signals import request_started, request_finished",
    "from django.contrib.auth.signals import user_logged_in, user_logged_out",
    "from django.dispatch import receiver, Signal",
    "from .models import *",
])
for _key in ("views", "middleware", "signals"):
    PRELUDES[_key] = _CODE_PRELUDE
# Every module is its prelude on line 1 followed by the block: module line L is block line L-1.
PRELUDE_LINES = 1

CACHE_BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "redis": "django.core.cache.backends.locmem.LocMemCache",      # runs as locmem (spec)
    "memcached": "django.core.cache.backends.locmem.LocMemCache",  # runs as locmem (spec)
    "db": "django.core.cache.backends.db.DatabaseCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
    "filebased": "django.core.cache.backends.filebased.FileBasedCache",
}
CACHE_BACKEND_ALIASES = {
    "django.core.cache.backends.locmem.LocMemCache": "locmem",
    "django.core.cache.backends.redis.RedisCache": "redis",
    "django.core.cache.backends.memcached.PyMemcacheCache": "memcached",
    "django.core.cache.backends.memcached.PyLibMCCache": "memcached",
    "django.core.cache.backends.memcached.MemcachedCache": "memcached",
    "django.core.cache.backends.db.DatabaseCache": "db",
    "django.core.cache.backends.dummy.DummyCache": "dummy",
    "django.core.cache.backends.filebased.FileBasedCache": "filebased",
}
SESSION_ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "signed_cookies": "django.contrib.sessions.backends.signed_cookies",
}
DEFAULT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Settings the oracle owns: a scenario value for them is ignored with a warning.
OWNED_SETTINGS = {"INSTALLED_APPS", "ROOT_URLCONF", "TEMPLATES", "SECRET_KEY"}


def app_config_path(scenario):
    """Dotted path of the AppConfig subclass in `apps`, or the plain app label."""
    if "apps" not in scenario.code:
        return scenario.app_label
    try:
        tree = ast.parse(scenario.code["apps"])
    except SyntaxError as exc:
        raise ScenarioError("apps: %s" % exc.msg, scenario.code_line["apps"] + (exc.lineno or 1) - 1,
                            exc.offset or 1)
    for statement in tree.body:
        if isinstance(statement, ast.ClassDef):
            for base in statement.bases:
                if (isinstance(base, ast.Name) and base.id == "AppConfig") or \
                        (isinstance(base, ast.Attribute) and base.attr == "AppConfig"):
                    return "%s.apps.%s" % (scenario.app_label, statement.name)
    raise ScenarioError("apps: no AppConfig subclass", scenario.code_line["apps"], 1)


def write_project(scenario, root):
    """Write the app package and the root urlconf under `root`; return {kind: module file}."""
    package = os.path.join(root, scenario.app_label)
    os.makedirs(os.path.join(package, "templates"))
    with open(os.path.join(package, "__init__.py"), "w", encoding="utf-8"):
        pass
    files = {}
    for key in CODE_KEYS:
        body = scenario.code.get(key)
        if body is None and key not in ("models", "urls", "views"):
            continue
        path = os.path.join(package, key + ".py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(PRELUDES[key] + "\n" + (body or ""))
        files[key] = path
    for name, source in scenario.templates.items():
        path = os.path.normpath(os.path.join(package, "templates", name))
        if not path.startswith(os.path.join(package, "templates") + os.sep):
            raise ScenarioError("template name '%s' leaves the templates folder" % name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(source)
    with open(os.path.join(root, "pipelab_root_urls.py"), "w", encoding="utf-8") as handle:
        handle.write("from django.urls import include, path\n"
                     "urlpatterns = [path('', include('%s.urls'))]\n" % scenario.app_label)
    return files


def build_settings(scenario, cache_dir, warn):
    given = dict(scenario.settings)
    for name in sorted(OWNED_SETTINGS & set(given)):
        warn("settings.%s is fixed by the oracle and ignored" % name)
        given.pop(name)
    debug = bool(given.pop("DEBUG", False))
    middleware = given.pop("MIDDLEWARE", DEFAULT_MIDDLEWARE)
    caches = {}
    for alias, config in (given.pop("CACHES", None) or {"default": {"BACKEND": "locmem"}}).items():
        config = dict(config or {})
        backend = str(config.get("BACKEND", "locmem"))
        short = CACHE_BACKEND_ALIASES.get(backend, backend)
        if short not in CACHE_BACKENDS:
            raise ScenarioError("CACHES.%s: unknown backend '%s'" % (alias, backend),
                                *scenario.pos_of("settings", "CACHES", alias))
        config["BACKEND"] = CACHE_BACKENDS[short]
        if short == "db":
            config.setdefault("LOCATION", "cache_table")
        elif short == "filebased":
            config["LOCATION"] = os.path.join(cache_dir, "cache-" + alias)
        elif short in ("redis", "memcached"):
            config["LOCATION"] = "%s-%s" % (short, alias)
            config.pop("OPTIONS", None)
        caches[alias] = config
    engine = str(given.pop("SESSION_ENGINE", "db"))
    engine = SESSION_ENGINES.get(engine, engine)
    if engine not in SESSION_ENGINES.values():
        raise ScenarioError("unknown SESSION_ENGINE '%s'" % engine, *scenario.pos_of("settings", "SESSION_ENGINE"))
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    for key, value in ((given.pop("DATABASES", None) or {}).get("default") or {}).items():
        if key in ("ATOMIC_REQUESTS", "AUTOCOMMIT", "CONN_MAX_AGE"):
            database[key] = value
    settings = {
        "DEBUG": debug,
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": [TEST_HOST],
        "INSTALLED_APPS": [
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.sessions",
            "django.contrib.messages",
            app_config_path(scenario),
        ],
        "MIDDLEWARE": list(middleware),
        "ROOT_URLCONF": "pipelab_root_urls",
        "TEMPLATES": [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [],
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]},
        }],
        "DATABASES": {"default": database},
        "CACHES": caches,
        "SESSION_ENGINE": engine,
        "LANGUAGE_CODE": "en-us",
        "TIME_ZONE": "UTC",
        "USE_I18N": True,
        "USE_L10N": True,
        "USE_TZ": True,
        "STATIC_URL": "/static/",
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        # Current Django's default (4.0+); SecurityMiddleware is patched to honour it.
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    }
    if given.get("CSRF_USE_SESSIONS"):
        warn("CSRF_USE_SESSIONS: the oracle's CSRF cookie set-up does not cover session-stored tokens")
    settings.update(given)  # everything else: real Django names, passed through
    return settings


# ---------------------------------------------------------------------------------------------
# Determinism and 3.2 -> current Django normalisation patches.

class _Counter:
    def __init__(self, prefix):
        self.prefix = prefix
        self.count = 0

    def __call__(self, length=12, allowed_chars=None):
        self.count += 1
        return (self.prefix + str(self.count).zfill(max(length - len(self.prefix), 1)))[-length:]


def freeze_clock():
    """Freeze time.time() and datetime.now()/utcnow() as Django sees them (before Django loads)."""
    os.environ["TZ"] = "UTC"
    time.tzset()
    time.time = lambda: float(FROZEN_EPOCH)

    class FrozenDatetime(_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            if tz is None:
                return FROZEN_UTC
            return FROZEN_UTC.replace(tzinfo=_datetime.timezone.utc).astimezone(tz)

        @classmethod
        def utcnow(cls):
            return FROZEN_UTC

    return FrozenDatetime


def pin_thread_ident():
    """Before any connection exists: Django's database wrapper sees one fixed thread ident."""
    import types

    import django.db.backends.base.base as backend_base
    backend_base._thread = types.SimpleNamespace(get_ident=lambda: THREAD_IDENT)


def install_patches(frozen_datetime):
    """Patches applied after django.setup(); README.md lists each one and why."""
    import django.contrib.sessions.backends.base as session_base
    import django.core.cache.backends.db as db_cache
    import django.middleware.csrf as csrf
    import django.utils.crypto as crypto
    import django.utils.timezone as timezone
    from django.conf import settings
    from django.middleware.common import CommonMiddleware
    from django.middleware.security import SecurityMiddleware
    from django.utils.log import AdminEmailHandler

    timezone.datetime = frozen_datetime
    db_cache.datetime = frozen_datetime
    session_base.get_random_string = _Counter(SESSION_KEY_PREFIX)
    csrf.get_random_string = _Counter(CSRF_PREFIX)
    crypto.get_random_string = _Counter(GENERIC_PREFIX)

    # Current Django (4.2, ticket #33700) checks APPEND_SLASH in process_request only when it is
    # already redirecting for PREPEND_WWW; otherwise the slash redirect happens in
    # process_response after a 404 (3.2's process_response already does that part).
    def common_process_request(self, request):
        user_agent = request.META.get("HTTP_USER_AGENT")
        if user_agent is not None:
            for user_agent_regex in settings.DISALLOWED_USER_AGENTS:
                if user_agent_regex.search(user_agent):
                    from django.core.exceptions import PermissionDenied
                    raise PermissionDenied("Forbidden user agent")
        host = request.get_host()
        if settings.PREPEND_WWW and host and not host.startswith("www."):
            if self.should_redirect_with_slash(request):
                path = self.get_full_path_with_slash(request)
            else:
                path = request.get_full_path()
            return self.response_redirect_class("%s://www.%s%s" % (request.scheme, host, path))
        return None

    CommonMiddleware.process_request = common_process_request

    # Current Django (4.0+) sends Cross-Origin-Opener-Policy (SECURE_CROSS_ORIGIN_OPENER_POLICY).
    security_process_response = SecurityMiddleware.process_response

    def security_process_response_coop(self, request, response):
        response = security_process_response(self, request, response)
        policy = getattr(settings, "SECURE_CROSS_ORIGIN_OPENER_POLICY", None)
        if policy:
            response.headers.setdefault("Cross-Origin-Opener-Policy", policy)
        return response

    SecurityMiddleware.process_response = security_process_response_coop

    # Current Django (5.1, ticket #35364): AdminEmailHandler does nothing when ADMINS is empty.
    # 3.2 renders the full traceback (frame locals' reprs, str(request.user)) first, which can
    # send queries on every 500 response.
    admin_emit = AdminEmailHandler.emit

    def admin_emit_if_admins(self, record):
        if not settings.ADMINS and type(self).send_mail is AdminEmailHandler.send_mail:
            return
        admin_emit(self, record)

    AdminEmailHandler.emit = admin_emit_if_admins


def normalise_error(exc_info):
    """{type, message} of an exception escaping to the handler, in current Django's terms."""
    exc_type, exc, tb = exc_info
    name = getattr(exc_type, "__qualname__", exc_type.__name__)
    last = tb
    while last is not None and last.tb_next is not None:
        last = last.tb_next
    # 3.2 asserts where current Django (4.0, ticket #32508) raises ImproperlyConfigured, same message:
    # AuthenticationMiddleware and the messages' SessionStorage without a session.
    asserting = (os.path.join("contrib", "auth", "middleware.py"),
                 os.path.join("contrib", "messages", "storage", "session.py"))
    if exc_type is AssertionError and last is not None and \
            last.tb_frame.f_code.co_filename.endswith(asserting):
        name = "ImproperlyConfigured"
    return {"type": name, "message": str(exc)}


# ---------------------------------------------------------------------------------------------
# Source attribution.

class SourceTracker:
    """An execute wrapper that records, for every query, where in the scenario it was caused."""

    def __init__(self, scenario, module_files):
        from django.template.base import Node
        self.scenario = scenario
        self.render_code = Node.render_annotated.__code__
        self.kinds = {}
        for kind in ("views", "middleware", "signals"):
            if kind in module_files:
                self.kinds[os.path.realpath(module_files[kind])] = kind
                self.kinds[module_files[kind]] = kind
        self.capturing = False
        self.sources = []

    def __call__(self, execute, sql, params, many, context):
        if self.capturing:
            self.sources.append(self.attribute(sys._getframe(1)))
        return execute(sql, params, many, context)

    def attribute(self, frame):
        while frame is not None:
            code = frame.f_code
            if code is self.render_code:
                source = self.template_source(frame.f_locals.get("self"))
                if source:
                    return source
            else:
                kind = self.kinds.get(code.co_filename)
                if kind:
                    line = self.scenario.code_line[kind] + frame.f_lineno - PRELUDE_LINES - 1
                    return "%s:%d" % (kind, line)
            frame = frame.f_back
        return "django"

    def template_source(self, node):
        origin = getattr(node, "origin", None)
        token = getattr(node, "token", None)
        name = getattr(origin, "template_name", None)
        if name not in self.scenario.template_line or token is None or token.lineno is None:
            return None
        return "templates/%s:%d" % (name, self.scenario.template_line[name] + token.lineno - 1)


# ---------------------------------------------------------------------------------------------
# Data (spec section 3).

def _pattern(value, i):
    return value.replace("{i}", str(i)) if isinstance(value, str) else value


def generator_value(scenario, model_name, field, spec, i, target_count, pos):
    """The value of one generator for 1-based row i (an id for relations)."""
    if not isinstance(spec, dict):
        return _pattern(spec, i)
    null_every = spec.get("null_every")
    if null_every is not None:
        if not isinstance(null_every, int) or null_every < 1:
            raise ScenarioError("null_every must be a positive integer", *pos)
        if i % null_every == 0:
            return None
    if "cycle" in spec:
        items = spec["cycle"]
        if not isinstance(items, list) or not items:
            raise ScenarioError("cycle needs a non-empty list", *pos)
        return items[(i - 1) % len(items)]
    if "seq" in spec:
        return spec["seq"] + (i - 1) * spec.get("step", 1)
    if "fk" in spec:
        kind = spec["fk"]
        if target_count < 1:
            raise ScenarioError("%s.%s: the related model has no rows" % (model_name, field.name), *pos)
        if kind == "cycle":
            return (i - 1) % target_count + 1
        if kind == "block":
            per = spec.get("per")
            if not isinstance(per, int) or per < 1:
                raise ScenarioError("fk: block needs 'per', a positive integer", *pos)
            return min((i - 1) // per, target_count - 1) + 1
        if isinstance(kind, int) and not isinstance(kind, bool):
            return kind
        raise ScenarioError("fk is 'cycle', 'block' or an id", *pos)
    if "value" in spec:
        return _pattern(spec["value"], i)
    raise ScenarioError("unknown generator %s" % sorted(spec), *pos)


def create_data(scenario):
    from django.apps import apps
    from django.contrib.auth.models import User
    from django.db import models as djmodels
    from django.db import transaction

    data = scenario.doc.get("data") or {}
    if not isinstance(data, dict):
        raise ScenarioError("'data' must be a mapping", *scenario.pos_of("data"))
    app = apps.get_app_config(scenario.app_label)
    resolved = []
    counts = {User: len(scenario.users)}
    for model_name, block in data.items():
        pos = scenario.pos_of("data", model_name)
        try:
            model = app.get_model(model_name)
        except LookupError:
            raise ScenarioError("data: no model '%s' in %s.models" % (model_name, scenario.app_label), *pos)
        if not isinstance(block, dict) or not isinstance(block.get("count"), int) or block["count"] < 0:
            raise ScenarioError("data.%s needs 'count', a non-negative integer" % model_name, *pos)
        resolved.append((model_name, model, block))
        counts[model] = block["count"]

    with transaction.atomic():
        users = []
        for index, item in enumerate(scenario.users, start=1):
            users.append(User(id=index, username=item["username"], password=USER_PASSWORD,
                              email=item.get("email") or "", is_staff=bool(item.get("is_staff", False)),
                              is_superuser=bool(item.get("is_superuser", False))))
        User.objects.bulk_create(users)
        for model_name, model, block in resolved:
            fields = block.get("fields") or {}
            concrete = {}
            m2m = {}
            for name, spec in fields.items():
                pos = scenario.pos_of("data", model_name, "fields", name)
                try:
                    field = model._meta.get_field(name)
                except Exception:
                    raise ScenarioError("data.%s: no field '%s'" % (model_name, name), *pos)
                if field.many_to_many and not field.auto_created:
                    if not isinstance(spec, dict) or not isinstance(spec.get("m2m"), int):
                        raise ScenarioError("%s.%s: a ManyToManyField takes {m2m: K}" % (model_name, name), *pos)
                    m2m[name] = (field, spec, pos)
                elif getattr(field, "concrete", False) and not field.auto_created:
                    concrete[name] = (field, spec, pos)
                else:
                    raise ScenarioError("data.%s: '%s' cannot be generated" % (model_name, name), *pos)
            for field in model._meta.concrete_fields:
                if field.primary_key or field.name in concrete:
                    continue
                if field.has_default() or field.null or getattr(field, "auto_now_add", False) or \
                        getattr(field, "auto_now", False) or \
                        (field.empty_strings_allowed and not isinstance(field, djmodels.ForeignKey)):
                    continue
                raise ScenarioError("data.%s: field '%s' has no generator, no default and is not null"
                                    % (model_name, field.name), *scenario.pos_of("data", model_name))
            rows = []
            through_rows = {}
            for i in range(1, block["count"] + 1):
                values = {"pk": i}
                for name, (field, spec, pos) in concrete.items():
                    target = counts.get(field.related_model, 0) if field.is_relation else 0
                    value = generator_value(scenario, model_name, field, spec, i, target, pos)
                    values[field.attname] = value
                rows.append(model(**values))
                for name, (field, spec, pos) in m2m.items():
                    target_count = counts.get(field.related_model, 0)
                    if target_count < 1:
                        raise ScenarioError("%s.%s: the related model has no rows" % (model_name, name), *pos)
                    through = field.remote_field.through
                    source_attname = through._meta.get_field(field.m2m_field_name()).attname
                    target_attname = through._meta.get_field(field.m2m_reverse_field_name()).attname
                    k = spec["m2m"]
                    if spec.get("null_every") and i % spec["null_every"] == 0:
                        continue
                    for j in range(k):
                        through_rows.setdefault(through, []).append(
                            through(**{source_attname: i, target_attname: (i - 1 + j) % target_count + 1}))
            model.objects.bulk_create(rows)
            for through, links in through_rows.items():
                through.objects.bulk_create(links)


# ---------------------------------------------------------------------------------------------
# Running the requests.

def login_browsers(scenario):
    """One Client per browser; named users are logged in (force_login's mechanism) before the first
    request, in order of first appearance in `requests`."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.contrib.auth.models import User
    from django.http import HttpRequest
    from django.test import Client

    clients = {}
    for request in scenario.requests:
        user = request.get("user")
        if user in clients:
            continue
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        if user is not None:
            # Client.force_login would first create (and save) a throw-away session through
            # Client.session; building the login request directly spends exactly one session key.
            engine = import_module(settings.SESSION_ENGINE)
            fake = HttpRequest()
            fake.session = engine.SessionStore()
            login(fake, User.objects.get(username=user), "django.contrib.auth.backends.ModelBackend")
            fake.session.save()
            client.cookies[settings.SESSION_COOKIE_NAME] = fake.session.session_key
        clients[user] = client
    return clients


def request_kwargs(request, client):
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_token

    method = request["method"]
    path = request["path"]
    form = request.get("data") or {}
    extra = {}
    for name, value in (request.get("headers") or {}).items():
        key = str(name).upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            key = "HTTP_" + key
        extra[key] = str(value)
    secure = bool(request.get("secure", False))
    body = ""
    content_type = "application/octet-stream"
    if method in ("GET", "HEAD"):
        if form:
            path += ("&" if "?" in path else "?") + urlencode(form, doseq=True)
    else:
        body = urlencode(form, doseq=True)
        content_type = "application/x-www-form-urlencoded"
    if method not in SAFE_METHODS and request.get("csrf", "valid") == "valid":
        cookie_name = settings.CSRF_COOKIE_NAME
        if cookie_name not in client.cookies or not client.cookies[cookie_name].value:
            client.cookies[cookie_name] = _get_new_csrf_token()
        extra.setdefault("HTTP_X_CSRFTOKEN", client.cookies[cookie_name].value)
        if secure:
            extra.setdefault("HTTP_REFERER", "https://%s/" % TEST_HOST)
    return dict(method=method, path=path, data=body, content_type=content_type, secure=secure, **extra)


def response_headers(response):
    headers = {name: value for name, value in response.items() if name.lower() not in DROPPED_HEADERS}
    if response.cookies:
        headers["Set-Cookie"] = ", ".join(sorted(response.cookies.keys()))
    return dict(sorted(headers.items(), key=lambda item: item[0].lower()))


def run_requests(scenario, tracker):
    from django.core.signals import got_request_exception
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = login_browsers(scenario)
    errors = []

    def on_exception(sender, request=None, **kwargs):
        if not errors:
            errors.append(sys.exc_info())

    got_request_exception.connect(on_exception, dispatch_uid="pipelab-oracle")
    results = []
    for index, request in enumerate(scenario.requests):
        client = clients[request.get("user")]
        kwargs = request_kwargs(request, client)
        errors.clear()
        connection.queries_log.clear()
        tracker.sources = []
        status = None
        response = None
        with CaptureQueriesContext(connection) as captured:
            tracker.capturing = True
            try:
                response = client.generic(**kwargs)
            except Exception:  # escaped the handler (e.g. a request_finished receiver)
                if not errors:
                    errors.append(sys.exc_info())
                status = 500
            finally:
                tracker.capturing = False
        queries = [q["sql"] for q in captured.captured_queries]
        sources = tracker.sources
        if len(sources) != len(queries):
            sources = (sources + ["django"] * len(queries))[:len(queries)]
        if response is not None:
            status = response.status_code
        error = normalise_error(errors[0]) if errors and status == 500 else None
        results.append({
            "index": index,
            "method": request["method"],
            "path": request["path"],
            "status": status,
            "queries": [{"sql": sql, "source": source} for sql, source in zip(queries, sources)],
            "error": error,
            "headers": response_headers(response) if response is not None else {},
        })
    got_request_exception.disconnect(dispatch_uid="pipelab-oracle")
    return results


# ---------------------------------------------------------------------------------------------
# Start-up.

def map_import_error(scenario, module_files, exc):
    """A ScenarioError at the YAML line of the innermost scenario-module frame of `exc`."""
    files = {os.path.realpath(path): kind for kind, path in module_files.items()}
    if isinstance(exc, SyntaxError) and exc.filename and os.path.realpath(exc.filename) in files:
        kind = files[os.path.realpath(exc.filename)]
        line = scenario.code_line.get(kind, 0) + (exc.lineno or 1) - PRELUDE_LINES - 1
        return ScenarioError("%s: SyntaxError: %s" % (kind, exc.msg), line, max((exc.offset or 1), 1))
    found = None
    tb = exc.__traceback__
    while tb is not None:
        kind = files.get(os.path.realpath(tb.tb_frame.f_code.co_filename))
        if kind:
            found = (kind, tb.tb_lineno)
        tb = tb.tb_next
    if found:
        kind, lineno = found
        line = scenario.code_line.get(kind, 0) + lineno - PRELUDE_LINES - 1
        return ScenarioError("%s: %s: %s" % (kind, type(exc).__name__, exc), line, 1)
    return ScenarioError("Django start-up failed: %s: %s" % (type(exc).__name__, exc))


def run_scenario(scenario, warn):
    """Build the project, start Django, create the data, run the requests; return the trace."""
    sys.dont_write_bytecode = True
    frozen = freeze_clock()
    root = tempfile.mkdtemp(prefix="pipelab-oracle-")
    try:
        module_files = write_project(scenario, root)
        sys.path.insert(0, root)
        import django
        from django.conf import settings
        pin_thread_ident()
        settings.configure(**build_settings(scenario, root, warn))
        try:
            django.setup()
            install_patches(frozen)
            from django.urls import get_resolver
            get_resolver().url_patterns  # import urls and views like the first request would
            for kind in ("middleware",):
                if kind in module_files:
                    __import__("%s.%s" % (scenario.app_label, kind))
            from django.core.handlers.base import BaseHandler
            BaseHandler().load_middleware()
        except ScenarioError:
            raise
        except Exception as exc:
            raise map_import_error(scenario, module_files, exc)
        quiet_console_logging()

        from django.apps import apps
        from django.core.management import call_command
        from django.db import connection
        with connection.schema_editor() as editor:
            for model in apps.get_models():
                editor.create_model(model)
        if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
            call_command("createcachetable", verbosity=0)
        create_data(scenario)
        tracker = SourceTracker(scenario, module_files)
        connection.execute_wrappers.append(tracker)
        return {"scenario": scenario.name, "requests": run_requests(scenario, tracker)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def quiet_console_logging():
    """django.request logs 4xx/5xx to the console when DEBUG is on; keep stdout/stderr clean."""
    import logging
    for handler in logging.getLogger("django").handlers:
        if type(handler) is logging.StreamHandler:
            handler.setStream(open(os.devnull, "w"))


# ---------------------------------------------------------------------------------------------
# Output, expectations, goldens.

def to_json(trace):
    return json.dumps(trace, indent=2, ensure_ascii=False) + "\n"


def report_text(trace):
    lines = ["scenario: %s" % trace["scenario"]]
    for request in trace["requests"]:
        error = request["error"]
        lines.append("[%d] %s %s -> %s, %d queries%s" % (
            request["index"], request["method"], request["path"], request["status"],
            len(request["queries"]), ", %s: %s" % (error["type"], error["message"]) if error else ""))
        for number, query in enumerate(request["queries"], start=1):
            lines.append("    %3d %-28s %s" % (number, query["source"], query["sql"]))
        for name, value in request["headers"].items():
            lines.append("    | %s: %s" % (name, value))
    return "\n".join(lines) + "\n"


def check_expectations(scenario, trace):
    """Lines, one per failed expectation (empty when all hold). Load expectations are skipped."""
    failures = []
    for position, item in enumerate(scenario.doc.get("expect") or []):
        line, column = scenario.pos_of("expect", position)
        where = "%s:%d:%d: expectation failed: " % (scenario.path, line, column)
        if not isinstance(item, dict) or "request" not in item:
            continue  # {load: ...}: the oracle runs no load
        index = item["request"]
        if not isinstance(index, int) or not 0 <= index < len(trace["requests"]):
            failures.append(where + "no request %r" % (index,))
            continue
        got = trace["requests"][index]
        if "status" in item and item["status"] != got["status"]:
            failures.append(where + "request %d: status %s expected, got %s" % (index, item["status"], got["status"]))
        if "queries" in item and item["queries"] != len(got["queries"]):
            failures.append(where + "request %d: %s queries expected, got %d" % (index, item["queries"], len(got["queries"])))
        if "error" in item:
            expected = item["error"]
            actual = got["error"]["type"] if got["error"] else None
            names = {actual, actual.rsplit(".", 1)[-1]} if actual else {None}
            if expected not in names:
                failures.append(where + "request %d: error %s expected, got %s" % (index, expected, actual))
        for name, value in (item.get("header") or {}).items():
            actual = {k.lower(): v for k, v in got["headers"].items()}.get(str(name).lower())
            if actual != str(value):
                failures.append(where + "request %d: header %s: %r expected, got %r" % (index, name, str(value), actual))
    return failures


def run_one(path, args):
    warnings = []

    def warn(message):
        warnings.append(message)

    try:
        scenario = Scenario(path)
        trace = run_scenario(scenario, warn)
    except ScenarioError as exc:
        print("%s:%d:%d: error: %s" % (path, exc.line, exc.column, exc.message), file=sys.stderr)
        return EXIT_FAIL
    for message in warnings:
        print("%s: warning: %s" % (path, message), file=sys.stderr)
    text = to_json(trace)
    if args.check_expect:
        failures = check_expectations(scenario, trace)
        for line in failures:
            print(line)
        if not failures:
            print("%s: ok (%d expectations)" % (path, len(scenario.doc.get("expect") or [])))
        return EXIT_FAIL if failures else EXIT_OK
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    if args.golden:
        with open(args.golden, encoding="utf-8") as handle:
            golden = handle.read()
        if golden != text:
            diff = difflib.unified_diff(golden.splitlines(), text.splitlines(), args.golden, "oracle", lineterm="")
            for number, line in enumerate(diff):
                if number >= 200:
                    print("... (diff truncated)")
                    break
                print(line)
            return EXIT_FAIL
        print("%s: matches %s" % (path, args.golden))
        return EXIT_OK
    if not args.output:
        sys.stdout.write(text if args.json else report_text(trace))
    return EXIT_OK


def expand_paths(paths):
    out = []
    for path in paths:
        if os.path.isdir(path):
            out.extend(sorted(os.path.join(path, name) for name in os.listdir(path)
                              if name.endswith((".yaml", ".yml"))))
        else:
            out.append(path)
    return out


def main(argv):
    parser = argparse.ArgumentParser(description="Run a PipeLab scenario in real Django (the oracle).")
    parser.add_argument("scenarios", nargs="+", help="scenario files (or directories with --check-expect)")
    parser.add_argument("--json", action="store_true", help="print the trace JSON (pipelab-cli trace --json)")
    parser.add_argument("-o", "--output", help="write the trace JSON to this file")
    parser.add_argument("--golden", help="compare the trace JSON with this file byte for byte")
    parser.add_argument("--check-expect", action="store_true",
                        help="check the scenario's expect items; a line per failure")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    paths = expand_paths(args.scenarios)
    if not paths:
        print("no scenario files", file=sys.stderr)
        return EXIT_USAGE
    if len(paths) > 1:
        if not args.check_expect:
            print("several scenarios need --check-expect", file=sys.stderr)
            return EXIT_USAGE
        # settings.configure() works once per process: one child per scenario.
        worst = EXIT_OK
        for path in paths:
            code = subprocess.call([sys.executable, os.path.abspath(__file__), "--check-expect", path])
            worst = max(worst, code)
        return worst
    return run_one(paths[0], args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
