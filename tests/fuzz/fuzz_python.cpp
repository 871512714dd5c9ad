// libFuzzer target: the Python-subset lexer, parser and interpreter on arbitrary source, run
// under small budgets so every input ends quickly. Whatever the source does, the interpreter
// must end with a result or a ScriptError (exception, budget or syntax), never crash or hang.
#include "sim/python/interpreter.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    pipelab::py::Budget budget;
    budget.maxSteps = 200'000;
    budget.maxCollection = 100'000;
    budget.maxStringBytes = 1 << 20;
    budget.maxAllocations = 500'000;
    pipelab::py::Interpreter interp(budget);
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    static_cast<void>(interp.guard([&] {
        pipelab::py::ModuleObject* module = interp.runModule("fuzzed", source, {}, "views");
        // A module-level main() is called too, so function bodies run, not only definitions.
        if (auto main = interp.findAttr(module, "main"); main && interp.isCallable(*main))
            interp.call(*main);
    }));
    return 0;
}
