// PrefetchObject: Prefetch's constructor checks and level arithmetic (query.py's Prefetch).
#include "sim/django/models/prefetchobject.h"

#include "sim/django/db/constants.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/querysetobject.h"
#include "sim/python/argcheck.h"

namespace pipelab::django::models {

namespace {

std::string joinParts(const std::vector<std::string>& parts, std::size_t count)
{
    std::string out;
    for (std::size_t i = 0; i < count && i < parts.size(); ++i)
        out += (i ? "__" : "") + parts[i];
    return out;
}

} // namespace

PrefetchLookup PrefetchLookup::fromString(const std::string& lookup)
{
    PrefetchLookup l;
    l.prefetchThrough = lookup;
    l.prefetchTo = lookup;
    return l;
}

void PrefetchLookup::addPrefix(const std::string& prefix)
{
    prefetchThrough = prefix + "__" + prefetchThrough;
    prefetchTo = prefix + "__" + prefetchTo;
}

std::string PrefetchLookup::currentPrefetchTo(std::size_t level) const
{
    return joinParts(db::splitLookup(prefetchTo), level + 1);
}

std::pair<std::string, bool> PrefetchLookup::currentToAttr(std::size_t level) const
{
    const std::vector<std::string> parts = db::splitLookup(prefetchTo);
    const std::string attr = level < parts.size() ? parts[level] : std::string();
    return {attr, !toAttr.empty() && level + 1 == parts.size()};
}

py::Value PrefetchLookup::currentQueryset(std::size_t level) const
{
    return currentPrefetchTo(level) == prefetchTo ? queryset : py::Value();
}

std::optional<py::Value> PrefetchObject::getAttr(py::Interpreter& interp, std::string_view name)
{
    if (name == "prefetch_through")
        return interp.newStr(lookup.prefetchThrough);
    if (name == "prefetch_to")
        return interp.newStr(lookup.prefetchTo);
    if (name == "queryset")
        return lookup.queryset;
    if (name == "to_attr")
        return lookup.toAttr.empty() ? py::Value() : interp.newStr(lookup.toAttr);
    return std::nullopt;
}

std::optional<bool> PrefetchObject::equals(py::Interpreter&, py::Value other)
{
    auto* o = dynamic_cast<PrefetchObject*>(other.asObject());
    return o && o->lookup.prefetchTo == lookup.prefetchTo;
}

py::ClassObject* PrefetchObject::createClass(OrmContext& ctx)
{
    py::ClassObject* cls = ctx.interp.newClass("Prefetch", {}, "django.db.models.query");
    cls->construct = [](py::Interpreter& ip, py::ClassObject* c, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("Prefetch", {"lookup", "queryset=", "to_attr="});
        py::BoundArgs b = py::bind(ip, a, sig);
        PrefetchLookup l = PrefetchLookup::fromString(ip.expectStr(b[0], "Prefetch lookup"));
        if (b.has(1) && !b[1].isNone()) {
            auto* qs = dynamic_cast<QuerySetObject*>(b[1].asObject());
            if (!qs)
                ip.raise(ip.types().ValueError, "Prefetch querysets cannot use raw(), values(), and values_list().");
            if (qs->iterable != QuerySetObject::Iterable::Model)
                ip.raise(ip.types().ValueError, "Prefetch querysets cannot use raw(), values(), and values_list().");
            l.queryset = b[1];
        }
        if (b.has(2) && !b[2].isNone()) {
            l.toAttr = ip.expectStr(b[2], "to_attr");
            std::vector<std::string> parts = db::splitLookup(l.prefetchTo);
            parts.back() = l.toAttr;
            l.prefetchTo = joinParts(parts, parts.size());
        }
        return ip.make<PrefetchObject>(c, std::move(l));
    };
    return cls;
}

} // namespace pipelab::django::models
