// RequestTrace's work marks: the work done before any event is the last mark at or before it.
#include "sim/trace/requesttrace.h"

#include <QtTest>

using namespace pipelab::trace;

class TestRequestTrace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void workBefore()
    {
        RequestTrace r;
        r.events.resize(6);
        QCOMPARE(r.workBefore(3), Work{}); // no marks: nothing counted
        r.workMarks = {{2, {1, 0}}, {4, {1, 7}}, {6, {3, 9}}};
        r.work = {3, 9};
        QCOMPARE(r.workBefore(0), Work{});
        QCOMPARE(r.workBefore(2), (Work{1, 0}));
        QCOMPARE(r.workBefore(3), (Work{1, 0}));
        QCOMPARE(r.workBefore(5), (Work{1, 7}));
        QCOMPARE(r.workBefore(6), r.work);
        QCOMPARE((Work{3, 9} - Work{1, 7}), (Work{2, 2}));
    }
};

QTEST_APPLESS_MAIN(TestRequestTrace)
#include "tst_requesttrace.moc"
