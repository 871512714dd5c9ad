// AttrMap: an insertion-ordered string → Value map for namespaces (module globals, function
// locals, instance and class __dict__). Class bodies need definition order (Django collects model
// fields in the order written). Small maps search linearly; larger ones build a hash index.
#pragma once

#include "sim/python/value.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pipelab::py {

class AttrMap {
public:
    using Entry = std::pair<std::string, Value>;

    Value* find(std::string_view name)
    {
        if (index_.empty()) {
            for (auto& e : entries_)
                if (e.first == name)
                    return &e.second;
            return nullptr;
        }
        auto it = index_.find(name);
        return it == index_.end() ? nullptr : &entries_[it->second].second;
    }
    const Value* find(std::string_view name) const { return const_cast<AttrMap*>(this)->find(name); }
    bool contains(std::string_view name) const { return find(name) != nullptr; }

    void set(std::string_view name, Value value)
    {
        if (Value* slot = find(name)) {
            *slot = value;
            return;
        }
        entries_.emplace_back(std::string(name), value);
        if (!index_.empty())
            index_.emplace(entries_.back().first, entries_.size() - 1);
        else if (entries_.size() > kLinearLimit)
            rebuildIndex();
    }

    bool erase(std::string_view name)
    {
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (entries_[i].first == name) {
                entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
                if (!index_.empty())
                    rebuildIndex();
                return true;
            }
        }
        return false;
    }

    const std::vector<Entry>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    void clear()
    {
        entries_.clear();
        index_.clear();
    }

private:
    static constexpr std::size_t kLinearLimit = 12;

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    void rebuildIndex()
    {
        index_.clear();
        for (std::size_t i = 0; i < entries_.size(); ++i)
            index_.emplace(entries_[i].first, i);
    }

    std::vector<Entry> entries_;
    std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index_;
};

} // namespace pipelab::py
