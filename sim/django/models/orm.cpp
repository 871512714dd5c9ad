// Orm: module installation and the project lifecycle around OrmContext.
#include "sim/django/models/orm.h"

#include "sim/django/models/atomicobject.h"
#include "sim/django/models/dataloader.h"
#include "sim/django/models/decimalobject.h"
#include "sim/django/models/expressionobject.h"
#include "sim/django/models/fieldobject.h"
#include "sim/django/models/lazyresultiterator.h"
#include "sim/django/models/managerobject.h"
#include "sim/django/models/modelbase.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/prefetchobject.h"
#include "sim/django/models/qobject.h"
#include "sim/django/models/querysetobject.h"
#include "sim/django/models/rowobject.h"
#include "sim/django/template/templatelibrary.h"
#include "sim/python/interpreter.h"

#include <cstdio>

namespace pipelab::django::models {

struct Orm::State {
    State(py::Interpreter& interp, RequestRecorder& recorder, std::string appLabel)
        : ctx(interp, recorder, std::move(appLabel)), dates(interp)
    {
    }
    OrmContext ctx;
    templates::TemplateLibrary dates; // datetime.date / datetime.datetime
};

namespace {

py::ModuleObject* moduleNamed(py::Interpreter& interp, const std::string& name)
{
    if (py::ModuleObject* m = interp.findModule(name))
        return m;
    return interp.newModule(name, "django");
}

// The class `name` in `module`, reusing one another room registered first.
py::ClassObject* exceptionIn(py::Interpreter& interp, py::ModuleObject* module, const std::string& name, py::ClassObject* base)
{
    if (py::Value* v = module->globals.find(name))
        if (auto* c = v->as<py::ClassObject>())
            return c;
    py::ClassObject* c = interp.newExceptionClass(name, base, module->name);
    module->globals.set(name, c);
    return c;
}

// "2024-01-05 10:30:00[.ffffff]" / "2024-01-05" → parts.
templates::DateParts parseIso(const std::string& iso, bool dateTime)
{
    templates::DateParts p;
    int micro = 0;
    std::sscanf(iso.c_str(), "%d-%d-%d", &p.year, &p.month, &p.day);
    if (dateTime && iso.size() >= 19) {
        std::sscanf(iso.c_str() + 11, "%d:%d:%d", &p.hour, &p.minute, &p.second);
        if (iso.size() > 20 && iso[19] == '.') {
            std::string frac = iso.substr(20, 6);
            frac.resize(6, '0');
            micro = std::atoi(frac.c_str());
        }
    }
    p.microsecond = micro;
    p.hasTime = dateTime;
    p.aware = dateTime; // USE_TZ = True: datetimes come back aware, in UTC
    return p;
}

std::string toIso(const templates::DateParts& p)
{
    char buf[64];
    if (!p.hasTime) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p.year, p.month, p.day);
    } else if (p.microsecond) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%06d", p.year, p.month, p.day, p.hour, p.minute,
                      p.second, p.microsecond);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", p.year, p.month, p.day, p.hour, p.minute, p.second);
    }
    return buf;
}

const char* const kAuthModelsSource = R"(
class AnonymousUser:
    id = None
    pk = None
    username = ''
    is_staff = False
    is_active = False
    is_superuser = False

    def __str__(self):
        return 'AnonymousUser'

    def __eq__(self, other):
        return isinstance(other, self.__class__)

    def __hash__(self):
        return 1

    @property
    def is_anonymous(self):
        return True

    @property
    def is_authenticated(self):
        return False

    def get_username(self):
        return self.username

    def has_perm(self, perm, obj=None):
        return False

    def has_perms(self, perm_list, obj=None):
        return False

    def has_module_perms(self, module):
        return False


def _user_str(self):
    return self.username

def _true(self):
    return True

def _false(self):
    return False

def _get_username(self):
    return self.username

def _get_full_name(self):
    return ('%s %s' % (self.first_name, self.last_name)).strip()

def _get_short_name(self):
    return self.first_name

User.__str__ = _user_str
User.is_authenticated = property(_true)
User.is_anonymous = property(_false)
User.get_username = _get_username
User.get_full_name = _get_full_name
User.get_short_name = _get_short_name
)";

} // namespace

Orm::Orm(py::Interpreter& interpreter, RequestRecorder& recorder, std::string appLabel)
    : state_(std::make_unique<State>(interpreter, recorder, std::move(appLabel)))
{
    OrmContext& ctx = state_->ctx;
    templates::TemplateLibrary& dates = state_->dates;
    ctx.makeDate = [&dates](const std::string& iso, bool dateTime) {
        const templates::DateParts p = parseIso(iso, dateTime);
        return dateTime ? dates.newDateTime(p) : dates.newDate(p.year, p.month, p.day);
    };
    ctx.dateIso = [&dates](py::Value v) -> std::optional<std::pair<std::string, bool>> {
        if (auto parts = dates.dateParts(v))
            return std::pair{toIso(*parts), parts->hasTime};
        return std::nullopt;
    };
}

Orm::~Orm() = default;

