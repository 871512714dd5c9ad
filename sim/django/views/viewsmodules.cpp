// Views-side Django modules (see viewsmodules.h).
#include "sim/django/views/viewsmodules.h"

#include "sim/django/views/pickler.h"
#include "sim/python/interpreter.h"

#include <cmath>

namespace pipelab::django::views {

namespace {

constexpr const char* kDispatchSource = R"PY(
class Signal:
    def __init__(self, providing_args=None, use_caching=False):
        self.receivers = []

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None):
        if dispatch_uid is not None:
            lookup_key = (dispatch_uid, id(sender))
        else:
            lookup_key = (id(receiver), id(sender))
        for entry in self.receivers:
            if entry[0] == lookup_key:
                return
        self.receivers.append((lookup_key, receiver, sender))

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None):
        if dispatch_uid is not None:
            lookup_key = (dispatch_uid, id(sender))
        else:
            lookup_key = (id(receiver), id(sender))
        for index in range(len(self.receivers)):
            if self.receivers[index][0] == lookup_key:
                del self.receivers[index]
                return True
        return False

    def _live_receivers(self, sender):
        return [entry[1] for entry in self.receivers if entry[2] is None or entry[2] is sender]

    def has_listeners(self, sender=None):
        return len(self._live_receivers(sender)) > 0

    def send(self, sender, **named):
        responses = []
        for receiver in self._live_receivers(sender):
            _signal_event(getattr(receiver, "__qualname__", getattr(receiver, "__name__", "receiver")))
            responses.append((receiver, receiver(signal=self, sender=sender, **named)))
        return responses

    def send_robust(self, sender, **named):
        responses = []
        for receiver in self._live_receivers(sender):
            _signal_event(getattr(receiver, "__qualname__", getattr(receiver, "__name__", "receiver")))
            try:
                response = receiver(signal=self, sender=sender, **named)
            except Exception as err:
                responses.append((receiver, err))
            else:
                responses.append((receiver, response))
        return responses


def receiver(signal, **kwargs):
    def _decorator(func):
        if isinstance(signal, (list, tuple)):
            for s in signal:
                s.connect(func, **kwargs)
        else:
            signal.connect(func, **kwargs)
        return func
    return _decorator
)PY";

constexpr const char* kModelSignalsSource = R"PY(
from django.dispatch import Signal


def _get_model(label):
    # The project replaces this with its registry lookup ("shop.Item" -> the class, or None).
    return None


def make_model_tuple(model):
    try:
        app_label, model_name = model.split(".")
        return app_label, model_name.lower()
    except ValueError:
        raise ValueError("Invalid model reference '" + model + "'. String model references must be of the "
                         "form 'app_label.ModelName'.")


class ModelSignal(Signal):
    # sender may be "app_label.ModelName": Django defers the call with apps.lazy_model_operation
    # until that model is registered. A scenario's models are all registered before a module that
    # connects receivers runs, so the call happens now, or never (an unknown model stays pending).
    def _lazy_method(self, method, receiver, sender, **kwargs):
        if isinstance(sender, str):
            make_model_tuple(sender)
            model = _get_model(sender)
            if model is not None:
                method(receiver, sender=model, **kwargs)
            return None
        return method(receiver, sender=sender, **kwargs)

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None, apps=None):
        self._lazy_method(super().connect, receiver, sender, weak=weak, dispatch_uid=dispatch_uid)

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None, apps=None):
        return self._lazy_method(super().disconnect, receiver, sender, dispatch_uid=dispatch_uid)


pre_init = ModelSignal(use_caching=True)
post_init = ModelSignal(use_caching=True)
pre_save = ModelSignal(use_caching=True)
post_save = ModelSignal(use_caching=True)
pre_delete = ModelSignal(use_caching=True)
post_delete = ModelSignal(use_caching=True)
m2m_changed = ModelSignal(use_caching=True)
pre_migrate = Signal()
post_migrate = Signal()
)PY";

constexpr const char* kCoreSignalsSource = R"PY(
from django.dispatch import Signal
request_started = Signal()
request_finished = Signal()
got_request_exception = Signal()
setting_changed = Signal()
)PY";

constexpr const char* kAuthSignalsSource = R"PY(
from django.dispatch import Signal
user_logged_in = Signal()
user_login_failed = Signal()
user_logged_out = Signal()
)PY";

constexpr const char* kShortcutsSource = R"PY(
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse


def render(request, template_name, context=None, content_type=None, status=None, using=None):
    content = render_to_string(template_name, context, request, using=using)
    return HttpResponse(content, content_type, status)


def redirect(to, *args, permanent=False, **kwargs):
    if permanent:
        return HttpResponsePermanentRedirect(resolve_url(to, *args, **kwargs))
    return HttpResponseRedirect(resolve_url(to, *args, **kwargs))


def resolve_url(to, *args, **kwargs):
    if hasattr(to, "get_absolute_url"):
        return to.get_absolute_url()
    if isinstance(to, str) and (to.startswith("./") or to.startswith("../")):
        return to
    try:
        return reverse(to, args=args, kwargs=kwargs)
    except NoReverseMatch:
        if callable(to):
            raise
        if "/" not in to and "." not in to:
            raise
    return to


def _get_queryset(klass):
    if isinstance(klass, type):
        manager = getattr(klass, "_default_manager", None)
        if manager is None:
            manager = getattr(klass, "objects", None)
        if manager is not None:
            return manager.all()
    return klass


def _model_name(klass, queryset):
    model = getattr(queryset, "model", None)
    if model is None and isinstance(klass, type):
        model = klass
    if model is None:
        return "object"
    return model.__name__


def get_object_or_404(klass, *args, **kwargs):
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "get"):
        name = klass.__name__ if isinstance(klass, type) else klass.__class__.__name__
        raise ValueError("First argument to get_object_or_404() must be a Model, Manager, or QuerySet, not '" + name + "'.")
    try:
        return queryset.get(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404("No " + _model_name(klass, queryset) + " matches the given query.")


def get_list_or_404(klass, *args, **kwargs):
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "filter"):
        name = klass.__name__ if isinstance(klass, type) else klass.__class__.__name__
        raise ValueError("First argument to get_list_or_404() must be a Model, Manager, or QuerySet, not '" + name + "'.")
    obj_list = list(queryset.filter(*args, **kwargs))
    if not obj_list:
        raise Http404("No " + _model_name(klass, queryset) + " matches the given query.")
    return obj_list
)PY";

