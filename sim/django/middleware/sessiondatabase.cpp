// SessionDatabase (see sessiondatabase.h).
#include "sim/django/middleware/sessiondatabase.h"

#include "sim/django/middleware/signing.h"
#include "sim/django/runtime/requestrecorder.h"

namespace pipelab::django::middleware {

namespace {

constexpr const char* kExpireDate = "'2024-01-15 00:00:00'"; // the frozen clock + SESSION_COOKIE_AGE
constexpr const char* kSessionSalt = "django.contrib.sessions.SessionStore";

std::string literal(const std::string& text)
{
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'')
            out += '\'';
    }
    return out + "'";
}

} // namespace

void SessionDatabase::record(std::string sql, std::int64_t rows)
{
    recorder_.recordQuery(std::move(sql), rows);
}

std::string SessionDatabase::newKey()
{
    std::string digits = std::to_string(++keysDrawn_);
    return "session" + std::string(digits.size() < 25 ? 25 - digits.size() : 0, '0') + digits;
}

std::optional<std::string> SessionDatabase::load(const std::string& key)
{
    const auto it = rows_.find(key);
    record("SELECT \"django_session\".\"session_key\", \"django_session\".\"session_data\", "
           "\"django_session\".\"expire_date\" FROM \"django_session\" WHERE (\"django_session\".\"expire_date\" > "
           "'2024-01-01 00:00:00' AND \"django_session\".\"session_key\" = " +
               literal(key) + ") LIMIT 21",
           it == rows_.end() ? 0 : 1);
    if (it == rows_.end())
        return std::nullopt;
    return it->second.json;
}

bool SessionDatabase::exists(const std::string& key)
{
    const bool found = rows_.count(key) > 0;
    record("SELECT (1) AS \"a\" FROM \"django_session\" WHERE \"django_session\".\"session_key\" = " + literal(key) +
               " LIMIT 1",
           found ? 1 : 0);
    return found;
}

bool SessionDatabase::insert(const std::string& key, const std::string& json)
{
    record("BEGIN", 0);
    if (rows_.count(key))
        return false;
    Row row{json, signingDumps(json, kSessionSalt)};
    record("INSERT INTO \"django_session\" (\"session_key\", \"session_data\", \"expire_date\") SELECT " +
               literal(key) + ", " + literal(row.sessionData) + ", " + kExpireDate,
           1);
    rows_[key] = std::move(row);
    return true;
}

bool SessionDatabase::update(const std::string& key, const std::string& json)
{
    record("BEGIN", 0);
    const auto it = rows_.find(key);
    const std::string sessionData = signingDumps(json, kSessionSalt);
    record("UPDATE \"django_session\" SET \"session_data\" = " + literal(sessionData) + ", \"expire_date\" = " +
               kExpireDate + " WHERE \"django_session\".\"session_key\" = " + literal(key),
           it == rows_.end() ? 0 : 1);
    if (it == rows_.end())
        return false;
    it->second = Row{json, sessionData};
    return true;
}

void SessionDatabase::remove(const std::string& key)
{
    const auto it = rows_.find(key);
    record("SELECT \"django_session\".\"session_key\", \"django_session\".\"session_data\", "
           "\"django_session\".\"expire_date\" FROM \"django_session\" WHERE \"django_session\".\"session_key\" = " +
               literal(key) + " LIMIT 21",
           it == rows_.end() ? 0 : 1);
    if (it == rows_.end())
        return;
    record("DELETE FROM \"django_session\" WHERE \"django_session\".\"session_key\" IN (" + literal(key) + ")", 1);
    rows_.erase(it);
}

} // namespace pipelab::django::middleware
