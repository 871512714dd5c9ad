// LiveProfiles over tests/load/data/shop.yaml: an identical request in an identical state
// reuses its trace; a write (INSERT, cache set, Set-Cookie) moves the state on, so the next
// request is interpreted again and sees the write; a trace that used the cache is reused only
// within its simulated second, and cache entries expire in simulated time.
#include "sim/django/project/project.h"
#include "sim/load/costmodel.h"
#include "sim/load/liveprofiles.h"
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

#include <memory>

using namespace pipelab;
using namespace pipelab::timing;

namespace {

constexpr std::uint32_t kCached = 0;
constexpr std::uint32_t kOrders = 1;
constexpr std::uint32_t kOrder = 2;

const Step& queryStep(const RequestProfile& profile)
{
    for (const Step& step : profile.steps)
        if (step.kind == Step::Kind::Query)
            return step;
    throw std::runtime_error("no query step in " + profile.name);
}

Step::CacheResult firstCacheRead(const RequestProfile& profile)
{
    for (const Step& step : profile.steps)
        if (step.kind == Step::Kind::Cache)
            return step.cache;
    return Step::CacheResult::None;
}

trace::RequestTrace withQuery(std::string sql)
{
    trace::RequestTrace r;
    r.queries.push_back({std::move(sql), "views:1", 0});
    return r;
}

} // namespace

class TestLiveProfiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        const scenario::LoadResult loaded = scenario::loadScenarioFile("tests/load/data/shop.yaml");
        QVERIFY(loaded.ok());
        scenario_ = std::make_unique<scenario::Scenario>(*loaded.scenario);
        auto started = django::project::Project::load(*scenario_);
        QVERIFY(started.project);
        project_ = std::move(started.project);
        profiles_ = std::make_unique<load::LiveProfiles>(*project_, load::CostModel::forScenario(*scenario_));
    }

    void cleanup()
    {
        profiles_.reset();
        project_.reset();
    }

    void identicalRequestsReuseTheirTrace()
    {
        const RequestProfile& first = profiles_->profileFor(kOrders, 0);
        const RequestProfile& second = profiles_->profileFor(kOrders, seconds(1));
        const RequestProfile& third = profiles_->profileFor(kOrders, seconds(30));
        QCOMPARE(&second, &first);
        QCOMPARE(&third, &first);
        QCOMPARE(profiles_->interpreted(), std::uint64_t(1));
        QCOMPARE(profiles_->reused(), std::uint64_t(2));
        QCOMPARE(profiles_->generation(), std::uint64_t(0));
    }

    void aWriteMakesTheNextRequestSeeIt()
    {
        const RequestProfile& before = profiles_->profileFor(kOrders, 0);
        QCOMPARE(queryStep(before).service, microseconds(200 + 2 * 2)); // 2 orders, 2 µs a row
        const RequestProfile& post = profiles_->profileFor(kOrder, milliseconds(5));
        QCOMPARE(post.status, 201);
        QCOMPARE(profiles_->generation(), std::uint64_t(1));
        const RequestProfile& after = profiles_->profileFor(kOrders, milliseconds(10));
        QVERIFY(&after != &before);
        QCOMPARE(queryStep(after).service, microseconds(200 + 3 * 2)); // the new order is there
        // Every POST inserts: it is never reused.
        profiles_->profileFor(kOrder, milliseconds(15));
        QCOMPARE(profiles_->generation(), std::uint64_t(2));
        QCOMPARE(profiles_->interpreted(), std::uint64_t(4));
        QCOMPARE(profiles_->reused(), std::uint64_t(0));
    }

    void cacheEntriesExpireInSimulatedTime()
    {
        // cache.set("names", ..., 2): set at 0.1 s, alive until 2.1 s.
        QCOMPARE(firstCacheRead(profiles_->profileFor(kCached, milliseconds(100))), Step::CacheResult::Miss);
        QCOMPARE(profiles_->generation(), std::uint64_t(1)); // the set
        QCOMPARE(firstCacheRead(profiles_->profileFor(kCached, milliseconds(500))), Step::CacheResult::Hit);
        profiles_->profileFor(kCached, milliseconds(900)); // same second: reused
        QCOMPARE(profiles_->reused(), std::uint64_t(1));
        QCOMPARE(firstCacheRead(profiles_->profileFor(kCached, milliseconds(1200))), Step::CacheResult::Hit);
        QCOMPARE(profiles_->interpreted(), std::uint64_t(3)); // a new second: interpreted again
        QCOMPARE(firstCacheRead(profiles_->profileFor(kCached, milliseconds(2500))), Step::CacheResult::Miss);
        QCOMPARE(profiles_->generation(), std::uint64_t(2)); // expired, so set again
    }

    void whatChangesState()
    {
        QVERIFY(!load::LiveProfiles::changesState(withQuery("SELECT 1")));
        QVERIFY(!load::LiveProfiles::changesState(withQuery("select 1")));
        QVERIFY(load::LiveProfiles::changesState(withQuery("INSERT INTO t VALUES (1)")));
        QVERIFY(load::LiveProfiles::changesState(withQuery("UPDATE \"django_session\" SET x = 1")));
        QVERIFY(load::LiveProfiles::changesState(withQuery("BEGIN")));

        trace::RequestTrace read;
        read.events.push_back({trace::EventKind::CacheOp, "cache", "default get k hit", "", 0});
        QVERIFY(!load::LiveProfiles::changesState(read));
        QVERIFY(load::LiveProfiles::readsClock(read));
        trace::RequestTrace write = read;
        write.events.push_back({trace::EventKind::CacheOp, "cache", "default delete k", "", 0});
        QVERIFY(load::LiveProfiles::changesState(write));

        trace::RequestTrace cookie;
        cookie.headers = {{"Content-Type", "text/html"}, {"Set-Cookie", "sessionid"}};
        QVERIFY(load::LiveProfiles::changesState(cookie));
        QVERIFY(!load::LiveProfiles::readsClock(cookie));
    }

private:
    std::unique_ptr<scenario::Scenario> scenario_;
    std::unique_ptr<django::project::Project> project_;
    std::unique_ptr<load::LiveProfiles> profiles_;
};

QTEST_APPLESS_MAIN(TestLiveProfiles)
#include "tst_liveprofiles.moc"