constexpr const char* kFunctoolsSource = R"PY(
def _wraps(wrapper, wrapped):
    for name in ("csrf_exempt", "should_append_slash", "view_class", "view_initkwargs"):
        if hasattr(wrapped, name):
            setattr(wrapper, name, getattr(wrapped, name))
    wrapper.__wrapped__ = wrapped
    return wrapper
)PY";

constexpr const char* kHttpDecoratorsSource = R"PY(
from django.http import HttpResponseNotAllowed
from django.views.decorators._wrapping import _wraps


def require_http_methods(request_method_list):
    def decorator(func):
        def inner(request, *args, **kwargs):
            if request.method not in request_method_list:
                return HttpResponseNotAllowed(request_method_list)
            return func(request, *args, **kwargs)
        return _wraps(inner, func)
    return decorator


require_GET = require_http_methods(["GET"])
require_POST = require_http_methods(["POST"])
require_safe = require_http_methods(["GET", "HEAD"])
)PY";

constexpr const char* kCsrfDecoratorsSource = R"PY(
from django.views.decorators._wrapping import _wraps


def csrf_exempt(view_func):
    def wrapped_view(*args, **kwargs):
        return view_func(*args, **kwargs)
    _wraps(wrapped_view, view_func)
    wrapped_view.csrf_exempt = True
    return wrapped_view


def ensure_csrf_cookie(view_func):
    from django.middleware.csrf import get_token

    def wrapped_view(request, *args, **kwargs):
        get_token(request)
        return view_func(request, *args, **kwargs)
    return _wraps(wrapped_view, view_func)
)PY";

constexpr const char* kVaryDecoratorsSource = R"PY(
from django.utils.cache import patch_vary_headers
from django.views.decorators._wrapping import _wraps


def vary_on_headers(*headers):
    def decorator(func):
        def inner_func(*args, **kwargs):
            response = func(*args, **kwargs)
            patch_vary_headers(response, headers)
            return response
        return _wraps(inner_func, func)
    return decorator


def vary_on_cookie(func):
    def inner_func(*args, **kwargs):
        response = func(*args, **kwargs)
        patch_vary_headers(response, ("Cookie",))
        return response
    return _wraps(inner_func, func)
)PY";

constexpr const char* kCacheDecoratorsSource = R"PY(
from django.utils.cache import add_never_cache_headers
from django.views.decorators._wrapping import _wraps


def _make_middleware_decorator(middleware_class, m_args, m_kwargs):
    def _decorator(view_func):
        middleware = middleware_class(view_func, *m_args, **m_kwargs)

        def _wrapped_view(request, *args, **kwargs):
            if hasattr(middleware, "process_request"):
                result = middleware.process_request(request)
                if result is not None:
                    return result
            if hasattr(middleware, "process_view"):
                result = middleware.process_view(request, view_func, args, kwargs)
                if result is not None:
                    return result
            try:
                response = view_func(request, *args, **kwargs)
            except Exception as e:
                if hasattr(middleware, "process_exception"):
                    result = middleware.process_exception(request, e)
                    if result is not None:
                        return result
                raise
            if hasattr(response, "render") and callable(response.render):
                if hasattr(middleware, "process_template_response"):
                    response = middleware.process_template_response(request, response)
                if hasattr(middleware, "process_response"):
                    def callback(response):
                        return middleware.process_response(request, response)
                    response.add_post_render_callback(callback)
            else:
                if hasattr(middleware, "process_response"):
                    return middleware.process_response(request, response)
            return response
        return _wraps(_wrapped_view, view_func)
    return _decorator


def decorator_from_middleware_with_args(middleware_class):
    def _make_decorator(*m_args, **m_kwargs):
        return _make_middleware_decorator(middleware_class, m_args, m_kwargs)
    return _make_decorator


def cache_page(timeout, cache=None, key_prefix=None):
    from django.middleware.cache import CacheMiddleware
    return decorator_from_middleware_with_args(CacheMiddleware)(
        page_timeout=timeout, cache_alias=cache, key_prefix=key_prefix)


def cache_control(**kwargs):
    raise NotImplementedError("PipeLab does not simulate cache_control yet")


def never_cache(view_func):
    def _wrapped_view_func(request, *args, **kwargs):
        response = view_func(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response
    return _wraps(_wrapped_view_func, view_func)
)PY";

constexpr const char* kCacheSource = R"PY(
from django.conf import settings

DEFAULT_CACHE_ALIAS = "default"
DEFAULT_TIMEOUT = object()
_MISSING = object()


def _copy(value):
    # Every backend but dummy pickles what it stores: a cached list, dict or response is a copy,
    # not the caller's object.
    if hasattr(value, "__deepcopy__"):
        return value.__deepcopy__({})
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, tuple):
        return tuple([_copy(item) for item in value])
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, set):
        return set([_copy(item) for item in value])
    return value


class _PickledObject:
    # An instance as object.__reduce_ex__(5) pickles it: its class, its __getnewargs__ (a str
    # subclass's is (str(self),)) and its __dict__.
    def __init__(self, module, qualname, state, args=()):
        self.module = module
        self.qualname = qualname
        self.state = state
        self.args = args


class _PickledBytes:
    def __init__(self, text):
        self.text = text


def _response_class_path(response):
    cls = response.__class__
    module = cls.__module__
    if module == "django.http":
        module = "django.http.response"
    return module, cls.__qualname__


def _response_form(response, memo):
    # HttpResponseBase.__init__ and HttpResponse.content fill __dict__ in this order (Django
    # 3.2); a rendered TemplateResponse pickles the same without its rendering attributes.
    if response.cookies:
        raise NotImplementedError("PipeLab does not simulate pickling a response that sets cookies (database cache)")
    store = {}
    for lower, pair in response.headers._store.items():
        store[lower] = (pair[0], pair[1])
    state = {}
    if hasattr(response, "rendering_attrs"):
        state["using"] = response.using
    state["headers"] = _PickledObject("django.http.response", "ResponseHeaders", {"_store": store})
    state["_charset"] = response._charset
    state["_resource_closers"] = []
    state["_handler_class"] = None
    state["cookies"] = _PickledObject("http.cookies", "SimpleCookie", {})
    state["closed"] = response.closed
    if "status_code" in response.__dict__:
        state["status_code"] = response.status_code
    state["_reason_phrase"] = response._reason_phrase
    state["_container"] = [_PickledBytes(response.content)]
    if hasattr(response, "rendering_attrs"):
        state["_is_rendered"] = response._is_rendered
    module, qualname = _response_class_path(response)
    return _PickledObject(module, qualname, state)


