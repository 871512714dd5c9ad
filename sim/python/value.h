// Value: what a Python expression evaluates to. Small immutable scalars (None, bool, int, float)
// live inline; everything else is a non-owning pointer to an Object on the Interpreter's heap,
// which owns every object and frees them all when it is destroyed (or in collectGarbage()).
#pragma once

#include <cstdint>
#include <type_traits>

namespace pipelab::py {

class Object;

// Identifies the interpreter's own final object classes so Value::as<T>() needs no dynamic_cast.
enum class ObjKind : std::uint8_t {
    Other, Str, List, Tuple, Dict, Set, Range, Slice, Function, NativeFunction, BoundMethod, Class, Module, Scope
};

class Value {
public:
    enum class Kind : std::uint8_t { None, Bool, Int, Float, Object };

    constexpr Value() noexcept = default;
    // A null pointer becomes None.
    Value(Object* object) noexcept // NOLINT(google-explicit-constructor): objects are values
        : kind_(object ? Kind::Object : Kind::None)
    {
        u_.o = object;
    }

    static constexpr Value none() noexcept { return {}; }
    static Value boolean(bool b) noexcept
    {
        Value v;
        v.kind_ = Kind::Bool;
        v.u_.b = b;
        return v;
    }
    static Value integer(std::int64_t i) noexcept
    {
        Value v;
        v.kind_ = Kind::Int;
        v.u_.i = i;
        return v;
    }
    static Value real(double d) noexcept
    {
        Value v;
        v.kind_ = Kind::Float;
        v.u_.f = d;
        return v;
    }

    Kind kind() const noexcept { return kind_; }
    bool isNone() const noexcept { return kind_ == Kind::None; }
    bool isBool() const noexcept { return kind_ == Kind::Bool; }
    bool isInt() const noexcept { return kind_ == Kind::Int; }
    bool isFloat() const noexcept { return kind_ == Kind::Float; }
    bool isObject() const noexcept { return kind_ == Kind::Object; }
    // int or bool (bool is a subclass of int, as in Python)
    bool isIntegral() const noexcept { return kind_ == Kind::Int || kind_ == Kind::Bool; }
    bool isNumber() const noexcept { return isIntegral() || kind_ == Kind::Float; }

    bool asBool() const noexcept { return u_.b; }
    std::int64_t asInt() const noexcept { return kind_ == Kind::Bool ? (u_.b ? 1 : 0) : u_.i; }
    double asFloat() const noexcept { return kind_ == Kind::Float ? u_.f : static_cast<double>(asInt()); }
    Object* asObject() const noexcept { return kind_ == Kind::Object ? u_.o : nullptr; }

    // The object as T (nullptr when it is not one). Final interpreter classes are checked by tag.
    template <class T>
    T* as() const noexcept;

    // Python's `is`.
    bool is(const Value& other) const noexcept
    {
        if (kind_ != other.kind_)
            return false;
        switch (kind_) {
        case Kind::None: return true;
        case Kind::Bool: return u_.b == other.u_.b;
        case Kind::Int: return u_.i == other.u_.i;
        case Kind::Float: return u_.f == other.u_.f;
        case Kind::Object: return u_.o == other.u_.o;
        }
        return false;
    }

private:
    Kind kind_ = Kind::None;
    union {
        bool b;
        std::int64_t i;
        double f;
        Object* o;
    } u_{};
};

} // namespace pipelab::py
