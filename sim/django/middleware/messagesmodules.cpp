// django.contrib.messages (see messagesmodules.h).
#include "sim/django/middleware/messagesmodules.h"

#include "sim/django/http/jsonencoding.h"
#include "sim/django/http/simulatedclock.h"
#include "sim/django/middleware/signing.h"
#include "sim/python/interpreter.h"

namespace pipelab::django::middleware {

namespace {

constexpr const char* kMessagesSource = R"PY(
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEBUG = 10
INFO = 20
SUCCESS = 25
WARNING = 30
ERROR = 40
DEFAULT_TAGS = {DEBUG: "debug", INFO: "info", SUCCESS: "success", WARNING: "warning", ERROR: "error"}
DEFAULT_LEVELS = {"DEBUG": DEBUG, "INFO": INFO, "SUCCESS": SUCCESS, "WARNING": WARNING, "ERROR": ERROR}


def get_level_tags():
    tags = dict(DEFAULT_TAGS)
    tags.update(getattr(settings, "MESSAGE_TAGS", {}))
    return tags


class MessageFailure(Exception):
    pass


def _is_safedata(value):
    from django.utils.safestring import SafeString
    return isinstance(value, SafeString)


class Message:
    def __init__(self, level, message, extra_tags=None):
        self.level = int(level)
        self.message = message
        self.extra_tags = extra_tags

    def _prepare(self):
        self.message = str(self.message)
        self.extra_tags = str(self.extra_tags) if self.extra_tags is not None else None

    def __eq__(self, other):
        if not isinstance(other, Message):
            return False
        return self.level == other.level and self.message == other.message

    def __str__(self):
        return str(self.message)

    def __repr__(self):
        return "Message(level=" + str(self.level) + ", message=" + repr(self.message) + ")"

    @property
    def tags(self):
        return " ".join([tag for tag in [self.extra_tags, self.level_tag] if tag])

    @property
    def level_tag(self):
        return get_level_tags().get(self.level, "")


def _encodable(obj):
    # MessageEncoder.default: ["__json_message", is_safedata, level, message(, extra_tags)].
    if isinstance(obj, Message):
        message = ["__json_message", 1 if _is_safedata(obj.message) else 0, obj.level, obj.message]
        if obj.extra_tags:
            message.append(obj.extra_tags)
        return message
    if isinstance(obj, list):
        return [_encodable(item) for item in obj]
    return obj


def _process_messages(obj):
    # MessageDecoder.process_messages
    if isinstance(obj, list) and obj:
        if obj[0] == "__json_message":
            if obj[1]:
                from django.utils.safestring import mark_safe
                obj[3] = mark_safe(obj[3])
            return Message(*obj[2:])
        return [_process_messages(item) for item in obj]
    if isinstance(obj, dict):
        return {key: _process_messages(value) for key, value in obj.items()}
    return obj


class BaseStorage:
    def __init__(self, request):
        self.request = request
        self._queued_messages = []
        self.used = False
        self.added_new = False

    def __len__(self):
        return len(self._loaded_messages) + len(self._queued_messages)

    def __iter__(self):
        self.used = True
        if self._queued_messages:
            self._loaded_messages.extend(self._queued_messages)
            self._queued_messages = []
        return iter(self._loaded_messages)

    def __contains__(self, item):
        return item in self._loaded_messages or item in self._queued_messages

    def __repr__(self):
        return "<" + type(self).__name__ + ": request=" + repr(self.request) + ">"

    @property
    def _loaded_messages(self):
        if not hasattr(self, "_loaded_data"):
            messages, all_retrieved = self._get()
            self._loaded_data = messages or []
        return self._loaded_data

    def _prepare_messages(self, messages):
        for message in messages:
            message._prepare()

    def update(self, response):
        self._prepare_messages(self._queued_messages)
        if self.used:
            return self._store(self._queued_messages, response)
        elif self.added_new:
            messages = self._loaded_messages + self._queued_messages
            return self._store(messages, response)

    def add(self, level, message, extra_tags=""):
        if not message:
            return
        level = int(level)
        if level < self.level:
            return
        self.added_new = True
        message = Message(level, message, extra_tags=extra_tags)
        self._queued_messages.append(message)

    def _get_level(self):
        if not hasattr(self, "_level"):
            self._level = getattr(settings, "MESSAGE_LEVEL", INFO)
        return self._level

    def _set_level(self, value=None):
        if value is None:
            self._level = getattr(settings, "MESSAGE_LEVEL", INFO)
        else:
            self._level = int(value)

