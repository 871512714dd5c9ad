// django.http and friends (see httpmodule.h). The Python below follows Django 3.2's classes
// closely enough that status codes, headers and cookies come out as Django's do.
#include "sim/django/http/httpmodule.h"

#include "sim/django/http/jsonencoding.h"
#include "sim/django/http/lazyobject.h"
#include "sim/python/interpreter.h"

#include <cctype>
#include <cstdio>

namespace pipelab::django::http {

namespace {

constexpr const char* kEncodingSource = R"PY(
def iri_to_uri(iri):
    if iri is None:
        return iri
    return _iri_to_uri(str(iri))

def escape_uri_path(path):
    return _quote(path, "/:@&+$,-_.!~*'()")
)PY";

constexpr const char* kHttpSource = R"PY(
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.utils.encoding import iri_to_uri, escape_uri_path


class Http404(Exception):
    pass


class MultiValueDictKeyError(KeyError):
    pass


class QueryDict:
    def __init__(self, items=None, mutable=False):
        self._lists = {}
        if items:
            for key, value in items:
                if key in self._lists:
                    self._lists[key].append(value)
                else:
                    self._lists[key] = [value]
        self._mutable = mutable

    def _assert_mutable(self):
        if not self._mutable:
            raise AttributeError("This QueryDict instance is immutable")

    def __getitem__(self, key):
        if key not in self._lists:
            raise MultiValueDictKeyError(key)
        values = self._lists[key]
        if not values:
            return []
        return values[-1]

    def __setitem__(self, key, value):
        self._assert_mutable()
        self._lists[key] = [value]

    def __delitem__(self, key):
        self._assert_mutable()
        del self._lists[key]

    def __contains__(self, key):
        return key in self._lists

    def __iter__(self):
        return iter(list(self._lists.keys()))

    def __len__(self):
        return len(self._lists)

    def __bool__(self):
        return len(self._lists) > 0

    def __repr__(self):
        return "<QueryDict: " + repr(self._lists) + ">"

    def get(self, key, default=None):
        if key not in self._lists:
            return default
        values = self._lists[key]
        if not values:
            return default
        return values[-1]

    def getlist(self, key, default=None):
        if key not in self._lists:
            if default is None:
                return []
            return default
        return list(self._lists[key])

    def setlist(self, key, values):
        self._assert_mutable()
        self._lists[key] = list(values)

    def appendlist(self, key, value):
        self._assert_mutable()
        if key in self._lists:
            self._lists[key].append(value)
        else:
            self._lists[key] = [value]

    def keys(self):
        return list(self._lists.keys())

    def values(self):
        return [self[key] for key in self._lists]

    def items(self):
        return [(key, self[key]) for key in self._lists]

    def lists(self):
        return [(key, list(values)) for key, values in self._lists.items()]

    def dict(self):
        return {key: self[key] for key in self._lists}

    def copy(self):
        result = QueryDict(mutable=True)
        for key, values in self._lists.items():
            result._lists[key] = list(values)
        return result

    def urlencode(self):
        parts = []
        for key, values in self._lists.items():
            for value in values:
                parts.append(_quote_plus(str(key)) + "=" + _quote_plus(str(value)))
        return "&".join(parts)


class HttpRequest:
    def __init__(self):
        self.GET = QueryDict()
        self.POST = QueryDict()
        self.COOKIES = {}
        self.META = {}
        self.FILES = {}
        self.path = ""
        self.path_info = ""
        self.method = None
        self.resolver_match = None
        self.content_type = None
        self.content_params = None
        self.scheme = "http"

    def __repr__(self):
        if self.method is None or not self.get_full_path():
            return "<" + self.__class__.__name__ + ">"
        return "<" + self.__class__.__name__ + ": " + self.method + " " + repr(self.get_full_path()) + ">"

    def get_host(self):
        return self.META.get("HTTP_HOST", "testserver")