def _pickle_form(value, memo):
    # What pickle.dumps sees, with shared objects shared (so the pickle memo finds them).
    if value is None or isinstance(value, (bool, int, float)) or type(value) is str:
        return value
    key = id(value)
    if key in memo:
        return memo[key]
    from django.http import HttpResponseBase
    if isinstance(value, list):
        form = []
        memo[key] = form
        for item in value:
            form.append(_pickle_form(item, memo))
    elif isinstance(value, tuple):
        form = tuple([_pickle_form(item, memo) for item in value])
        memo[key] = form
    elif isinstance(value, dict):
        form = {}
        memo[key] = form
        for k, v in value.items():
            form[_pickle_form(k, memo)] = _pickle_form(v, memo)
    elif isinstance(value, HttpResponseBase):
        form = _response_form(value, memo)
        memo[key] = form
    elif isinstance(value, str):
        # A SafeString ({% cache %} stores what NodeList.render returns): __slots__ = (), no state.
        cls = type(value)
        form = _PickledObject(cls.__module__, cls.__qualname__, {}, ("" + value,))
        memo[key] = form
    else:
        raise NotImplementedError("PipeLab does not simulate pickling " + type(value).__name__ +
                                  " values for the database cache backend")
    return form


def default_key_func(key, key_prefix, version):
    return key_prefix + ":" + str(version) + ":" + str(key)


class BaseCache:
    _missing_key = _MISSING

    def __init__(self, alias, backend, location, default_timeout):
        self.alias = alias
        self.backend = backend
        self.location = location
        self.default_timeout = default_timeout
        self._max_entries = 300
        self._cull_frequency = 3
        self.key_prefix = ""
        self.version = 1

    def _op(self, detail):
        _cache_event(self.alias + " " + detail)

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        elif timeout == 0:
            timeout = -1
        if timeout is None:
            return None
        return _now() + timeout

    def make_key(self, key, version=None):
        if version is None:
            version = self.version
        return default_key_func(key, self.key_prefix, version)

    def get_many(self, keys, version=None):
        d = {}
        for k in keys:
            val = self.get(k, self._missing_key, version=version)
            if val is not self._missing_key:
                d[k] = val
        return d

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        val = self.get(key, self._missing_key, version=version)
        if val is self._missing_key:
            if callable(default):
                default = default()
            self.add(key, default, timeout=timeout, version=version)
            return self.get(key, default, version=version)
        return val

    def has_key(self, key, version=None):
        return self.get(key, self._missing_key, version=version) is not self._missing_key

    def __contains__(self, key):
        return self.has_key(key)

    def incr(self, key, delta=1, version=None):
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError("Key '" + str(key) + "' not found")
        new_value = value + delta
        self.set(key, new_value, version=version)
        return new_value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        for key, value in data.items():
            self.set(key, value, timeout=timeout, version=version)
        return []

    def delete_many(self, keys, version=None):
        for key in keys:
            self.delete(key, version=version)

    def close(self, **kwargs):
        pass


_locmem_stores = {}


