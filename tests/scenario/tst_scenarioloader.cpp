// The scenario loader on valid input: every feature of the format read field by field from
// data/complete.yaml (exact values and code-block positions), and the bundled default scenario.
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

#include <string>

using namespace pipelab::scenario;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

std::string path(const char* relative) { return std::string(PIPELAB_SOURCE_DIR) + "/" + relative; }

// The scenario in `file`, or nullopt after printing its errors.
std::optional<Scenario> loadFile(const std::string& file)
{
    LoadResult result = loadScenarioFile(file);
    for (const Diagnostic& d : result.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            qWarning("%s", d.format().c_str());
    }
    return result.scenario;
}

bool samePos(SourcePos a, int line, int column) { return a.line == line && a.column == column; }

} // namespace

class TestScenarioLoader : public QObject {
    Q_OBJECT

private:
    Scenario s;

private Q_SLOTS:
    void initTestCase()
    {
        std::optional<Scenario> complete = loadFile(path("tests/scenario/data/complete.yaml"));
        QVERIFY(complete);
        s = *complete;
    }

    void topLevel()
    {
        QCOMPARE(s.format, 1);
        QCOMPARE(q(s.name), QString("Complete scenario"));
        QCOMPARE(q(s.summary), QString("Every key of the format"));
        QCOMPARE(q(s.description), QString("A *Markdown* description.\n"));
        QCOMPARE(q(s.appLabel), QString("store"));
        QVERIFY(s.file.ends_with("tests/scenario/data/complete.yaml"));
    }

    void warningsOnly()
    {
        LoadResult result = loadScenarioFile(path("tests/scenario/data/complete.yaml"));
        QCOMPARE(result.diagnostics.size(), std::size_t(1));
        QCOMPARE(q(result.diagnostics[0].format()),
                 q(path("tests/scenario/data/complete.yaml")) +
                     ":34:3: warning: setting 'TIME_ZONE' is not simulated; it has no effect here");
    }

    void settings()
    {
        const Settings& st = s.settings;
        QCOMPARE(st.debug, true);
        QCOMPARE(st.appendSlash, false);
        QCOMPARE(st.secureSslRedirect, true);
        QCOMPARE(st.cacheMiddlewareSeconds, 30.0);
        QCOMPARE(q(st.cacheMiddlewareKeyPrefix), QString("site"));
        QCOMPARE(q(st.loginUrl), QString("/login/"));
        QCOMPARE(q(st.sessionEngine), QString("cached_db"));
        QVERIFY(st.middlewareGiven);
        QCOMPARE(st.middleware.size(), std::size_t(3));
        QCOMPARE(q(st.middleware[0].path), QString("django.middleware.cache.UpdateCacheMiddleware"));
        QVERIFY(samePos(st.middleware[0].pos, 18, 7));
        QCOMPARE(q(st.middleware[2].path), QString("store.middleware.TimingMiddleware"));
        QVERIFY(samePos(st.middleware[2].pos, 20, 7));
        QVERIFY(samePos(st.pos, 10, 3));

        QCOMPARE(st.caches.size(), std::size_t(2));
        QCOMPARE(q(st.caches[0].alias), QString("default"));
        QCOMPARE(q(st.caches[0].backend), QString("redis"));
        QCOMPARE(q(st.caches[0].location), QString("redis://127.0.0.1:6379"));
        QCOMPARE(st.caches[0].timeout.value(), 60.0);
        QCOMPARE(st.caches[0].timeoutNone, false);
        QVERIFY(samePos(st.caches[0].pos, 22, 5));
        QCOMPARE(q(st.caches[1].alias), QString("sessions"));
        QCOMPARE(q(st.caches[1].backend), QString("memcached"));
        QCOMPARE(q(st.caches[1].location), QString("10.0.0.1:11211;10.0.0.2:11211"));
        QVERIFY(!st.caches[1].timeout.has_value());
        QCOMPARE(st.caches[1].timeoutNone, true);

        QCOMPARE(q(st.databaseEngine), QString("postgresql"));
        QCOMPARE(st.connMaxAge, 60.0);
        QCOMPARE(st.others.size(), std::size_t(1));
        QCOMPARE(q(st.others[0].name), QString("TIME_ZONE"));
        QVERIFY(st.others[0].value == Scalar{std::string("Europe/Paris")});
        QVERIFY(samePos(st.others[0].pos, 34, 3));
    }