    def get_port(self):
        return self.META.get("SERVER_PORT", "80")

    def get_full_path(self, force_append_slash=False):
        return self._get_full_path(self.path, force_append_slash)

    def get_full_path_info(self, force_append_slash=False):
        return self._get_full_path(self.path_info, force_append_slash)

    def _get_full_path(self, path, force_append_slash):
        result = escape_uri_path(path)
        if force_append_slash and not path.endswith("/"):
            result = result + "/"
        query = self.META.get("QUERY_STRING", "")
        if query:
            result = result + "?" + iri_to_uri(query)
        return result

    def is_secure(self):
        return self.scheme == "https"

    def build_absolute_uri(self, location=None):
        if location is None:
            location = "//" + self.get_host() + self.get_full_path()
        if location.startswith("//"):
            return self.scheme + ":" + location
        if location.startswith("http://") or location.startswith("https://"):
            return location
        if not location.startswith("/"):
            base = self.path
            location = base[:base.rfind("/") + 1] + location
        return self.scheme + "://" + self.get_host() + location

    @property
    def headers(self):
        result = {}
        for key, value in self.META.items():
            if key.startswith("HTTP_"):
                name = key[5:]
            elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                name = key
            else:
                continue
            result["-".join([part.capitalize() for part in name.split("_")])] = value
        return result


class WSGIRequest(HttpRequest):
    pass


class ResponseHeaders:
    def __init__(self, data=None):
        self._store = {}
        if data:
            for header, value in data.items():
                self[header] = value

    def __setitem__(self, key, value):
        self._store[key.lower()] = (key, str(value))

    def __getitem__(self, key):
        return self._store[key.lower()][1]

    def __delitem__(self, key):
        if key.lower() in self._store:
            del self._store[key.lower()]

    def __contains__(self, key):
        return key.lower() in self._store

    def __iter__(self):
        return iter([pair[0] for pair in self._store.values()])

    def __len__(self):
        return len(self._store)

    def __repr__(self):
        return repr({pair[0]: pair[1] for pair in self._store.values()})

    def get(self, key, default=None):
        if key.lower() in self._store:
            return self._store[key.lower()][1]
        return default

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value

    def pop(self, key, default=None):
        if key.lower() in self._store:
            value = self._store[key.lower()][1]
            del self._store[key.lower()]
            return value
        return default

    def items(self):
        return [(pair[0], pair[1]) for pair in self._store.values()]

    def keys(self):
        return [pair[0] for pair in self._store.values()]

    def values(self):
        return [pair[1] for pair in self._store.values()]


class HttpResponseBase:
    status_code = 200

    def __init__(self, content_type=None, status=None, reason=None, charset=None, headers=None):
        self.headers = ResponseHeaders(headers)
        self._charset = charset
        if content_type and "Content-Type" in self.headers:
            raise ValueError("'headers' must not contain 'Content-Type' when the 'content_type' parameter is provided.")
        if "Content-Type" not in self.headers:
            if content_type is None:
                content_type = "text/html; charset=" + self.charset
            self.headers["Content-Type"] = content_type
        self.cookies = {}
        self.closed = False
        if status is not None:
            if isinstance(status, bool) or not isinstance(status, (int, str)):
                raise TypeError("HTTP status code must be an integer.")
            try:
                self.status_code = int(status)
            except ValueError:
                raise TypeError("HTTP status code must be an integer.")
            if self.status_code < 100 or self.status_code > 599:
                raise ValueError("HTTP status code must be an integer from 100 to 599.")
        self._reason_phrase = reason

    @property
    def charset(self):
        if self._charset is not None:
            return self._charset
        return "utf-8"

    @property
    def reason_phrase(self):
        if self._reason_phrase is not None:
            return self._reason_phrase
        return _reason_phrase(self.status_code)

    def __setitem__(self, header, value):
        self.headers[header] = value

    def __delitem__(self, header):
        del self.headers[header]

