// Pickler: pickle.dumps(value, protocol=5) byte for byte as CPython's C pickler writes it, for the
// database cache backend, whose INSERT/UPDATE SQL carries base64(pickle) of every stored value.
// It pickles a "pickle form": None, bool, int, float, str, list, tuple, dict, and instances of
// the cache module's _PickledObject (an instance pickled by object.__reduce_ex__: its class's
// module and qualname, its NEWOBJ arguments — a SafeString's text —, its __dict__ as an ordered
// dict) and _PickledBytes (a bytes value, given as its text). The cache module turns responses into that form in Django's attribute order.
// Strings that look like identifiers are memoized by value (CPython interns them, so equal ones
// are one object), other strings by object identity.
#pragma once

#include "sim/python/value.h"

#include <string>

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::views {

// The pickle bytes; raises TypeError through interp for a value outside the form, and
// NotImplementedError for a pickle longer than one 64 KiB frame.
std::string pickleDumps(py::Interpreter& interp, py::Value form);
// base64.b64encode(data) (standard alphabet, with padding).
std::string base64Encode(const std::string& data);

} // namespace pipelab::django::views
