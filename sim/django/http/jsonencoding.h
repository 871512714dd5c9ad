// JSON as Python's json module writes and reads it, for the values scenario code can hold:
// JsonResponse bodies (json.dumps with DjangoJSONEncoder's defaults) and session data (Django's
// JSONSerializer: compact separators). Text must match CPython byte for byte, because signed
// session data ends up inside the SQL the oracle compares.
#pragma once

#include "sim/python/value.h"

#include <nlohmann/json.hpp>

#include <string>

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::http {

// json.dumps(value) with ensure_ascii; compact → separators (",", ":"), else (", ", ": ").
// Raises TypeError "Object of type X is not JSON serializable" (through the interpreter).
std::string jsonDumps(py::Interpreter& interp, py::Value value, bool compact);

// json.loads result of parsed text: dicts keep their key order.
py::Value jsonToPython(py::Interpreter& interp, const nlohmann::ordered_json& json);

} // namespace pipelab::django::http