    void codeBlocks()
    {
        QVERIFY(s.models && samePos(s.models->pos, 36, 3));
        QVERIFY(s.models->text.starts_with("class Tag(models.Model):\n    name = "));
        QVERIFY(s.urls && samePos(s.urls->pos, 73, 3));
        QCOMPARE(q(s.urls->text), QString("urlpatterns = [\n    path(\"items/\", views.items, name=\"items\"),\n]\n"));
        QVERIFY(s.views && samePos(s.views->pos, 77, 3));
        QCOMPARE(q(s.views->text), // `|-`: no final newline
                 QString("def items(request):\n    return render(request, \"items.html\", {\"items\": Item.objects.all()})"));
        QVERIFY(s.middleware && samePos(s.middleware->pos, 87, 7)); // indented six spaces
        QVERIFY(s.middleware->text.starts_with("class TimingMiddleware:\n    def __init__"));
        QVERIFY(s.signals && samePos(s.signals->pos, 91, 3));
        QVERIFY(s.apps && samePos(s.apps->pos, 95, 3));
        QCOMPARE(q(s.apps->text), QString("class StoreConfig(AppConfig):\n    name = \"store\"\n"));
        // map(): text line 2, column 5 of views is the `return`.
        QVERIFY(samePos(s.views->map(2, 5), 78, 7));
    }

    void templates()
    {
        QCOMPARE(s.templates.size(), std::size_t(3));
        QCOMPARE(q(s.templates[0].name), QString("items.html")); // file order kept
        QVERIFY(samePos(s.templates[0].source.pos, 81, 5));
        QCOMPARE(q(s.templates[0].source.text),
                 QString("{% extends \"base.html\" %}\n"
                         "{% block body %}{% for item in items %}{{ item.title }}{% endfor %}{% endblock %}\n"));
        QCOMPARE(q(s.templates[1].name), QString("base.html"));
        QVERIFY(samePos(s.templates[1].source.pos, 84, 5));
        QCOMPARE(q(s.templates[2].name), QString("inline.html"));
        QCOMPARE(q(s.templates[2].source.text), QString("<p>{{ user }}</p>"));
        QVERIFY(samePos(s.templates[2].source.pos, 85, 17)); // first character after the quote
    }

