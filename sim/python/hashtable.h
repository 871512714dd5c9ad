// HashTable: the insertion-ordered table behind dict and set. Hashing and equality are Python's
// (user __hash__/__eq__ included), so every operation takes the Interpreter.
#pragma once

#include "sim/python/object.h"

#include <cstddef>
#include <optional>
#include <unordered_map>
#include <vector>

namespace pipelab::py {

class HashTable {
public:
    struct Entry {
        Value key;
        Value value;
        std::size_t hash = 0;
        bool live = true;
    };

    // Index of the live entry for key, if any.
    std::optional<std::size_t> find(Interpreter& interp, Value key) const;
    Value* lookup(Interpreter& interp, Value key);
    // Inserts or overwrites (an existing key keeps its position, as in Python).
    void insert(Interpreter& interp, Value key, Value value);
    bool erase(Interpreter& interp, Value key);
    void clear();

    std::size_t size() const { return live_; }
    // Raw entries, including dead ones (skip !live); positions are stable until the next erase.
    const std::vector<Entry>& entries() const { return entries_; }
    std::vector<Entry>& entries() { return entries_; }
    // Changes whenever the key set changes (iterators detect mutation with it).
    std::size_t version() const { return version_; }

    void trace(Tracer& tracer) const;

private:
    void compact();

    std::vector<Entry> entries_;
    std::unordered_multimap<std::size_t, std::size_t> index_;
    std::size_t live_ = 0;
    std::size_t version_ = 0;
};

} // namespace pipelab::py
