// TraceExport: CSV and Chrome trace text from sim/load's cost model and exporters; the GUI adds
// nothing of its own to what the engine measured.
#include "gui/export/traceexport.h"

#include "sim/load/chrometrace.h"
#include "sim/load/costmodel.h"
#include "sim/load/traceprofile.h"

#include <QSaveFile>
#include <QSet>
#include <QStringList>

namespace pipelab::gui {

namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
QString csvField(const QString& value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
        && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

double idleTimeMs(const trace::RequestTrace& request, const load::CostModel& costs)
{
    timing::SimTime total = 0;
    for (const timing::Step& step : load::toProfile(request, costs).steps)
        total += step.service + step.transit;
    return static_cast<double>(total) / 1e6;
}

} // namespace

double TraceExport::modelledMs(const trace::RequestTrace& request, const scenario::Scenario& scenario)
{
    return idleTimeMs(request, load::CostModel::forScenario(scenario));
}

QString TraceExport::csvHeader()
{
    return QStringLiteral("index,method,path,user,status,queries,duplicate_queries,error,modelled_ms");
}

QString TraceExport::requestsCsv(const trace::Trace& trace, const scenario::Scenario& scenario)
{
    const load::CostModel costs = load::CostModel::forScenario(scenario);
    QStringList lines{csvHeader()};
    for (const trace::RequestTrace& request : trace.requests) {
        QSet<QString> seen;
        int duplicates = 0;
        for (const trace::Query& query : request.queries) {
            const QString sql = QString::fromStdString(query.sql);
            if (seen.contains(sql))
                ++duplicates;
            else
                seen.insert(sql);
        }
        const QStringList fields{
            QString::number(request.index),
            csvField(QString::fromStdString(request.method)),
            csvField(QString::fromStdString(request.path)),
            csvField(request.user ? QString::fromStdString(*request.user) : QString()),
            QString::number(request.status),
            QString::number(request.queries.size()),
            QString::number(duplicates),
            csvField(request.error ? QString::fromStdString(request.error->type) : QString()),
            QString::number(idleTimeMs(request, costs), 'f', 3),
        };
        lines << fields.join(QLatin1Char(','));
    }
    return lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n");
}

QByteArray TraceExport::chromeTraceJson(const trace::Trace& trace, const scenario::Scenario& scenario)
{
    const std::string text = load::toChromeTrace(trace, load::CostModel::forScenario(scenario)).dump(1);
    return QByteArray::fromStdString(text + "\n");
}

bool TraceExport::writeFile(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error != nullptr)
            *error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace pipelab::gui
