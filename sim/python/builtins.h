// The built-in namespace: builtin functions, the constructors of the built-in types, their
// methods (str, list, dict, set, tuple) and the exception classes' behaviour.
#pragma once

namespace pipelab::py {

class Interpreter;

// Called once by the Interpreter's constructor.
void installBuiltins(Interpreter& interp);
// Method tables (strmethods.cpp, containermethods.cpp).
void installStrMethods(Interpreter& interp);
void installContainerMethods(Interpreter& interp);

} // namespace pipelab::py