class LocMemCache(BaseCache):
    # django.core.cache.backends.locmem (also redis and memcached: same semantics, no SQL).
    def __init__(self, alias, backend, location, default_timeout):
        super().__init__(alias, backend, location, default_timeout)
        if location not in _locmem_stores:
            _locmem_stores[location] = ({}, {})
        self._cache, self._expire_info = _locmem_stores[location]

    def _has_expired(self, key):
        exp = self._expire_info.get(key, -1)
        return exp is not None and exp <= _now()

    def _touch_lru(self, key):
        value = self._cache.pop(key)
        self._cache[key] = value

    def _cull(self):
        if self._cull_frequency == 0:
            self._cache.clear()
            self._expire_info.clear()
        else:
            count = len(self._cache) // self._cull_frequency
            for key in list(self._cache)[:count]:
                del self._cache[key]
                del self._expire_info[key]

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        if len(self._cache) >= self._max_entries:
            self._cull()
        if key in self._cache:
            del self._cache[key]
        self._cache[key] = _copy(value)
        self._expire_info[key] = self.get_backend_timeout(timeout)

    def _delete(self, key):
        if key not in self._cache:
            return False
        del self._cache[key]
        del self._expire_info[key]
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("add " + str(key))
        key = self.make_key(key, version=version)
        if self._has_expired(key):
            self._set(key, value, timeout)
            return True
        return False

    def get(self, key, default=None, version=None):
        key_made = self.make_key(key, version=version)
        if self._has_expired(key_made):
            self._delete(key_made)
            self._op("get " + str(key) + " miss")
            return default
        self._op("get " + str(key) + " hit")
        self._touch_lru(key_made)
        return _copy(self._cache[key_made])

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("set " + str(key))
        self._set(self.make_key(key, version=version), value, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("touch " + str(key))
        key = self.make_key(key, version=version)
        if self._has_expired(key):
            return False
        self._expire_info[key] = self.get_backend_timeout(timeout)
        return True

    def incr(self, key, delta=1, version=None):
        key = self.make_key(key, version=version)
        if self._has_expired(key):
            self._delete(key)
            raise ValueError("Key '" + key + "' not found")
        new_value = self._cache[key] + delta
        self._cache[key] = new_value
        self._touch_lru(key)
        return new_value

    def has_key(self, key, version=None):
        key = self.make_key(key, version=version)
        if self._has_expired(key):
            self._delete(key)
            return False
        return True

    def delete(self, key, version=None):
        self._op("delete " + str(key))
        return self._delete(self.make_key(key, version=version))

    def clear(self):
        self._op("clear")
        self._cache.clear()
        self._expire_info.clear()


class FileBasedCache(LocMemCache):
    # django.core.cache.backends.filebased: one pickle file per key; a file expires strictly
    # after its time, and add() is has_key() then set(). The files are kept in memory; culling
    # past MAX_ENTRIES drops the oldest third (Django drops a random third).
    def _has_expired(self, key):
        if key not in self._cache:
            return True
        exp = self._expire_info[key]
        return exp is not None and exp < _now()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("add " + str(key))
        if self.has_key(key, version):
            return False
        self._set(self.make_key(key, version=version), value, timeout)
        return True

    def incr(self, key, delta=1, version=None):
        return BaseCache.incr(self, key, delta, version)

    def _touch_lru(self, key):
        pass


class DummyCache(BaseCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("add " + str(key))
        return True

    def get(self, key, default=None, version=None):
        self._op("get " + str(key) + " miss")
        return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("set " + str(key))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return False

    def delete(self, key, version=None):
        self._op("delete " + str(key))
        return False

    def has_key(self, key, version=None):
        return False

    def clear(self):
        pass


_db_tables = {}


def _sql_quote(value):
    return "'" + value.replace("'", "''") + "'"


class DatabaseCache(BaseCache):
    # django.core.cache.backends.db on SQLite: each operation sends the SQL Django 3.2 sends,
    # values stored as base64(pickle); the table is LOCATION, shared by aliases naming it.
    def __init__(self, alias, backend, location, default_timeout):
        super().__init__(alias, backend, location, default_timeout)
        if location not in _db_tables:
            _db_tables[location] = {}
        self._rows = _db_tables[location]
        self._table = '"' + location + '"'

    def get(self, key, default=None, version=None):
        return self.get_many([key], version).get(key, default)

    def get_many(self, keys, version=None):
        if not keys:
            return {}
        key_map = {}
        for key in keys:
            key_map[self.make_key(key, version)] = key
        found = [k for k in key_map if k in self._rows]
        _execute_sql('SELECT "cache_key", "value", "expires" FROM ' + self._table + ' WHERE "cache_key" IN (' +
                     ", ".join([_sql_quote(k) for k in key_map]) + ")", len(found))
        result = {}
        expired_keys = []
        now = _now()
        for made in sorted(found):
            row = self._rows[made]
            if row[1] < now:
                expired_keys.append(made)
            else:
                result[key_map[made]] = _copy(row[2])
        for key in keys:
            self._op("get " + str(key) + (" hit" if key in result else " miss"))
        self._base_delete_many(expired_keys)
        return result

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("set " + str(key))
        self._base_set("set", self.make_key(key, version=version), value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("add " + str(key))
        return self._base_set("add", self.make_key(key, version=version), value, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._op("touch " + str(key))
        return self._base_set("touch", self.make_key(key, version=version), None, timeout)

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        timeout = self.get_backend_timeout(timeout)
        num = len(self._rows)
        _execute_sql("SELECT COUNT(*) FROM " + self._table, 1)
        now = int(_now())
        # (SQL literal, epoch seconds): utcfromtimestamp(timeout).replace(microsecond=0), or
        # datetime.max for a timeout of None.
        exp = _sql_expires(timeout)
        if num > self._max_entries:
            self._cull(now)
        b64encoded = _pickle_b64(_pickle_form(value, {}))
        try:
            return self._write(mode, key, value, b64encoded, exp, now)
        except _IntegrityError:
            return False

    def _write(self, mode, key, value, b64encoded, exp, now):
        from django.db import transaction
        with transaction.atomic():
            result = self._rows.get(key)
            _execute_sql('SELECT "cache_key", "expires" FROM ' + self._table + ' WHERE "cache_key" = ' + _sql_quote(key),
                         1 if result is not None else 0)
            exp_value = exp[1]
            if result is not None and mode == "touch":
                _execute_sql("UPDATE " + self._table + ' SET "expires" = ' + _sql_quote(exp[0]) +
                             ' WHERE "cache_key" = ' + _sql_quote(key), 1)
                result[1] = exp_value
            elif result is not None and (mode == "set" or (mode == "add" and result[1] < now)):
                _execute_sql("UPDATE " + self._table + ' SET "value" = ' + _sql_quote(b64encoded) + ', "expires" = ' +
                             _sql_quote(exp[0]) + ' WHERE "cache_key" = ' + _sql_quote(key), 1)
                self._rows[key] = [b64encoded, exp_value, _copy(value)]
            elif mode != "touch":
                _execute_sql('INSERT INTO ' + self._table + ' ("cache_key", "value", "expires") VALUES (' +
                             _sql_quote(key) + ", " + _sql_quote(b64encoded) + ", " + _sql_quote(exp[0]) + ")",
                             0 if result is not None else 1)
                if result is not None:
                    # The key exists and has not expired: the INSERT fails (IntegrityError), and
                    # Django swallows it (DatabaseError) after rolling the block back.
                    raise _IntegrityError()
                self._rows[key] = [b64encoded, exp_value, _copy(value)]
            else:
                return False
        return True

    def delete(self, key, version=None):
        self._op("delete " + str(key))
        return self._base_delete_many([self.make_key(key, version)])

    def delete_many(self, keys, version=None):
        self._base_delete_many([self.make_key(key, version) for key in keys])

    def _base_delete_many(self, keys):
        if not keys:
            return False
        deleted = 0
        for key in keys:
            if key in self._rows:
                del self._rows[key]
                deleted += 1
        _execute_sql("DELETE FROM " + self._table + ' WHERE "cache_key" IN (' +
                     ", ".join([_sql_quote(k) for k in keys]) + ")", deleted)
        return deleted > 0

    def has_key(self, key, version=None):
        key = self.make_key(key, version=version)
        now = int(_now())
        row = self._rows.get(key)
        live = row is not None and row[1] > now
        _execute_sql('SELECT "cache_key" FROM ' + self._table + ' WHERE "cache_key" = ' + _sql_quote(key) +
                     " and expires > " + _sql_quote(_sql_expires(now)[0]), 1 if live else 0)
        return live

    def _cull(self, now):
        if self._cull_frequency == 0:
            self.clear()
            return
        expired = [k for k, row in self._rows.items() if row[1] < now]
        for k in expired:
            del self._rows[k]
        _execute_sql("DELETE FROM " + self._table + " WHERE expires < " + _sql_quote(_sql_expires(now)[0]), len(expired))
        _execute_sql("SELECT COUNT(*) FROM " + self._table, 1)
        num = len(self._rows)
        if num > self._max_entries:
            cull_num = num // self._cull_frequency
            ordered = sorted(self._rows)
            _execute_sql("SELECT cache_key FROM " + self._table + " ORDER BY cache_key LIMIT 1 OFFSET " + str(cull_num),
                         1 if cull_num < num else 0)
            if cull_num < num:
                last = ordered[cull_num]
                doomed = [k for k in ordered if k < last]
                for k in doomed:
                    del self._rows[k]
                _execute_sql("DELETE FROM " + self._table + " WHERE cache_key < " + _sql_quote(last), len(doomed))

    def clear(self):
        self._op("clear")
        count = len(self._rows)
        self._rows.clear()
        _execute_sql("DELETE FROM " + self._table, count)


class _IntegrityError(Exception):
    pass


_BACKENDS = {"locmem": LocMemCache, "redis": LocMemCache, "memcached": LocMemCache, "dummy": DummyCache,
             "filebased": FileBasedCache, "db": DatabaseCache}


class _Caches:
    def __init__(self):
        self._caches = {}

    def __getitem__(self, alias):
        if alias in self._caches:
            return self._caches[alias]
        config = _CACHES.get(alias)
        if config is None:
            raise InvalidCacheBackendError("The connection '" + alias + "' doesn't exist.")
        backend, location, timeout = config
        # Where the entries live, as the conformance oracle configures each backend.
        if backend in ("redis", "memcached"):
            location = backend + "-" + alias
        elif backend == "filebased":
            location = "filebased-" + alias
        elif backend == "db" and not location:
            location = "cache_table"
        cache = _BACKENDS[backend](alias, backend, location, timeout)
        self._caches[alias] = cache
        return cache

    def all(self):
        return [self[alias] for alias in _CACHES]


class InvalidCacheBackendError(Exception):
    pass


class _DefaultCacheProxy:
    def __getattr__(self, name):
        return getattr(caches[DEFAULT_CACHE_ALIAS], name)

    def __contains__(self, key):
        return key in caches[DEFAULT_CACHE_ALIAS]


caches = _Caches()
cache = _DefaultCacheProxy()
)PY";

constexpr const char* kCacheMiddlewareSource = R"PY(
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.utils.cache import get_cache_key, get_max_age, has_vary_header, learn_cache_key, patch_response_headers
from django.utils.deprecation import MiddlewareMixin


class UpdateCacheMiddleware(MiddlewareMixin):
    def __init__(self, get_response=None):
        super().__init__(get_response)
        self.cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
        self.page_timeout = None
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS
        self.cache = caches[self.cache_alias]

    def _should_update_cache(self, request, response):
        return hasattr(request, "_cache_update_cache") and request._cache_update_cache

    def process_response(self, request, response):
        if not self._should_update_cache(request, response):
            return response
        if response.streaming or response.status_code not in (200, 304):
            return response
        # Debian's 3.2 carries the fix from Django 4.2.8 (CVE-2023-46695's release): a response
        # that sets a cookie and varies on Cookie is never cached, whatever the request sent.
        if response.cookies and has_vary_header(response, "Cookie"):
            return response
        if "private" in response.get("Cache-Control", ""):
            return response
        timeout = self.page_timeout
        if timeout is None:
            timeout = get_max_age(response)
            if timeout is None:
                timeout = self.cache_timeout
            elif timeout == 0:
                return response
        patch_response_headers(response, timeout)
        if timeout and response.status_code == 200:
            cache_key = learn_cache_key(request, response, timeout, self.key_prefix, cache=self.cache)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: self.cache.set(cache_key, r, timeout))
            else:
                self.cache.set(cache_key, response, timeout)
        return response


class FetchFromCacheMiddleware(MiddlewareMixin):
    def __init__(self, get_response=None):
        super().__init__(get_response)
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS
        self.cache = caches[self.cache_alias]

    def process_request(self, request):
        if request.method not in ("GET", "HEAD"):
            request._cache_update_cache = False
            return None
        cache_key = get_cache_key(request, self.key_prefix, "GET", cache=self.cache)
        if cache_key is None:
            request._cache_update_cache = True
            return None
        response = self.cache.get(cache_key)
        if response is None and request.method == "HEAD":
            cache_key = get_cache_key(request, self.key_prefix, "HEAD", cache=self.cache)
            response = self.cache.get(cache_key)
        if response is None:
            request._cache_update_cache = True
            return None
        request._cache_update_cache = False
        return response


class CacheMiddleware(UpdateCacheMiddleware, FetchFromCacheMiddleware):
    def __init__(self, get_response=None, cache_timeout=None, page_timeout=None, **kwargs):
        super().__init__(get_response)
        key_prefix = kwargs.get("key_prefix")
        if key_prefix is None:
            key_prefix = ""
        self.key_prefix = key_prefix
        cache_alias = kwargs.get("cache_alias")
        if cache_alias is None:
            cache_alias = DEFAULT_CACHE_ALIAS
        self.cache_alias = cache_alias
        self.cache = caches[self.cache_alias]
        if cache_timeout is not None:
            self.cache_timeout = cache_timeout
        self.page_timeout = page_timeout
)PY";

constexpr const char* kAuthViewsSource = R"PY(
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.encoding import _quote
from django.views.decorators._wrapping import _wraps


def redirect_to_login(next, login_url=None, redirect_field_name="next"):
    resolved_url = resolve_url(login_url or settings.LOGIN_URL)
    fragment = ""
    if "#" in resolved_url:
        resolved_url, fragment = resolved_url.split("#", 1)
        fragment = "#" + fragment
    if redirect_field_name:
        separator = "&" if "?" in resolved_url else "?"
        if resolved_url.endswith("?"):
            separator = ""
        resolved_url = resolved_url + separator + _quote(redirect_field_name, "/") + "=" + _quote(next, "/")
    return HttpResponseRedirect(resolved_url + fragment)


def user_passes_test(test_func, login_url=None, redirect_field_name="next"):
    def decorator(view_func):
        def _wrapped_view(request, *args, **kwargs):
            if test_func(request.user):
                return view_func(request, *args, **kwargs)
            return redirect_to_login(request.get_full_path(), login_url, redirect_field_name)
        return _wraps(_wrapped_view, view_func)
    return decorator


def login_required(function=None, redirect_field_name="next", login_url=None):
    actual_decorator = user_passes_test(
        lambda u: u.is_authenticated,
        login_url=login_url,
        redirect_field_name=redirect_field_name,
    )
    if function:
        return actual_decorator(function)
    return actual_decorator


def permission_required(perm, login_url=None, raise_exception=False):
    raise NotImplementedError("PipeLab does not simulate permissions (permission_required) yet")


class AccessMixin:
    login_url = None
    permission_denied_message = ""
    raise_exception = False
    redirect_field_name = "next"

    def get_login_url(self):
        return self.login_url or settings.LOGIN_URL

    def get_permission_denied_message(self):
        return self.permission_denied_message

    def get_redirect_field_name(self):
        return self.redirect_field_name

    def handle_no_permission(self):
        if self.raise_exception or self.request.user.is_authenticated:
            raise PermissionDenied(self.get_permission_denied_message())
        return redirect_to_login(self.request.get_full_path(), self.get_login_url(), self.get_redirect_field_name())


class LoginRequiredMixin(AccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
)PY";

constexpr const char* kTemplateResponseSource = R"PY(
from django.http import HttpResponse
from django.template.loader import render_to_string


class SimpleTemplateResponse(HttpResponse):
    def __init__(self, template, context=None, content_type=None, status=None, charset=None, using=None,
                 headers=None):
        self.template_name = template
        self.context_data = context
        self.using = using
        self._post_render_callbacks = []
        self._request = None
        super().__init__("", content_type, status, charset=charset, headers=headers)
        self._is_rendered = False

    @property
    def rendered_content(self):
        return render_to_string(self.template_name, self.context_data, self._request)

    def add_post_render_callback(self, callback):
        if self._is_rendered:
            callback(self)
        else:
            self._post_render_callbacks.append(callback)

    def render(self):
        retval = self
        if not self._is_rendered:
            self.content = self.rendered_content
            self._is_rendered = True
            for post_callback in self._post_render_callbacks:
                newretval = post_callback(retval)
                if newretval is not None:
                    retval = newretval
        return retval

    @property
    def is_rendered(self):
        return self._is_rendered


class TemplateResponse(SimpleTemplateResponse):
    def __init__(self, request, template, context=None, content_type=None, status=None, charset=None, using=None,
                 headers=None):
        super().__init__(template, context, content_type, status, charset, using, headers=headers)
        self._request = request
)PY";