void Orm::installModules()
{
    OrmContext& ctx = state_->ctx;
    py::Interpreter& ip = ctx.interp;
    OrmClasses& c = ctx.classes;
    const py::Types& t = ip.types();

    py::ModuleObject* exceptions = moduleNamed(ip, "django.core.exceptions");
    c.objectDoesNotExist = exceptionIn(ip, exceptions, "ObjectDoesNotExist", t.Exception);
    c.multipleObjectsReturned = exceptionIn(ip, exceptions, "MultipleObjectsReturned", t.Exception);
    c.fieldError = exceptionIn(ip, exceptions, "FieldError", t.Exception);
    c.fieldDoesNotExist = exceptionIn(ip, exceptions, "FieldDoesNotExist", t.Exception);
    c.permissionDenied = exceptionIn(ip, exceptions, "PermissionDenied", t.Exception);
    c.improperlyConfigured = exceptionIn(ip, exceptions, "ImproperlyConfigured", t.Exception);
    c.validationError = exceptionIn(ip, exceptions, "ValidationError", t.Exception);
    exceptionIn(ip, exceptions, "SuspiciousOperation", t.Exception);

    py::ModuleObject* decimal = moduleNamed(ip, "decimal");
    if (py::Value* d = decimal->globals.find("Decimal"); d && d->as<py::ClassObject>()) {
        c.decimal = d->as<py::ClassObject>();
    } else {
        c.decimal = DecimalObject::createClass(ip);
        decimal->globals.set("Decimal", c.decimal);
    }

    py::ModuleObject* db = moduleNamed(ip, "django.db");
    py::ModuleObject* models = moduleNamed(ip, "django.db.models");
    py::ModuleObject* transaction = moduleNamed(ip, "django.db.transaction");
    c.integrityError = exceptionIn(ip, db, "IntegrityError", t.Exception);
    exceptionIn(ip, db, "DatabaseError", t.Exception);
    transaction->globals.set("atomic", AtomicObject::createFunction(ctx));

    c.model = ModelBase::createClass(ctx);
    models->globals.set("Model", c.model);
    c.querySet = QuerySetObject::createClass(ctx);
    models->globals.set("QuerySet", c.querySet);
    c.manager = ManagerObject::createClass(ctx);
    models->globals.set("Manager", c.manager);
    FieldObject::install(ctx, models->globals);
    c.q = QObject::createClass(ctx);
    models->globals.set("Q", c.q);
    c.expression = ExpressionObject::install(ctx, models->globals);
    c.prefetch = PrefetchObject::createClass(ctx);
    models->globals.set("Prefetch", c.prefetch);
    c.iterator = ip.newClass("generator", {}, "builtins");
    c.row = RowObject::createClass(ip);
    c.protectedError = exceptionIn(ip, models, "ProtectedError", c.integrityError);
    models->globals.set("ObjectDoesNotExist", c.objectDoesNotExist);
    for (py::ClassObject* cls : {c.decimal, c.querySet, c.iterator, c.atomic, c.onDelete, c.field})
        ip.addRoot(cls);

    // django.contrib.auth: its app loads before the project's, so auth_user is declared first.
    py::ModuleObject* auth = moduleNamed(ip, "django.contrib.auth.models");
    const db::ModelMeta& userMeta = ctx.registry.addAuthUser();
    py::ClassObject* user = ModelBase::createAuthUser(ctx, userMeta);
    auth->globals.set("User", user);
    ip.exec(auth, py::parse(kAuthModelsSource, {}, "django"));
    for (const char* helper : {"_user_str", "_true", "_false", "_get_username", "_get_full_name", "_get_short_name"})
        auth->globals.erase(helper);
    if (py::Value* anon = auth->globals.find("AnonymousUser"))
        c.anonymousUser = anon->as<py::ClassObject>();
}

void Orm::finalizeModels()
{
    ModelBase::finalize(state_->ctx);
}

std::vector<scenario::Diagnostic> Orm::loadData(const scenario::Scenario& scenario)
{
    return DataLoader(state_->ctx).load(scenario);
}

py::ClassObject* Orm::modelClass(std::string_view name) const
{
    const OrmContext& ctx = state_->ctx;
    const db::ModelMeta* meta = ctx.registry.model(name.find('.') == std::string_view::npos
                                                       ? ctx.appLabel + "." + std::string(name)
                                                       : std::string(name));
    if (!meta)
        return nullptr;
    ModelBinding* b = ctx.binding(*meta);
    return b ? b->cls : nullptr;
}

py::ClassObject* Orm::exceptionClass(std::string_view name) const
{
    const OrmClasses& c = state_->ctx.classes;
    if (name == "ObjectDoesNotExist")
        return c.objectDoesNotExist;
    if (name == "MultipleObjectsReturned")
        return c.multipleObjectsReturned;
    if (name == "FieldError")
        return c.fieldError;
    if (name == "FieldDoesNotExist")
        return c.fieldDoesNotExist;
    if (name == "PermissionDenied")
        return c.permissionDenied;
    if (name == "ImproperlyConfigured")
        return c.improperlyConfigured;
    if (name == "ValidationError")
        return c.validationError;
    if (name == "ProtectedError")
        return c.protectedError;
    if (name == "IntegrityError")
        return c.integrityError;
    return nullptr;
}

db::ModelRegistry& Orm::registry()
{
    return state_->ctx.registry;
}

db::Store& Orm::store()
{
    return state_->ctx.store;
}

OrmContext& Orm::context()
{
    return state_->ctx;
}

} // namespace pipelab::django::models
