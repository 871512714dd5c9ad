// readSettings: typed Django settings, with the dotted paths Django accepts mapped to short names.
#include "sim/scenario/settingsreader.h"

#include "sim/scenario/djangosettingnames.h"
#include "sim/scenario/limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace pipelab::scenario {

namespace {

bool isIdentifier(std::string_view s)
{
    if (s.empty() || (s[0] >= '0' && s[0] <= '9'))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool isDottedPath(std::string_view s)
{
    std::size_t parts = 0;
    while (true) {
        const std::size_t dot = s.find('.');
        if (!isIdentifier(s.substr(0, dot)))
            return false;
        ++parts;
        if (dot == std::string_view::npos)
            return parts >= 2;
        s.remove_prefix(dot + 1);
    }
}

// Django reads only names for which str.isupper() holds; the simulator also wants a Python name.
bool isSettingName(std::string_view s)
{
    return !s.empty() && std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
           std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

const std::pair<std::string_view, std::string_view> kCacheBackends[] = {
    {"django.core.cache.backends.locmem.LocMemCache", "locmem"},
    {"django.core.cache.backends.redis.RedisCache", "redis"},
    {"django.core.cache.backends.memcached.PyMemcacheCache", "memcached"},
    {"django.core.cache.backends.memcached.PyLibMCCache", "memcached"},
    {"django.core.cache.backends.memcached.MemcachedCache", "memcached"},
    {"django.core.cache.backends.db.DatabaseCache", "db"},
    {"django.core.cache.backends.dummy.DummyCache", "dummy"},
    {"django.core.cache.backends.filebased.FileBasedCache", "filebased"},
};

const std::pair<std::string_view, std::string_view> kSessionEngines[] = {
    {"django.contrib.sessions.backends.db", "db"},
    {"django.contrib.sessions.backends.cache", "cache"},
    {"django.contrib.sessions.backends.cached_db", "cached_db"},
    {"django.contrib.sessions.backends.signed_cookies", "signed_cookies"},
};

const std::pair<std::string_view, std::string_view> kDatabaseEngines[] = {
    {"django.db.backends.postgresql", "postgresql"},
    {"django.db.backends.mysql", "mysql"},
    {"django.db.backends.sqlite3", "sqlite3"},
};

template <std::size_t N>
std::optional<std::string> shortName(const std::pair<std::string_view, std::string_view> (&table)[N],
                                     std::string_view path)
{
    // Spec §2 names the choices by their short names; Django's dotted paths are accepted too.
    for (const auto& [full, name] : table) {
        if (full == path || name == path)
            return std::string(name);
    }
    return std::nullopt;
}

template <std::size_t N>
std::string choices(const std::pair<std::string_view, std::string_view> (&table)[N])
{
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0)
            out += i + 1 == N ? " or " : ", ";
        out += table[i].first;
    }
    return out;
}

class SettingsReader {
public:
    SettingsReader(YamlReader& reader, Settings& settings) : r(reader), s(settings) {}

