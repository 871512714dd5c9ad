// formatTraceReport (see tracereport.h).
#include "sim/django/runner/tracereport.h"

#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <sstream>
#include <utility>
#include <vector>

namespace pipelab::django::runner {

std::string sqlShape(const std::string& sql)
{
    std::string out;
    for (std::size_t i = 0; i < sql.size();) {
        const char c = sql[i];
        if (c == '\'') {
            std::size_t j = i + 1;
            while (j < sql.size()) {
                if (sql[j] == '\'' && j + 1 < sql.size() && sql[j + 1] == '\'')
                    j += 2;
                else if (sql[j] == '\'')
                    break;
                else
                    ++j;
            }
            out += '?';
            i = j + 1;
        } else if (c == '"') {
            const std::size_t j = sql.find('"', i + 1);
            const std::size_t end = j == std::string::npos ? sql.size() : j + 1;
            out.append(sql, i, end - i);
            i = end;
        } else if (std::isdigit(static_cast<unsigned char>(c)) &&
                   (out.empty() || !(std::isalnum(static_cast<unsigned char>(out.back())) || out.back() == '_'))) {
            while (i < sql.size() && (std::isdigit(static_cast<unsigned char>(sql[i])) || sql[i] == '.'))
                ++i;
            out += '?';
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

std::string formatTraceReport(const trace::Trace& trace)
{
    std::ostringstream out;
    out << trace.scenario << '\n';
    for (const trace::RequestTrace& r : trace.requests) {
        out << "\n#" << r.index << ' ' << r.method << ' ' << r.path;
        if (r.user)
            out << " (user " << *r.user << ')';
        out << "  →  " << r.status << "  (" << r.queries.size() << (r.queries.size() == 1 ? " query" : " queries")
            << ")\n";
        if (r.error)
            out << "  error: " << r.error->type << ": " << r.error->message << '\n';

        std::string path;
        for (const trace::Event& e : r.events) {
            if (e.kind == trace::EventKind::LayerEnter && e.layer != "handler") {
                const auto dot = e.layer.rfind('.');
                path += (path.empty() ? "" : " → ") + (dot == std::string::npos ? e.layer : e.layer.substr(dot + 1));
            } else if (e.kind == trace::EventKind::ViewCalled) {
                path += (path.empty() ? "" : " → ") + std::string("view ") + e.detail;
            } else if (e.kind == trace::EventKind::ShortCircuit) {
                path += " (answered here)";
            } else if (e.kind == trace::EventKind::UrlResolved && e.count == 404) {
                path += (path.empty() ? "" : " → ") + std::string("no URL pattern matched");
            }
        }
        if (!path.empty())
            out << "  path: " << path << '\n';

        // Fold queries of the same shape and source into their first occurrence.
        std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> groups;
        std::vector<std::pair<std::string, std::string>> keys;
        for (std::size_t i = 0; i < r.queries.size(); ++i) {
            auto key = std::make_pair(sqlShape(r.queries[i].sql), r.queries[i].source);
            groups[key].push_back(i);
            keys.push_back(std::move(key));
        }
        for (std::size_t i = 0; i < r.queries.size(); ++i) {
            const std::vector<std::size_t>& group = groups[keys[i]];
            if (group.front() != i)
                continue;
            out << "  " << (i + 1) << ". [" << r.queries[i].source << "] " << r.queries[i].sql << '\n';
            if (group.size() > 1) {
                // Debug-toolbar terms: "similar" = same shape, "duplicate" = the very same SQL.
                std::set<std::string_view> distinct;
                for (std::size_t member : group)
                    distinct.insert(r.queries[member].sql);
                out << "     ×" << group.size() - 1 << " more like query " << (i + 1) << " from the same line ("
                    << group.size() << " similar, " << group.size() - distinct.size()
                    << " exact duplicates): an N+1?\n";
            }
        }
        for (const auto& [name, value] : r.headers)
            out << "  " << name << ": " << value << '\n';
    }
    return out.str();
}

} // namespace pipelab::django::runner
