// Finding and Fix: what the analysis reports about one scenario run — an N+1 caused at one source
// line (with the relation and the QuerySet call that removes it), a deferred field loaded row by
// row, a count beside a loop over the same QuerySet, and the opposite mistakes read from the code
// (a select_related/prefetch_related never used, a receiver never connected, cache_page without
// vary_on_cookie). A Fix is one edit of a code block, applied to the scenario's YAML text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pipelab::django::analysis {

enum class FindingKind {
    NPlusOne,                     // one query per row for a relation: select_related / prefetch_related
    DeferredField,                // one query per row for a field left out by only()/defer()
    CountBesideLoop,              // qs.count next to a loop over qs: |length / len()
    UnusedSelectRelated,          // select_related("x") and nothing reads x
    UnusedPrefetchRelated,        // prefetch_related("x") and nothing reads x
    UnconnectedReceiver,          // a signals-block receiver whose module nobody imports
    CachePageWithoutVaryOnCookie, // cache_page on a view that reads request.user
};

enum class RelationKind {
    None,
    ForwardForeignKey, // order.product
    ForwardOneToOne,   // profile.user
    ReverseOneToOne,   // user.profile
    ReverseForeignKey, // customer.orders
    ManyToMany,        // product.tags
    ReverseManyToMany, // tag.products
};

// Django's words for a relation kind: "forward ForeignKey", "reverse ForeignKey", "ManyToManyField" ...
const char* relationKindName(RelationKind kind);
// Short tag of a finding kind, as the CLI prints it: "N+1", "deferred field" ...
const char* findingKindName(FindingKind kind);

// One line of a code block replaced. `after` may hold several lines ('\n'-separated).
struct Fix {
    std::string block;  // "views", "signals", "templates/dashboard.html"
    int line = 0;       // YAML line of the code line
    int column = 0;     // YAML column of the block's indentation (1-based)
    std::string before; // the code line as it is now (without the block's indentation)
    std::string after;  // what replaces it

    bool operator==(const Fix&) const = default;
};

// The whole scenario YAML text with `fix` applied: only that line changes (each line of `after`
// indented like the block). Null when the YAML's line does not hold `before` there (the text was
// edited since the scenario was loaded).
std::optional<std::string> applyFix(std::string_view yaml, const Fix& fix);

struct Finding {
    FindingKind kind = FindingKind::NPlusOne;
    std::int64_t request = -1; // first request showing it; -1 for findings read from the code only
    std::string source;        // "templates/dashboard.html:70": where the repeated queries come from,
                               // or the code line flagged
    std::string model;         // the model whose QuerySet the advice is about ("Order")
    std::string relation;      // "product", "product__category", a deferred field, a receiver's name
    RelationKind relationKind = RelationKind::None;
    std::string suggestion;    // `.select_related("product")`, `|length`, `@vary_on_cookie` ...
    std::int64_t queries = 0;      // the queries this finding is about
    std::int64_t queriesSaved = 0; // how many the suggestion removes
    std::int64_t rows = 0;         // rows those queries returned
    std::string queryset;          // the QuerySet expression to change, as written in the view
    std::string querysetSource;    // "views:63"
    std::string detail;            // one sentence for code findings (why it is wrong)
    std::optional<Fix> fix;        // set when the edit was located exactly

    bool operator==(const Finding&) const = default;
};

} // namespace pipelab::django::analysis