    level = property(_get_level, _set_level)


class CookieStorage(BaseStorage):
    cookie_name = "messages"
    max_cookie_size = 2048
    not_finished = "__messagesnotfinished__"

    def _get(self):
        data = self.request.COOKIES.get(self.cookie_name)
        messages = self._decode(data)
        all_retrieved = not (messages and isinstance(messages[-1], str) and messages[-1] == self.not_finished)
        if messages and not all_retrieved:
            messages.pop()
        return messages, all_retrieved

    def _update_cookie(self, encoded_data, response):
        domain = getattr(settings, "SESSION_COOKIE_DOMAIN", None)
        samesite = getattr(settings, "SESSION_COOKIE_SAMESITE", "Lax")
        if encoded_data:
            response.set_cookie(self.cookie_name, encoded_data, domain=domain,
                                secure=getattr(settings, "SESSION_COOKIE_SECURE", False) or None,
                                httponly=getattr(settings, "SESSION_COOKIE_HTTPONLY", True) or None,
                                samesite=samesite)
        else:
            response.delete_cookie(self.cookie_name, domain=domain, samesite=samesite)

    def _store(self, messages, response, remove_oldest=True):
        unstored_messages = []
        encoded_data = self._encode(messages)
        if self.max_cookie_size:
            # SimpleCookie.value_encode leaves signed values unquoted: their length is stored.
            while encoded_data and len(encoded_data) > self.max_cookie_size:
                if remove_oldest:
                    unstored_messages.append(messages.pop(0))
                else:
                    unstored_messages.insert(0, messages.pop())
                encoded_data = self._encode(messages + [self.not_finished], encode_empty=unstored_messages)
        self._update_cookie(encoded_data, response)
        return unstored_messages

    def _encode(self, messages, encode_empty=False):
        if messages or encode_empty:
            return _cookie_sign(_json_dumps(_encodable(messages), True))

    def _decode(self, data):
        if not data:
            return None
        decoded = _cookie_unsign(data)
        if decoded is not None:
            return _process_messages(_json_loads(decoded))
        self.used = True
        return None


class SessionStorage(BaseStorage):
    session_key = "_messages"

    def __init__(self, request):
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The session-based temporary message storage requires session middleware to be installed, "
                "and come before the message middleware in the MIDDLEWARE list.")
        super().__init__(request)

    def _get(self):
        return self.deserialize_messages(self.request.session.get(self.session_key)), True

    def _store(self, messages, response, remove_oldest=True):
        if messages:
            self.request.session[self.session_key] = self.serialize_messages(messages)
        else:
            self.request.session.pop(self.session_key, None)
        return []

    def serialize_messages(self, messages):
        # MessageEncoder().encode(): the json module's default separators.
        return _json_dumps(_encodable(messages), False)

    def deserialize_messages(self, data):
        if data and isinstance(data, str):
            return _process_messages(_json_loads(data))
        return data


class FallbackStorage(BaseStorage):
    storage_classes = (CookieStorage, SessionStorage)

    def __init__(self, request):
        super().__init__(request)
        self.storages = [storage_class(request) for storage_class in self.storage_classes]
        self._used_storages = []

    def _get(self):
        all_messages = []
        all_retrieved = False
        for storage in self.storages:
            messages, all_retrieved = storage._get()
            if messages is None:
                break
            if messages and storage not in self._used_storages:
                self._used_storages.append(storage)
            all_messages.extend(messages)
            if all_retrieved:
                break
        return all_messages, all_retrieved

