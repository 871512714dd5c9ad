// The runner end to end: the default scenario reproduces the oracle's golden trace (501 queries,
// their SQL and sources, the headers), and small scenarios check the handler's statuses — 404,
// 500 with the exception's type and message, the APPEND_SLASH redirect, CSRF rejection — the
// session SQL with its signed data, cache_page, the database cache's SQL, the simulated clock
// (cache, session and Expires expiry), middleware ordering warnings, and start-up errors reported
// at their YAML line.
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/django/runner/tracereport.h"
#include "sim/scenario/scenarioloader.h"
#include "sim/trace/jsonexport.h"

#include <QtTest>

#include <fstream>

using namespace pipelab;

namespace {

struct Run {
    std::vector<scenario::Diagnostic> diagnostics;
    trace::Trace trace;
    bool ok = false;
};

Run runScenario(const scenario::LoadResult& loaded)
{
    Run run;
    run.diagnostics = loaded.diagnostics;
    if (!loaded.ok())
        return run;
    django::project::Project::LoadResult project = django::project::Project::load(*loaded.scenario);
    run.diagnostics.insert(run.diagnostics.end(), project.diagnostics.begin(), project.diagnostics.end());
    if (!project.project)
        return run;
    django::runner::Runner runner(*project.project);
    run.trace = runner.run();
    run.ok = !scenario::hasErrors(runner.diagnostics());
    return run;
}

Run runText(const std::string& yaml)
{
    return runScenario(scenario::loadScenarioText(yaml, "test.yaml"));
}

std::string header(const trace::RequestTrace& r, const std::string& name)
{
    for (const auto& [n, v] : r.headers)
        if (n == name)
            return v;
    return "<absent>";
}

std::string diagnosticsText(const std::vector<scenario::Diagnostic>& diagnostics)
{
    std::string text;
    for (const scenario::Diagnostic& d : diagnostics)
        text += d.format() + "\n";
    return text;
}

const char* kViews = R"(format: 1
name: "runner test"
models: |
  class Item(models.Model):
      name = models.CharField(max_length=20)
data:
  Item:
    count: 3
    fields:
      name: "Item {i}"
urls: |
  urlpatterns = [
      path("items/<int:pk>/", views.item, name="item"),
      path("boom/", views.boom),
      path("keys/", views.keys),
      path("cart/", views.cart),
      path("exempt/", views.exempt),
  ]
views: |
  def item(request, pk):
      if pk > 3:
          raise Http404("no such item")
      return HttpResponse(Item.objects.get(pk=pk).name)

  def boom(request):
      count = Item.objects.count()
      return HttpResponse(str(count / 0))

  def keys(request):
      settings = {"theme": "dark"}
      return HttpResponse(settings["language"])

  @require_POST
  def cart(request):
      items = request.session.get("cart", [])
      items.append(request.POST.get("item", "?"))
      request.session["cart"] = items
      return HttpResponse(str(len(items)))

  @csrf_exempt
  def exempt(request):
      return HttpResponse("ok")
requests:
  - "GET /items/2/"
  - "GET /items/9/"
  - "GET /boom/"
  - "GET /keys/"
  - "GET /items/2"
  - "GET /nowhere"
  - {method: POST, path: /cart/, data: {item: apple}, csrf: missing}
  - {method: POST, path: /cart/, data: {item: apple}}
  - {method: POST, path: /exempt/, csrf: missing}
)";

} // namespace