    void data()
    {
        QCOMPARE(s.data.size(), std::size_t(2));
        const ModelData& tag = s.data[0];
        QCOMPARE(q(tag.model), QString("Tag"));
        QCOMPARE(tag.count, 3);
        QVERIFY(samePos(tag.pos, 49, 3));
        QCOMPARE(tag.fields.size(), std::size_t(1));
        QCOMPARE(tag.fields[0].kind, FieldGenerator::Kind::Cycle);
        const std::vector<Scalar> cycle = {std::string("red"), std::string("green"), std::int64_t(7),
                                           std::string("yes")}; // YAML 1.2: `yes` is a string
        QVERIFY(tag.fields[0].cycle == cycle);

        const ModelData& item = s.data[1];
        QCOMPARE(q(item.model), QString("Item"));
        QCOMPARE(item.count, 10);
        QCOMPARE(item.fields.size(), std::size_t(12));
        const auto& f = item.fields;
        QCOMPARE(q(f[0].field), QString("title"));
        QCOMPARE(f[0].kind, FieldGenerator::Kind::Text);
        QVERIFY(f[0].scalar == Scalar{std::string("Item {i}")});
        QVERIFY(samePos(f[0].pos, 56, 14));

        QCOMPARE(f[1].kind, FieldGenerator::Kind::Seq);
        QCOMPARE(f[1].seqStart, 1.5);
        QCOMPARE(f[1].seqStep, 0.5);
        QCOMPARE(f[1].seqIntegral, false);

        QCOMPARE(f[2].kind, FieldGenerator::Kind::Scalar);
        QVERIFY(f[2].scalar == Scalar{false});

        QCOMPARE(q(f[3].field), QString("note"));
        QCOMPARE(f[3].kind, FieldGenerator::Kind::Text);
        QVERIFY(f[3].scalar == Scalar{std::string("note {i}")});
        QCOMPARE(f[3].nullEvery, 3);

        QCOMPARE(f[4].kind, FieldGenerator::Kind::FkBlock);
        QCOMPARE(f[4].count, 4);
        QCOMPARE(f[5].kind, FieldGenerator::Kind::FkConst);
        QCOMPARE(f[5].count, 1);

        QCOMPARE(f[6].kind, FieldGenerator::Kind::Seq);
        QCOMPARE(f[6].seqStart, 10.0);
        QCOMPARE(f[6].seqStep, 1.0);
        QCOMPARE(f[6].seqIntegral, true);

        QCOMPARE(f[7].kind, FieldGenerator::Kind::M2m);
        QCOMPARE(f[7].count, 2);
        QCOMPARE(f[8].kind, FieldGenerator::Kind::FkCycle);
        QCOMPARE(f[8].nullEvery, 2);
        QVERIFY(f[9].scalar == Scalar{2.5});
        QVERIFY(f[10].scalar == Scalar{std::int64_t(42)});
        QCOMPARE(f[11].kind, FieldGenerator::Kind::Scalar);
        QVERIFY(f[11].scalar == Scalar{Null{}});
    }

    void users()
    {
        QCOMPARE(s.users.size(), std::size_t(2));
        QCOMPARE(q(s.users[0].username), QString("alice"));
        QCOMPARE(s.users[0].isStaff, true);
        QCOMPARE(s.users[0].isSuperuser, false);
        QCOMPARE(q(s.users[0].email), QString("alice@example.com"));
        QCOMPARE(q(s.users[1].username), QString("bob"));
        QCOMPARE(s.users[1].isSuperuser, true);
        QVERIFY(samePos(s.users[1].pos, 70, 5));
    }

    void requests()
    {
        QCOMPARE(s.requests.size(), std::size_t(3));
        const Request& a = s.requests[0];
        QCOMPARE(q(a.method), QString("GET"));
        QCOMPARE(q(a.path), QString("/items/"));
        QVERIFY(!a.user);
        QCOMPARE(a.csrf, Request::Csrf::Valid);
        QCOMPARE(a.repeat, 1);
        QVERIFY(samePos(a.pos, 98, 5));

        const Request& b = s.requests[1];
        QCOMPARE(q(b.method), QString("POST"));
        QCOMPARE(q(b.path), QString("/items/?page=2"));
        QCOMPARE(q(b.user.value()), QString("alice"));
        using Pairs = std::vector<std::pair<std::string, std::string>>;
        QVERIFY(b.data == (Pairs{{"title", "New"}, {"qty", "3"}, {"colour", "red"}, {"colour", "blue"}}));
        QVERIFY(b.headers == (Pairs{{"X-Requested-With", "XMLHttpRequest"}}));
        QCOMPARE(b.secure, true);
        QCOMPARE(b.csrf, Request::Csrf::Missing);
        QCOMPARE(b.repeat, 3);
        QVERIFY(samePos(b.pos, 99, 5));

        const Request& c = s.requests[2];
        QCOMPARE(q(c.method), QString("GET"));
        QCOMPARE(q(c.user.value()), QString("bob"));

        const std::vector<Request> expanded = s.expandedRequests();
        QCOMPARE(expanded.size(), std::size_t(5));
        QCOMPARE(q(expanded[3].method), QString("POST"));
        QCOMPARE(expanded[3].repeat, 1);
        QCOMPARE(q(expanded[4].user.value()), QString("bob"));
    }

