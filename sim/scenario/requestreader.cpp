// readUsers and readRequests: both request forms, users by name, repeat bounds.
#include "sim/scenario/requestreader.h"

#include "sim/scenario/limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace pipelab::scenario {

bool isHttpMethod(std::string_view method)
{
    static constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    return std::find(std::begin(kMethods), std::end(kMethods), method) != std::end(kMethods);
}

namespace {

constexpr std::string_view kMethodList = "GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS";

bool hasWhitespace(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::vector<std::string> words(std::string_view s)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t')
            ++i;
        if (i > start)
            out.emplace_back(s.substr(start, i - start));
    }
    return out;
}

class RequestReader {
public:
    RequestReader(YamlReader& reader, const std::vector<User>& users) : r(reader), m_users(users) {}

    std::vector<Request> read(const YamlNode& node)
    {
        std::vector<Request> requests;
        if (!r.isSequence(node, "'requests'"))
            return requests;
        if (node.items.empty())
            r.error(node.pos, "'requests' must list at least one request");
        std::int64_t expanded = 0;
        for (const YamlNode& item : node.items) {
            // Every item is kept, wrong or not, so that request indices elsewhere stay right.
            Request request;
            request.pos = item.pos;
            if (item.isMapping())
                readMapping(item, request);
            else if (item.isScalar() && YamlReader::typeName(item) == "string")
                readLine(item, request);
            else if (!item.isInvalid())
                r.error(item.pos, fmt::format("a request must be \"METHOD /path/\" or a mapping, got {}",
                                              YamlReader::typeName(item)));
            expanded += request.repeat;
            requests.push_back(std::move(request));
        }
        if (expanded > limits::kMaxExpandedRequests)
            r.error(node.pos, fmt::format("'requests' expands to {} requests; the limit is {}", expanded,
                                          limits::kMaxExpandedRequests));
        return requests;
    }

private:
    void readLine(const YamlNode& item, Request& request)
    {
        const std::vector<std::string> parts = words(item.value);
        if (parts.size() != 2) {
            r.error(item.pos, fmt::format("a request line must be \"METHOD /path/\", got '{}'", item.value));
            return;
        }
        checkMethod(item, parts[0]);
        checkPath(item, parts[1]);
        request.method = parts[0];
        request.path = parts[1];
    }

    void readMapping(const YamlNode& item, Request& request)
    {
        r.checkKeys(item, {"method", "path", "user", "data", "headers", "secure", "csrf", "repeat"}, "request");
        if (const YamlNode* method = item.find("method")) {
            if (auto m = r.string(*method, "'method'")) {
                checkMethod(*method, *m);
                request.method = *m;
            }
        }
        if (const YamlNode* path = item.find("path")) {
            if (auto p = r.string(*path, "'path'")) {
                checkPath(*path, *p);
                request.path = *p;
            }
        } else {
            r.error(item.pos, "missing key 'path' in request");
        }
        if (const YamlNode* user = item.find("user")) {
            if (auto name = r.string(*user, "'user'")) {
                const bool known = std::any_of(m_users.begin(), m_users.end(),
                                               [&](const User& u) { return u.username == *name; });
                if (!known)
                    r.error(user->pos, fmt::format("unknown user '{}' (not in 'users')", *name));
                request.user = *name;
            }
        }
        if (const YamlNode* data = item.find("data"))
            readPairs(*data, "'data'", true, request.data);
        if (const YamlNode* headers = item.find("headers"))
            readPairs(*headers, "'headers'", false, request.headers);
        if (const YamlNode* secure = item.find("secure")) {
            if (auto b = r.boolean(*secure, "'secure'"))
                request.secure = *b;
        }
        if (const YamlNode* csrf = item.find("csrf")) {
            if (auto c = r.string(*csrf, "'csrf'")) {
                if (*c == "valid") {
                    request.csrf = Request::Csrf::Valid;
                } else if (*c == "missing") {
                    request.csrf = Request::Csrf::Missing;
                } else {
                    r.error(csrf->pos, fmt::format("'csrf' must be valid or missing, got '{}'", *c));
                }
            }
        }
        if (const YamlNode* repeat = item.find("repeat")) {
            if (auto n = r.integer(*repeat, "'repeat'", 1, limits::kMaxRepeat))
                request.repeat = *n;
        }
    }

    void checkMethod(const YamlNode& at, const std::string& method)
    {
        if (!isHttpMethod(method))
            r.error(at.pos, fmt::format("unknown HTTP method '{}' (expected {})", method, kMethodList));
    }

    void checkPath(const YamlNode& at, const std::string& path)
    {
        if (path.empty() || path[0] != '/')
            r.error(at.pos, fmt::format("request path '{}' must start with '/'", path));
        else if (hasWhitespace(path))
            r.error(at.pos, fmt::format("request path '{}' must not contain spaces", path));
    }

    // name → value; with `lists`, a list value gives one pair per item (a multi-valued field).
    void readPairs(const YamlNode& node, std::string_view what, bool lists,
                   std::vector<std::pair<std::string, std::string>>& out)
    {
        if (!r.isMapping(node, what))
            return;
        r.checkScalarKeys(node);
        for (const auto& [key, value] : node.entries) {
            if (!key.isScalar())
                continue;
            const std::string itemWhat = "'" + key.value + "'";
            if (lists && value.isSequence()) {
                for (const YamlNode& item : value.items) {
                    if (auto text = r.text(item, itemWhat))
                        out.emplace_back(key.value, *text);
                }
            } else if (auto text = r.text(value, itemWhat)) {
                out.emplace_back(key.value, *text);
            }
        }
    }

    YamlReader& r;
    const std::vector<User>& m_users;
};

} // namespace

std::vector<User> readUsers(YamlReader& r, const YamlNode& node)
{
    std::vector<User> users;
    if (!r.isSequence(node, "'users'"))
        return users;
    if (static_cast<std::int64_t>(node.items.size()) > limits::kMaxUsers) {
        r.error(node.pos, fmt::format("'users' lists {} users; the limit is {}", node.items.size(), limits::kMaxUsers));
        return users;
    }
    std::map<std::string, SourcePos> seen;
    for (const YamlNode& item : node.items) {
        if (!r.isMapping(item, "a user"))
            continue;
        r.checkKeys(item, {"username", "is_staff", "is_superuser", "email"}, "user");
        User user;
        user.pos = item.pos;
        if (const YamlNode* name = item.find("username")) {
            if (auto n = r.nonEmptyString(*name, "'username'")) {
                auto [it, inserted] = seen.emplace(*n, name->pos);
                if (!inserted)
                    r.error(name->pos, fmt::format("duplicate username '{}' (first at {}:{})", *n, it->second.line,
                                                   it->second.column));
                user.username = *n;
            }
        } else {
            r.error(item.pos, "missing key 'username' in user");
        }
        if (const YamlNode* staff = item.find("is_staff")) {
            if (auto b = r.boolean(*staff, "'is_staff'"))
                user.isStaff = *b;
        }
        if (const YamlNode* super = item.find("is_superuser")) {
            if (auto b = r.boolean(*super, "'is_superuser'"))
                user.isSuperuser = *b;
        }
        if (const YamlNode* email = item.find("email")) {
            if (auto e = r.string(*email, "'email'"))
                user.email = *e;
        }
        // Kept even when something in it is wrong, so requests naming it are not reported too.
        users.push_back(std::move(user));
    }
    return users;
}

std::vector<Request> readRequests(YamlReader& reader, const YamlNode& node, const std::vector<User>& users)
{
    return RequestReader(reader, users).read(node);
}

} // namespace pipelab::scenario