    def __getitem__(self, header):
        return self.headers[header]

    def __contains__(self, header):
        return header in self.headers

    def has_header(self, header):
        return header in self.headers

    def items(self):
        return self.headers.items()

    def get(self, header, alternate=None):
        return self.headers.get(header, alternate)

    def setdefault(self, key, value):
        self.headers.setdefault(key, value)

    def set_cookie(self, key, value="", max_age=None, expires=None, path="/", domain=None, secure=False,
                   httponly=False, samesite=None):
        self.cookies[key] = {"value": str(value), "max_age": max_age, "expires": expires, "path": path,
                             "domain": domain, "secure": secure, "httponly": httponly, "samesite": samesite}

    def delete_cookie(self, key, path="/", domain=None, samesite=None):
        secure = key.startswith("__Secure-") or key.startswith("__Host-")
        self.set_cookie(key, max_age=0, path=path, domain=domain, secure=secure,
                        expires="Thu, 01 Jan 1970 00:00:00 GMT", samesite=samesite)

    def close(self):
        self.closed = True

    def __deepcopy__(self, memo):
        # What LocMemCache's pickle round trip gives back: a response with the same status,
        # content, headers and cookies, independent of this one.
        clone = HttpResponse(getattr(self, "content", ""), status=self.status_code)
        clone.headers = ResponseHeaders()
        for header, value in self.headers.items():
            clone.headers[header] = value
        clone.cookies = {key: dict(morsel) for key, morsel in self.cookies.items()}
        clone._charset = self._charset
        clone._reason_phrase = self._reason_phrase
        return clone


class HttpResponse(HttpResponseBase):
    streaming = False

