// Built-in middleware modules (see middlewaremodules.h).
#include "sim/django/middleware/middlewaremodules.h"

#include "sim/django/middleware/messagesmodules.h"
#include "sim/django/middleware/sessionstore.h"
#include "sim/django/middleware/signing.h"
#include "sim/python/interpreter.h"

namespace pipelab::django::middleware {

namespace {

constexpr const char* kDeprecationSource = R"PY(
class MiddlewareMixin:
    def __init__(self, get_response=None):
        self.get_response = get_response

    def __call__(self, request):
        response = None
        if hasattr(self, "process_request"):
            response = self.process_request(request)
        if not response:
            response = self.get_response(request)
        if hasattr(self, "process_response"):
            response = self.process_response(request, response)
        return response
)PY";

constexpr const char* kSecuritySource = R"PY(
from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.deprecation import MiddlewareMixin


class SecurityMiddleware(MiddlewareMixin):
    def __init__(self, get_response=None):
        super().__init__(get_response)
        self.sts_seconds = settings.SECURE_HSTS_SECONDS
        self.content_type_nosniff = settings.SECURE_CONTENT_TYPE_NOSNIFF
        self.redirect = settings.SECURE_SSL_REDIRECT
        self.redirect_host = settings.SECURE_SSL_HOST
        self.referrer_policy = settings.SECURE_REFERRER_POLICY
        self.cross_origin_opener_policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY

    def process_request(self, request):
        if self.redirect and not request.is_secure():
            host = self.redirect_host or request.get_host()
            return HttpResponsePermanentRedirect("https://" + host + request.get_full_path())

    def process_response(self, request, response):
        if self.sts_seconds and request.is_secure() and "Strict-Transport-Security" not in response:
            response.headers["Strict-Transport-Security"] = "max-age=" + str(self.sts_seconds)
        if self.content_type_nosniff:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if self.referrer_policy:
            policy = self.referrer_policy
            if not isinstance(policy, str):
                policy = ",".join(policy)
            response.headers.setdefault("Referrer-Policy", policy)
        if self.cross_origin_opener_policy:
            response.setdefault("Cross-Origin-Opener-Policy", self.cross_origin_opener_policy)
        return response
)PY";

constexpr const char* kCommonSource = R"PY(
from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import _append_slash_match
from django.utils.deprecation import MiddlewareMixin


def escape_leading_slashes(url):
    if url.startswith("//"):
        url = "/%2F" + url[2:]
    return url


class CommonMiddleware(MiddlewareMixin):
    response_redirect_class = HttpResponsePermanentRedirect

    def process_request(self, request):
        return None

    def should_redirect_with_slash(self, request):
        if settings.APPEND_SLASH and not request.path_info.endswith("/"):
            found, view = _append_slash_match(request.path_info)
            if found:
                return getattr(view, "should_append_slash", True)
        return False

    def get_full_path_with_slash(self, request):
        new_path = request.get_full_path(force_append_slash=True)
        new_path = escape_leading_slashes(new_path)
        if settings.DEBUG and request.method in ("POST", "PUT", "PATCH"):
            raise RuntimeError(
                "You called this URL via " + request.method + ", but the URL doesn't end in a slash and you have "
                "APPEND_SLASH set. Django can't redirect to the slash URL while maintaining " + request.method +
                " data. Change your form to point to " + request.get_host() + new_path +
                " (note the trailing slash), or set APPEND_SLASH=False in your Django settings.")
        return new_path

    def process_response(self, request, response):
        if response.status_code == 404 and self.should_redirect_with_slash(request):
            return self.response_redirect_class(self.get_full_path_with_slash(request))
        if not response.streaming and not response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response
)PY";

constexpr const char* kCsrfSource = R"PY(
from django.conf import settings
from django.http import HttpResponseForbidden
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

CSRF_SECRET_LENGTH = 32
CSRF_TOKEN_LENGTH = 64
CSRF_ALLOWED_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
CSRF_SESSION_KEY = "_csrftoken"
REASON_NO_REFERER = "Referer checking failed - no Referer."
REASON_BAD_REFERER = "Referer checking failed - %s does not match any trusted origins."
REASON_NO_CSRF_COOKIE = "CSRF cookie not set."
REASON_BAD_TOKEN = "CSRF token missing or incorrect."
REASON_MALFORMED_REFERER = "Referer checking failed - Referer is malformed."
REASON_INSECURE_REFERER = "Referer checking failed - Referer is insecure while host is secure."


