// Budget: the per-run limits that keep scenario code bounded, and BudgetExceeded, the error that
// ends a run when one is crossed. User code cannot catch BudgetExceeded (it is not a Python
// exception), so an endless loop inside `try: ... except Exception:` still stops.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace pipelab::py {

struct Budget {
    std::int64_t maxSteps = 10'000'000;        // statements + expression evaluations
    int maxDepth = 200;                         // nested Python calls
    std::int64_t maxCollection = 1'000'000;     // elements of one list/tuple/dict/set/str*n
    std::int64_t maxStringBytes = 10 * 1024 * 1024;
    std::int64_t maxAllocations = 20'000'000;   // heap objects created during one run
    std::size_t maxStackBytes = 3u << 20;       // C++ stack the interpreter may use (deep data, recursion)
};

class BudgetExceeded : public std::runtime_error {
public:
    // reason: "more than 10000000 steps (endless loop?)"; where: "views:14" (may be empty).
    BudgetExceeded(const std::string& reason, std::string kind, int line, int column)
        : std::runtime_error("budget exceeded: " + reason + (line > 0 ? " at " + kind + ":" + std::to_string(line) : std::string())),
          reason_(reason), kind_(std::move(kind)), line_(line), column_(column)
    {
    }

    const std::string& reason() const { return reason_; }
    const std::string& kind() const { return kind_; }
    int line() const { return line_; }
    int column() const { return column_; }

private:
    std::string reason_;
    std::string kind_;
    int line_;
    int column_;
};

} // namespace pipelab::py
