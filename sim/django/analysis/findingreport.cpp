// formatFinding (see findingreport.h).
#include "sim/django/analysis/findingreport.h"

namespace pipelab::django::analysis {

namespace {

std::string plural(std::int64_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// " to Order.objects.filter(...) at views:63" or " to the Order QuerySet".
std::string target(const Finding& f, const char* preposition)
{
    if (!f.queryset.empty())
        return std::string(" ") + preposition + " " + f.queryset + " at " + f.querysetSource;
    return std::string(" ") + preposition + " the " + f.model + " QuerySet";
}

} // namespace

std::string formatFinding(const Finding& f)
{
    std::string out = std::string(findingKindName(f.kind)) + " at " + f.source + ": ";
    switch (f.kind) {
    case FindingKind::NPlusOne:
        out += plural(f.queries, "query", "queries") + " for " + f.model + "." + f.relation + " ("
            + relationKindName(f.relationKind) + ") — add " + f.suggestion + target(f, "to") + "; saves "
            + plural(f.queriesSaved, "query", "queries") + " (they fetched " + plural(f.rows, "row", "rows") + ")";
        break;
    case FindingKind::DeferredField:
        out += plural(f.queries, "query loads", "queries load") + " " + f.model + "." + f.relation
            + " one row at a time — " + f.suggestion + (f.queryset.empty() ? "" : target(f, "in")) + "; saves "
            + plural(f.queriesSaved, "query", "queries");
        break;
    case FindingKind::CountBesideLoop:
        out += f.relation + ".count sends a COUNT while the loop at " + f.querysetSource
            + " fetches the same rows — use " + f.suggestion + "; saves " + plural(f.queriesSaved, "query", "queries");
        break;
    case FindingKind::UnusedSelectRelated:
    case FindingKind::UnusedPrefetchRelated:
        out += "nothing in the view or its templates reads " + f.model + "." + f.relation + "; " + f.detail + " — "
            + f.suggestion;
        break;
    case FindingKind::UnconnectedReceiver:
        out += f.detail + " — " + f.suggestion;
        break;
    case FindingKind::CachePageWithoutVaryOnCookie:
        out += f.relation + ": " + f.detail + " — add " + f.suggestion + " below @cache_page";
        break;
    }
    return out;
}

std::vector<std::string> formatFindings(const std::vector<Finding>& findings)
{
    std::vector<std::string> lines;
    lines.reserve(findings.size());
    for (const Finding& f : findings)
        lines.push_back((f.request >= 0 ? "#" + std::to_string(f.request) + " " : std::string()) + formatFinding(f));
    return lines;
}

} // namespace pipelab::django::analysis
