// OrmContext: the state every native ORM object of one project shares — the interpreter, the
// request recorder, the registry and store of the ORM core, the native classes, the model
// bindings and the connection's transaction state — plus the three things they all do: send a
// statement (recording it exactly once), convert values between Python and the core, and turn
// the core's C++ exceptions into Django's Python ones.
#pragma once

#include "sim/django/db/exceptions.h"
#include "sim/django/db/modelregistry.h"
#include "sim/django/db/q.h"
#include "sim/django/db/query.h"
#include "sim/django/db/selectplan.h"
#include "sim/django/db/store.h"
#include "sim/django/models/modelbinding.h"
#include "sim/python/interpreter.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pipelab::django {
class RequestRecorder;
}

namespace pipelab::django::models {

class ModelInstance;

// The native classes of django.db.models and django.core.exceptions.
struct OrmClasses {
    py::ClassObject* model = nullptr;
    py::ClassObject* manager = nullptr;
    py::ClassObject* querySet = nullptr;
    py::ClassObject* field = nullptr;
    py::ClassObject* q = nullptr;
    py::ClassObject* expression = nullptr; // F, Value, aggregates and their combinations
    py::ClassObject* prefetch = nullptr;
    py::ClassObject* decimal = nullptr;
    py::ClassObject* iterator = nullptr;
    py::ClassObject* row = nullptr; // values_list(named=True) rows
    py::ClassObject* atomic = nullptr;
    py::ClassObject* onDelete = nullptr;
    py::ClassObject* anonymousUser = nullptr;
    // django.core.exceptions
    py::ClassObject* objectDoesNotExist = nullptr;
    py::ClassObject* multipleObjectsReturned = nullptr;
    py::ClassObject* fieldError = nullptr;
    py::ClassObject* fieldDoesNotExist = nullptr;
    py::ClassObject* permissionDenied = nullptr;
    py::ClassObject* improperlyConfigured = nullptr;
    py::ClassObject* validationError = nullptr;
    // django.db
    py::ClassObject* protectedError = nullptr;
    py::ClassObject* integrityError = nullptr;
};

class OrmContext {
public:
    OrmContext(py::Interpreter& interpreter, RequestRecorder& recorder, std::string appLabel);

    py::Interpreter& interp;
    RequestRecorder& recorder;
    std::string appLabel;
    db::ModelRegistry registry;
    db::Store store;
    OrmClasses classes;
    bool finalized = false;
    // Manager.get_queryset as defined natively: a manager whose class does not override it
    // builds its QuerySet directly.
    py::Value nativeGetQueryset;

    // --- models ------------------------------------------------------------------------------
    ModelBinding& addBinding(py::ClassObject* cls, const db::ModelMeta& meta);
    ModelBinding* binding(const db::ModelMeta& meta) const;
    ModelBinding* binding(const py::ClassObject* cls) const;
    // The binding of a model class value, or TypeError naming `what`.
    ModelBinding& expectModelClass(py::Value v, std::string_view what);
    const std::vector<std::unique_ptr<ModelBinding>>& bindings() const { return bindings_; }

    // A new, not yet populated instance of a model (no __init__), as Model.from_db() makes them.
    ModelInstance* newInstance(ModelBinding& binding);

    // --- statements --------------------------------------------------------------------------
    // Compiles, records and runs a SELECT; an empty query (none(), empty IN) sends nothing.
    std::vector<db::Row> select(const db::Query& query, std::shared_ptr<const db::SelectPlan>* plan = nullptr);
    // Records one statement sent to the database.
    void record(std::string sql, std::int64_t rows);

    // Runs fn, converting the core's exceptions into Django's Python exceptions.
    template <class Fn>
    auto core(Fn&& fn) -> decltype(fn())
    {
        try {
            return fn();
        } catch (const db::FieldError& e) {
            interp.raise(classes.fieldError, e.what());
        } catch (const db::ValueError& e) {
            interp.raise(interp.types().ValueError, e.what());
        } catch (const db::TypeError& e) {
            interp.raise(interp.types().TypeError, e.what());
        }
    }

    // --- transactions (one connection, autocommit, as Django's SQLite backend) -----------------
    // transaction.atomic() entry: BEGIN for the outermost block, SAVEPOINT "s1_xN" inside one
    // (unless savepoint=False). Returns the savepoint name ("" when none).
    std::string enterAtomic(bool savepoint);
    // Exit: nested blocks RELEASE (or ROLLBACK TO + RELEASE on error); COMMIT and the outermost
    // ROLLBACK are not logged by Django's SQLite backend.
    void exitAtomic(const std::string& savepointName, bool error);
    bool inAtomicBlock() const { return atomicDepth_ > 0; }

    // --- values ------------------------------------------------------------------------------
    // A column value as Django's from_db_value/converters give it: Decimal for DecimalField,
    // bool for BooleanField, date/datetime objects, str, int, float, None.
    py::Value toPython(const db::DbValue& value, const db::Field* field);
    // A Python value as the core's DbValue (model instances become their pk).
    db::DbValue toDb(py::Value value);
    // The right-hand side of a filter keyword (lists, sets in CPython order, querysets, F()).
    db::QValue toQValue(py::Value value);
    // filter(*args, **kwargs) as a Q.
    db::Q toQ(const py::CallArgs& args, std::size_t first);

    py::Value newDecimal(db::Decimal d);

    // Date and datetime values are the `datetime` module's objects, which the embedder supplies
    // (the template layer owns them): iso text → object, and object → (iso text, is datetime).
    std::function<py::Value(const std::string& iso, bool dateTime)> makeDate;
    std::function<std::optional<std::pair<std::string, bool>>(py::Value)> dateIso;
    // Whether django.db.models.signals.<name> has receivers for a model (signals live elsewhere):
    // a model with pre/post_delete receivers is never fast-deleted, and an M2M add with
    // m2m_changed receivers for its through model first selects the missing ids, as in Django.
    std::function<bool(const char* name, const db::ModelMeta&)> hasReceivers;
    // Sends django.db.models.signals.<name> (pre_save, post_save, pre_delete, post_delete,
    // m2m_changed) with these keyword arguments (sender first), receivers running synchronously
    // as in Django. Unset: no signals (the fixture loader).
    std::function<void(const char* name, std::vector<std::pair<std::string, py::Value>> kwargs)> sendSignal;

    std::int64_t savepointCounter() const { return savepointCounter_; }

private:
    std::vector<std::unique_ptr<ModelBinding>> bindings_;
    std::unordered_map<const db::ModelMeta*, ModelBinding*> byMeta_;
    std::unordered_map<const py::ClassObject*, ModelBinding*> byClass_;
    int atomicDepth_ = 0;
    std::int64_t savepointCounter_ = 0;
};

} // namespace pipelab::django::models