    void load()
    {
        QVERIFY(s.load);
        const Load& l = *s.load;
        QCOMPARE(l.users.value(), 50);
        QVERIFY(!l.arrivalRate);
        QCOMPARE(l.thinkTimeMs, 500.0);
        QCOMPARE(l.durationS, 30.0);
        QCOMPARE(l.warmupS, 5.0);
        QCOMPARE(l.rampUpS, 2.5);
        QCOMPARE(l.mix.size(), std::size_t(2));
        QCOMPARE(l.mix[0].request, 0);
        QCOMPARE(l.mix[0].weight, 3.0);
        QCOMPARE(l.mix[1].request, 4);
        QCOMPARE(l.mix[1].weight, 0.5);
        QCOMPARE(l.workers, 2);
        QCOMPARE(l.timeoutS, 10.0);
        QCOMPARE(l.maxConnections, 20);
        QCOMPARE(l.dbCores, 2);
        QCOMPARE(l.seed, std::uint64_t(7));
    }

    void costs()
    {
        QVERIFY(s.costs);
        QCOMPARE(s.costs->distribution.value(), Costs::Distribution::Exponential);
        const std::map<std::string, double> expected = {
            {"db_rtt_ms", 0.3},     {"query_ms", 1},   {"row_us", 2},           {"connect_ms", 5},
            {"query_overhead_us", 40}, {"orm_row_us", 8}, {"view_us", 100},      {"template_node_us", 1.5},
            {"middleware_us", 3},   {"signal_us", 4},  {"cache_rtt_ms", 0.2}};
        QVERIFY(s.costs->values == expected);
    }

    void expect()
    {
        QCOMPARE(s.expect.size(), std::size_t(3));
        QCOMPARE(s.expect[0].request.value(), 0);
        QCOMPARE(s.expect[0].status.value(), 200);
        QCOMPARE(s.expect[0].queries.value(), 1);
        QVERIFY(!s.expect[0].error && !s.expect[0].load);
        QCOMPARE(s.expect[1].request.value(), 3);
        QCOMPARE(s.expect[1].status.value(), 403);
        QCOMPARE(q(s.expect[1].error.value()), QString("PermissionDenied"));
        using Pairs = std::vector<std::pair<std::string, std::string>>;
        QVERIFY(s.expect[1].headers == (Pairs{{"Cache-Control", "max-age=30"}, {"X-Count", "5"}}));
        QVERIFY(samePos(s.expect[1].pos, 135, 5));
        QVERIFY(!s.expect[2].request);
        QVERIFY(s.expect[2].load);
        QCOMPARE(s.expect[2].load->maxP95Ms.value(), 250.0);
        QCOMPARE(s.expect[2].load->minThroughput.value(), 20.0);
        QCOMPARE(s.expect[2].load->maxTimeouts.value(), 0);
    }