def _get_new_csrf_string():
    return _csrf_random()


def _mask_cipher_secret(secret):
    mask = _get_new_csrf_string()
    chars = CSRF_ALLOWED_CHARS
    cipher = "".join([chars[(chars.index(secret[i]) + chars.index(mask[i])) % len(chars)] for i in range(len(secret))])
    return mask + cipher


def _unmask_cipher_token(token):
    mask = token[:CSRF_SECRET_LENGTH]
    token = token[CSRF_SECRET_LENGTH:]
    chars = CSRF_ALLOWED_CHARS
    return "".join([chars[chars.index(token[i]) - chars.index(mask[i])] for i in range(len(token))])


def _get_new_csrf_token():
    return _mask_cipher_secret(_get_new_csrf_string())


def get_token(request):
    if "CSRF_COOKIE" not in request.META:
        csrf_secret = _get_new_csrf_string()
        request.META["CSRF_COOKIE"] = _mask_cipher_secret(csrf_secret)
    else:
        csrf_secret = _unmask_cipher_token(request.META["CSRF_COOKIE"])
    request.META["CSRF_COOKIE_USED"] = True
    return _mask_cipher_secret(csrf_secret)


def rotate_token(request):
    request.META["CSRF_COOKIE_USED"] = True
    request.META["CSRF_COOKIE"] = _get_new_csrf_token()
    request.csrf_cookie_needs_reset = True


def _sanitize_token(token):
    if len(token) > CSRF_TOKEN_LENGTH:
        return _get_new_csrf_token()
    token = "".join([c for c in token if c in CSRF_ALLOWED_CHARS])
    if len(token) == CSRF_TOKEN_LENGTH:
        return token
    elif len(token) == CSRF_SECRET_LENGTH:
        return _mask_cipher_secret(token)
    return _get_new_csrf_token()


def _compare_masked_tokens(request_csrf_token, csrf_token):
    return _unmask_cipher_token(request_csrf_token) == _unmask_cipher_token(csrf_token)


def csrf_failure(request, reason=""):
    return HttpResponseForbidden("<h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p>",
                                 content_type="text/html")


class CsrfViewMiddleware(MiddlewareMixin):
    def _accept(self, request):
        request.csrf_processing_done = True
        return None

    def _reject(self, request, reason):
        return csrf_failure(request, reason=reason)

    def _get_token(self, request):
        try:
            cookie_token = request.COOKIES["csrftoken"]
        except KeyError:
            return None
        csrf_token = _sanitize_token(cookie_token)
        if csrf_token != cookie_token:
            request.csrf_cookie_needs_reset = True
        return csrf_token

    def _set_token(self, request, response):
        response.set_cookie("csrftoken", request.META["CSRF_COOKIE"], max_age=31449600, path="/",
                            samesite="Lax")
        patch_vary_headers(response, ("Cookie",))

    def process_request(self, request):
        csrf_token = self._get_token(request)
        if csrf_token is not None:
            request.META["CSRF_COOKIE"] = csrf_token

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if getattr(request, "csrf_processing_done", False):
            return None
        if getattr(callback, "csrf_exempt", False):
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            if getattr(request, "_dont_enforce_csrf_checks", False):
                return self._accept(request)
            if request.is_secure():
                referer = request.META.get("HTTP_REFERER")
                if referer is None:
                    return self._reject(request, REASON_NO_REFERER)
                if not referer.startswith("https://"):
                    return self._reject(request, REASON_INSECURE_REFERER)
                host = referer[8:].split("/")[0]
                if host != request.get_host():
                    return self._reject(request, REASON_BAD_REFERER.replace("%s", referer))
            csrf_token = request.META.get("CSRF_COOKIE")
            if csrf_token is None:
                return self._reject(request, REASON_NO_CSRF_COOKIE)
            request_csrf_token = ""
            if request.method == "POST":
                request_csrf_token = request.POST.get("csrfmiddlewaretoken", "")
            if request_csrf_token == "":
                request_csrf_token = request.META.get("HTTP_X_CSRFTOKEN", "")
            request_csrf_token = _sanitize_token(request_csrf_token)
            if not _compare_masked_tokens(request_csrf_token, csrf_token):
                return self._reject(request, REASON_BAD_TOKEN)
        return self._accept(request)

    def process_response(self, request, response):
        if not getattr(request, "csrf_cookie_needs_reset", False):
            if getattr(response, "csrf_cookie_set", False):
                return response
        if not request.META.get("CSRF_COOKIE_USED", False):
            return response
        self._set_token(request, response)
        response.csrf_cookie_set = True
        return response
)PY";