    def __init__(self, content="", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = _make_text(content)

    def __repr__(self):
        return "<" + self.__class__.__name__ + " status_code=" + str(self.status_code) + ", " + repr(self["Content-Type"]) + ">"

    def write(self, content):
        self.content = self.content + _make_text(content)

    def getvalue(self):
        return self.content


def _make_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "".join([_make_text(chunk) for chunk in value])
    return str(value)


class HttpResponseRedirectBase(HttpResponse):
    allowed_schemes = ["http", "https", "ftp"]

    def __init__(self, redirect_to, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self["Location"] = iri_to_uri(redirect_to)
        location = str(redirect_to)
        colon = location.find(":")
        if colon > 0 and location[:colon].isalpha() and location[:colon].lower() not in self.allowed_schemes:
            raise DisallowedRedirect("Unsafe redirect to URL with protocol '" + location[:colon] + "'")

    @property
    def url(self):
        return self["Location"]


class DisallowedRedirect(SuspiciousOperation):
    pass


class HttpResponseRedirect(HttpResponseRedirectBase):
    status_code = 302


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    status_code = 301


class HttpResponseNotModified(HttpResponse):
    status_code = 304

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self["content-type"]


class HttpResponseBadRequest(HttpResponse):
    status_code = 400


class HttpResponseNotFound(HttpResponse):
    status_code = 404


class HttpResponseForbidden(HttpResponse):
    status_code = 403


class HttpResponseNotAllowed(HttpResponse):
    status_code = 405

    def __init__(self, permitted_methods, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self["Allow"] = ", ".join(permitted_methods)


class HttpResponseGone(HttpResponse):
    status_code = 410


class HttpResponseServerError(HttpResponse):
    status_code = 500


class JsonResponse(HttpResponse):
    def __init__(self, data, encoder=None, safe=True, json_dumps_params=None, **kwargs):
        if safe and not isinstance(data, dict):
            raise TypeError("In order to allow non-dict objects to be serialized set the safe parameter to False.")
        if "content_type" not in kwargs:
            kwargs["content_type"] = "application/json"
        super().__init__(content=_json_dumps(data), **kwargs)
)PY";

constexpr const char* kCacheUtilsSource = R"PY(
def patch_vary_headers(response, newheaders):
    if response.has_header("Vary"):
        vary_headers = [header.strip() for header in response["Vary"].split(",") if header.strip()]
    else:
        vary_headers = []
    existing_headers = set([header.lower() for header in vary_headers])
    additional_headers = [newheader for newheader in newheaders if newheader.lower() not in existing_headers]
    vary_headers = vary_headers + additional_headers
    if "*" in vary_headers:
        response.headers["Vary"] = "*"
    else:
        response.headers["Vary"] = ", ".join(vary_headers)


def _parse_cache_control(response):
    directives = []
    if response.has_header("Cache-Control"):
        for field in response["Cache-Control"].split(","):
            field = field.strip()
            if not field:
                continue
            if "=" in field:
                name, value = field.split("=", 1)
                directives.append([name.strip().lower(), value.strip()])
            else:
                directives.append([field.lower(), True])
    return directives


def patch_cache_control(response, **kwargs):
    directives = _parse_cache_control(response)
    for key, value in kwargs.items():
        name = key.replace("_", "-")
        found = False
        for directive in directives:
            if directive[0] == name:
                if name == "max-age":
                    directive[1] = min(int(directive[1]), int(value))
                else:
                    directive[1] = value
                found = True
        if not found:
            directives.append([name, value])
    parts = []
    for name, value in directives:
        if value is True:
            parts.append(name)
        elif value is not False:
            parts.append(name + "=" + str(value))
    response.headers["Cache-Control"] = ", ".join(parts)


def patch_response_headers(response, cache_timeout=None):
    if cache_timeout is None:
        cache_timeout = 600
    if cache_timeout < 0:
        cache_timeout = 0
    if not response.has_header("Expires"):
        response.headers["Expires"] = _http_date(cache_timeout)
    patch_cache_control(response, max_age=cache_timeout)


def get_max_age(response):
    for name, value in _parse_cache_control(response):
        if name == "max-age":
            try:
                return int(value)
            except (ValueError, TypeError):
                return None
    return None


def _cc_delim_split(value):
    # cc_delim_re.split(value): r'\s*,\s*' strips the blanks around each comma only.
    parts = value.split(",")
    out = []
    for i in range(len(parts)):
        part = parts[i]
        if i > 0:
            part = part.lstrip()
        if i < len(parts) - 1:
            part = part.rstrip()
        out.append(part)
    return out


def has_vary_header(response, header_query):
    if not response.has_header("Vary"):
        return False
    existing = set([header.strip().lower() for header in response["Vary"].split(",")])
    return header_query.lower().strip() in existing


def _generate_cache_header_key(key_prefix, request):
    from django.utils.translation import get_language
    url = _md5(request.build_absolute_uri())
    return "views.decorators.cache.cache_header." + key_prefix + "." + url + "." + get_language() + ".UTC"


# Debian's 3.2 carries the RFC 9111 fix: an absent header hashes as "-,", so it never shares a
# key with a present one (Vary: X-A, X-B with only X-A = "x" is not X-B = "x").
def _generate_cache_key(request, method, headerlist, key_prefix):
    values = ""
    for header in headerlist:
        value = request.META.get(header)
        if value is None:
            values = values + "-,"
        else:
            values = values + value
    from django.utils.translation import get_language
    url = _md5(request.build_absolute_uri())
    return ("views.decorators.cache.cache_page." + key_prefix + "." + method + "." + url + "." + _md5(values) +
            "." + get_language() + ".UTC")


def get_cache_key(request, key_prefix=None, method="GET", cache=None):
    from django.conf import settings
    from django.core.cache import caches
    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    cache_key = _generate_cache_header_key(key_prefix, request)
    if cache is None:
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    headerlist = cache.get(cache_key)
    if headerlist is not None:
        return _generate_cache_key(request, method, headerlist, key_prefix)
    return None


def learn_cache_key(request, response, cache_timeout=None, key_prefix=None, cache=None):
    from django.conf import settings
    from django.core.cache import caches
    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    if cache_timeout is None:
        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    cache_key = _generate_cache_header_key(key_prefix, request)
    if cache is None:
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    headerlist = []
    if response.has_header("Vary"):
        for header in response["Vary"].split(","):
            header = header.strip().upper().replace("-", "_")
            # USE_I18N (always on here) suffixes the key with the active language, so Django leaves
            # Accept-Language out (#18191): without LocaleMiddleware every language shares a page.
            if header and header != "ACCEPT_LANGUAGE":
                headerlist.append("HTTP_" + header)
        headerlist.sort()
    cache.set(cache_key, headerlist, cache_timeout)
    return _generate_cache_key(request, request.method, headerlist, key_prefix)


def add_never_cache_headers(response):
    patch_response_headers(response, cache_timeout=-1)
    patch_cache_control(response, no_cache=True, no_store=True, must_revalidate=True, private=True)
)PY";

std::string hex2(unsigned char c)
{
    char buf[4];
    std::snprintf(buf, sizeof buf, "%%%02X", c);
    return buf;
}

bool isUnreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-' || c == '~';
}

const char* reasonPhrase(std::int64_t status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 410: return "Gone";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown Status Code";
    }
}

} // namespace

