// Finding names and applyFix (see finding.h).
#include "sim/django/analysis/finding.h"

#include <cstddef>

namespace pipelab::django::analysis {

const char* relationKindName(RelationKind kind)
{
    switch (kind) {
    case RelationKind::None: return "none";
    case RelationKind::ForwardForeignKey: return "forward ForeignKey";
    case RelationKind::ForwardOneToOne: return "forward OneToOneField";
    case RelationKind::ReverseOneToOne: return "reverse OneToOneField";
    case RelationKind::ReverseForeignKey: return "reverse ForeignKey";
    case RelationKind::ManyToMany: return "ManyToManyField";
    case RelationKind::ReverseManyToMany: return "reverse ManyToManyField";
    }
    return "none";
}

const char* findingKindName(FindingKind kind)
{
    switch (kind) {
    case FindingKind::NPlusOne: return "N+1";
    case FindingKind::DeferredField: return "deferred field";
    case FindingKind::CountBesideLoop: return "count beside loop";
    case FindingKind::UnusedSelectRelated: return "unused select_related";
    case FindingKind::UnusedPrefetchRelated: return "unused prefetch_related";
    case FindingKind::UnconnectedReceiver: return "receiver never connected";
    case FindingKind::CachePageWithoutVaryOnCookie: return "cache_page without vary_on_cookie";
    }
    return "finding";
}

std::optional<std::string> applyFix(std::string_view yaml, const Fix& fix)
{
    if (fix.line < 1 || fix.column < 1)
        return std::nullopt;
    // Find the start and end (before its line break) of line `fix.line`.
    std::size_t begin = 0;
    for (int line = 1; line < fix.line; ++line) {
        const std::size_t nl = yaml.find('\n', begin);
        if (nl == std::string_view::npos)
            return std::nullopt;
        begin = nl + 1;
    }
    std::size_t end = yaml.find('\n', begin);
    if (end == std::string_view::npos)
        end = yaml.size();
    const bool crlf = end > begin && yaml[end - 1] == '\r';
    const std::size_t textEnd = crlf ? end - 1 : end;
    const std::string_view line = yaml.substr(begin, textEnd - begin);

    const std::size_t indent = static_cast<std::size_t>(fix.column - 1);
    if (line.size() < indent || line.substr(0, indent).find_first_not_of(' ') != std::string_view::npos
        || line.substr(indent) != fix.before)
        return std::nullopt;

    const std::string prefix(indent, ' ');
    std::string replacement;
    std::size_t from = 0;
    while (true) {
        const std::size_t nl = fix.after.find('\n', from);
        const std::string piece = fix.after.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
        if (!replacement.empty())
            replacement += crlf ? "\r\n" : "\n";
        replacement += piece.empty() ? std::string() : prefix + piece;
        if (nl == std::string::npos)
            break;
        from = nl + 1;
    }

    std::string out;
    out.reserve(yaml.size() + replacement.size());
    out.append(yaml.substr(0, begin));
    out += replacement;
    out.append(yaml.substr(textEnd));
    return out;
}

} // namespace pipelab::django::analysis