    def _store(self, messages, response):
        for storage in self.storages:
            if messages:
                messages = storage._store(messages, response, remove_oldest=False)
            elif storage in self._used_storages:
                storage._store([], response)
                self._used_storages.remove(storage)
        return messages


_STORAGES = {
    "django.contrib.messages.storage.fallback.FallbackStorage": FallbackStorage,
    "django.contrib.messages.storage.cookie.CookieStorage": CookieStorage,
    "django.contrib.messages.storage.session.SessionStorage": SessionStorage,
}


def default_storage(request):
    path = getattr(settings, "MESSAGE_STORAGE", "django.contrib.messages.storage.fallback.FallbackStorage")
    if path not in _STORAGES:
        raise ImproperlyConfigured("PipeLab simulates MESSAGE_STORAGE " + ", ".join(list(_STORAGES)) +
                                   "; not '" + str(path) + "'")
    return _STORAGES[path](request)


def add_message(request, level, message, extra_tags="", fail_silently=False):
    if hasattr(request, "_messages"):
        return request._messages.add(level, message, extra_tags)
    if not hasattr(request, "META"):
        raise TypeError("add_message() argument must be an HttpRequest object, not '" +
                        type(request).__name__ + "'.")
    if not fail_silently:
        raise MessageFailure("You cannot add messages without installing "
                             "django.contrib.messages.middleware.MessageMiddleware")


def get_messages(request):
    return getattr(request, "_messages", [])


def get_level(request):
    if hasattr(request, "_messages"):
        return request._messages.level
    return default_storage(request).level


def set_level(request, level):
    if not hasattr(request, "_messages"):
        return False
    request._messages.level = level
    return True


def debug(request, message, extra_tags="", fail_silently=False):
    add_message(request, DEBUG, message, extra_tags=extra_tags, fail_silently=fail_silently)


def info(request, message, extra_tags="", fail_silently=False):
    add_message(request, INFO, message, extra_tags=extra_tags, fail_silently=fail_silently)


def success(request, message, extra_tags="", fail_silently=False):
    add_message(request, SUCCESS, message, extra_tags=extra_tags, fail_silently=fail_silently)


def warning(request, message, extra_tags="", fail_silently=False):
    add_message(request, WARNING, message, extra_tags=extra_tags, fail_silently=fail_silently)


def error(request, message, extra_tags="", fail_silently=False):
    add_message(request, ERROR, message, extra_tags=extra_tags, fail_silently=fail_silently)
)PY";

constexpr const char* kMessageMiddlewareSource = R"PY(
from django.conf import settings
from django.contrib.messages import default_storage, get_messages
from django.utils.deprecation import MiddlewareMixin


class MessageMiddleware(MiddlewareMixin):
    def process_request(self, request):
        request._messages = default_storage(request)

    def process_response(self, request, response):
        if hasattr(request, "_messages"):
            unstored_messages = request._messages.update(response)
            if unstored_messages and settings.DEBUG:
                raise ValueError("Not all temporary messages could be stored.")
        return response
)PY";

// signing.get_cookie_signer(salt="django.contrib.messages"): a TimestampSigner (SIGNING_BACKEND's
// default) whose key is prefixed for cookies.
constexpr std::string_view kCookieSalt = "django.contrib.messages";

std::string cookieSecret()
{
    return "django.http.cookies" + std::string(kSecretKey);
}

} // namespace

void installMessagesModules(py::Interpreter& interp, const http::SimulatedClock& clock)
{
    py::ModuleObject* messages = interp.newModule("django.contrib.messages", "django");
    messages->globals.set("_json_dumps", interp.newFunction("_json_dumps", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return ip.newStr(http::jsonDumps(ip, a.args.at(0), ip.truthy(a.args.at(1))));
    }));
    messages->globals.set("_json_loads", interp.newFunction("_json_loads", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        const std::string text = ip.expectStr(a.args.at(0), "data");
        try {
            return http::jsonToPython(ip, nlohmann::ordered_json::parse(text));
        } catch (const nlohmann::json::exception& e) {
            ip.raise(ip.types().ValueError, std::string("invalid JSON: ") + e.what());
        }
    }));
    // sign_object(messages, serializer=MessageSerializer, compress=True) given the JSON text.
    messages->globals.set("_cookie_sign", interp.newFunction("_cookie_sign", [&clock](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        const std::string payload = compressedBase64(ip.expectStr(a.args.at(0), "data"));
        return ip.newStr(signerSign(payload + ":" + http::SimulatedClock::base62(clock.wholeEpochSeconds()), kCookieSalt,
                                    cookieSecret()));
    }));
    // unsign_object's JSON text, or None for a bad signature or payload.
    messages->globals.set("_cookie_unsign", interp.newFunction("_cookie_unsign", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        const std::optional<std::string> value = signerUnsign(ip.expectStr(a.args.at(0), "data"), kCookieSalt, cookieSecret());
        // TimestampSigner.unsign() without max_age: the timestamp is only split off.
        const std::size_t colon = value ? value->rfind(':') : std::string::npos;
        const std::optional<std::string> json =
            colon != std::string::npos ? decompressedBase64(std::string_view(*value).substr(0, colon)) : std::nullopt;
        return json ? ip.newStr(*json) : py::Value();
    }));
    interp.runModule("django.contrib.messages", kMessagesSource, {}, "django");
    interp.runModule("django.contrib.messages.middleware", kMessageMiddlewareSource, {}, "django");
}

} // namespace pipelab::django::middleware