    void read(const YamlNode& node)
    {
        s.pos = node.pos;
        if (!r.isMapping(node, "'settings'"))
            return;
        r.checkScalarKeys(node);
        for (const auto& [key, value] : node.entries) {
            if (key.isScalar())
                readOne(key, value);
        }
    }

private:
    void readOne(const YamlNode& key, const YamlNode& value)
    {
        const std::string& name = key.value;
        const std::string what = "'" + name + "'";
        if (!isSettingName(name)) {
            r.error(key.pos, fmt::format("setting name '{}' must be upper case (Django reads only upper-case names)",
                                         name));
        } else if (name == "MIDDLEWARE") {
            readMiddleware(value);
        } else if (name == "CACHES") {
            readCaches(value);
        } else if (name == "DATABASES") {
            readDatabases(value);
        } else if (name == "SESSION_ENGINE") {
            if (auto path = r.string(value, what)) {
                if (auto engine = shortName(kSessionEngines, *path))
                    s.sessionEngine = *engine;
                else
                    r.error(value.pos, fmt::format("unsupported SESSION_ENGINE '{}' (expected {})", *path,
                                                   choices(kSessionEngines)));
            }
        } else if (name == "APPEND_SLASH") {
            assign(s.appendSlash, r.boolean(value, what));
        } else if (name == "SECURE_SSL_REDIRECT") {
            assign(s.secureSslRedirect, r.boolean(value, what));
        } else if (name == "DEBUG") {
            assign(s.debug, r.boolean(value, what));
        } else if (name == "CACHE_MIDDLEWARE_SECONDS") {
            if (auto seconds = r.integer(value, what, 0, limits::kMaxCacheSeconds))
                s.cacheMiddlewareSeconds = static_cast<double>(*seconds);
        } else if (name == "CACHE_MIDDLEWARE_KEY_PREFIX") {
            assign(s.cacheMiddlewareKeyPrefix, r.string(value, what));
        } else if (name == "LOGIN_URL") {
            assign(s.loginUrl, r.nonEmptyString(value, what));
        } else if (isDjangoSetting(name)) {
            // Scalar settings the simulated Django code reads through django.conf, as Django does.
            static constexpr std::string_view readThrough[] = {"SESSION_CACHE_ALIAS", "MESSAGE_LEVEL", "MESSAGE_STORAGE"};
            const bool read = value.isScalar() && std::find(std::begin(readThrough), std::end(readThrough), name) !=
                                                      std::end(readThrough);
            if (!read)
                r.warning(key.pos, fmt::format("setting '{}' is not simulated; it has no effect here", name));
            Setting other{name, Null{}, key.pos};
            if (value.isScalar() || value.isNull()) {
                if (auto scalar = r.scalar(value, what))
                    other.value = *scalar;
            }
            std::erase_if(s.others, [&](const Setting& o) { return o.name == name; });
            s.others.push_back(std::move(other));
        } else {
            r.warning(key.pos, fmt::format("unknown Django setting '{}'", name));
        }
    }

    template <typename T, typename U>
    static void assign(T& target, const std::optional<U>& value)
    {
        if (value)
            target = *value;
    }

    void readMiddleware(const YamlNode& value)
    {
        if (!r.isSequence(value, "'MIDDLEWARE'"))
            return;
        std::vector<Settings::Entry> entries;
        for (const YamlNode& item : value.items) {
            auto path = r.string(item, "a MIDDLEWARE entry");
            if (!path)
                continue;
            if (!isDottedPath(*path)) {
                r.error(item.pos, fmt::format("MIDDLEWARE entry '{}' is not a dotted Python path", *path));
                continue;
            }
            entries.push_back({*path, item.pos});
        }
        s.middleware = std::move(entries);
        s.middlewareGiven = true;
    }

    void readCaches(const YamlNode& value)
    {
        if (!r.isMapping(value, "'CACHES'"))
            return;
        r.checkScalarKeys(value);
        std::vector<CacheConfig> caches;
        for (const auto& [alias, config] : value.entries) {
            if (!alias.isScalar())
                continue;
            if (auto cache = readCache(alias, config))
                caches.push_back(std::move(*cache));
        }
        if (!value.find("default"))
            r.error(value.pos, "CACHES must define a 'default' cache");
        s.caches = std::move(caches);
    }

    std::optional<CacheConfig> readCache(const YamlNode& alias, const YamlNode& config)
    {
        const std::string where = "CACHES['" + alias.value + "']";
        if (!r.isMapping(config, "'" + where + "'"))
            return std::nullopt;
        CacheConfig cache;
        cache.alias = alias.value;
        cache.pos = alias.pos;
        bool ok = r.checkScalarKeys(config);
        const YamlNode* backend = config.find("BACKEND");
        if (!backend) {
            r.error(config.pos, fmt::format("{} has no BACKEND", where));
            ok = false;
        }
        for (const auto& [key, value] : config.entries) {
            if (!key.isScalar())
                continue;
            const std::string& name = key.value;
            if (name == "BACKEND") {
                if (auto path = r.string(value, "'BACKEND'")) {
                    if (auto shortBackend = shortName(kCacheBackends, *path)) {
                        cache.backend = *shortBackend;
                    } else {
                        r.error(value.pos, fmt::format("unsupported cache BACKEND '{}' (expected {})", *path,
                                                       choices(kCacheBackends)));
                        ok = false;
                    }
                } else {
                    ok = false;
                }
            } else if (name == "LOCATION") {
                ok = readLocation(value, cache.location) && ok;
            } else if (name == "TIMEOUT") {
                if (value.isNull() || (value.isScalar() && YamlReader::typeName(value) == "null")) {
                    cache.timeoutNone = true;
                } else if (auto seconds = r.number(value, "'TIMEOUT'", 0, static_cast<double>(limits::kMaxCacheSeconds))) {
                    cache.timeout = *seconds;
                } else {
                    ok = false;
                }
            } else if (name == "KEY_PREFIX" || name == "VERSION" || name == "OPTIONS" || name == "KEY_FUNCTION") {
                r.warning(key.pos, fmt::format("cache option '{}' is not simulated; it has no effect here", name));
            } else {
                r.error(key.pos, fmt::format("unknown key '{}' in {}", name, where));
                ok = false;
            }
        }
        return ok ? std::optional(cache) : std::nullopt;
    }