std::string quote(std::string_view text, std::string_view safe)
{
    std::string out;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUnreserved(c) || (c < 0x80 && safe.find(ch) != std::string_view::npos))
            out += ch;
        else
            out += hex2(c);
    }
    return out;
}

std::string iriToUri(std::string_view iri)
{
    return quote(iri, "/#%[]=:;$&()+,!?*@'~");
}

std::string unquote(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

void installHttpModules(py::Interpreter& interp, const SimulatedClock& clock)
{
    installLazyObject(interp);

    py::ModuleObject* encoding = interp.newModule("django.utils.encoding", "django");
    encoding->globals.set("_iri_to_uri", interp.newFunction("_iri_to_uri", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return ip.newStr(iriToUri(ip.expectStr(a.args.at(0), "iri")));
    }));
    encoding->globals.set("_quote", interp.newFunction("_quote", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return ip.newStr(quote(ip.expectStr(a.args.at(0), "string"), ip.expectStr(a.args.at(1), "safe")));
    }));
    interp.runModule("django.utils.encoding", kEncodingSource, {}, "django");

    py::ModuleObject* http = interp.newModule("django.http", "django");
    http->globals.set("_json_dumps", interp.newFunction("_json_dumps", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return ip.newStr(jsonDumps(ip, a.args.at(0), false));
    }));
    http->globals.set("_quote_plus", interp.newFunction("_quote_plus", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        std::string out = quote(ip.expectStr(a.args.at(0), "string"), " ");
        for (char& c : out)
            if (c == ' ')
                c = '+';
        return ip.newStr(out);
    }));
    http->globals.set("_reason_phrase", interp.newFunction("_reason_phrase", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return ip.newStr(reasonPhrase(ip.expectInt(a.args.at(0), "status")));
    }));
    interp.runModule("django.http", kHttpSource, {}, "django");
    // Django's own submodules re-export the same classes.
    for (const char* sub : {"django.http.request", "django.http.response"}) {
        py::ModuleObject* m = interp.newModule(sub, "django");
        for (const auto& [name, value] : http->globals.entries())
            if (!name.starts_with("__"))
                m->globals.set(name, value);
    }

    py::ModuleObject* cache = interp.newModule("django.utils.cache", "django");
    cache->globals.set("_http_date", interp.newFunction("_http_date", [&clock](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        // http_date(time.time() + seconds)
        return ip.newStr(SimulatedClock::httpDate(clock.wholeEpochSeconds() + ip.expectInt(a.args.at(0), "seconds")));
    }));
    interp.runModule("django.utils.cache", kCacheUtilsSource, {}, "django");
}

} // namespace pipelab::django::http