constexpr const char* kPaginatorSource = R"PY(
class InvalidPage(Exception):
    pass


class PageNotAnInteger(InvalidPage):
    pass


class EmptyPage(InvalidPage):
    pass


class Paginator:
    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True):
        self.object_list = object_list
        self.per_page = int(per_page)
        self.orphans = int(orphans)
        self.allow_empty_first_page = allow_empty_first_page
        self._count = None

    def validate_number(self, number):
        try:
            if isinstance(number, float) and number != int(number):
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer")
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if number > self.num_pages:
            if number == 1 and self.allow_empty_first_page:
                pass
            else:
                raise EmptyPage("That page contains no results")
        return number

    def get_page(self, number):
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages
        return self.page(number)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(self.object_list[bottom:top], number, self)

    @property
    def count(self):
        if self._count is None:
            c = getattr(self.object_list, "count", None)
            if callable(c) and not isinstance(self.object_list, (list, tuple)):
                self._count = c()
            else:
                self._count = len(self.object_list)
        return self._count

    @property
    def num_pages(self):
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return -(-hits // self.per_page)

    @property
    def page_range(self):
        return range(1, self.num_pages + 1)


class Page:
    def __init__(self, object_list, number, paginator):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self):
        return "<Page " + str(self.number) + " of " + str(self.paginator.num_pages) + ">"

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return self.object_list[index]

    def __iter__(self):
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return iter(self.object_list)

    def has_next(self):
        return self.number < self.paginator.num_pages

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next()

    def next_page_number(self):
        return self.paginator.validate_number(self.number + 1)

    def previous_page_number(self):
        return self.paginator.validate_number(self.number - 1)

    def start_index(self):
        if self.paginator.count == 0:
            return 0
        return (self.paginator.per_page * (self.number - 1)) + 1

    def end_index(self):
        if self.number == self.paginator.num_pages:
            return self.paginator.count
        return self.number * self.paginator.per_page
)PY";

