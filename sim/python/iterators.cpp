// The built-in iterators.
#include "sim/python/iterators.h"

#include "sim/python/interpreter.h"

namespace pipelab::py {

std::optional<Value> SequenceIterator::next(Interpreter&)
{
    const auto& items = sequence_->objKind() == ObjKind::List ? static_cast<ListObject*>(sequence_)->items
                                                              : static_cast<TupleObject*>(sequence_)->items;
    if (index_ >= items.size())
        return std::nullopt;
    return items[index_++];
}

std::optional<Value> StrIterator::next(Interpreter& interp)
{
    const std::string& s = str_->value();
    if (offset_ >= s.size())
        return std::nullopt;
    std::size_t end = offset_ + 1;
    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        ++end;
    Value v = interp.newStr(s.substr(offset_, end - offset_));
    offset_ = end;
    return v;
}

std::optional<Value> HashIterator::next(Interpreter& interp)
{
    if (table_->size() != size_) {
        interp.raise(interp.types().RuntimeError,
                     isSet_ ? "Set changed size during iteration" : "dictionary changed size during iteration");
    }
    const auto& entries = table_->entries();
    while (index_ < entries.size() && !entries[index_].live)
        ++index_;
    if (index_ >= entries.size())
        return std::nullopt;
    const auto& e = entries[index_++];
    switch (mode_) {
    case Mode::Keys: return e.key;
    case Mode::Values: return e.value;
    case Mode::Items: return Value(interp.newTuple({e.key, e.value}));
    }
    return std::nullopt;
}

Object* DictView::iter(Interpreter& interp)
{
    return interp.make<HashIterator>(interp.types().iterator, dict, &dict->table, mode, false);
}

std::optional<bool> DictView::contains(Interpreter& interp, Value item)
{
    switch (mode) {
    case HashIterator::Mode::Keys: return dict->table.find(interp, item).has_value();
    case HashIterator::Mode::Values:
        for (const auto& e : dict->table.entries())
            if (e.live && interp.eq(e.value, item))
                return true;
        return false;
    case HashIterator::Mode::Items: {
        auto* t = item.as<TupleObject>();
        if (!t || t->items.size() != 2)
            return false;
        Value* v = dict->table.lookup(interp, t->items[0]);
        return v && interp.eq(*v, t->items[1]);
    }
    }
    return false;
}

std::optional<std::string> DictView::repr(Interpreter& interp)
{
    const char* name = mode == HashIterator::Mode::Keys ? "dict_keys" : mode == HashIterator::Mode::Values ? "dict_values" : "dict_items";
    std::vector<Value> items;
    for (const auto& e : dict->table.entries()) {
        if (!e.live)
            continue;
        if (mode == HashIterator::Mode::Keys)
            items.push_back(e.key);
        else if (mode == HashIterator::Mode::Values)
            items.push_back(e.value);
        else
            items.push_back(interp.newTuple({e.key, e.value}));
    }
    return std::string(name) + "(" + interp.repr(interp.newList(std::move(items))) + ")";
}

std::optional<Value> UserIterator::next(Interpreter& interp)
{
    try {
        return interp.callMethod(target_, "__next__");
    } catch (const PyException& e) {
        if (interp.matches(e, interp.types().StopIteration))
            return std::nullopt;
        throw;
    }
}

} // namespace pipelab::py