constexpr const char* kClickjackingSource = R"PY(
from django.conf import settings
from django.utils.deprecation import MiddlewareMixin


class XFrameOptionsMiddleware(MiddlewareMixin):
    def process_response(self, request, response):
        if response.get("X-Frame-Options") is not None:
            return response
        if getattr(response, "xframe_options_exempt", False):
            return response
        response.headers["X-Frame-Options"] = self.get_xframe_options_value(request, response)
        return response

    def get_xframe_options_value(self, request, response):
        return settings.X_FRAME_OPTIONS.upper()
)PY";

constexpr const char* kConditionalGetSource = R"PY(
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import _cc_delim_split, _md5
from django.utils.deprecation import MiddlewareMixin

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _etag_match(etag):
    # ETAG_MATCH = r'\A((?:W/)?"[^"]*")\Z'
    if etag.startswith("W/"):
        etag = etag[2:]
    return len(etag) >= 2 and etag[0] == '"' and etag[-1] == '"' and '"' not in etag[1:-1]


def quote_etag(etag_str):
    if _etag_match(etag_str):
        return etag_str
    return '"' + etag_str + '"'


def parse_etags(etag_str):
    if etag_str.strip() == "*":
        return ["*"]
    return [etag.strip() for etag in etag_str.split(",") if _etag_match(etag.strip())]


def parse_http_date_safe(date):
    # RFC 1123 dates ("Sun, 06 Nov 1994 08:49:37 GMT"), the form http_date() writes; the RFC 850
    # and asctime forms Django also accepts are not parsed here (None, as for an invalid date).
    parts = date.split()
    if len(parts) != 6 or not parts[0].endswith(",") or parts[5] != "GMT" or parts[2].lower() not in _MONTHS:
        return None
    clock = parts[4].split(":")
    if len(clock) != 3 or not parts[1].isdigit() or not parts[3].isdigit():
        return None
    for unit in clock:
        if not unit.isdigit():
            return None
    year = int(parts[3])
    month = _MONTHS.index(parts[2].lower()) + 1
    day = int(parts[1])
    # days_from_civil (proleptic Gregorian), then seconds since the epoch.
    y = year - 1 if month <= 2 else year
    era = y // 400
    yoe = y - era * 400
    mp = month + 9 if month <= 2 else month - 3
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days = era * 146097 + doe - 719468
    return days * 86400 + int(clock[0]) * 3600 + int(clock[1]) * 60 + int(clock[2])


def set_response_etag(response):
    if not response.streaming and response.content:
        response.headers["ETag"] = quote_etag(_md5(response.content))
    return response


def _precondition_failed(request):
    return HttpResponse(status=412)


def _not_modified(request, response=None):
    new_response = HttpResponseNotModified()
    if response:
        for header in ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary"):
            if header in response:
                new_response.headers[header] = response.headers[header]
        new_response.cookies = response.cookies
    return new_response


def _if_match_passes(target_etag, etags):
    if not target_etag:
        return False
    elif etags == ["*"]:
        return True
    elif target_etag.startswith("W/"):
        return False
    return target_etag in etags


def _if_unmodified_since_passes(last_modified, if_unmodified_since):
    return last_modified and last_modified <= if_unmodified_since


def _if_none_match_passes(target_etag, etags):
    if not target_etag:
        return True
    elif etags == ["*"]:
        return False
    target_etag = target_etag.strip("W/")
    return target_etag not in [etag.strip("W/") for etag in etags]


def _if_modified_since_passes(last_modified, if_modified_since):
    return not last_modified or last_modified > if_modified_since


