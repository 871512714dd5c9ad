// Runner (see runner.h).
#include "sim/django/runner/runner.h"

#include "sim/django/http/httpmodule.h"
#include "sim/django/project/project.h"
#include "sim/python/interpreter.h"

#include <algorithm>
#include <cctype>
#include <exception>

namespace pipelab::django::runner {

namespace {

bool isSafeMethod(const std::string& method)
{
    return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE";
}

std::string unquotePlus(std::string text)
{
    std::replace(text.begin(), text.end(), '+', ' ');
    return http::unquote(text);
}

// QueryDict(query_string): fields split on '&' and ';', blank values kept.
std::vector<std::pair<std::string, std::string>> parseQuery(const std::string& query)
{
    std::vector<std::pair<std::string, std::string>> fields;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find_first_of("&;", start);
        if (end == std::string::npos)
            end = query.size();
        const std::string field = query.substr(start, end - start);
        if (!field.empty()) {
            const auto eq = field.find('=');
            if (eq == std::string::npos)
                fields.emplace_back(unquotePlus(field), "");
            else
                fields.emplace_back(unquotePlus(field.substr(0, eq)), unquotePlus(field.substr(eq + 1)));
        }
        start = end + 1;
    }
    return fields;
}

std::string browserKey(const scenario::Request& request)
{
    return request.user ? "@" + *request.user : std::string();
}

} // namespace

std::string urlencode(const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::string out;
    auto plus = [](const std::string& text) {
        std::string q = http::quote(text, " ");
        std::replace(q.begin(), q.end(), ' ', '+');
        return q;
    };
    for (const auto& [name, value] : fields)
        out += (out.empty() ? "" : "&") + plus(name) + "=" + plus(value);
    return out;
}

Runner::Runner(project::Project& project) : project_(project) {}

void Runner::loginBrowsers(const std::vector<scenario::Request>& requests)
{
    loggedIn_ = true;
    py::Interpreter& interp = project_.interpreter();
    std::vector<std::string> done;
    for (const scenario::Request& request : requests) {
        if (!request.user || std::find(done.begin(), done.end(), *request.user) != done.end())
            continue;
        done.push_back(*request.user);
        interp.resetCounters();
        const std::optional<py::ScriptError> error = interp.guard([&] {
            const py::Value login = interp.getAttr(interp.importModule("django.test.client"), "_force_login");
            jars_[browserKey(request)]["sessionid"] = interp.toStr(interp.call(login, {interp.newStr(*request.user)}));
        });
        if (error)
            diagnostics_.push_back({scenario::Diagnostic::Severity::Error, project_.scenario().file, request.pos,
                                    "cannot log in user '" + *request.user + "': " + error->describe()});
    }
}

Runner::CookieJar& Runner::jarFor(const scenario::Request& request)
{
    return jars_[browserKey(request)];
}

py::Value Runner::buildRequest(const scenario::Request& request, CookieJar& jar)
{
    py::Interpreter& interp = project_.interpreter();
    py::ModuleObject* http = interp.importModule("django.http");
    std::string path = request.path;
    std::string query;
    if (const auto q = path.find('?'); q != std::string::npos) {
        query = path.substr(q + 1);
        path = path.substr(0, q);
    }
    std::string body;
    const bool bodyless = request.method == "GET" || request.method == "HEAD";
    if (bodyless && !request.data.empty())
        query += (query.empty() ? "" : "&") + urlencode(request.data);
    else if (!bodyless)
        body = urlencode(request.data);

    std::vector<std::pair<std::string, std::string>> meta = {
        {"PATH_INFO", http::unquote(path)},
        {"QUERY_STRING", query},
        {"REMOTE_ADDR", "127.0.0.1"},
        {"REQUEST_METHOD", request.method},
        {"SCRIPT_NAME", ""},
        {"SERVER_NAME", "testserver"},
        {"SERVER_PORT", request.secure ? "443" : "80"},
        {"SERVER_PROTOCOL", "HTTP/1.1"},
    };
    if (!bodyless) {
        meta.emplace_back("CONTENT_TYPE", "application/x-www-form-urlencoded");
        meta.emplace_back("CONTENT_LENGTH", std::to_string(body.size()));
    }
    for (const auto& [name, value] : request.headers) {
        std::string key = name;
        for (char& c : key)
            c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (key != "CONTENT_TYPE" && key != "CONTENT_LENGTH")
            key = "HTTP_" + key;
        meta.emplace_back(key, value);
    }
    // The oracle's csrf: valid — a token cookie in the browser and the X-CSRFToken header.
    if (!isSafeMethod(request.method) && request.csrf == scenario::Request::Csrf::Valid) {
        if (jar["csrftoken"].empty()) {
            const py::Value token = interp.call(interp.getAttr(interp.importModule("django.middleware.csrf"), "_get_new_csrf_token"));
            jar["csrftoken"] = interp.toStr(token);
        }
        auto has = [&](const char* key) {
            return std::any_of(meta.begin(), meta.end(), [&](const auto& kv) { return kv.first == key; });
        };
        if (!has("HTTP_X_CSRFTOKEN"))
            meta.emplace_back("HTTP_X_CSRFTOKEN", jar["csrftoken"]);
        if (request.secure && !has("HTTP_REFERER"))
            meta.emplace_back("HTTP_REFERER", "https://testserver/");
    }
    std::string cookieHeader;
    for (const auto& [name, value] : jar)
        cookieHeader += (cookieHeader.empty() ? "" : "; ") + name + "=" + value;
    meta.emplace_back("HTTP_COOKIE", cookieHeader);

    const py::Value req = interp.call(interp.getAttr(http, "WSGIRequest"));
    py::DictObject* metaDict = interp.newDict();
    for (const auto& [k, v] : meta)
        interp.dictSet(metaDict, interp.newStr(k), interp.newStr(v));
    py::DictObject* cookies = interp.newDict();
    for (const auto& [name, value] : jar)
        interp.dictSet(cookies, interp.newStr(name), interp.newStr(value));
    auto queryDict = [&](const std::vector<std::pair<std::string, std::string>>& fields) {
        std::vector<py::Value> items;
        for (const auto& [k, v] : fields)
            items.push_back(interp.newTuple({interp.newStr(k), interp.newStr(v)}));
        return interp.call(interp.getAttr(http, "QueryDict"), {interp.newList(std::move(items))});
    };
    const std::string pathInfo = http::unquote(path);
    interp.setAttr(req, "META", metaDict);
    interp.setAttr(req, "COOKIES", cookies);
    interp.setAttr(req, "method", interp.newStr(request.method));
    interp.setAttr(req, "path", interp.newStr(pathInfo));
    interp.setAttr(req, "path_info", interp.newStr(pathInfo));
    interp.setAttr(req, "scheme", interp.newStr(request.secure ? "https" : "http"));
    interp.setAttr(req, "GET", queryDict(parseQuery(query)));
    interp.setAttr(req, "POST", queryDict(request.method == "POST" ? request.data : decltype(request.data){}));
    interp.setAttr(req, "body", interp.newStr(body));
    return req;
}

