// Python's repr() of str, list-of-str, tuple and dict, for messages that Django builds with %r or
// by formatting containers (NoReverseMatch's "pattern(s) tried: [...]").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::urls {

// repr(s) for a Python str holding UTF-8 text: quotes chosen as CPython does, escapes for
// backslash, the quote, \n \r \t and other control characters.
std::string pyRepr(std::string_view s);

// repr(list_of_str): "['a', 'b']".
std::string pyListRepr(const std::vector<std::string>& items);

// repr(tuple) from already-repr'd items: "(1,)", "(1, 'a')", "()".
std::string pyTupleRepr(const std::vector<std::string>& itemReprs);

// str.isidentifier(), treating every non-ASCII character as a letter.
bool isPyIdentifier(std::string_view s);

} // namespace pipelab::django::urls
