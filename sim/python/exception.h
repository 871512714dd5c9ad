// ExceptionObject: an instance of BaseException or a subclass (built-in, user-defined or native
// such as Http404), and PyException, the C++ exception that carries one through native frames.
// Native code raises with Interpreter::raise(); user `try/except` catches by class.
#pragma once

#include "sim/python/instance.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace pipelab::py {

class ExceptionObject : public InstanceObject {
public:
    explicit ExceptionObject(ClassObject* cls) : InstanceObject(cls) {}

    struct Frame {
        std::string kind;
        int line = 0;
        int column = 0;
    };

    std::vector<Value> args;
    // Where it was raised (first entry) and the calls it propagated through (outwards).
    std::vector<Frame> traceback;
    Value cause;   // raise ... from cause
    Value context; // the exception being handled when this one was raised

    void trace(Tracer& t) override
    {
        InstanceObject::trace(t);
        for (const Value& v : args)
            t.visit(v);
        t.visit(cause);
        t.visit(context);
    }
};

class PyException : public std::runtime_error {
public:
    // what(): "TypeName: message"
    PyException(ExceptionObject* exception, const std::string& description)
        : std::runtime_error(description), exception_(exception)
    {
    }
    ExceptionObject* exception() const { return exception_; }

private:
    ExceptionObject* exception_;
};

} // namespace pipelab::py
