// The scenario loader on invalid input: a table of broken scenarios, each with the exact
// diagnostics (FILE:LINE:COL: error/warning: MESSAGE) that it must produce, all in one pass.
#include "sim/scenario/limits.h"
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

#include <string>

using namespace pipelab::scenario;

namespace {

// A valid scenario's required part (6 lines); cases append to it or replace it.
const std::string kBase = "format: 1\n"
                          "name: t\n"
                          "models: ''\n"
                          "urls: ''\n"
                          "views: ''\n"
                          "requests: [GET /]\n";

// kBase without its last line, for cases that write their own requests (line 6 onward).
const std::string kBaseNoRequests = "format: 1\n"
                                    "name: t\n"
                                    "models: ''\n"
                                    "urls: ''\n"
                                    "views: ''\n";

QStringList diagnosticsOf(const LoadResult& result)
{
    QStringList lines;
    for (const Diagnostic& d : result.diagnostics)
        lines << QString::fromStdString(d.format());
    return lines;
}

} // namespace

class TestScenarioErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void invalid_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QStringList>("expected");
        auto row = [](const char* name, const std::string& yaml, QStringList expected) {
            QTest::newRow(name) << QByteArray::fromStdString(yaml) << expected;
        };

        // --- the file as a whole
        row("empty file", "", {"t.yaml:1:1: error: empty scenario file"});
        row("comments only", "# nothing here\n\n", {"t.yaml:1:1: error: empty scenario file"});
        row("NUL byte", std::string("format: 1\nna\0me: t\n", 19),
            {"t.yaml:1:1: error: not a text file: NUL byte at line 2, column 3"});
        row("invalid UTF-8", "format: 1\nname: \"caf\xe9\"\n",
            {"t.yaml:1:1: error: not a text file: invalid UTF-8 at line 2, column 11"});
        row("top level is a list", "- format: 1\n",
            {"t.yaml:1:1: error: the top level of a scenario must be a mapping, got list"});
        row("top level is a scalar", "hello\n",
            {"t.yaml:1:1: error: the top level of a scenario must be a mapping, got string"});
        row("syntax error", kBase + "data:\n  M: {count: 1\n",
            {"t.yaml:9:1: error: YAML syntax error: end of map flow not found"});
        row("syntax error: bad indentation", "format: 1\nname: t\n  views: x\n",
            {"t.yaml:3:8: error: YAML syntax error: illegal map value"});
        row("two documents", kBase + "---\nformat: 1\n",
            {"t.yaml:8:1: error: a scenario file holds one YAML document; found another"});
        row("duplicate key", kBase + "name: again\n",
            {"t.yaml:7:1: error: duplicate key 'name' (first at 2:1)"});
        row("alias", kBase + "summary: &s hello\ndescription: *s\n",
            {"t.yaml:8:14: error: YAML aliases are not supported: '*s'"});
        row("tag", kBase + "summary: !!int 5\n", {"t.yaml:7:10: error: YAML tag 'tag:yaml.org,2002:int' is not supported"});
        row("non-scalar key", kBase + "[a]: 1\n",
            {"t.yaml:7:1: error: mapping keys must be strings, got list"});

        // --- top-level keys
        row("unknown top-level key", "format: 1\nname: t\nmodles: ''\nurls: ''\nviews: ''\nrequests: [GET /]\n",
            {"t.yaml:1:1: error: missing required key 'models'",
             "t.yaml:3:1: error: unknown top-level key 'modles'"});
        row("missing required keys", "name: t\n",
            {"t.yaml:1:1: error: missing required key 'format'", "t.yaml:1:1: error: missing required key 'models'",
             "t.yaml:1:1: error: missing required key 'urls'", "t.yaml:1:1: error: missing required key 'views'",
             "t.yaml:1:1: error: missing required key 'requests'"});
        row("format 2", "format: 2\nname: t\nmodels: ''\nurls: ''\nviews: ''\nrequests: [GET /]\n",
            {"t.yaml:1:9: error: unsupported format 2 (this PipeLab reads format 1)"});
        row("format as string", "format: '1'\nname: t\nmodels: ''\nurls: ''\nviews: ''\nrequests: [GET /]\n",
            {"t.yaml:1:9: error: 'format' must be an integer, got string"});
        row("empty name", "format: 1\nname: ''\nmodels: ''\nurls: ''\nviews: ''\nrequests: [GET /]\n",
            {"t.yaml:2:7: error: 'name' must not be empty"});
        row("views not source", "format: 1\nname: t\nmodels: ''\nurls: ''\nviews: [a]\nrequests: [GET /]\n",
            {"t.yaml:5:8: error: 'views' must be source text (a block scalar such as '|'), got list"});
        row("bad app_label", kBase + "app_label: my-shop\n",
            {"t.yaml:7:12: error: 'app_label' must be a Python identifier, got 'my-shop'"});

        // --- settings
        row("settings warnings", kBase + "settings:\n  SECRET_KEY: x\n  FROBNICATE: 1\n",
            {"t.yaml:8:3: warning: setting 'SECRET_KEY' is not simulated; it has no effect here",
             "t.yaml:9:3: warning: unknown Django setting 'FROBNICATE'"});
        row("settings errors", kBase +
                "settings:\n  debug: true\n  DEBUG: yes\n  SESSION_ENGINE: django.contrib.sessions.backends.file\n"
                "  CACHES:\n    other: {BACKEND: django.core.cache.backends.locmem.LocMemCache}\n"
                "    default: {BACKEND: my.Cache, TIMEOUT: -1, SIZE: 3}\n"
                "  DATABASES: {default: {ENGINE: django.db.backends.oracle}}\n"
                "  MIDDLEWARE: [django.middleware.common.CommonMiddleware, not a path]\n",
            {"t.yaml:8:3: error: setting name 'debug' must be upper case (Django reads only upper-case names)",
             "t.yaml:9:10: error: 'DEBUG' must be true or false, got string",
             "t.yaml:10:19: error: unsupported SESSION_ENGINE 'django.contrib.sessions.backends.file' (expected "
             "django.contrib.sessions.backends.db, django.contrib.sessions.backends.cache, "
             "django.contrib.sessions.backends.cached_db or django.contrib.sessions.backends.signed_cookies)",
             "t.yaml:13:24: error: unsupported cache BACKEND 'my.Cache' (expected "
             "django.core.cache.backends.locmem.LocMemCache, django.core.cache.backends.redis.RedisCache, "
             "django.core.cache.backends.memcached.PyMemcacheCache, django.core.cache.backends.memcached.PyLibMCCache, "
             "django.core.cache.backends.memcached.MemcachedCache, django.core.cache.backends.db.DatabaseCache, "
             "django.core.cache.backends.dummy.DummyCache or django.core.cache.backends.filebased.FileBasedCache)",
             "t.yaml:13:43: error: 'TIMEOUT' must not be negative, got -1",
             "t.yaml:13:47: error: unknown key 'SIZE' in CACHES['default']",
             "t.yaml:14:33: error: unsupported database ENGINE 'django.db.backends.oracle' (expected "
             "django.db.backends.postgresql, django.db.backends.mysql or django.db.backends.sqlite3)",
             "t.yaml:15:59: error: MIDDLEWARE entry 'not a path' is not a dotted Python path"});
        row("caches without default", kBase + "settings:\n  CACHES:\n    other:\n      BACKEND: "
                                              "django.core.cache.backends.dummy.DummyCache\n",
            {"t.yaml:9:5: error: CACHES must define a 'default' cache"});

        // --- data
        row("count wrong type", kBase + "data:\n  M:\n    count: ten\n",
            {"t.yaml:9:12: error: 'count' must be an integer, got string"});
        row("count negative and missing", kBase + "data:\n  A: {count: -1}\n  B: {fields: {}}\n",
            {"t.yaml:8:14: error: 'count' must not be negative, got -1",
             "t.yaml:9:6: error: missing key 'count' in 'data.B'"});
        row("count too large", kBase + "data:\n  M: {count: 1000001}\n",
            {"t.yaml:8:14: error: 'count' must be at most 1000000, got 1000001"});
        row("rows in total", kBase + "data:\n  A: {count: 1000000}\n  B: {count: 1000000}\n  C: {count: 1000000}\n"
                                     "  D: {count: 1000000}\n  E: {count: 1000000}\n  F: {count: 1}\n",
            {"t.yaml:8:3: error: 'data' creates 5000001 rows in total; the limit is 5000000"});
        row("bad model name", kBase + "data:\n  my model: {count: 1}\n",
            {"t.yaml:8:3: error: 'my model' is not a model name"});
        row("generator shapes", kBase +
                "data:\n  M:\n    count: 2\n    fields:\n"
                "      a: {seq: 1, stepp: 2}\n"
                "      b: {cycle: 3}\n"
                "      c: {fk: sometimes}\n"
                "      d: {fk: block}\n"
                "      e: {fk: cycle, per: 2}\n"
                "      f: {cycle: [], seq: 1}\n"
                "      g: [1, 2]\n"
                "      h: {null_every: 0, value: x}\n"
                "      i: {m2m: 1001}\n"
                "      j: {null_every: 2}\n"
                "      k: {cycle: [[1]]}\n"
                "      l: 99999999999999999999\n",
            {"t.yaml:11:19: error: unknown key 'stepp' in generator for 'a'",
             "t.yaml:12:18: error: 'cycle' must be a list, got integer",
             "t.yaml:13:15: error: 'fk' must be cycle, block or a row id, got 'sometimes'",
             "t.yaml:14:10: error: 'fk: block' needs 'per: K' (rows per target)",
             "t.yaml:15:22: error: 'per' goes with 'fk: block'",
             "t.yaml:16:10: error: generator for 'f' has both 'cycle' and 'seq'; use one",
             "t.yaml:17:10: error: generator for 'g' must be a value or a mapping, got list",
             "t.yaml:18:23: error: 'null_every' must be at least 1, got 0",
             "t.yaml:19:16: error: 'm2m' must be at most 1000, got 1001",
             "t.yaml:20:10: error: generator for 'j' needs one of cycle, seq, fk, m2m or value",
             "t.yaml:21:19: error: 'cycle' items must be scalars, got list",
             "t.yaml:22:10: error: 'l': integer 99999999999999999999 is out of range"});

        // --- users and requests
        row("duplicate username", kBaseNoRequests +
                "users:\n  - {username: ann}\n  - {username: ann, is_staff: maybe, role: x}\n"
                "requests: [GET /]\n",
            {"t.yaml:8:16: error: duplicate username 'ann' (first at 7:16)",
             "t.yaml:8:31: error: 'is_staff' must be true or false, got string",
             "t.yaml:8:38: error: unknown key 'role' in user"});
        row("request lines", kBaseNoRequests +
                "requests:\n  - GETX /a/\n  - GET a/\n  - GET /a/ extra\n  - get /a/\n  - 42\n  - \"\"\n",
            {"t.yaml:7:5: error: unknown HTTP method 'GETX' (expected GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)",
             "t.yaml:8:5: error: request path 'a/' must start with '/'",
             "t.yaml:9:5: error: a request line must be \"METHOD /path/\", got 'GET /a/ extra'",
             "t.yaml:10:5: error: unknown HTTP method 'get' (expected GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)",
             "t.yaml:11:5: error: a request must be \"METHOD /path/\" or a mapping, got integer",
             "t.yaml:12:5: error: a request line must be \"METHOD /path/\", got ''"});
        row("request mapping", kBaseNoRequests +
                "users: [{username: ann}]\n"
                "requests:\n"
                "  - {method: POST, path: /a/, user: bob, colour: red, csrf: maybe, secure: 1}\n"
                "  - {method: GET, repeat: 0}\n"
                "  - {path: /b/, repeat: 100001, data: [x]}\n",
            {"t.yaml:8:37: error: unknown user 'bob' (not in 'users')",
             "t.yaml:8:42: error: unknown key 'colour' in request",
             "t.yaml:8:61: error: 'csrf' must be valid or missing, got 'maybe'",
             "t.yaml:8:76: error: 'secure' must be true or false, got integer",
             "t.yaml:9:5: error: missing key 'path' in request",
             "t.yaml:9:27: error: 'repeat' must be at least 1, got 0",
             "t.yaml:10:25: error: 'repeat' must be at most 100000, got 100001",
             "t.yaml:10:39: error: 'data' must be a mapping, got list"});
        row("no requests", kBaseNoRequests + "requests: []\n",
            {"t.yaml:6:11: error: 'requests' must list at least one request"});

        // --- load and costs
        row("load users and rate", kBase + "load: {users: 100001, arrival_rate: 5, duration_s: 90000}\n",
            {"t.yaml:7:15: error: 'users' must be at most 100000, got 100001",
             "t.yaml:7:23: error: 'load' takes 'users' (closed loop) or 'arrival_rate' (open loop), not both",
             "t.yaml:7:52: error: 'duration_s' must be at most 86400, got 90000"});
        row("load neither, mix and servers", kBase +
                "load:\n  mix: [{request: 1}, {request: 0, weight: 0}, {weight: 2}]\n"
                "  server: {workers: 0, threads: 2}\n  database: {cores: 2.5}\n  think_time_ms: -1\n",
            {"t.yaml:8:3: error: 'load' needs 'users' (closed loop) or 'arrival_rate' (open loop)",
             "t.yaml:8:19: error: request index 1 is out of range (the scenario has 1 request)",
             "t.yaml:8:44: error: 'weight' must be greater than 0, got 0",
             "t.yaml:8:48: error: missing key 'request' in 'mix' entry",
             "t.yaml:9:21: error: 'workers' must be at least 1, got 0",
             "t.yaml:9:24: error: unknown key 'threads' in 'server'",
             "t.yaml:10:21: error: 'cores' must be an integer, got float",
             "t.yaml:11:18: error: 'think_time_ms' must not be negative, got -1"});
        row("costs", kBase + "costs:\n  distribution: normal\n  query_ms: -2\n  disk_ms: 1\n  row_us: fast\n",
            {"t.yaml:8:17: error: 'distribution' must be deterministic or exponential, got 'normal'",
             "t.yaml:9:13: error: 'query_ms' must not be negative, got -2",
             "t.yaml:10:3: error: unknown cost 'disk_ms'",
             "t.yaml:11:11: error: 'row_us' must be a number, got string"});

        // --- expect
        row("expect", kBaseNoRequests +
                "requests: [{path: /, repeat: 2}]\n"
                "expect:\n"
                "  - {request: 2, status: 200}\n"
                "  - {request: 1, status: 700, body: x}\n"
                "  - {status: 200}\n"
                "  - {load: {max_p95_ms: 0}}\n",
            {"t.yaml:8:15: error: request index 2 is out of range (the scenario has 2 requests)",
             "t.yaml:9:26: error: 'status' must be at most 599, got 700",
             "t.yaml:9:31: error: unknown key 'body' in 'expect' item",
             "t.yaml:10:5: error: an 'expect' item needs 'request' or 'load'",
             "t.yaml:11:5: error: a load expectation needs a 'load' section",
             "t.yaml:11:25: error: 'max_p95_ms' must be greater than 0, got 0"});

        // --- lesson
        row("lesson", kBase +
                "lesson:\n"
                "  - {say: hi, run: 0}\n"
                "  - {answer: yes}\n"
                "  - {ask: why}\n"
                "  - {run: 3}\n"
                "  - {patch: {urls: x, views: [1]}}\n"
                "  - {compare: [0, 1]}\n"
                "  - {highlight: 'views:9'}\n"
                "  - {highlight: 'templates/x.html:1'}\n"
                "  - {dance: true}\n"
                "  - {say: x, answer: no}\n",
            {"t.yaml:8:15: error: a lesson step does one thing; this one has both 'say' and 'run'",
             "t.yaml:9:5: error: a lesson step needs one of say, show, highlight, run, ask, patch or compare",
             "t.yaml:10:5: error: 'ask' needs an 'answer'",
             "t.yaml:11:11: error: request index 3 is out of range (the scenario has 1 request)",
             "t.yaml:12:14: error: unknown key 'urls' in 'patch'",
             "t.yaml:12:30: error: 'views' must be source text (a block scalar such as '|'), got list",
             "t.yaml:13:19: error: 'compare' names run 1, but the lesson has 1 run step before this step",
             "t.yaml:14:17: error: highlight line '9' is not a line of 'views' (it is empty)",
             "t.yaml:15:17: error: highlight names template 'x.html', which the scenario does not define",
             "t.yaml:16:5: error: a lesson step needs one of say, show, highlight, run, ask, patch or compare",
             "t.yaml:16:6: error: unknown key 'dance' in lesson step",
             "t.yaml:17:14: error: 'answer' goes with 'ask'"});

        row("highlight outside its block", "format: 1\nname: t\nmodels: ''\nurls: ''\n"
                                           "views: |\n  def f(request):\n      pass\nrequests: [GET /]\n"
                                           "lesson:\n  - highlight: views:5\n  - highlight: views:6\n"
                                           "  - highlight: views:8\n  - highlight: views:x\n",
            {"t.yaml:10:16: error: highlight line '5' is not a line of 'views' (it spans YAML lines 6 to 7)",
             "t.yaml:12:16: error: highlight line '8' is not a line of 'views' (it spans YAML lines 6 to 7)",
             "t.yaml:13:16: error: highlight line 'x' is not a line of 'views' (it spans YAML lines 6 to 7)"});

        // --- several sections wrong at once: all reported, in file order
        row("many errors in one pass", "format: 1\nname: t\nmodels: ''\nurls: ''\nviews: ''\n"
                                       "requests: [GET /a/, {path: b}]\n"
                                       "data: {M: {count: x}}\n"
                                       "modles: 1\n"
                                       "load: {users: 0}\n",
            {"t.yaml:6:28: error: request path 'b' must start with '/'",
             "t.yaml:7:19: error: 'count' must be an integer, got string",
             "t.yaml:8:1: error: unknown top-level key 'modles'",
             "t.yaml:9:15: error: 'users' must be at least 1, got 0"});
    }

    void invalid()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QStringList, expected);
        const LoadResult result = loadScenarioText(yaml.toStdString(), "t.yaml");
        QCOMPARE(diagnosticsOf(result), expected);
        const bool anyError = std::any_of(expected.begin(), expected.end(),
                                          [](const QString& line) { return line.contains(": error: "); });
        QCOMPARE(result.ok(), !anyError);
    }

    void deepFlowNesting()
    {
        // 100k unclosed `[` must not reach yaml-cpp's recursion, let alone the stack. (yaml-cpp reads
        // each unclosed `[` as a list holding a one-pair mapping, so two levels per bracket.)
        const std::string yaml = "format: 1\nx: " + std::string(100000, '[');
        const LoadResult result = loadScenarioText(yaml, "t.yaml");
        QCOMPARE(diagnosticsOf(result), QStringList{"t.yaml:2:36: error: YAML nesting is deeper than 64 levels"});
    }

    void deepBalancedFlowNesting()
    {
        // 64 nested lists under the top-level mapping: one level too many, reported at the 64th `[`.
        const std::string yaml = kBase + "description: " + std::string(64, '[') + std::string(64, ']') + "\n";
        const LoadResult result = loadScenarioText(yaml, "t.yaml");
        QCOMPARE(diagnosticsOf(result), QStringList{"t.yaml:7:77: error: YAML nesting is deeper than 64 levels"});
    }

    void deepBlockNesting()
    {
        std::string yaml = "format: 1\n";
        for (int i = 0; i < 100; ++i)
            yaml += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
        const LoadResult result = loadScenarioText(yaml, "t.yaml");
        QCOMPARE(diagnosticsOf(result), QStringList{"t.yaml:66:129: error: YAML nesting is deeper than 64 levels"});
    }

    void nestingAtTheLimitIsFine()
    {
        // The top-level mapping is level 1; 63 more levels are allowed.
        std::string yaml = kBase + "description: " + std::string(63, '[') + std::string(63, ']') + "\n";
        const LoadResult result = loadScenarioText(yaml, "t.yaml");
        QCOMPARE(diagnosticsOf(result), QStringList{"t.yaml:7:14: error: 'description' must be a string, got list"});
    }

    void fileTooLarge()
    {
        const std::string yaml = kBase + "description: |\n" +
                                 std::string(limits::kMaxFileBytes, ' ') + "\n";
        const LoadResult result = loadScenarioText(yaml, "t.yaml");
        QCOMPARE(diagnosticsOf(result),
                 QStringList{QString("t.yaml:1:1: error: file is too large (%1 bytes; the limit is 4194304)")
                                 .arg(yaml.size())});
    }

    void missingFile()
    {
        const LoadResult result = loadScenarioFile("no/such/file.yaml");
        QCOMPARE(diagnosticsOf(result), QStringList{"no/such/file.yaml:0:0: error: cannot open file: no such file"});
        const LoadResult dir = loadScenarioFile(PIPELAB_SOURCE_DIR "/tests");
        QCOMPARE(diagnosticsOf(dir),
                 QStringList{PIPELAB_SOURCE_DIR "/tests:0:0: error: cannot open file: it is a directory"});
    }

    void diagnosticFormat()
    {
        Diagnostic d{Diagnostic::Severity::Warning, "a.yaml", {3, 4}, "careful"};
        QCOMPARE(QString::fromStdString(d.format()), QString("a.yaml:3:4: warning: careful"));
        d.severity = Diagnostic::Severity::Error;
        QCOMPARE(QString::fromStdString(d.format()), QString("a.yaml:3:4: error: careful"));
        QVERIFY(hasErrors({d}));
        d.severity = Diagnostic::Severity::Warning;
        QVERIFY(!hasErrors({d}));
    }
};

QTEST_APPLESS_MAIN(TestScenarioErrors)
#include "tst_scenarioerrors.moc"