constexpr const char* kGenericSource = R"PY(
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse


class View:
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options", "trace"]

    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    @classmethod
    def as_view(cls, **initkwargs):
        for key in initkwargs:
            if key in cls.http_method_names:
                raise TypeError(
                    "The method name " + key + " is not accepted as a keyword argument to " + cls.__name__ + "().")
            if not hasattr(cls, key):
                raise TypeError(
                    cls.__name__ + "() received an invalid keyword " + repr(key) + ". as_view only accepts "
                    "arguments that are already attributes of the class.")

        def view(request, *args, **kwargs):
            self = cls(**initkwargs)
            self.setup(request, *args, **kwargs)
            if not hasattr(self, "request"):
                raise AttributeError(
                    cls.__name__ + " instance has no 'request' attribute. Did you override setup() and forget to "
                    "call super()?")
            return self.dispatch(request, *args, **kwargs)
        view.view_class = cls
        view.view_initkwargs = initkwargs
        return view

    def setup(self, request, *args, **kwargs):
        if hasattr(self, "get") and not hasattr(self, "head"):
            self.head = self.get
        self.request = request
        self.args = args
        self.kwargs = kwargs

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() in self.http_method_names:
            handler = getattr(self, request.method.lower(), self.http_method_not_allowed)
        else:
            handler = self.http_method_not_allowed
        return handler(request, *args, **kwargs)

    def http_method_not_allowed(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(self._allowed_methods())

    def options(self, request, *args, **kwargs):
        response = HttpResponse()
        response.headers["Allow"] = ", ".join(self._allowed_methods())
        response.headers["Content-Length"] = "0"
        return response

    def _allowed_methods(self):
        return [m.upper() for m in self.http_method_names if hasattr(self, m)]


class ContextMixin:
    extra_context = None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("view", self)
        if self.extra_context is not None:
            kwargs.update(self.extra_context)
        return kwargs


class TemplateResponseMixin:
    template_name = None
    template_engine = None
    response_class = TemplateResponse
    content_type = None

    def render_to_response(self, context, **response_kwargs):
        response_kwargs.setdefault("content_type", self.content_type)
        return self.response_class(
            request=self.request,
            template=self.get_template_names(),
            context=context,
            using=self.template_engine,
            **response_kwargs
        )

    def get_template_names(self):
        if self.template_name is None:
            raise ImproperlyConfigured(
                "TemplateResponseMixin requires either a definition of 'template_name' or an implementation of "
                "'get_template_names()'")
        return [self.template_name]


class TemplateView(TemplateResponseMixin, ContextMixin, View):
    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context)


