// Pickler (see pickler.h). Opcodes and memo rules follow Modules/_pickle.c (protocol 5).
#include "sim/django/views/pickler.h"

#include "sim/python/containers.h"
#include "sim/python/interpreter.h"
#include "sim/python/strobject.h"

#include <cctype>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>

namespace pipelab::django::views {

namespace {

constexpr std::size_t kFrameSizeMin = 4;
constexpr std::size_t kFrameSizeTarget = 64 * 1024;

class Writer {
public:
    explicit Writer(py::Interpreter& interp) : interp_(interp) {}

    std::string dumps(py::Value value)
    {
        save(value);
        frame_ += '.'; // STOP
        if (frame_.size() > kFrameSizeTarget)
            interp_.raise(interp_.types().NotImplementedError,
                          "PipeLab does not simulate pickles longer than one 64 KiB frame (database cache values)");
        std::string out = "\x80\x05"; // PROTO 5
        if (frame_.size() >= kFrameSizeMin) {
            out += '\x95'; // FRAME
            appendLittleEndian(out, frame_.size(), 8);
        }
        return out + frame_;
    }

private:
    static void appendLittleEndian(std::string& out, std::uint64_t value, int bytes)
    {
        for (int i = 0; i < bytes; ++i)
            out += static_cast<char>((value >> (8 * i)) & 0xff);
    }

    void memoize(const void* identity)
    {
        memo_[identity] = next_;
        memoizeAnonymous();
    }
    void memoizeAnonymous()
    {
        ++next_;
        frame_ += '\x94'; // MEMOIZE
    }
    bool writeGet(const void* identity)
    {
        const auto it = memo_.find(identity);
        if (it == memo_.end())
            return false;
        if (it->second < 256) {
            frame_ += 'h'; // BINGET
            frame_ += static_cast<char>(it->second);
        } else {
            frame_ += 'j'; // LONG_BINGET
            appendLittleEndian(frame_, it->second, 4);
        }
        return true;
    }

    static bool looksLikeIdentifier(const std::string& text)
    {
        if (text.empty())
            return false;
        for (char c : text)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
                return false;
        return true;
    }

    void saveStr(const std::string& text, const void* identity)
    {
        const void* key = identity;
        if (looksLikeIdentifier(text) || !identity) {
            key = &*internedKeys_.insert(text).first; // one identity per value, like an interned str
        }
        if (writeGet(key))
            return;
        if (text.size() < 256) {
            frame_ += '\x8c'; // SHORT_BINUNICODE
            frame_ += static_cast<char>(text.size());
        } else {
            frame_ += 'X'; // BINUNICODE
            appendLittleEndian(frame_, text.size(), 4);
        }
        frame_ += text;
        memoize(key);
    }

    void saveBytes(const std::string& data)
    {
        if (data.size() < 256) {
            frame_ += 'C'; // SHORT_BINBYTES
            frame_ += static_cast<char>(data.size());
        } else {
            frame_ += 'B'; // BINBYTES
            appendLittleEndian(frame_, data.size(), 4);
        }
        frame_ += data;
        memoizeAnonymous();
    }

    void saveInt(std::int64_t v)
    {
        if (v >= 0 && v < 256) {
            frame_ += 'K'; // BININT1
            frame_ += static_cast<char>(v);
        } else if (v >= 0 && v < 65536) {
            frame_ += 'M'; // BININT2
            appendLittleEndian(frame_, static_cast<std::uint64_t>(v), 2);
        } else if (v >= INT32_MIN && v <= INT32_MAX) {
            frame_ += 'J'; // BININT
            appendLittleEndian(frame_, static_cast<std::uint32_t>(static_cast<std::int32_t>(v)), 4);
        } else {
            // LONG1: little-endian two's complement, as few bytes as keep the sign.
            std::string bytes;
            std::int64_t rest = v;
            do {
                bytes += static_cast<char>(rest & 0xff);
                rest >>= 8;
            } while (!((rest == 0 && !(bytes.back() & 0x80)) || (rest == -1 && (bytes.back() & 0x80))));
            frame_ += '\x8a';
            frame_ += static_cast<char>(bytes.size());
            frame_ += bytes;
        }
    }

    void saveFloat(double d)
    {
        frame_ += 'G'; // BINFLOAT, big-endian
        std::uint64_t bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        for (int i = 7; i >= 0; --i)
            frame_ += static_cast<char>((bits >> (8 * i)) & 0xff);
    }

    void saveItems(const std::vector<py::Value>& items, char batchOpcode, char singleOpcode)
    {
        if (items.size() == 1) {
            save(items[0]);
            frame_ += singleOpcode;
            return;
        }
        for (std::size_t start = 0; start < items.size(); start += 1000) {
            const std::size_t end = std::min(items.size(), start + 1000);
            if (end - start == 1) {
                save(items[start]);
                frame_ += singleOpcode;
                continue;
            }
            frame_ += '(';
            for (std::size_t i = start; i < end; ++i)
                save(items[i]);
            frame_ += batchOpcode;
        }
    }