void Runner::readResponse(py::Value response, trace::RequestTrace& out, CookieJar& jar)
{
    py::Interpreter& interp = project_.interpreter();
    out.status = static_cast<int>(interp.expectInt(interp.getAttr(response, "status_code"), "status_code"));
    std::vector<std::pair<std::string, std::string>> headers;
    for (py::Value item : interp.toVector(interp.callMethod(response, "items"))) {
        const std::vector<py::Value> pair = interp.toVector(item);
        std::string name = interp.toStr(pair.at(0));
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        if (lower != "content-length")
            headers.emplace_back(std::move(name), interp.toStr(pair.at(1)));
    }
    std::vector<std::string> cookieNames;
    if (auto* cookies = interp.getAttr(response, "cookies").as<py::DictObject>()) {
        for (const auto& e : cookies->table.entries()) {
            if (!e.live)
                continue;
            const std::string name = interp.toStr(e.key);
            cookieNames.push_back(name);
            jar[name] = interp.toStr(interp.getItem(e.value, interp.newStr("value")));
        }
    }
    if (!cookieNames.empty()) {
        std::sort(cookieNames.begin(), cookieNames.end());
        std::string joined;
        for (const std::string& n : cookieNames)
            joined += (joined.empty() ? "" : ", ") + n;
        headers.emplace_back("Set-Cookie", joined);
    }
    std::stable_sort(headers.begin(), headers.end(), [](const auto& a, const auto& b) {
        return std::lexicographical_compare(a.first.begin(), a.first.end(), b.first.begin(), b.first.end(),
                                            [](unsigned char x, unsigned char y) { return std::tolower(x) < std::tolower(y); });
    });
    out.headers = std::move(headers);
}

trace::RequestTrace Runner::runRequest(std::int64_t index, const scenario::Request& request)
{
    if (!loggedIn_)
        loginBrowsers(project_.scenario().expandedRequests());
    py::Interpreter& interp = project_.interpreter();
    trace::RequestTrace out;
    out.index = index;
    out.method = request.method;
    out.path = request.path;
    out.user = request.user;
    CookieJar& jar = jarFor(request);

    interp.resetCounters();
    py::Value req;
    if (const std::optional<py::ScriptError> error = interp.guard([&] { req = buildRequest(request, jar); })) {
        out.status = 500;
        out.error = trace::Error{error->type, error->message};
        return out;
    }
    RequestRecorder& recorder = project_.recorder();
    recorder.begin(out);
    std::optional<trace::Error> handlerError;
    std::optional<py::ScriptError> escaped;
    try {
        escaped = interp.guard([&] {
            const py::Value response = project_.handler().handle(req, handlerError);
            readResponse(response, out, jar);
        });
    } catch (const std::exception& e) {
        // A simulator fault, not a Python exception: reported on the request, never a crash.
        escaped = py::ScriptError{py::ScriptError::Category::Exception, "PipeLabError", e.what(), {}, 0, 0, {}};
    }
    recorder.end();
    if (escaped) {
        // Escaped Django's handler (a request_finished receiver, or a budget overrun): the test
        // client raises, so there is no response.
        out.status = 500;
        out.headers.clear();
        if (!handlerError)
            handlerError = trace::Error{escaped->type, escaped->message};
    }
    if (out.status == 500)
        out.error = handlerError;
    return out;
}

trace::Trace Runner::run()
{
    trace::Trace result;
    result.scenario = project_.scenario().name;
    const std::vector<scenario::Request> requests = project_.scenario().expandedRequests();
    if (!loggedIn_)
        loginBrowsers(requests);
    for (std::size_t i = 0; i < requests.size(); ++i)
        result.requests.push_back(runRequest(static_cast<std::int64_t>(i), requests[i]));
    return result;
}

} // namespace pipelab::django::runner