class RedirectView(View):
    permanent = False
    url = None
    pattern_name = None
    query_string = False

    def get_redirect_url(self, *args, **kwargs):
        from django.urls import reverse
        if self.url:
            url = self.url
        elif self.pattern_name:
            url = reverse(self.pattern_name, args=args, kwargs=kwargs)
        else:
            return None
        return url

    def get(self, request, *args, **kwargs):
        from django.http import HttpResponseGone, HttpResponsePermanentRedirect, HttpResponseRedirect
        url = self.get_redirect_url(*args, **kwargs)
        if url:
            if self.permanent:
                return HttpResponsePermanentRedirect(url)
            return HttpResponseRedirect(url)
        return HttpResponseGone()


def _model_name(model):
    meta = getattr(model, "_meta", None)
    name = getattr(meta, "model_name", None) if meta is not None else None
    if name is None:
        name = model.__name__.lower()
    return name


def _app_label(model):
    meta = getattr(model, "_meta", None)
    label = getattr(meta, "app_label", None) if meta is not None else None
    if label is None:
        label = _APP_LABEL
    return label


def _queryset_model(queryset):
    return getattr(queryset, "model", None)


class SingleObjectMixin(ContextMixin):
    model = None
    queryset = None
    slug_field = "slug"
    context_object_name = None
    slug_url_kwarg = "slug"
    pk_url_kwarg = "pk"
    query_pk_and_slug = False

    def get_object(self, queryset=None):
        if queryset is None:
            queryset = self.get_queryset()
        pk = self.kwargs.get(self.pk_url_kwarg)
        slug = self.kwargs.get(self.slug_url_kwarg)
        if pk is not None:
            queryset = queryset.filter(pk=pk)
        if slug is not None and (pk is None or self.query_pk_and_slug):
            slug_field = self.get_slug_field()
            queryset = queryset.filter(**{slug_field: slug})
        if pk is None and slug is None:
            raise AttributeError(
                "Generic detail view " + self.__class__.__name__ + " must be called with either an object pk or "
                "a slug in the URLconf.")
        model = _queryset_model(queryset) or self.model
        try:
            obj = queryset.get()
        except model.DoesNotExist:
            raise Http404("No " + _model_name(model) + " found matching the query")
        return obj

    def get_queryset(self):
        if self.queryset is None:
            if self.model:
                return self.model.objects.all()
            raise ImproperlyConfigured(
                self.__class__.__name__ + " is missing a QuerySet. Define " + self.__class__.__name__ + ".model, " +
                self.__class__.__name__ + ".queryset, or override " + self.__class__.__name__ + ".get_queryset().")
        return self.queryset.all()

    def get_slug_field(self):
        return self.slug_field

    def get_context_object_name(self, obj):
        if self.context_object_name:
            return self.context_object_name
        return _model_name(obj.__class__)

    def get_context_data(self, **kwargs):
        context = {}
        if self.object:
            context["object"] = self.object
            context_object_name = self.get_context_object_name(self.object)
            if context_object_name:
                context[context_object_name] = self.object
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseDetailView(SingleObjectMixin, View):
    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)


class SingleObjectTemplateResponseMixin(TemplateResponseMixin):
    template_name_field = None
    template_name_suffix = "_detail"

    def get_template_names(self):
        if self.template_name is not None:
            return [self.template_name]
        names = []
        model = getattr(self, "model", None)
        if model is None and getattr(self, "object", None) is not None:
            model = self.object.__class__
        if model is None:
            raise ImproperlyConfigured(
                "TemplateResponseMixin requires either a definition of 'template_name' or an implementation of "
                "'get_template_names()'")
        names.append(_app_label(model) + "/" + _model_name(model) + self.template_name_suffix + ".html")
        return names


class DetailView(SingleObjectTemplateResponseMixin, BaseDetailView):
    pass


class MultipleObjectMixin(ContextMixin):
    allow_empty = True
    queryset = None
    model = None
    paginate_by = None
    paginate_orphans = 0
    context_object_name = None
    paginator_class = Paginator
    page_kwarg = "page"
    ordering = None

    def get_queryset(self):
        if self.queryset is not None:
            queryset = self.queryset
            if hasattr(queryset, "all"):
                queryset = queryset.all()
        elif self.model is not None:
            queryset = self.model.objects.all()
        else:
            raise ImproperlyConfigured(
                self.__class__.__name__ + " is missing a QuerySet. Define " + self.__class__.__name__ + ".model, " +
                self.__class__.__name__ + ".queryset, or override " + self.__class__.__name__ + ".get_queryset().")
        ordering = self.get_ordering()
        if ordering:
            if isinstance(ordering, str):
                ordering = (ordering,)
            queryset = queryset.order_by(*ordering)
        return queryset

    def get_ordering(self):
        return self.ordering

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans(),
                                       allow_empty_first_page=self.get_allow_empty())
        page_kwarg = self.page_kwarg
        page = self.kwargs.get(page_kwarg) or self.request.GET.get(page_kwarg) or 1
        try:
            page_number = int(page)
        except ValueError:
            if page == "last":
                page_number = paginator.num_pages
            else:
                raise Http404("Page is not “last”, nor can it be converted to an int.")
        try:
            page = paginator.page(page_number)
            return (paginator, page, page.object_list, page.has_other_pages())
        except InvalidPage as e:
            raise Http404("Invalid page (" + str(page_number) + "): " + str(e))

    def get_paginate_by(self, queryset):
        return self.paginate_by

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return self.paginator_class(queryset, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page)

    def get_paginate_orphans(self):
        return self.paginate_orphans

    def get_allow_empty(self):
        return self.allow_empty

    def get_context_object_name(self, object_list):
        if self.context_object_name:
            return self.context_object_name
        model = _queryset_model(object_list)
        if model is not None:
            return _model_name(model) + "_list"
        return None

    def get_context_data(self, **kwargs):
        queryset = kwargs.pop("object_list", self.object_list)
        page_size = self.get_paginate_by(queryset)
        context_object_name = self.get_context_object_name(queryset)
        if page_size:
            paginator, page, queryset, is_paginated = self.paginate_queryset(queryset, page_size)
            context = {"paginator": paginator, "page_obj": page, "is_paginated": is_paginated,
                       "object_list": queryset}
        else:
            context = {"paginator": None, "page_obj": None, "is_paginated": False, "object_list": queryset}
        if context_object_name is not None:
            context[context_object_name] = queryset
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseListView(MultipleObjectMixin, View):
    def get(self, request, *args, **kwargs):
        self.object_list = self.get_queryset()
        allow_empty = self.get_allow_empty()
        if not allow_empty:
            if self.get_paginate_by(self.object_list) is not None and hasattr(self.object_list, "exists"):
                is_empty = not self.object_list.exists()
            else:
                is_empty = not self.object_list
            if is_empty:
                raise Http404("Empty list and “" + self.__class__.__name__ + ".allow_empty” is False.")
        context = self.get_context_data()
        return self.render_to_response(context)


