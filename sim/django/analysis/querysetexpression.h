// QuerySetExpression: a `Model.objects.method(...).method(...)` chain written on one line of
// Python, found by scanning the text (literals and brackets respected), and the one-line edits the
// fixer makes to it: add a lookup to select_related/prefetch_related/only (extending an existing
// call), remove one from defer/select_related/prefetch_related (dropping an emptied call).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::analysis {

// One argument of a call: its text span, and its value when it is a plain string literal.
struct CallArgument {
    std::size_t begin = 0; // in the line
    std::size_t end = 0;
    std::optional<std::string> literal;
};

struct QuerySetCall {
    std::string name;       // "filter"
    std::size_t dot = 0;    // the '.' before the name
    std::size_t open = 0;   // '('
    std::size_t close = 0;  // ')'
    std::vector<CallArgument> arguments;
};

class QuerySetExpression {
public:
    // Every `Model.objects...` chain in `line` (any model when `model` is empty) whose calls close
    // on the line. A subscript ends the chain.
    static std::vector<QuerySetExpression> find(std::string_view line, std::string_view model = {});

    const std::string& model() const { return model_; }
    std::string_view text(std::string_view line) const { return line.substr(begin_, end_ - begin_); }
    const std::vector<QuerySetCall>& calls() const { return calls_; }
    // The last call named `name`; null if none.
    const QuerySetCall* call(std::string_view name) const;
    // False when the chain ends in a method that does not return a QuerySet of model instances
    // (get, count, first, values, aggregate ...).
    bool yieldsInstances() const;

    // `line` with `lookup` added to the chain's `method` call ("select_related", "prefetch_related",
    // "only"), or `.method("lookup")` appended when there is none. Null when the call already names
    // it or has no string arguments to extend (select_related() means every non-null FK).
    std::optional<std::string> withLookup(std::string_view line, std::string_view method, std::string_view lookup) const;
    // `line` with the string argument `lookup` removed from the `method` call, the call dropped when
    // it was the only argument (replaced by .all() when it was the chain's only call). Null when the
    // call does not name it.
    std::optional<std::string> withoutLookup(std::string_view line, std::string_view method, std::string_view lookup) const;

private:
    std::string model_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::vector<QuerySetCall> calls_;
};

// The position just past the string literal starting at `at` (a quote), or npos when unterminated.
std::size_t skipStringLiteral(std::string_view text, std::size_t at);
// The position of the bracket closing the one at `open`, or npos when it does not close in `text`.
std::size_t matchingBracket(std::string_view text, std::size_t open);
// The top-level arguments between `open` and `close`.
std::vector<CallArgument> splitArguments(std::string_view text, std::size_t open, std::size_t close);

} // namespace pipelab::django::analysis