def get_conditional_response(request, etag=None, last_modified=None, response=None):
    if response and not (200 <= response.status_code < 300):
        return response
    if_match_etags = parse_etags(request.META.get("HTTP_IF_MATCH", ""))
    if_unmodified_since = request.META.get("HTTP_IF_UNMODIFIED_SINCE")
    if_unmodified_since = if_unmodified_since and parse_http_date_safe(if_unmodified_since)
    if_none_match_etags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if_modified_since = if_modified_since and parse_http_date_safe(if_modified_since)
    if if_match_etags and not _if_match_passes(etag, if_match_etags):
        return _precondition_failed(request)
    if (not if_match_etags and if_unmodified_since and
            not _if_unmodified_since_passes(last_modified, if_unmodified_since)):
        return _precondition_failed(request)
    if if_none_match_etags and not _if_none_match_passes(etag, if_none_match_etags):
        if request.method in ("GET", "HEAD"):
            return _not_modified(request, response)
        return _precondition_failed(request)
    if (not if_none_match_etags and if_modified_since and
            not _if_modified_since_passes(last_modified, if_modified_since) and
            request.method in ("GET", "HEAD")):
        return _not_modified(request, response)
    return response


class ConditionalGetMiddleware(MiddlewareMixin):
    def process_response(self, request, response):
        if request.method != "GET":
            return response
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = response.get("Last-Modified")
        last_modified = last_modified and parse_http_date_safe(last_modified)
        if etag or last_modified:
            return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
        return response

    def needs_etag(self, response):
        cache_control_headers = _cc_delim_split(response.get("Cache-Control", ""))
        return all([header.lower() != "no-store" for header in cache_control_headers])
)PY";

// django.utils.translation (trans_real) as far as the request pipeline needs it: the active
// language (Django's thread-local, which stays activated after a request, as in 3.2) and
// get_language_from_request over the default LANGUAGES, all of which Debian's Django ships
// catalogs for (check_for_language is true for each).
constexpr const char* kTranslationSource = R"PY(
from django.conf import settings
from django.utils.cache import _cc_delim_split

LANGUAGES = ["af", "ar", "ar-dz", "ast", "az", "bg", "be", "bn", "br", "bs", "ca", "cs", "cy", "da", "de", "dsb",
             "el", "en", "en-au", "en-gb", "eo", "es", "es-ar", "es-co", "es-mx", "es-ni", "es-ve", "et", "eu", "fa",
             "fi", "fr", "fy", "ga", "gd", "gl", "he", "hi", "hr", "hsb", "hu", "hy", "ia", "id", "ig", "io", "is",
             "it", "ja", "ka", "kab", "kk", "km", "kn", "ko", "ky", "lb", "lt", "lv", "mk", "ml", "mn", "mr", "my",
             "nb", "ne", "nl", "nn", "os", "pa", "pl", "pt", "pt-br", "ro", "ru", "sk", "sl", "sq", "sr", "sr-latn",
             "sv", "sw", "ta", "te", "tg", "th", "tk", "tr", "tt", "udm", "uk", "ur", "uz", "vi", "zh-hans",
             "zh-hant"]
_FALLBACKS = {"zh-cn": ["zh-hans"], "zh-hk": ["zh-hant"], "zh-mo": ["zh-hant"], "zh-my": ["zh-hans"],
              "zh-sg": ["zh-hans"], "zh-tw": ["zh-hant"]}
_active = []


def activate(language):
    _active.clear()
    _active.append(language)


def deactivate():
    _active.clear()


def get_language():
    if _active:
        return _active[0]
    return settings.LANGUAGE_CODE


def get_supported_language_variant(lang_code, strict=False):
    if lang_code:
        possible_lang_codes = [lang_code] + _FALLBACKS.get(lang_code, [])
        generic_lang_code = lang_code.split("-")[0]
        possible_lang_codes.append(generic_lang_code)
        for code in possible_lang_codes:
            if code in LANGUAGES:
                return code
        if not strict:
            for supported_code in LANGUAGES:
                if supported_code.startswith(generic_lang_code + "-"):
                    return supported_code
    raise LookupError(lang_code)


def _ascii_letters(text, digits):
    for ch in text:
        if not (("a" <= ch <= "z") or (digits and "0" <= ch <= "9")):
            return False
    return True