    void lesson()
    {
        const auto& l = s.lesson;
        QCOMPARE(l.size(), std::size_t(10));
        QCOMPARE(l[0].kind, LessonStep::Kind::Say);
        QCOMPARE(q(l[0].text), QString("Welcome."));
        QCOMPARE(l[1].kind, LessonStep::Kind::Show);
        QCOMPARE(q(l[1].text), QString("sql"));
        QCOMPARE(l[2].kind, LessonStep::Kind::Highlight);
        QCOMPARE(q(l[2].text), QString("views:78")); // YAML line numbers
        QCOMPARE(q(l[3].text), QString("templates/items.html:82"));
        QCOMPARE(q(l[4].text), QString("store.middleware.TimingMiddleware"));
        QCOMPARE(l[5].kind, LessonStep::Kind::Run);
        QCOMPARE(l[5].run, 0);
        QCOMPARE(l[6].kind, LessonStep::Kind::Ask);
        QCOMPARE(q(l[6].text), QString("How many queries?"));
        QCOMPARE(q(l[6].answer), QString("One."));
        QVERIFY(samePos(l[6].pos, 147, 5));

        const LessonStep& patch = l[7];
        QCOMPARE(patch.kind, LessonStep::Kind::Patch);
        QCOMPARE(patch.patch.size(), std::size_t(2));
        QCOMPARE(q(patch.patch.at("views").text), QString("def items(request):\n    return HttpResponse(\"ok\")\n"));
        QVERIFY(samePos(patch.patch.at("views").pos, 154, 9));
        QCOMPARE(q(patch.patch.at("templates/items.html").text), QString("{{ items|length }}\n"));
        QVERIFY(samePos(patch.patch.at("templates/items.html").pos, 158, 11));
        QVERIFY(patch.settings);
        // The patch applies over the scenario's settings: DEBUG and MIDDLEWARE change, the rest stays.
        QCOMPARE(patch.settings->debug, false);
        QCOMPARE(patch.settings->middleware.size(), std::size_t(1));
        QCOMPARE(q(patch.settings->middleware[0].path), QString("django.middleware.common.CommonMiddleware"));
        QCOMPARE(q(patch.settings->sessionEngine), QString("cached_db"));
        QCOMPARE(patch.settings->appendSlash, false);

        QCOMPARE(l[8].kind, LessonStep::Kind::Run);
        QCOMPARE(l[8].run, 4);
        QCOMPARE(l[9].kind, LessonStep::Kind::Compare);
        QVERIFY(l[9].compare == (std::pair<std::int64_t, std::int64_t>{0, 1}));
    }

    void defaults()
    {
        LoadResult result = loadScenarioText("format: 1\nname: n\nmodels: ''\nurls: ''\nviews: ''\nrequests: [GET /]\n",
                                             "min.yaml");
        QVERIFY(result.ok());
        QVERIFY(result.diagnostics.empty());
        const Scenario& m = *result.scenario;
        QCOMPARE(q(m.appLabel), QString("shop"));
        QCOMPARE(m.settings.middlewareGiven, false);
        QCOMPARE(m.settings.middleware.size(), defaultMiddleware().size());
        for (std::size_t i = 0; i < defaultMiddleware().size(); ++i)
            QCOMPARE(q(m.settings.middleware[i].path), q(defaultMiddleware()[i]));
        QCOMPARE(q(defaultMiddleware().front()), QString("django.middleware.security.SecurityMiddleware"));
        QCOMPARE(q(defaultMiddleware().back()), QString("django.middleware.clickjacking.XFrameOptionsMiddleware"));
        QCOMPARE(m.settings.caches.size(), std::size_t(1));
        QCOMPARE(q(m.settings.caches[0].backend), QString("locmem"));
        QCOMPARE(q(m.settings.sessionEngine), QString("db"));
        QCOMPARE(q(m.settings.databaseEngine), QString("sqlite3"));
        QCOMPARE(m.settings.appendSlash, true);
        QCOMPARE(m.settings.debug, false);
        QCOMPARE(q(m.settings.loginUrl), QString("/accounts/login/"));
        QCOMPARE(m.settings.cacheMiddlewareSeconds, 600.0);
        QCOMPARE(m.requests.size(), std::size_t(1));
        QCOMPARE(q(m.requests[0].path), QString("/"));
        QVERIFY(!m.load && !m.costs);
    }

    void yaml12Scalars()
    {
        // `on`, `yes`, `no`, `off` are strings; True/FALSE booleans; 0o and 0x integers; ~ null.
        LoadResult result = loadScenarioText("format: 1\nname: n\nmodels: ''\nurls: ''\nviews: ''\nrequests: [GET /]\n"
                                             "data:\n  M:\n    count: 0o17\n    fields:\n"
                                             "      a: {cycle: [on, off, yes, no, True, FALSE, 0x1F, -3, +4, 1e3, ~, '5', .inf]}\n",
                                             "s.yaml");
        QVERIFY(result.ok());
        const FieldGenerator& g = result.scenario->data[0].fields[0];
        QCOMPARE(result.scenario->data[0].count, 15);
        const std::vector<Scalar> expected = {
            std::string("on"), std::string("off"), std::string("yes"), std::string("no"), true, false,
            std::int64_t(31), std::int64_t(-3), std::int64_t(4), 1000.0, Null{}, std::string("5"),
            std::numeric_limits<double>::infinity()};
        QVERIFY(g.cycle == expected);
    }