class TestRunner : public QObject {
    Q_OBJECT

private slots:
    void defaultScenarioMatchesTheOracle()
    {
        const Run run = runScenario(scenario::loadScenarioFile(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml"));
        QVERIFY2(run.ok, diagnosticsText(run.diagnostics).c_str());
        std::ifstream goldenFile(PIPELAB_SOURCE_DIR "/tests/conformance/golden/n-plus-one-dashboard.json");
        QVERIFY(goldenFile);
        const nlohmann::json golden = nlohmann::json::parse(goldenFile);
        QCOMPARE(run.trace.requests.size(), std::size_t(1));
        const trace::RequestTrace& r = run.trace.requests[0];
        QCOMPARE(r.status, 200);
        QCOMPARE(r.queries.size(), std::size_t(501));
        const nlohmann::json& expected = golden["requests"][0];
        for (std::size_t i = 0; i < r.queries.size(); ++i) {
            QCOMPARE(r.queries[i].sql, expected["queries"][i]["sql"].get<std::string>());
            QCOMPARE(r.queries[i].source, expected["queries"][i]["source"].get<std::string>());
        }
        QCOMPARE(r.queries[1].source, std::string("templates/dashboard.html:70"));
        QVERIFY(!r.error);
        // The whole request as JSON is the oracle's, field for field.
        const nlohmann::json ours = nlohmann::json::parse(trace::toJson(run.trace).dump());
        QCOMPARE(ours["requests"][0]["headers"].dump(), expected["headers"].dump());
        QCOMPARE(ours.dump(), golden.dump());
        // The readable report folds the N+1.
        const std::string report = django::runner::formatTraceReport(run.trace);
        QVERIFY(report.find("×499 more like query 2 from the same line (500 similar, 480 exact duplicates)") != std::string::npos);
    }

    void statusesAndErrors()
    {
        const Run run = runText(kViews);
        QVERIFY2(run.ok, diagnosticsText(run.diagnostics).c_str());
        const std::vector<trace::RequestTrace>& r = run.trace.requests;
        QCOMPARE(r.size(), std::size_t(9));

        QCOMPARE(r[0].status, 200);
        QCOMPARE(r[0].queries.size(), std::size_t(1));
        QCOMPARE(r[0].queries[0].sql, std::string("SELECT \"shop_item\".\"id\", \"shop_item\".\"name\" FROM \"shop_item\" "
                                                  "WHERE \"shop_item\".\"id\" = 2 LIMIT 21"));
        QCOMPARE(r[0].queries[0].source, std::string("views:23"));

        QCOMPARE(r[1].status, 404); // Http404: no error reported
        QVERIFY(!r[1].error);
        QCOMPARE(header(r[1], "Content-Type"), std::string("text/html"));

        QCOMPARE(r[2].status, 500);
        QVERIFY(r[2].error);
        QCOMPARE(r[2].error->type, std::string("ZeroDivisionError"));
        QCOMPARE(r[2].error->message, std::string("division by zero"));
        QCOMPARE(r[2].queries.size(), std::size_t(1));

        QCOMPARE(r[3].status, 500);
        QCOMPARE(r[3].error->type, std::string("KeyError"));
        QCOMPARE(r[3].error->message, std::string("'language'"));

        QCOMPARE(r[4].status, 301); // APPEND_SLASH, after the 404 (current Django)
        QCOMPARE(header(r[4], "Location"), std::string("/items/2/"));
        QCOMPARE(header(r[4], "X-Frame-Options"), std::string("<absent>")); // XFrameOptions saw the 404

        QCOMPARE(r[5].status, 404);
        QCOMPARE(header(r[5], "X-Frame-Options"), std::string("DENY"));
    }

    void eventsFollowThePipeline()
    {
        const Run run = runText(kViews);
        QVERIFY(run.ok);
        const std::vector<trace::Event>& events = run.trace.requests[0].events;
        QVERIFY(!events.empty());
        QCOMPARE(events.front().kind, trace::EventKind::RequestStarted);
        QCOMPARE(events.back().kind, trace::EventKind::ResponseSent);
        QCOMPARE(events.back().count, std::int64_t(200));
        std::vector<std::string> entered;
        std::size_t view = 0, query = 0, returned = 0;
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (events[i].kind == trace::EventKind::LayerEnter)
                entered.push_back(events[i].layer);
            if (events[i].kind == trace::EventKind::ViewCalled)
                view = i;
            if (events[i].kind == trace::EventKind::Query)
                query = i;
            if (events[i].kind == trace::EventKind::ViewReturned)
                returned = i;
        }
        std::vector<std::string> expected = scenario::defaultMiddleware();
        expected.push_back("handler"); // convert_exception_to_response(_get_response)
        QCOMPARE(entered, expected);
        QVERIFY(view < query && query < returned);
        QCOMPARE(events[query].source, std::string("views:23"));

        // The CSRF rejection happens in process_view: the view is never called.
        bool viewCalled = false;
        for (const trace::Event& e : run.trace.requests[6].events)
            viewCalled = viewCalled || e.kind == trace::EventKind::ViewCalled;
        QVERIFY(!viewCalled);
    }

    void csrfAndSessions()
    {
        const Run run = runText(kViews);
        QVERIFY(run.ok);
        const std::vector<trace::RequestTrace>& r = run.trace.requests;
        QCOMPARE(r[6].status, 403); // csrf: missing
        QVERIFY(r[6].queries.empty());
        QCOMPARE(header(r[6], "Content-Type"), std::string("text/html"));

        QCOMPARE(r[7].status, 200);
        QCOMPARE(header(r[7], "Set-Cookie"), std::string("sessionid"));
        QCOMPARE(header(r[7], "Vary"), std::string("Cookie"));
        QCOMPARE(r[7].queries.size(), std::size_t(3));
        QCOMPARE(r[7].queries[0].sql, std::string("SELECT (1) AS \"a\" FROM \"django_session\" WHERE "
                                                  "\"django_session\".\"session_key\" = "
                                                  "'session0000000000000000000000001' LIMIT 1"));
        QCOMPARE(r[7].queries[1].sql, std::string("BEGIN"));
        // Signed exactly as Django 3.2 signs {"cart": ["apple"]} under the oracle's key and clock.
        QCOMPARE(r[7].queries[2].sql,
                 std::string("INSERT INTO \"django_session\" (\"session_key\", \"session_data\", \"expire_date\") SELECT "
                             "'session0000000000000000000000001', "
                             "'eyJjYXJ0IjpbImFwcGxlIl19:1rK5iq:z8KyxEpylycCpGsnGV0UKDCdZ6wbvk8GV4h3I-5moQs', "
                             "'2024-01-15 00:00:00'"));
        QCOMPARE(r[7].queries[2].source, std::string("django"));

        QCOMPARE(r[8].status, 200); // @csrf_exempt
    }

    void startupErrorsPointIntoTheYaml()
    {
        const std::string yaml = "format: 1\nname: x\nmodels: |\n  pass\nurls: |\n  urlpatterns = [\n"
                                 "      path(\"a/\", views.nope),\n  ]\nviews: |\n  def a(request):\n"
                                 "      return HttpResponse('a')\nrequests:\n  - \"GET /a/\"\n";
        const Run run = runText(yaml);
        QVERIFY(!run.ok);
        QVERIFY(scenario::hasErrors(run.diagnostics));
        const scenario::Diagnostic& d = run.diagnostics.back();
        QCOMPARE(d.pos.line, 7);
        QVERIFY2(d.message.find("AttributeError") != std::string::npos, d.message.c_str());
        QVERIFY2(d.message.find("nope") != std::string::npos, d.message.c_str());
    }

    void cachePageServesTheSecondRequestFromTheCache()
    {
        const std::string yaml = "format: 1\nname: x\nmodels: |\n  class Item(models.Model):\n"
                                 "      name = models.CharField(max_length=20)\n"
                                 "urls: |\n  urlpatterns = [path(\"a/\", views.a)]\n"
                                 "views: |\n  @cache_page(60)\n  def a(request):\n"
                                 "      return HttpResponse(str(Item.objects.count()))\n"
                                 "requests:\n  - \"GET /a/\"\n  - \"GET /a/\"\n  - \"GET /a/?page=2\"\n";
        const Run run = runText(yaml);
        QVERIFY2(run.ok, diagnosticsText(run.diagnostics).c_str());
        const std::vector<trace::RequestTrace>& r = run.trace.requests;
        QCOMPARE(r[0].queries.size(), std::size_t(1));
        QCOMPARE(r[1].queries.size(), std::size_t(0)); // a cache hit: the view does not run
        QCOMPARE(r[2].queries.size(), std::size_t(1)); // another URL, another cache key
        for (const trace::RequestTrace& request : r) {
            QCOMPARE(request.status, 200);
            QCOMPARE(header(request, "Cache-Control"), std::string("max-age=60"));
            QCOMPARE(header(request, "Expires"), std::string("Mon, 01 Jan 2024 00:01:00 GMT"));
        }
    }

    void cachePageKeysByVaryLikeDebianDjango()
    {
        // learn_cache_key leaves Accept-Language out under USE_I18N (#18191), and an absent header
        // hashes as "-," (the RFC 9111 fix Debian's 3.2 carries), so X-A: x is not X-B: x.
        const std::string yaml = "format: 1\nname: x\nmodels: |\n  class Item(models.Model):\n"
                                 "      name = models.CharField(max_length=20)\n"
                                 "urls: |\n  urlpatterns = [path(\"lang/\", views.lang), path(\"ab/\", views.ab)]\n"
                                 "views: |\n  @cache_page(60)\n  @vary_on_headers(\"Accept-Language\")\n"
                                 "  def lang(request):\n      return HttpResponse(str(Item.objects.count()))\n"
                                 "  @cache_page(60)\n  @vary_on_headers(\"X-A\", \"X-B\")\n"
                                 "  def ab(request):\n      return HttpResponse(str(Item.objects.count()))\n"
                                 "requests:\n"
                                 "  - {method: GET, path: /lang/, headers: {Accept-Language: en}}\n"
                                 "  - {method: GET, path: /lang/, headers: {Accept-Language: fr}}\n"
                                 "  - {method: GET, path: /ab/, headers: {X-A: x}}\n"
                                 "  - {method: GET, path: /ab/, headers: {X-B: x}}\n"
                                 "  - {method: GET, path: /ab/, headers: {X-A: x}}\n"
                                 "  - {method: GET, path: /ab/, headers: {X-A: \"\", X-B: x}}\n"
                                 "  - {method: GET, path: /ab/}\n";
        const Run run = runText(yaml);
        QVERIFY2(run.ok, diagnosticsText(run.diagnostics).c_str());
        std::vector<std::size_t> counts;
        for (const trace::RequestTrace& request : run.trace.requests)
            counts.push_back(request.queries.size());
        // Real Django 3.2 (Debian): fr is served the en page; every distinct set of present headers
        // is its own key.
        QCOMPARE(counts, (std::vector<std::size_t>{1, 0, 1, 1, 0, 1, 1}));
    }

    void unsimulatedFeaturesFailLoudly()
    {
        // The database cache pickles what it stores; PipeLab pickles plain values and responses
        // only, and says so rather than guessing the bytes.
        const std::string yaml = "format: 1\nname: x\nsettings:\n  CACHES:\n    default:\n"
                                 "      BACKEND: django.core.cache.backends.db.DatabaseCache\n"
                                 "      LOCATION: cache_table\nmodels: |\n  class Item(models.Model):\n"
                                 "      name = models.CharField(max_length=20)\n"
                                 "data:\n  Item:\n    count: 1\n    fields:\n      name: a\n"
                                 "urls: |\n  urlpatterns = [path(\"a/\", views.a)]\n"
                                 "views: |\n  def a(request):\n      cache.set(\"item\", Item.objects.first())\n"
                                 "      return HttpResponse(\"ok\")\n"
                                 "requests:\n  - \"GET /a/\"\n";
        const Run run = runText(yaml);
        QVERIFY2(run.ok, diagnosticsText(run.diagnostics).c_str());
        const trace::RequestTrace& r = run.trace.requests.at(0);
        QCOMPARE(r.status, 500);
        QVERIFY(r.error.has_value());
        QCOMPARE(r.error->type, std::string("NotImplementedError"));
        QCOMPARE(r.error->message, std::string("PipeLab does not simulate pickling Item values for the database cache backend"));
    }

    void databaseCacheSendsDjangosSql()
    {
        const std::string yaml = "format: 1\nname: x\nsettings:\n  CACHES:\n    default:\n"
                                 "      BACKEND: django.core.cache.backends.db.DatabaseCache\n      LOCATION: my_cache\nmodels: |\n  pass\n"
                                 "urls: |\n  urlpatterns = [path(\"a/\", views.a)]\n"
                                 "views: |\n  def a(request):\n      cache.set(\"k\", [1, \"x\"], 30)\n"
                                 "      cache.get(\"k\")\n      cache.delete(\"k\")\n      return HttpResponse(\"ok\")\n"
                                 "requests:\n  - \"GET /a/\"\n";
        const Run run = runText(yaml);
        QVERIFY2(run.ok, diagnosticsText(run.diagnostics).c_str());
        std::vector<std::string> sql;
        for (const trace::Query& q : run.trace.requests.at(0).queries)
            sql.push_back(q.sql);
        // pickle.dumps([1, "x"], 5) = 80 05 95 0a 00.. 5d 94 28 4b 01 8c 01 78 94 65 2e
        const std::vector<std::string> expected = {
            "SELECT COUNT(*) FROM \"my_cache\"",
            "BEGIN",
            "SELECT \"cache_key\", \"expires\" FROM \"my_cache\" WHERE \"cache_key\" = ':1:k'",
            "INSERT INTO \"my_cache\" (\"cache_key\", \"value\", \"expires\") VALUES (':1:k', "
            "'gAWVCwAAAAAAAABdlChLAYwBeJRlLg==', '2024-01-01 00:00:30')",
            "SELECT \"cache_key\", \"value\", \"expires\" FROM \"my_cache\" WHERE \"cache_key\" IN (':1:k')",
            "DELETE FROM \"my_cache\" WHERE \"cache_key\" IN (':1:k')",
        };
        QCOMPARE(sql, expected);
    }

    void databaseCachePicklesFragmentsAsSafeString()
    {
        // {% cache %} stores what NodeList.render returns, a SafeString: pickled through
        // copyreg.__newobj__ with its class, unlike a plain str (real Django 3.2's SQL).
        const std::string yaml = "format: 1\nname: x\nsettings:\n  CACHES:\n    default:\n"
                                 "      BACKEND: django.core.cache.backends.db.DatabaseCache\n      LOCATION: my_cache\nmodels: |\n  pass\n"
                                 "urls: |\n  urlpatterns = [path(\"a/\", views.a)]\n"
                                 "views: |\n  def a(request):\n      return render(request, \"a.html\")\n"
                                 "templates:\n  a.html: |\n    {% load cache %}{% cache 60 side %}3{% endcache %}\n"
                                 "requests:\n  - \"GET /a/\"\n";
        const Run run = runText(yaml);
        QVERIFY2(run.ok, diagnosticsText(run.diagnostics).c_str());
        const std::vector<trace::Query>& queries = run.trace.requests.at(0).queries;
        QCOMPARE(queries.size(), std::size_t(5));
        // pickle.dumps(SafeString("3"), 5): STACK_GLOBAL django.utils.safestring.SafeString, ("3",), NEWOBJ.
        QCOMPARE(queries.at(4).sql,
                 std::string("INSERT INTO \"my_cache\" (\"cache_key\", \"value\", \"expires\") VALUES "
                             "(':1:template.cache.side.d41d8cd98f00b204e9800998ecf8427e', "
                             "'gAWVMgAAAAAAAACMF2RqYW5nby51dGlscy5zYWZlc3RyaW5nlIwKU2FmZVN0cmluZ5STlIwBM5SFlIGULg==', "
                             "'2024-01-01 00:01:00')"));
    }

    void simulatedClockMovesExpiry()
    {
        // 0 is the oracle's frozen instant; the load simulation moves the clock forward.
        const std::string yaml = "format: 1\nname: x\nmodels: |\n  pass\nusers:\n  - {username: ann}\n"
                                 "urls: |\n  urlpatterns = [path(\"a/\", views.a)]\n"
                                 "views: |\n  import time\n  from django.utils import timezone\n"
                                 "  def a(request):\n      cache.add(\"k\", \"v\", 60)\n"
                                 "      response = HttpResponse(\"ok\")\n"
                                 "      response[\"X-Hit\"] = str(cache.get(\"k\") is not None and not cache.add(\"k\", \"w\", 60))\n"
                                 "      response[\"X-Now\"] = str(time.time())\n"
                                 "      response[\"X-Date\"] = str(timezone.now())\n"
                                 "      response[\"X-User\"] = str(request.user.is_authenticated)\n"
                                 "      return cache_page(60)(lambda r: response)(request)\n"
                                 "requests:\n  - {method: GET, path: /a/, user: ann}\n";
        const scenario::LoadResult loaded = scenario::loadScenarioText(yaml, "test.yaml");
        QVERIFY(loaded.ok());
        django::project::Project::LoadResult project = django::project::Project::load(*loaded.scenario);
        QVERIFY2(project.project, diagnosticsText(project.diagnostics).c_str());
        django::project::Project& p = *project.project;
        django::runner::Runner runner(p);
        const scenario::Request request = loaded.scenario->expandedRequests().at(0);
        constexpr std::int64_t second = 1'000'000'000;

        const trace::RequestTrace first = runner.runRequest(0, request);
        QCOMPARE(header(first, "X-Now"), std::string("1704067200.0"));
        QCOMPARE(header(first, "X-Date"), std::string("2024-01-01 00:00:00+00:00"));
        QCOMPARE(header(first, "X-User"), std::string("True"));
        QCOMPARE(header(first, "Expires"), std::string("Mon, 01 Jan 2024 00:01:00 GMT"));
        QCOMPARE(first.queries.at(0).sql.find("\"expire_date\" > '2024-01-01 00:00:00' AND") != std::string::npos, true);

        p.setSimulatedTime(59 * second + 500'000);
        const trace::RequestTrace cached = runner.runRequest(1, request);
        QCOMPARE(header(cached, "X-Now"), std::string("1704067200.0")); // served from cache_page's copy
        QVERIFY2(cached.queries.at(0).sql.find("'2024-01-01 00:00:59.000500'") != std::string::npos,
                 cached.queries.at(0).sql.c_str());

        p.setSimulatedTime(61 * second);
        const trace::RequestTrace expired = runner.runRequest(2, request);
        QCOMPARE(header(expired, "X-Now"), std::string("1704067261.0"));
        QCOMPARE(header(expired, "X-Hit"), std::string("True")); // "k" expired at 60 s and was added again
        QCOMPARE(header(expired, "Expires"), std::string("Mon, 01 Jan 2024 00:02:01 GMT"));

        p.setSimulatedTime(15 * 86400 * second); // past SESSION_COOKIE_AGE: the session is gone
        const trace::RequestTrace later = runner.runRequest(3, request);
        QCOMPARE(header(later, "X-User"), std::string("False"));
        QCOMPARE(header(later, "X-Date"), std::string("2024-01-16 00:00:00+00:00"));
        QCOMPARE(header(later, "Expires"), std::string("Tue, 16 Jan 2024 00:01:00 GMT"));
    }

    void middlewareOrderIsCheckedButStillRuns()
    {
        const std::string yaml = "format: 1\nname: x\nsettings:\n  MIDDLEWARE:\n"
                                 "    - django.contrib.auth.middleware.AuthenticationMiddleware\n"
                                 "    - django.contrib.sessions.middleware.SessionMiddleware\n"
                                 "    - django.middleware.cache.FetchFromCacheMiddleware\n"
                                 "    - django.contrib.messages.middleware.MessageMiddleware\n"
                                 "models: |\n  pass\nurls: |\n  urlpatterns = [path(\"a/\", views.a)]\n"
                                 "views: |\n  def a(request):\n      return HttpResponse(\"ok\")\n"
                                 "requests:\n  - \"GET /a/\"\n";
        const Run run = runText(yaml);
        QVERIFY2(run.ok, diagnosticsText(run.diagnostics).c_str());
        const std::string text = diagnosticsText(run.diagnostics);
        QVERIFY2(text.find("test.yaml:5:7: warning: MIDDLEWARE: AuthenticationMiddleware is above SessionMiddleware but "
                           "must come after it") != std::string::npos, text.c_str());
        QVERIFY2(text.find("test.yaml:7:7: warning: MIDDLEWARE: FetchFromCacheMiddleware is above SessionMiddleware")
                     == std::string::npos, text.c_str()); // Session is above it here: no warning
        QCOMPARE(std::count(text.begin(), text.end(), '\n'), 1L);
        const trace::RequestTrace& r = run.trace.requests.at(0);
        QCOMPARE(r.status, 500);
        QCOMPARE(r.error->type, std::string("ImproperlyConfigured"));
    }
};

QTEST_APPLESS_MAIN(TestRunner)
#include "tst_runner.moc"
