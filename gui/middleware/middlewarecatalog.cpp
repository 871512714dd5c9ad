// MiddlewareCatalog: converts the engine's catalog and warnings to Qt types once.
#include "gui/middleware/middlewarecatalog.h"

#include "sim/django/middleware/middlewareordering.h"
#include "sim/scenario/scenario.h"

#include <algorithm>
#include <string>

namespace pipelab::gui {

namespace {

QString qstring(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Position in Django's recommended order, or -1 for middleware that is not built in.
int rank(const QString& path)
{
    const auto& list = MiddlewareCatalog::entries();
    const auto it = std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.path == path; });
    return it == list.end() ? -1 : static_cast<int>(it - list.begin());
}

} // namespace

const std::vector<MiddlewareCatalog::Entry>& MiddlewareCatalog::entries()
{
    static const std::vector<Entry> list = [] {
        const std::vector<std::string>& defaults = scenario::defaultMiddleware();
        std::vector<Entry> entries;
        for (const auto& info : django::middleware::builtinMiddleware()) {
            const QString path = qstring(info.path);
            const bool inDefault = std::find(defaults.begin(), defaults.end(), info.path) != defaults.end();
            entries.push_back({path, path.mid(path.lastIndexOf(QLatin1Char('.')) + 1), qstring(info.explanation),
                               inDefault});
        }
        return entries;
    }();
    return list;
}

const MiddlewareCatalog::Entry* MiddlewareCatalog::find(const QString& path)
{
    const int index = rank(path);
    return index < 0 ? nullptr : &entries()[static_cast<std::size_t>(index)];
}

std::vector<MiddlewareCatalog::Problem> MiddlewareCatalog::orderingProblems(const QStringList& chain)
{
    std::vector<std::string> paths;
    for (const QString& path : chain)
        paths.push_back(path.toStdString());
    std::vector<Problem> problems;
    for (const auto& warning : django::middleware::checkOrdering(paths))
        problems.push_back({static_cast<int>(warning.index), QString::fromStdString(warning.message)});
    return problems;
}

int MiddlewareCatalog::suggestedRow(const QStringList& chain, const QString& path)
{
    const int own = rank(path);
    if (own < 0)
        return static_cast<int>(chain.size());
    for (int row = 0; row < chain.size(); ++row) {
        if (rank(chain[row]) > own)
            return row;
    }
    return static_cast<int>(chain.size());
}

} // namespace pipelab::gui