class MultipleObjectTemplateResponseMixin(TemplateResponseMixin):
    template_name_suffix = "_list"

    def get_template_names(self):
        if self.template_name is not None:
            return [self.template_name]
        model = getattr(self, "model", None) or _queryset_model(self.object_list)
        if model is None:
            raise ImproperlyConfigured(
                "TemplateResponseMixin requires either a definition of 'template_name' or an implementation of "
                "'get_template_names()'")
        return [_app_label(model) + "/" + _model_name(model) + self.template_name_suffix + ".html"]


class ListView(MultipleObjectTemplateResponseMixin, BaseListView):
    pass
)PY";

} // namespace

void installSignalModules(py::Interpreter& interp, std::function<void(const std::string&)> receiverCalled)
{
    py::ModuleObject* dispatch = interp.newModule("django.dispatch", "django");
    dispatch->globals.set("_signal_event", interp.newFunction("_signal_event", [receiverCalled](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        if (receiverCalled)
            receiverCalled(ip.toStr(a.args.at(0)));
        return {};
    }));
    interp.runModule("django.dispatch", kDispatchSource, {}, "django");
    interp.runModule("django.db.models.signals", kModelSignalsSource, {}, "django");
    interp.runModule("django.core.signals", kCoreSignalsSource, {}, "django");
    interp.runModule("django.contrib.auth.signals", kAuthSignalsSource, {}, "django");
}

void installViewModules(py::Interpreter& interp, RenderToString render, const CacheHooks& caches,
                        const http::SimulatedClock& clock)
{
    py::ModuleObject* cacheModule = interp.newModule("django.core.cache", "django");
    py::DictObject* cacheConfigs = interp.newDict();
    for (const CacheHooks::Config& c : caches.configs) {
        const py::Value timeout = c.timeout ? py::Value::integer(static_cast<std::int64_t>(*c.timeout)) : py::Value();
        interp.dictSet(cacheConfigs, interp.newStr(c.alias),
                       interp.newTuple({interp.newStr(c.backend), interp.newStr(c.location), timeout}));
    }
    cacheModule->globals.set("_CACHES", cacheConfigs);
    cacheModule->globals.set("_cache_event", interp.newFunction("_cache_event", [event = caches.event](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        if (event)
            event(ip.toStr(a.args.at(0)));
        return {};
    }));
    cacheModule->globals.set("_execute_sql", interp.newFunction("_execute_sql", [execute = caches.executeSql](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        if (execute)
            execute(ip.expectStr(a.args.at(0), "sql"), ip.expectInt(a.args.at(1), "rows"));
        return {};
    }));
    cacheModule->globals.set("_now", interp.newFunction("_now", [&clock](py::Interpreter&, py::CallArgs&) -> py::Value {
        return py::Value::real(clock.epochSeconds());
    }));
    cacheModule->globals.set("_sql_expires", interp.newFunction("_sql_expires", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        const py::Value epoch = a.args.at(0);
        if (epoch.isNone()) // datetime.max.replace(microsecond=0)
            return ip.newTuple({ip.newStr("9999-12-31 23:59:59"), py::Value::integer(253402300799)});
        const auto seconds = static_cast<std::int64_t>(std::floor(epoch.asFloat()));
        return ip.newTuple({ip.newStr(http::SimulatedClock::sqlDateTime(seconds)), py::Value::integer(seconds)});
    }));
    cacheModule->globals.set("_pickle_b64", interp.newFunction("_pickle_b64", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return ip.newStr(base64Encode(pickleDumps(ip, a.args.at(0))));
    }));
    py::ModuleObject* loader = interp.newModule("django.template.loader", "django");
    loader->globals.set("render_to_string", interp.newFunction("render_to_string", [render](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("render_to_string", {"template_name", "context=", "request=", "using="});
        py::BoundArgs bound = py::bind(ip, a, sig);
        return render(ip, bound[0], bound.get(1), bound.get(2));
    }));
    interp.runModule("django.template.response", kTemplateResponseSource, {}, "django");
    interp.runModule("django.shortcuts", kShortcutsSource, {}, "django");
    interp.runModule("django.views.decorators._wrapping", kFunctoolsSource, {}, "django");
    interp.runModule("django.views.decorators.http", kHttpDecoratorsSource, {}, "django");
    interp.runModule("django.views.decorators.csrf", kCsrfDecoratorsSource, {}, "django");
    interp.runModule("django.views.decorators.vary", kVaryDecoratorsSource, {}, "django");
    interp.runModule("django.core.cache", kCacheSource, {}, "django");
    interp.runModule("django.views.decorators.cache", kCacheDecoratorsSource, {}, "django");
    interp.runModule("django.middleware.cache", kCacheMiddlewareSource, {}, "django");
    interp.runModule("django.contrib.auth.decorators", kAuthViewsSource, {}, "django");
    py::ModuleObject* mixins = interp.newModule("django.contrib.auth.mixins", "django");
    py::ModuleObject* decorators = interp.findModule("django.contrib.auth.decorators");
    for (const char* name : {"AccessMixin", "LoginRequiredMixin"})
        mixins->globals.set(name, *decorators->globals.find(name));
    py::ModuleObject* authViews = interp.newModule("django.contrib.auth.views", "django");
    authViews->globals.set("redirect_to_login", *decorators->globals.find("redirect_to_login"));
    interp.runModule("django.core.paginator", kPaginatorSource, {}, "django");
    py::ModuleObject* generic = interp.newModule("django.views.generic", "django");
    py::ModuleObject* app = interp.findModule("django.conf");
    generic->globals.set("_APP_LABEL", app ? interp.getAttr(interp.getAttr(app, "settings"), "_APP_LABEL") : interp.newStr("shop"));
    interp.runModule("django.views.generic", kGenericSource, {}, "django");
    for (const char* sub : {"django.views.generic.base", "django.views.generic.list", "django.views.generic.detail"}) {
        py::ModuleObject* m = interp.newModule(sub, "django");
        for (const auto& [name, value] : generic->globals.entries())
            if (!name.starts_with("__"))
                m->globals.set(name, value);
    }
}

} // namespace pipelab::django::views
