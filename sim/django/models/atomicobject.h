// AtomicObject: django.db.transaction.atomic — a context manager (`with transaction.atomic():`)
// and a decorator (`@transaction.atomic`). Entering the outermost block logs BEGIN, a nested
// one a SAVEPOINT; leaving logs RELEASE SAVEPOINT (ROLLBACK TO SAVEPOINT first on error).
#pragma once

#include "sim/python/object.h"

#include <string>
#include <vector>

namespace pipelab::django::models {

class OrmContext;

class AtomicObject final : public py::Object {
public:
    AtomicObject(py::ClassObject* cls, OrmContext& ctx, bool savepoint) : Object(cls), ctx_(ctx), savepoint_(savepoint) {}

    std::optional<py::Value> enter(py::Interpreter& interp) override;
    std::optional<bool> exit(py::Interpreter& interp, py::Value exc) override;
    // atomic(...)(function): the decorator form.
    std::optional<py::Value> call(py::Interpreter& interp, py::CallArgs& args) override;

    // The `atomic` function of django.db.transaction.
    static py::Value createFunction(OrmContext& ctx);

private:
    OrmContext& ctx_;
    bool savepoint_;
    std::vector<std::string> savepoints_; // one per active `with` (the same object may nest)
};

} // namespace pipelab::django::models
