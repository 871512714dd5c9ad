// PythonRegex: a pattern written in Python's `re` syntax, run by RE2 so matching is linear in the
// input whatever the pattern (URL paths are untrusted). Python constructs RE2 cannot run in
// linear time (backreferences, lookaround, conditionals, atomic groups, possessive quantifiers)
// and flags it lacks (verbose, ASCII, locale) are rejected with an error naming the construct.
// Python's Unicode meaning of \d \w \s is kept by translating them to Unicode classes.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace pipelab::django::urls {

class PythonRegex {
public:
    // Search: Python's regex.search() (unanchored); FullMatch: regex.fullmatch().
    enum class Mode { Search, FullMatch };

    // Longest pattern accepted, and RE2's memory budget for one compiled pattern.
    static constexpr std::size_t kMaxPatternLength = 4096;
    static constexpr std::int64_t kMaxProgramMemory = 2 * 1024 * 1024;

    // Throws UrlError(ImproperlyConfigured) naming the pattern and the reason.
    PythonRegex(std::string_view pattern, Mode mode);

    struct Match {
        std::size_t start = 0;
        std::size_t end = 0;
        // Group 1..n (index 0 unused); nullopt for a group that did not participate.
        std::vector<std::optional<std::string>> groups;
    };

    std::optional<Match> match(std::string_view text) const;

    // Capturing groups in order; a named group's name, or "" for an unnamed one.
    const std::vector<std::string>& groupNames() const { return groupNames_; }
    bool hasNamedGroups() const;

    const std::string& pattern() const { return pattern_; }
    const std::string& translated() const { return translated_; }
    Mode mode() const { return mode_; }

    // Python's re.escape() (3.7+): backslash before ()[]{}?*+-|^$\.&~# and whitespace.
    static std::string escape(std::string_view text);

    // Python syntax → RE2 syntax. Throws UrlError(ImproperlyConfigured) for unsupported constructs.
    static std::string translate(std::string_view pattern, Mode mode);

private:
    std::string pattern_;
    std::string translated_;
    Mode mode_;
    std::shared_ptr<const re2::RE2> re_;
    std::vector<std::string> groupNames_;
};

} // namespace pipelab::django::urls
