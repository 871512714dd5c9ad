// StrObject: Python str. Holds UTF-8; len() and indexing count code points (an ASCII fast path
// avoids decoding for the common case).
#pragma once

#include "sim/python/object.h"

#include <cstdint>
#include <string>

namespace pipelab::py {

class StrObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Str;
    StrObject(ClassObject* cls, std::string value) : Object(cls, kKind), value_(std::move(value)) {}

    const std::string& value() const { return value_; }

    bool isAscii() const
    {
        if (ascii_ < 0) {
            ascii_ = 1;
            for (char c : value_)
                if (static_cast<unsigned char>(c) >= 0x80) {
                    ascii_ = 0;
                    break;
                }
        }
        return ascii_ == 1;
    }

    // Number of code points.
    std::int64_t length() const
    {
        if (isAscii())
            return static_cast<std::int64_t>(value_.size());
        std::int64_t n = 0;
        for (char c : value_)
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
                ++n;
        return n;
    }

private:
    std::string value_;
    mutable int ascii_ = -1;
};

} // namespace pipelab::py
