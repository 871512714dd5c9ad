// HashTable: entries vector in insertion order plus a hash → positions index.
#include "sim/python/hashtable.h"

#include "sim/python/interpreter.h"

namespace pipelab::py {

std::optional<std::size_t> HashTable::find(Interpreter& interp, Value key) const
{
    const std::size_t h = interp.hash(key);
    auto [first, last] = index_.equal_range(h);
    for (auto it = first; it != last; ++it) {
        const Entry& e = entries_[it->second];
        if (e.live && (e.key.is(key) || interp.eq(e.key, key)))
            return it->second;
    }
    return std::nullopt;
}

Value* HashTable::lookup(Interpreter& interp, Value key)
{
    if (auto i = find(interp, key))
        return &entries_[*i].value;
    return nullptr;
}

void HashTable::insert(Interpreter& interp, Value key, Value value)
{
    const std::size_t h = interp.hash(key);
    auto [first, last] = index_.equal_range(h);
    for (auto it = first; it != last; ++it) {
        Entry& e = entries_[it->second];
        if (e.live && (e.key.is(key) || interp.eq(e.key, key))) {
            e.value = value;
            return;
        }
    }
    entries_.push_back({key, value, h, true});
    index_.emplace(h, entries_.size() - 1);
    ++live_;
    ++version_;
}

bool HashTable::erase(Interpreter& interp, Value key)
{
    auto i = find(interp, key);
    if (!i)
        return false;
    Entry& e = entries_[*i];
    auto [first, last] = index_.equal_range(e.hash);
    for (auto it = first; it != last; ++it) {
        if (it->second == *i) {
            index_.erase(it);
            break;
        }
    }
    e.live = false;
    e.key = Value();
    e.value = Value();
    --live_;
    ++version_;
    if (entries_.size() > 32 && live_ * 2 < entries_.size())
        compact();
    return true;
}

void HashTable::clear()
{
    entries_.clear();
    index_.clear();
    live_ = 0;
    ++version_;
}

void HashTable::compact()
{
    std::vector<Entry> kept;
    kept.reserve(live_);
    for (Entry& e : entries_)
        if (e.live)
            kept.push_back(e);
    entries_ = std::move(kept);
    index_.clear();
    for (std::size_t i = 0; i < entries_.size(); ++i)
        index_.emplace(entries_[i].hash, i);
}

void HashTable::trace(Tracer& tracer) const
{
    for (const Entry& e : entries_) {
        if (!e.live)
            continue;
        tracer.visit(e.key);
        tracer.visit(e.value);
    }
}

} // namespace pipelab::py
