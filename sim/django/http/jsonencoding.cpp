// Python-compatible JSON writing and reading (see jsonencoding.h).
#include "sim/django/http/jsonencoding.h"

#include "sim/python/interpreter.h"

#include <cstdio>

namespace pipelab::django::http {

namespace {

void appendEscaped(std::string& out, const std::string& text)
{
    out += '"';
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::uint32_t cp = c;
        std::size_t len = 1;
        if (c >= 0xF0 && i + 3 < text.size()) {
            cp = ((c & 0x07u) << 18) | ((text[i + 1] & 0x3Fu) << 12) | ((text[i + 2] & 0x3Fu) << 6) | (text[i + 3] & 0x3Fu);
            len = 4;
        } else if (c >= 0xE0 && i + 2 < text.size()) {
            cp = ((c & 0x0Fu) << 12) | ((text[i + 1] & 0x3Fu) << 6) | (text[i + 2] & 0x3Fu);
            len = 3;
        } else if (c >= 0xC0 && i + 1 < text.size()) {
            cp = ((c & 0x1Fu) << 6) | (text[i + 1] & 0x3Fu);
            len = 2;
        }
        i += len;
        char buf[16];
        switch (cp) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        default: break;
        }
        if (cp >= 0x20 && cp < 0x7F) {
            out += static_cast<char>(cp);
        } else if (cp <= 0xFFFF) {
            std::snprintf(buf, sizeof buf, "\\u%04x", cp);
            out += buf;
        } else {
            const std::uint32_t v = cp - 0x10000;
            std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
            out += buf;
        }
    }
    out += '"';
}

class Encoder {
public:
    Encoder(py::Interpreter& interp, bool compact)
        : interp_(interp), itemSep_(compact ? "," : ", "), keySep_(compact ? ":" : ": ")
    {
    }

    void encode(std::string& out, py::Value v, int depth)
    {
        if (depth > 200)
            interp_.raise(interp_.types().RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
        if (v.isNone()) {
            out += "null";
        } else if (v.isBool()) {
            out += v.asBool() ? "true" : "false";
        } else if (v.isInt()) {
            out += std::to_string(v.asInt());
        } else if (v.isFloat()) {
            out += floatText(v);
        } else if (const std::string* s = py::Interpreter::strOf(v)) {
            appendEscaped(out, *s);
        } else if (auto* list = v.as<py::ListObject>()) {
            sequence(out, list->items, depth);
        } else if (auto* tuple = v.as<py::TupleObject>()) {
            sequence(out, tuple->items, depth);
        } else if (auto* dict = v.as<py::DictObject>()) {
            out += '{';
            bool first = true;
            for (const auto& e : dict->table.entries()) {
                if (!e.live)
                    continue;
                if (!first)
                    out += itemSep_;
                first = false;
                appendEscaped(out, keyText(e.key));
                out += keySep_;
                encode(out, e.value, depth + 1);
            }
            out += '}';
        } else {
            // DjangoJSONEncoder writes Decimal and UUID as their str().
            const std::string type = interp_.typeName(v);
            if (type == "Decimal" || type == "UUID") {
                appendEscaped(out, interp_.toStr(v));
                return;
            }
            interp_.raise(interp_.types().TypeError, "Object of type " + type + " is not JSON serializable");
        }
    }

private:
    void sequence(std::string& out, const std::vector<py::Value>& items, int depth)
    {
        out += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += itemSep_;
            encode(out, items[i], depth + 1);
        }
        out += ']';
    }

    std::string floatText(py::Value v)
    {
        const double d = v.asFloat();
        if (d != d)
            return "NaN";
        if (d == 1.0 / 0.0)
            return "Infinity";
        if (d == -1.0 / 0.0)
            return "-Infinity";
        return interp_.repr(v);
    }

    std::string keyText(py::Value key)
    {
        if (const std::string* s = py::Interpreter::strOf(key))
            return *s;
        if (key.isBool())
            return key.asBool() ? "true" : "false";
        if (key.isNone())
            return "null";
        if (key.isInt())
            return std::to_string(key.asInt());
        if (key.isFloat())
            return floatText(key);
        interp_.raise(interp_.types().TypeError,
                      "keys must be str, int, float, bool or None, not " + interp_.typeName(key));
    }

    py::Interpreter& interp_;
    const char* itemSep_;
    const char* keySep_;
};

} // namespace

std::string jsonDumps(py::Interpreter& interp, py::Value value, bool compact)
{
    std::string out;
    Encoder(interp, compact).encode(out, value, 0);
    return out;
}

py::Value jsonToPython(py::Interpreter& interp, const nlohmann::ordered_json& json)
{
    switch (json.type()) {
    case nlohmann::ordered_json::value_t::null: return py::Value::none();
    case nlohmann::ordered_json::value_t::boolean: return py::Value::boolean(json.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return py::Value::integer(json.get<std::int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned:
        return py::Value::integer(static_cast<std::int64_t>(json.get<std::uint64_t>()));
    case nlohmann::ordered_json::value_t::number_float: return py::Value::real(json.get<double>());
    case nlohmann::ordered_json::value_t::string: return interp.newStr(json.get<std::string>());
    case nlohmann::ordered_json::value_t::array: {
        std::vector<py::Value> items;
        for (const auto& item : json)
            items.push_back(jsonToPython(interp, item));
        return interp.newList(std::move(items));
    }
    case nlohmann::ordered_json::value_t::object: {
        py::DictObject* dict = interp.newDict();
        for (const auto& [key, item] : json.items())
            interp.dictSet(dict, interp.newStr(key), jsonToPython(interp, item));
        return dict;
    }
    default: return py::Value::none();
    }
}

} // namespace pipelab::django::http