def _parse_range(piece):
    # One accept_language_re match: ([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)(?:\s*;\s*q=(0(?:\.\d{,3})?|1(?:\.0{,3})?))?
    # on the lower-cased header; None when it does not match the whole piece.
    semi = piece.find(";")
    lang = piece if semi < 0 else piece[:semi].rstrip()
    if lang != "*":
        subtags = lang.split("-")
        for i in range(len(subtags)):
            if not (1 <= len(subtags[i]) <= 8) or not _ascii_letters(subtags[i], i > 0):
                return None
    if semi < 0:
        return (lang, 1.0)
    q = piece[semi + 1:].lstrip()
    if not q.startswith("q="):
        return None
    q = q[2:]
    head = q[:1]
    rest = q[1:]
    if head not in ("0", "1") or (rest and (rest[0] != "." or len(rest) > 4)):
        return None
    for ch in rest[1:]:
        if not ("0" <= ch <= "9") or (head == "1" and ch != "0"):
            return None
    return (lang, float(q))


def parse_accept_lang_header(lang_string):
    result = []
    for piece in _cc_delim_split(lang_string.lower()):
        parsed = _parse_range(piece)
        if parsed is None:
            return ()
        result.append(parsed)
    result.sort(key=lambda k: k[1], reverse=True)
    return tuple(result)


def get_language_from_request(request, check_path=False):
    lang_code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if lang_code is not None and lang_code in LANGUAGES:
        return lang_code
    try:
        return get_supported_language_variant(lang_code)
    except LookupError:
        pass
    accept = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for accept_lang, unused in parse_accept_lang_header(accept):
        if accept_lang == "*":
            break
        try:
            return get_supported_language_variant(accept_lang)
        except LookupError:
            continue
    try:
        return get_supported_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE
)PY";

// LocaleMiddleware without i18n_patterns (no language prefix in any URL pattern).
constexpr const char* kLocaleSource = R"PY(
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


class LocaleMiddleware(MiddlewareMixin):
    response_redirect_class = HttpResponseRedirect

    def process_request(self, request):
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        language = translation.get_language()
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response
)PY";

constexpr const char* kSessionsSource = R"PY(
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.core.exceptions import BadRequest
from django.utils.cache import _http_date, patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


class SessionInterrupted(BadRequest):
    pass


class SessionMiddleware(MiddlewareMixin):
    def __init__(self, get_response=None):
        super().__init__(get_response)
        self.SessionStore = _session_store_class()

    def process_request(self, request):
        session_key = request.COOKIES.get("sessionid")
        request.session = self.SessionStore(session_key)

    def process_response(self, request, response):
        try:
            accessed = request.session.accessed
            modified = request.session.modified
            empty = request.session.is_empty()
        except AttributeError:
            return response
        if "sessionid" in request.COOKIES and empty:
            response.delete_cookie("sessionid", path="/", domain=None, samesite="Lax")
            patch_vary_headers(response, ("Cookie",))
        else:
            if accessed:
                patch_vary_headers(response, ("Cookie",))
            if modified and not empty:
                if response.status_code != 500:
                    try:
                        request.session.save()
                    except UpdateError:
                        raise SessionInterrupted(
                            "The request's session was deleted before the request completed. The user may have "
                            "logged out in a concurrent request, for example.")
                    response.set_cookie("sessionid", request.session.session_key, max_age=1209600,
                                        expires=_http_date(1209600), path="/", httponly=True,
                                        samesite="Lax")
        return response
)PY";

constexpr const char* kAuthSource = R"PY(
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.middleware.csrf import rotate_token

SESSION_KEY = "_auth_user_id"
BACKEND_SESSION_KEY = "_auth_user_backend"
HASH_SESSION_KEY = "_auth_user_hash"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _get_user(request):
    user = None
    try:
        user_id = int(request.session[SESSION_KEY])
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path == MODEL_BACKEND:
            try:
                user = User.objects.get(pk=user_id)
            except User.DoesNotExist:
                user = None
            if user is not None and not getattr(user, "is_active", True):
                user = None
            if user is not None:
                session_hash = request.session.get(HASH_SESSION_KEY)
                verified = session_hash and session_hash == _session_auth_hash(user.password)
                if not verified:
                    request.session.flush()
                    user = None
    if user is None:
        return AnonymousUser()
    return user


def get_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = _get_user(request)
    return request._cached_user


def login(request, user, backend=None):
    session_auth_hash = _session_auth_hash(user.password)
    if SESSION_KEY in request.session:
        if int(request.session[SESSION_KEY]) != user.pk or request.session.get(HASH_SESSION_KEY) != session_auth_hash:
            request.session.flush()
    else:
        request.session.cycle_key()
    request.session[SESSION_KEY] = str(user.pk)
    request.session[BACKEND_SESSION_KEY] = backend or MODEL_BACKEND
    request.session[HASH_SESSION_KEY] = session_auth_hash
    if hasattr(request, "user"):
        request.user = user
    rotate_token(request)
    user_logged_in.send(sender=user.__class__, request=request, user=user)


