// MiddlewareOrdering (see middlewareordering.h).
#include "sim/django/middleware/middlewareordering.h"

#include <algorithm>
#include <optional>

namespace pipelab::django::middleware {

namespace {

constexpr std::string_view kSecurity = "django.middleware.security.SecurityMiddleware";
constexpr std::string_view kUpdateCache = "django.middleware.cache.UpdateCacheMiddleware";
constexpr std::string_view kFetchCache = "django.middleware.cache.FetchFromCacheMiddleware";
constexpr std::string_view kCache = "django.middleware.cache.CacheMiddleware";
constexpr std::string_view kGZip = "django.middleware.gzip.GZipMiddleware";
constexpr std::string_view kSession = "django.contrib.sessions.middleware.SessionMiddleware";
constexpr std::string_view kConditionalGet = "django.middleware.http.ConditionalGetMiddleware";
constexpr std::string_view kLocale = "django.middleware.locale.LocaleMiddleware";
constexpr std::string_view kCommon = "django.middleware.common.CommonMiddleware";
constexpr std::string_view kCsrf = "django.middleware.csrf.CsrfViewMiddleware";
constexpr std::string_view kAuth = "django.contrib.auth.middleware.AuthenticationMiddleware";
constexpr std::string_view kMessage = "django.contrib.messages.middleware.MessageMiddleware";
constexpr std::string_view kXFrame = "django.middleware.clickjacking.XFrameOptionsMiddleware";

// "`later` must come after `earlier`", with Django's reason.
struct Constraint {
    std::string_view later;
    std::string_view earlier;
    std::string_view reason;
    bool required = false; // `later` needs `earlier` installed at all (not only above it)
};

const std::vector<Constraint>& constraints()
{
    static const std::vector<Constraint> list = {
        {kAuth, kSession, "it stores the user in the session; every request it sees fails with ImproperlyConfigured", true},
        {kMessage, kSession, "its default storage falls back to the session", true},
        {kSession, kUpdateCache, "SessionMiddleware adds Vary: Cookie, which UpdateCacheMiddleware must see on the way out"},
        {kGZip, kUpdateCache, "GZipMiddleware adds Vary: Accept-Encoding, which UpdateCacheMiddleware must see"},
        {kLocale, kUpdateCache, "LocaleMiddleware adds Vary: Accept-Language, which UpdateCacheMiddleware must see"},
        {kLocale, kSession, "LocaleMiddleware reads the language from the session"},
        {kCommon, kLocale, "LocaleMiddleware must run before CommonMiddleware's APPEND_SLASH redirect"},
        {kConditionalGet, kGZip, "the ETag must be computed on the body that is sent"},
        {kFetchCache, kSession, "the cache key is learned from Vary headers added above it: with Session below it, "
                                "one user's cached page is served to the next"},
        {kFetchCache, kGZip, "the cache key is learned from Vary headers added above it"},
        {kFetchCache, kLocale, "the cache key is learned from Vary headers added above it"},
        {kFetchCache, kUpdateCache, "FetchFromCacheMiddleware must run after UpdateCacheMiddleware on the request"},
    };
    return list;
}

std::optional<std::size_t> indexOf(const std::vector<std::string>& middleware, std::string_view path)
{
    const auto it = std::find(middleware.begin(), middleware.end(), path);
    if (it == middleware.end())
        return std::nullopt;
    return static_cast<std::size_t>(it - middleware.begin());
}

std::string shortName(std::string_view path)
{
    return std::string(path.substr(path.rfind('.') + 1));
}

} // namespace

const std::vector<MiddlewareInfo>& builtinMiddleware()
{
    static const std::vector<MiddlewareInfo> list = {
        {kSecurity, "Adds the security headers (X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy, "
                    "HSTS when configured) to every response and, with SECURE_SSL_REDIRECT, answers plain-HTTP "
                    "requests with a 301 to HTTPS before any other layer runs."},
        {kUpdateCache, "The response half of the per-site cache: on the way out it stores GET and HEAD responses with "
                       "status 200 under a key learned from the request URL and the response's Vary headers, and "
                       "adds Expires and Cache-Control: max-age."},
        {kGZip, "Compresses response bodies for clients that send Accept-Encoding: gzip and adds Vary: Accept-Encoding."},
        {kSession, "Reads the session cookie and makes request.session lazy: the django_session row is loaded on first "
                   "access. On the way out it adds Vary: Cookie when the session was accessed and saves it (INSERT or "
                   "UPDATE) when it was modified, setting the cookie."},
        {kConditionalGet, "Adds an ETag and answers If-None-Match / If-Modified-Since requests with 304 Not Modified."},
        {kLocale, "Activates the request's language (URL prefix, session, cookie, Accept-Language) and adds Vary: "
                  "Accept-Language."},
        {kCommon, "With APPEND_SLASH, turns a 404 for a path without a trailing slash into a 301 to the slashed path "
                  "when that one resolves; also handles DISALLOWED_USER_AGENTS and sets Content-Length."},
        {kCsrf, "In process_view, rejects POST, PUT, PATCH and DELETE requests without a valid CSRF token with a 403, "
                "unless the view is csrf_exempt; sets the csrftoken cookie when a template used the token."},
        {kAuth, "Sets request.user to a lazy object: the session's user id and the auth_user row are loaded the first "
                "time request.user is used, else AnonymousUser. Needs SessionMiddleware above it."},
        {kMessage, "Sets up request._messages (cookie storage with session fallback) and stores unread messages on "
                   "the way out."},
        {kXFrame, "Adds X-Frame-Options: DENY (X_FRAME_OPTIONS) unless the view is xframe_options_exempt."},
        {kFetchCache, "The request half of the per-site cache: for GET and HEAD it looks up the learned key and, on a "
                      "hit, answers from the cache so no inner layer or view runs."},
        {kCache, "UpdateCacheMiddleware and FetchFromCacheMiddleware in one layer; cache_page is this middleware "
                 "wrapped around a single view."},
    };
    return list;
}

const MiddlewareInfo* findMiddleware(std::string_view path)
{
    for (const MiddlewareInfo& info : builtinMiddleware())
        if (info.path == path)
            return &info;
    return nullptr;
}

std::vector<OrderingWarning> checkOrdering(const std::vector<std::string>& middleware)
{
    std::vector<OrderingWarning> warnings;
    for (const Constraint& c : constraints()) {
        const std::optional<std::size_t> later = indexOf(middleware, c.later);
        if (!later)
            continue;
        const std::optional<std::size_t> earlier = indexOf(middleware, c.earlier);
        if (!earlier && c.required) {
            warnings.push_back({*later, shortName(c.later) + " needs " + shortName(c.earlier) +
                                            " in MIDDLEWARE above it: " + std::string(c.reason)});
        } else if (earlier && *earlier > *later) {
            warnings.push_back({*later, shortName(c.later) + " is above " + shortName(c.earlier) +
                                            " but must come after it: " + std::string(c.reason) +
                                            " (it still runs in this order)"});
        }
    }
    std::stable_sort(warnings.begin(), warnings.end(),
                     [](const OrderingWarning& a, const OrderingWarning& b) { return a.index < b.index; });
    return warnings;
}

} // namespace pipelab::django::middleware
