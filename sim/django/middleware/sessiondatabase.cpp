// SessionDatabase (see sessiondatabase.h).
#include "sim/django/middleware/sessiondatabase.h"

#include "sim/django/middleware/signing.h"
#include "sim/django/runtime/requestrecorder.h"

namespace pipelab::django::middleware {

namespace {

constexpr std::int64_t kSessionCookieAgeMicroseconds = 1209600LL * 1000000; // SESSION_COOKIE_AGE, two weeks
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

std::int64_t SessionDatabase::nowMicroseconds() const
{
    return clock_.wholeEpochSeconds() * 1000000 + clock_.microsecond();
}

std::string SessionDatabase::sqlLiteral(std::int64_t epochMicroseconds)
{
    const std::int64_t seconds = epochMicroseconds / 1000000;
    return "'" + http::SimulatedClock::sqlDateTime(seconds, static_cast<int>(epochMicroseconds - seconds * 1000000)) + "'";
}

const SessionDatabase::Row* SessionDatabase::liveRow(const std::string& key) const
{
    const auto it = rows_.find(key);
    if (it == rows_.end() || it->second.expireMicroseconds <= nowMicroseconds())
        return nullptr;
    return &it->second;
}

SessionDatabase::Row SessionDatabase::newRow(const std::string& json) const
{
    return Row{json, signingDumps(json, kSessionSalt, http::SimulatedClock::base62(clock_.wholeEpochSeconds())),
               nowMicroseconds() + kSessionCookieAgeMicroseconds};
}

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
    const Row* row = liveRow(key);
    record("SELECT \"django_session\".\"session_key\", \"django_session\".\"session_data\", "
           "\"django_session\".\"expire_date\" FROM \"django_session\" WHERE (\"django_session\".\"expire_date\" > " +
               sqlLiteral(nowMicroseconds()) + " AND \"django_session\".\"session_key\" = " + literal(key) + ") LIMIT 21",
           row ? 1 : 0);
    if (!row)
        return std::nullopt;
    return row->json;
}

std::int64_t SessionDatabase::expiryAge(const std::string& key) const
{
    const Row* row = liveRow(key);
    if (!row)
        return 0;
    // timedelta.days * 86400 + timedelta.seconds: microseconds are dropped, rounding down.
    const std::int64_t left = row->expireMicroseconds - nowMicroseconds();
    return left / 1000000 - (left % 1000000 < 0 ? 1 : 0);
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
    Row row = newRow(json);
    record("INSERT INTO \"django_session\" (\"session_key\", \"session_data\", \"expire_date\") SELECT " +
               literal(key) + ", " + literal(row.sessionData) + ", " + sqlLiteral(row.expireMicroseconds),
           1);
    rows_[key] = std::move(row);
    return true;
}

bool SessionDatabase::update(const std::string& key, const std::string& json)
{
    record("BEGIN", 0);
    const auto it = rows_.find(key);
    Row row = newRow(json);
    record("UPDATE \"django_session\" SET \"session_data\" = " + literal(row.sessionData) + ", \"expire_date\" = " +
               sqlLiteral(row.expireMicroseconds) + " WHERE \"django_session\".\"session_key\" = " + literal(key),
           it == rows_.end() ? 0 : 1);
    if (it == rows_.end())
        return false;
    it->second = std::move(row);
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
