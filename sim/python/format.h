// Number and string formatting as Python does it: float repr (shortest round-trip), format specs
// ("{x:>10.2f}"), printf-style "%" formatting and str.format.
#pragma once

#include "sim/python/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace pipelab::py {

class Interpreter;

// repr(float): '0.1', '1e+16', '1.5e-05', 'inf', 'nan', '-0.0'.
std::string floatRepr(double value);
// format(value, spec) for int, float, bool and str values (others: TypeError unless spec empty).
std::string formatWithSpec(Interpreter& interp, Value value, std::string_view spec);
// "fmt" % args
std::string percentFormat(Interpreter& interp, const std::string& format, Value args);
// "fmt".format(*args, **kwargs)
std::string strFormat(Interpreter& interp, const std::string& format, const std::vector<Value>& args,
                      const std::vector<std::pair<std::string, Value>>& kwargs);

} // namespace pipelab::py