    void saveDict(py::DictObject* d)
    {
        frame_ += '}'; // EMPTY_DICT
        memoize(d);
        std::vector<std::pair<py::Value, py::Value>> entries;
        for (const auto& e : d->table.entries())
            if (e.live)
                entries.emplace_back(e.key, e.value);
        for (std::size_t start = 0; start < entries.size(); start += 1000) {
            const std::size_t end = std::min(entries.size(), start + 1000);
            if (end - start == 1) {
                save(entries[start].first);
                save(entries[start].second);
                frame_ += 's'; // SETITEM
                continue;
            }
            frame_ += '(';
            for (std::size_t i = start; i < end; ++i) {
                save(entries[i].first);
                save(entries[i].second);
            }
            frame_ += 'u'; // SETITEMS
        }
    }

    void saveTuple(py::TupleObject* t)
    {
        if (t->items.empty()) {
            frame_ += ')'; // EMPTY_TUPLE
            return;
        }
        if (t->items.size() > 3)
            frame_ += '(';
        for (const py::Value& item : t->items)
            save(item);
        static const char sized[] = {'\x85', '\x86', '\x87'}; // TUPLE1..3
        frame_ += t->items.size() <= 3 ? sized[t->items.size() - 1] : 't';
        memoize(t);
    }

    void saveObject(py::Value form)
    {
        py::Object* object = form.as<py::Object>();
        if (writeGet(object))
            return;
        // STACK_GLOBAL for the class, its arguments (or an empty tuple), NEWOBJ, then BUILD with the state.
        const void* classKey = &classKeys_[interp_.toStr(interp_.getAttr(form, "module")) + ":" +
                                           interp_.toStr(interp_.getAttr(form, "qualname"))];
        if (!writeGet(classKey)) {
            saveStr(interp_.toStr(interp_.getAttr(form, "module")), nullptr);
            saveStr(interp_.toStr(interp_.getAttr(form, "qualname")), nullptr);
            frame_ += '\x93'; // STACK_GLOBAL
            memoize(classKey);
        }
        const py::Value args = interp_.getAttr(form, "args");
        auto* tuple = args.as<py::TupleObject>();
        if (tuple && !tuple->items.empty())
            saveTuple(tuple);
        else
            frame_ += ')';
        frame_ += '\x81'; // NEWOBJ
        memoize(object);
        const py::Value state = interp_.getAttr(form, "state");
        auto* dict = state.as<py::DictObject>();
        if (dict && dict->table.size() > 0) {
            save(state);
            frame_ += 'b'; // BUILD
        }
    }

    void save(py::Value v)
    {
        if (v.isNone()) {
            frame_ += 'N';
        } else if (v.isBool()) {
            frame_ += v.asBool() ? '\x88' : '\x89';
        } else if (v.isInt()) {
            saveInt(v.asInt());
        } else if (v.isFloat()) {
            saveFloat(v.asFloat());
        } else if (auto* s = v.as<py::StrObject>()) {
            saveStr(s->value(), s);
        } else if (auto* l = v.as<py::ListObject>()) {
            if (writeGet(l))
                return;
            frame_ += ']'; // EMPTY_LIST
            memoize(l);
            if (!l->items.empty())
                saveItems(l->items, 'e', 'a'); // APPENDS / APPEND
        } else if (auto* t = v.as<py::TupleObject>()) {
            if (!writeGet(t))
                saveTuple(t);
        } else if (auto* d = v.as<py::DictObject>()) {
            if (!writeGet(d))
                saveDict(d);
        } else {
            const std::string type = interp_.typeOf(v)->name;
            if (type == "_PickledObject")
                saveObject(v);
            else if (type == "_PickledBytes")
                saveBytes(interp_.toStr(interp_.getAttr(v, "text")));
            else
                interp_.raise(interp_.types().TypeError,
                              "PipeLab cannot pickle '" + type + "' objects for the database cache backend");
        }
    }

    py::Interpreter& interp_;
    std::string frame_;
    std::map<const void*, std::uint32_t> memo_;
    std::set<std::string> internedKeys_;
    std::map<std::string, char> classKeys_;
    std::uint32_t next_ = 0;
};

} // namespace

std::string pickleDumps(py::Interpreter& interp, py::Value form)
{
    return Writer(interp).dumps(form);
}

std::string base64Encode(const std::string& data)
{
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                                static_cast<unsigned char>(data[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (i + 1 == data.size()) {
        const std::uint32_t n = static_cast<unsigned char>(data[i]) << 16;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == data.size()) {
        const std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

} // namespace pipelab::django::views