    // Django's memcached backends accept a list of servers or a ';'-separated string.
    bool readLocation(const YamlNode& value, std::string& location)
    {
        if (value.isSequence()) {
            std::string joined;
            for (const YamlNode& item : value.items) {
                auto server = r.string(item, "a LOCATION entry");
                if (!server)
                    return false;
                joined += (joined.empty() ? "" : ";") + *server;
            }
            location = joined;
            return true;
        }
        auto text = r.string(value, "'LOCATION'");
        if (text)
            location = *text;
        return text.has_value();
    }

    void readDatabases(const YamlNode& value)
    {
        if (!r.isMapping(value, "'DATABASES'"))
            return;
        r.checkScalarKeys(value);
        if (!value.find("default"))
            r.error(value.pos, "DATABASES must define a 'default' database");
        for (const auto& [alias, config] : value.entries) {
            if (!alias.isScalar())
                continue;
            if (alias.value != "default")
                r.warning(alias.pos, fmt::format("database '{}' is not simulated; only 'default' is used", alias.value));
            else
                readDefaultDatabase(config);
        }
    }

    void readDefaultDatabase(const YamlNode& config)
    {
        if (!r.isMapping(config, "'DATABASES['default']'"))
            return;
        r.checkScalarKeys(config);
        if (!config.find("ENGINE"))
            r.error(config.pos, "DATABASES['default'] has no ENGINE");
        static constexpr std::string_view kNotSimulated[] = {
            "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS", "TEST", "ATOMIC_REQUESTS",
            "AUTOCOMMIT", "TIME_ZONE", "DISABLE_SERVER_SIDE_CURSORS", "CONN_HEALTH_CHECKS"};
        for (const auto& [key, value] : config.entries) {
            if (!key.isScalar())
                continue;
            if (key.value == "ENGINE") {
                if (auto path = r.string(value, "'ENGINE'")) {
                    if (auto engine = shortName(kDatabaseEngines, *path))
                        s.databaseEngine = *engine;
                    else
                        r.error(value.pos, fmt::format("unsupported database ENGINE '{}' (expected {})", *path,
                                                       choices(kDatabaseEngines)));
                }
            } else if (key.value == "CONN_MAX_AGE") {
                if (value.isNull() || (value.isScalar() && YamlReader::typeName(value) == "null")) {
                    s.connMaxAge = -1;
                } else if (auto age = r.integer(value, "'CONN_MAX_AGE'", 0, limits::kMaxCacheSeconds)) {
                    s.connMaxAge = static_cast<double>(*age);
                }
            } else if (std::find(std::begin(kNotSimulated), std::end(kNotSimulated), key.value) !=
                       std::end(kNotSimulated)) {
                r.warning(key.pos, fmt::format("database option '{}' is not simulated; it has no effect here", key.value));
            } else {
                r.error(key.pos, fmt::format("unknown key '{}' in DATABASES['default']", key.value));
            }
        }
    }

    YamlReader& r;
    Settings& s;
};

} // namespace

Settings defaultSettings()
{
    Settings settings;
    for (const std::string& path : defaultMiddleware())
        settings.middleware.push_back({path, {}});
    CacheConfig cache;
    cache.alias = "default";
    cache.backend = "locmem";
    settings.caches.push_back(cache);
    return settings;
}

Settings readSettings(YamlReader& reader, const YamlNode& node, Settings base)
{
    SettingsReader(reader, base).read(node);
    return base;
}

} // namespace pipelab::scenario
