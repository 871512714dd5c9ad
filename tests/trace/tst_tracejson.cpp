// The trace's JSON must keep the exact shape of the pipelab-cli contract (spec §9), because the
// conformance harness diffs it against real Django's output key by key.
#include "sim/trace/jsonexport.h"

#include <QtTest>

using namespace pipelab::trace;

class TestTraceJson : public QObject {
    Q_OBJECT
private slots:
    void contractShape();
    void errorAndEvents();
};

void TestTraceJson::contractShape()
{
    Trace trace;
    trace.scenario = "The 501-query dashboard";
    RequestTrace request;
    request.index = 0;
    request.method = "GET";
    request.path = "/dashboard/";
    request.status = 200;
    request.headers = {{"Content-Type", "text/html; charset=utf-8"}, {"X-Frame-Options", "DENY"}};
    request.queries.push_back({R"(SELECT "shop_order"."id" FROM "shop_order")", "views:74", 500});
    request.queries.push_back({R"(SELECT "shop_product"."id" FROM "shop_product" WHERE "shop_product"."id" = 1 LIMIT 21)",
                               "templates/dashboard.html:82", 1});
    trace.requests.push_back(request);

    const std::string expected =
        R"({"scenario":"The 501-query dashboard","requests":[{"index":0,"method":"GET","path":"/dashboard/",)"
        R"("status":200,"queries":[{"sql":"SELECT \"shop_order\".\"id\" FROM \"shop_order\"","source":"views:74"},)"
        R"({"sql":"SELECT \"shop_product\".\"id\" FROM \"shop_product\" WHERE \"shop_product\".\"id\" = 1 LIMIT 21",)"
        R"("source":"templates/dashboard.html:82"}],"error":null,)"
        R"("headers":{"Content-Type":"text/html; charset=utf-8","X-Frame-Options":"DENY"}}]})";
    QCOMPARE(toJson(trace).dump(), expected);
}

void TestTraceJson::errorAndEvents()
{
    Trace trace;
    RequestTrace request;
    request.index = 3;
    request.method = "POST";
    request.path = "/boom/";
    request.status = 500;
    request.error = Error{"ZeroDivisionError", "division by zero"};
    request.events.push_back({EventKind::ViewCalled, "view", "boom", "views:9", 0});
    trace.requests.push_back(request);

    const auto json = toJson(trace, true);
    const auto& r = json["requests"][0];
    QCOMPARE(r["error"]["type"].get<std::string>(), std::string("ZeroDivisionError"));
    QCOMPARE(r["error"]["message"].get<std::string>(), std::string("division by zero"));
    QCOMPARE(r["queries"].size(), std::size_t(0));
    QCOMPARE(r["events"][0]["kind"].get<std::string>(), std::string("view_called"));
    QCOMPARE(r["events"][0]["source"].get<std::string>(), std::string("views:9"));
    QVERIFY(!toJson(trace, false)["requests"][0].contains("events"));
}

QTEST_APPLESS_MAIN(TestTraceJson)
#include "tst_tracejson.moc"