    void byteOrderMarkAndCrlf()
    {
        const std::string text = "\xEF\xBB\xBF" "format: 1\r\nname: t\r\nmodels: ''\r\nurls: ''\r\n"
                                 "views: |\r\n  def f():\r\n\r\n      pass\r\nrequests: [GET /]\r\n";
        LoadResult result = loadScenarioText(text, "crlf.yaml");
        QVERIFY(result.ok());
        QVERIFY(samePos(result.scenario->views->pos, 6, 3));
        QCOMPARE(q(result.scenario->views->text), QString("def f():\n\n    pass\n"));
    }

    void blockWithLeadingBlankLine()
    {
        // Text line 1 is the blank line right under the indicator; the indentation comes from
        // the first line that has content.
        LoadResult result = loadScenarioText(
            "format: 1\nname: t\nmodels: ''\nurls: ''\nviews: |  # a comment\n\n    x = 1\nrequests: [GET /]\n",
            "b.yaml");
        QVERIFY(result.ok());
        QCOMPARE(q(result.scenario->views->text), QString("\nx = 1\n"));
        QVERIFY(samePos(result.scenario->views->pos, 6, 5));
        QVERIFY(samePos(result.scenario->views->map(2), 7, 5));
    }

    void defaultScenario()
    {
        const std::optional<Scenario> loaded = loadFile(path("scenarios/n-plus-one-dashboard.yaml"));
        QVERIFY(loaded);
        const Scenario& d = *loaded;
        QCOMPARE(q(d.name), QString("The 501-query dashboard"));
        QCOMPARE(q(d.appLabel), QString("shop"));
        QCOMPARE(d.data.size(), std::size_t(3));
        QCOMPARE(q(d.data[2].model), QString("Order"));
        QCOMPARE(d.data[2].count, 600);
        QCOMPARE(d.data[2].fields[0].kind, FieldGenerator::Kind::FkCycle);
        QCOMPARE(d.data[1].fields[1].kind, FieldGenerator::Kind::Seq);
        QCOMPARE(d.data[1].fields[1].seqStart, 5.0);
        QCOMPARE(d.data[1].fields[1].seqStep, 3.0);
        QCOMPARE(d.requests.size(), std::size_t(1));
        QCOMPARE(q(d.requests[0].method + " " + d.requests[0].path), QString("GET /dashboard/"));
        QVERIFY(d.views && samePos(d.views->pos, 61, 3));
        QVERIFY(d.views->text.starts_with("def dashboard(request):\n"));
        QCOMPARE(d.templates.size(), std::size_t(1));
        QCOMPARE(q(d.templates[0].name), QString("dashboard.html"));
        QVERIFY(samePos(d.templates[0].source.pos, 67, 5));
        QCOMPARE(d.load->users.value(), 500);
        QCOMPARE(d.load->workers, 8);
        QCOMPARE(d.load->seed, std::uint64_t(42));
        QCOMPARE(d.expect.size(), std::size_t(1));
        QCOMPARE(d.expect[0].queries.value(), 501);
        QCOMPARE(d.lesson.size(), std::size_t(7));
        QCOMPARE(d.lesson[4].kind, LessonStep::Kind::Patch);
        QVERIFY(d.lesson[4].patch.at("views").text.find("select_related(\"product\")") != std::string::npos);
        QCOMPARE(d.lesson[6].kind, LessonStep::Kind::Compare);
    }
};

QTEST_APPLESS_MAIN(TestScenarioLoader)
#include "tst_scenarioloader.moc"
