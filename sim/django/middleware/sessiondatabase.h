// SessionDatabase: the django_session table of the db session backend
// (django.contrib.sessions.backends.db), with the SQL Django 3.2's SQLite backend logs for each
// operation and the oracle's deterministic session keys ("session" + counter, zero-filled to 32).
// Rows hold the session dict as compact JSON; session_data is its signed form, as stored.
// expire_date is the simulated clock + SESSION_COOKIE_AGE (two weeks); expired rows do not load.
#pragma once

#include "sim/django/http/simulatedclock.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace pipelab::django {
class RequestRecorder;
}

namespace pipelab::django::middleware {

class SessionDatabase {
public:
    SessionDatabase(RequestRecorder& recorder, const http::SimulatedClock& clock) : recorder_(recorder), clock_(clock) {}

    // get_random_string() for a session key: the n-th draw of the run.
    std::string newKey();
    // _get_session_from_db(): the row's JSON if the key exists (and has not expired).
    std::optional<std::string> load(const std::string& key);
    // get_expiry_age(expiry=row.expire_date) after a load(): whole seconds left (no SQL).
    std::int64_t expiryAge(const std::string& key) const;
    // exists(): SELECT (1) AS "a" ... LIMIT 1.
    bool exists(const std::string& key);
    // save(must_create=True): BEGIN + INSERT; false (CreateError) when the key is taken.
    bool insert(const std::string& key, const std::string& json);
    // save(must_create=False): BEGIN + UPDATE; false (UpdateError) when no row was updated.
    bool update(const std::string& key, const std::string& json);
    // delete(): SELECT the row, then DELETE it (no queries beyond the SELECT when missing).
    void remove(const std::string& key);

    std::size_t size() const { return rows_.size(); }
    const http::SimulatedClock& clock() const { return clock_; }

private:
    struct Row {
        std::string json;
        std::string sessionData;
        std::int64_t expireMicroseconds = 0; // since the epoch
    };
    void record(std::string sql, std::int64_t rows);
    std::int64_t nowMicroseconds() const;
    static std::string sqlLiteral(std::int64_t epochMicroseconds);
    // The row unless it is missing or expired.
    const Row* liveRow(const std::string& key) const;
    // Signs `json` and stamps the row's expiry at now + SESSION_COOKIE_AGE.
    Row newRow(const std::string& json) const;

    RequestRecorder& recorder_;
    const http::SimulatedClock& clock_;
    std::map<std::string, Row> rows_;
    std::int64_t keysDrawn_ = 0;
};

} // namespace pipelab::django::middleware
