// TraceExport: a run's trace written to files other tools read — the Chrome Trace Event JSON
// (Perfetto, chrome://tracing; the same document as `pipelab-cli trace --chrome-trace`) and one
// CSV row per request. Writes go through QSaveFile: a file is replaced whole or not at all.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/trace/requesttrace.h"

#include <QString>

namespace pipelab::gui {

class TraceExport {
public:
    // The header of requestsCsv(), in column order.
    static QString csvHeader();
    // index, method, path, user, status, queries, duplicate queries (same SQL as an earlier
    // one), error type, modelled time on an idle server (ms, the scenario's cost model).
    static QString requestsCsv(const trace::Trace& trace, const scenario::Scenario& scenario);
    static QByteArray chromeTraceJson(const trace::Trace& trace, const scenario::Scenario& scenario);

    // The request's time on an idle server under the scenario's cost model, in ms: the sum of
    // its profile's steps (what the load model charges it before any queueing).
    static double modelledMs(const trace::RequestTrace& request, const scenario::Scenario& scenario);

    // Writes `bytes` to `path` atomically; on failure returns false with `error` set.
    static bool writeFile(const QString& path, const QByteArray& bytes, QString* error);
};

} // namespace pipelab::gui
