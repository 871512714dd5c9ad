// The Python-facing ORM against real Django 3.2: every snippet of data/snippets.py runs in a
// project built by hand (interpreter, recorder, Orm, the scenario's models and data) and must
// send exactly the SQL real Django sent (data/golden.json, written by oracle/golden.py), print
// the same output and raise the same exception. Plus unit checks of the pieces.
#include "sim/django/http/lazyobject.h"
#include "sim/django/models/cpythonset.h"
#include "sim/django/models/orm.h"
#include "sim/django/runtime/requestrecorder.h"
#include "sim/python/interpreter.h"
#include "sim/scenario/scenarioloader.h"
#include "sim/trace/requesttrace.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

using namespace pipelab;

namespace {

std::string readFile(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Snippet {
    std::string scenario;
    std::string name;
    std::string code;
};

std::vector<Snippet> readSnippets()
{
    std::vector<Snippet> out;
    std::istringstream in(readFile(PIPELAB_SOURCE_DIR "/tests/django/models/data/snippets.py"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("### ", 0) == 0) {
            std::istringstream words(line.substr(4));
            Snippet s;
            words >> s.scenario >> s.name;
            out.push_back(s);
        } else if (!out.empty()) {
            out.back().code += line + "\n";
        }
    }
    return out;
}

// A project reduced to what the ORM needs: the models module, the data, a recorder.
struct Project {
    py::Interpreter interp;
    django::RequestRecorder recorder{interp};
    django::models::Orm orm{interp, recorder, "shop"};
    std::string error;

    explicit Project(const std::string& scenarioPath)
    {
        auto loaded = scenario::loadScenarioText(readFile(scenarioPath), scenarioPath);
        if (!loaded.ok()) {
            error = "scenario did not load";
            return;
        }
        const scenario::Scenario& scn = *loaded.scenario;
        orm.installModules();
        // SimpleLazyObject, for snippets handing the ORM a lazy proxy as request.user is one.
        django::http::installLazyObject(interp);
        auto failure = interp.guard([&] {
            py::ModuleObject* models = interp.newModule("shop.models", "models", "shop");
            interp.importInto(models, "django.db", {"models"});
            interp.importInto(models, "django.contrib.auth.models", {"User"});
            interp.exec(models, py::parse(scn.models->text, {scn.models->pos.line, scn.models->pos.column}, "models"));
            orm.finalizeModels();
        });
        if (failure) {
            error = failure->describe();
            return;
        }
        for (const auto& d : orm.loadData(scn))
            error += d.format();
    }

    struct Result {
        std::vector<std::string> sql;
        std::string output;
        std::string error;
    };

    Result run(const std::string& name, const std::string& code)
    {
        trace::RequestTrace trace;
        recorder.begin(trace);
        Result r;
        interp.resetCounters();
        auto failure = interp.guard([&] {
            py::ModuleObject* m = interp.newModule("shop.snippet_" + name, "views", "shop");
            interp.importInto(m, "django.db.models", {"Q", "F", "Count", "Sum", "Avg", "Max", "Min", "Prefetch"});
            interp.importInto(m, "django.db", {"transaction"});
            interp.importInto(m, "django.contrib.auth.models", {"User"});
            interp.importInto(m, "shop.models", {"*"});
            try {
                interp.exec(m, py::parse(code, {1, 1}, "views"));
            } catch (const py::PyException& e) {
                // type(exc).__name__ + ": " + str(exc), as the oracle prints it
                r.error = e.exception()->cls()->name;
                const std::string message = interp.exceptionMessage(e.exception());
                r.error += ": " + message;
            }
        });
        recorder.end();
        if (failure)
            r.error = failure->describe();
        r.output = interp.takeOutput();
        for (const auto& q : trace.queries)
            r.sql.push_back(q.sql);
        return r;
    }
};

} // namespace

class TestOrm : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        golden_ = nlohmann::json::parse(readFile(PIPELAB_SOURCE_DIR "/tests/django/models/data/golden.json"));
        snippets_ = readSnippets();
        QVERIFY(snippets_.size() >= 50);
        QCOMPARE(golden_.size(), snippets_.size());
    }

    void snippetsMatchDjango_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < snippets_.size(); ++i)
            QTest::newRow((snippets_[i].scenario + "/" + snippets_[i].name).c_str()) << static_cast<int>(i);
    }

    // Snippets of one scenario share a database and run in file order; the data-driven rows
    // follow that order, and each row replays the earlier snippets' effects once.
    void snippetsMatchDjango()
    {
        QFETCH(int, index);
        const Snippet& s = snippets_[static_cast<std::size_t>(index)];
        Project& project = projectFor(s.scenario);
        QCOMPARE(project.error, std::string());
        // Run the snippets before this one that have not run yet (writes change later results).
        auto& next = nextIndex_[s.scenario];
        for (; next < static_cast<std::size_t>(index); ++next)
            if (snippets_[next].scenario == s.scenario)
                project.run(snippets_[next].name, snippets_[next].code);
        const auto result = project.run(s.name, s.code);
        next = static_cast<std::size_t>(index) + 1;
        const auto& expected = golden_.at(s.scenario + "/" + s.name);
        const auto sql = expected.at("sql").get<std::vector<std::string>>();
        auto q = [](const std::string& s) { return QString::fromStdString(s); };
        QCOMPARE(q(result.error), q(expected.at("error").is_null() ? std::string() : expected.at("error").get<std::string>()));
        for (std::size_t i = 0; i < std::min(sql.size(), result.sql.size()); ++i)
            QCOMPARE(q(result.sql[i]), q(sql[i]));
        QCOMPARE(result.sql.size(), sql.size());
        QCOMPARE(q(result.output), q(expected.at("output").get<std::string>()));
    }

    void nPlusOneLoopIsFast()
    {
        Project project(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml");
        QCOMPARE(project.error, std::string());
        const auto start = std::chrono::steady_clock::now();
        const auto result = project.run("loop", "names = [o.product.name for o in Order.objects.filter(status='paid')]\n");
        const auto elapsed = std::chrono::steady_clock::now() - start;
        QCOMPARE(result.sql.size(), std::size_t(501));
        QVERIFY2(elapsed < std::chrono::seconds(2), "the 501-query loop must take well under a second or two");
    }

    void cpythonSetOrderMatchesCPython()
    {
        using django::models::cpythonSetOrder;
        // {9, 1, 17, 3}: 1 and 17 collide with 9 (mod 8); an 8-slot table has no room for linear
        // probes, so they perturb to slots 6 and 7 (list({...}) in CPython 3.11 gives this).
        QCOMPARE(cpythonSetOrder({9, 1, 17, 3}), (std::vector<std::int64_t>{9, 3, 1, 17}));
        QCOMPARE(cpythonSetOrder({3, 1, 2}), (std::vector<std::int64_t>{1, 2, 3}));
        // Growth: the 5th entry resizes the table to 32 slots; 8 then probes linearly past 40.
        QCOMPARE(cpythonSetOrder({40, 8, 1, 2, 3}), (std::vector<std::int64_t>{1, 2, 3, 40, 8}));
        QCOMPARE(cpythonSetOrder({2, 2, 2}), (std::vector<std::int64_t>{2}));
    }

    void unknownDataModelIsADiagnostic()
    {
        const std::string text = "format: 1\nname: t\nmodels: |\n  class A(models.Model):\n      n = models.IntegerField()\n"
                                 "data:\n  Ghost:\n    count: 2\nurls: |\n  urlpatterns = []\nviews: |\n  x = 1\n"
                                 "requests:\n  - \"GET /\"\n";
        auto loaded = scenario::loadScenarioText(text, "t.yaml");
        QVERIFY(loaded.ok());
        py::Interpreter interp;
        django::RequestRecorder recorder(interp);
        django::models::Orm orm(interp, recorder, "shop");
        orm.installModules();
        // SimpleLazyObject, for snippets handing the ORM a lazy proxy as request.user is one.
        django::http::installLazyObject(interp);
        py::ModuleObject* models = interp.newModule("shop.models", "models", "shop");
        interp.importInto(models, "django.db", {"models"});
        interp.exec(models, py::parse(loaded.scenario->models->text, {4, 3}, "models"));
        orm.finalizeModels();
        const auto diags = orm.loadData(*loaded.scenario);
        QCOMPARE(diags.size(), std::size_t(1));
        QCOMPARE(diags[0].format(), std::string("t.yaml:7:3: error: data: no model 'Ghost' in shop.models"));
    }

private:
    Project& projectFor(const std::string& scenario)
    {
        auto it = projects_.find(scenario);
        if (it != projects_.end())
            return *it->second;
        const std::string path = scenario == "dashboard" ? PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml"
                                                         : PIPELAB_SOURCE_DIR "/tests/conformance/corpus/qs_prefetch.yaml";
        return *projects_.emplace(scenario, std::make_unique<Project>(path)).first->second;
    }

    nlohmann::json golden_;
    std::vector<Snippet> snippets_;
    std::map<std::string, std::unique_ptr<Project>> projects_;
    std::map<std::string, std::size_t> nextIndex_;
};

QTEST_GUILESS_MAIN(TestOrm)
#include "tst_orm.moc"