def update_last_login(sender, user, **kwargs):
    from django.utils.timezone import now
    user.last_login = now()
    user.save(update_fields=["last_login"])


# AuthConfig.ready(): the user model has last_login.
user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")


def logout(request):
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", True):
        user = None
    user_logged_out.send(sender=request.user.__class__ if user is not None else None, request=request, user=user)
    request.session.flush()
    if hasattr(request, "user"):
        request.user = AnonymousUser()
)PY";

constexpr const char* kAuthMiddlewareSource = R"PY(
from django.contrib.auth import get_user
from django.core.exceptions import ImproperlyConfigured
from django.utils.deprecation import MiddlewareMixin
from django.utils.functional import SimpleLazyObject


class AuthenticationMiddleware(MiddlewareMixin):
    def process_request(self, request):
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The Django authentication middleware requires session middleware to be installed. Edit your "
                "MIDDLEWARE setting to insert 'django.contrib.sessions.middleware.SessionMiddleware' before "
                "'django.contrib.auth.middleware.AuthenticationMiddleware'.")
        request.user = SimpleLazyObject(lambda: get_user(request))
)PY";

} // namespace

void installMiddlewareModules(py::Interpreter& interp, SessionDatabase& sessions)
{
    installSessionModules(interp, sessions);
    py::ModuleObject* cacheUtils = interp.newModule("django.utils.cache", "django");
    cacheUtils->globals.set("_md5", interp.newFunction("_md5", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return ip.newStr(md5Hex(ip.expectStr(a.args.at(0), "text")));
    }));
    interp.runModule("django.utils.deprecation", kDeprecationSource, {}, "django");
    interp.runModule("django.middleware.security", kSecuritySource, {}, "django");
    interp.runModule("django.middleware.common", kCommonSource, {}, "django");

    auto csrfDraws = std::make_shared<std::int64_t>(0);
    py::ModuleObject* csrf = interp.newModule("django.middleware.csrf", "django");
    csrf->globals.set("_csrf_random", interp.newFunction("_csrf_random", [csrfDraws](py::Interpreter& ip, py::CallArgs&) -> py::Value {
        // The oracle's counter: the n-th draw is "csrf" + n, zero-filled to 32 characters.
        const std::string digits = std::to_string(++*csrfDraws);
        return ip.newStr("csrf" + std::string(digits.size() < 28 ? 28 - digits.size() : 0, '0') + digits);
    }));
    interp.runModule("django.middleware.csrf", kCsrfSource, {}, "django");
    interp.runModule("django.middleware.clickjacking", kClickjackingSource, {}, "django");
    interp.runModule("django.middleware.http", kConditionalGetSource, {}, "django");
    interp.runModule("django.utils.translation", kTranslationSource, {}, "django");
    interp.runModule("django.middleware.locale", kLocaleSource, {}, "django");

    py::ModuleObject* sessionMiddleware = interp.newModule("django.contrib.sessions.middleware", "django");
    sessionMiddleware->globals.set("_session_store_class", interp.newFunction("_session_store_class", [](py::Interpreter& ip, py::CallArgs&) -> py::Value {
        py::ModuleObject* settings = ip.findModule("django.conf");
        const std::string engine = ip.toStr(ip.getAttr(ip.getAttr(settings, "settings"), "SESSION_ENGINE"));
        // import_module(settings.SESSION_ENGINE).SessionStore: the four backends are registered.
        return ip.getAttr(ip.importModule(engine), "SessionStore");
    }));
    interp.runModule("django.contrib.sessions.middleware", kSessionsSource, {}, "django");

    py::ModuleObject* auth = interp.newModule("django.contrib.auth", "django");
    auth->globals.set("_session_auth_hash", interp.newFunction("_session_auth_hash", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        const std::string password = ip.toStr(a.args.at(0));
        return ip.newStr(toHex(saltedHmacSha256("django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash", password)));
    }));
    interp.runModule("django.contrib.auth", kAuthSource, {}, "django");
    interp.runModule("django.contrib.auth.middleware", kAuthMiddlewareSource, {}, "django");
    installMessagesModules(interp, sessions.clock());
}

} // namespace pipelab::django::middleware
