// Scenario: the typed, immutable form of one scenario file (shared/spec/scenario-format.md).
// The loader (scenarioloader.h) builds it; every later stage reads it. Code blocks and templates
// keep their text plus where their first line sits in the YAML file, so interpreter and template
// errors can be reported as FILE:LINE:COL in the YAML file itself.
#pragma once

#include "sim/scenario/sourcepos.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pipelab::scenario {

// A YAML scalar as the scenario means it (YAML 1.2 core schema: `yes`/`on` stay strings).
struct Null {
    bool operator==(const Null&) const = default;
};
using Scalar = std::variant<Null, bool, std::int64_t, double, std::string>;

// A module body or a template: the text of a block scalar and the YAML position of its first
// content line. `column` is the 1-based YAML column of the block's indentation, so column c in
// the text (1-based) is YAML column `column + c - 1`.
struct CodeBlock {
    std::string text;
    SourcePos pos; // first content line, indentation column

    // The YAML position of (line, column) inside `text`, both 1-based.
    SourcePos map(int line, int column = 1) const { return {pos.line + line - 1, pos.column + column - 1}; }
};

struct CacheConfig {
    std::string alias;   // "default"
    std::string backend; // short name: locmem redis memcached db dummy filebased
    std::string location;
    std::optional<double> timeout; // seconds; nullopt = Django's default (300)
    bool timeoutNone = false;      // TIMEOUT: None — entries never expire
    SourcePos pos;
};

struct Setting {
    std::string name;
    Scalar value; // scalars only; structured settings are typed below
    SourcePos pos;
};

struct Settings {
    struct Entry {
        std::string path; // "django.contrib.sessions.middleware.SessionMiddleware"
        SourcePos pos;
    };
    std::vector<Entry> middleware;    // default: the startproject list
    bool middlewareGiven = false;     // MIDDLEWARE was written in the file
    std::vector<CacheConfig> caches;  // default: one locmem "default"
    std::string sessionEngine = "db"; // db cache cached_db signed_cookies
    std::string databaseEngine = "sqlite3";
    double connMaxAge = 0;            // seconds; -1 stands for None (connections persist)
    bool appendSlash = true;
    bool secureSslRedirect = false;
    double cacheMiddlewareSeconds = 600;
    std::string cacheMiddlewareKeyPrefix;
    std::string loginUrl = "/accounts/login/";
    bool debug = false;
    std::vector<Setting> others; // recognised but not simulated: each also produced a warning
    SourcePos pos;
};

// One field generator of section 3.
struct FieldGenerator {
    enum class Kind { Scalar, Text, Cycle, Seq, FkCycle, FkBlock, FkConst, M2m };
    std::string field;
    Kind kind = Kind::Scalar;
    Scalar scalar;              // Scalar; Text keeps the pattern with {i} here
    std::vector<Scalar> cycle;  // Cycle
    double seqStart = 0;        // Seq
    double seqStep = 1;         // Seq
    bool seqIntegral = true;    // Seq: start and step were both integers
    std::int64_t count = 0;     // FkBlock: per; FkConst: the id; M2m: K
    std::int64_t nullEvery = 0; // 0 = never
    SourcePos pos;
};

struct ModelData {
    std::string model;
    std::int64_t count = 0;
    std::vector<FieldGenerator> fields;
    SourcePos pos;
};

struct User {
    std::string username;
    bool isStaff = false;
    bool isSuperuser = false;
    std::string email;
    SourcePos pos;
};

struct Request {
    enum class Csrf { Valid, Missing };
    std::string method = "GET";
    std::string path; // with query string
    std::optional<std::string> user;
    std::vector<std::pair<std::string, std::string>> data;    // form fields, in order
    std::vector<std::pair<std::string, std::string>> headers; // as written
    bool secure = false;
    Csrf csrf = Csrf::Valid;
    std::int64_t repeat = 1;
    SourcePos pos;
};

struct MixEntry {
    std::int64_t request = 0;
    double weight = 1;
    SourcePos pos;
};

struct Load {
    std::optional<std::int64_t> users;
    double thinkTimeMs = 1000;
    std::optional<double> arrivalRate;
    double durationS = 60;
    double warmupS = 0;
    double rampUpS = 0;
    std::vector<MixEntry> mix; // empty: all requests, equal weight
    std::int64_t workers = 4;
    double timeoutS = 30;
    std::int64_t maxConnections = 100;
    std::int64_t dbCores = 4;
    std::uint64_t seed = 1;
    SourcePos pos;
};

struct Costs {
    enum class Distribution { Deterministic, Exponential };
    std::optional<Distribution> distribution;
    // Key (spec name, e.g. "db_rtt_ms") → value in the key's own unit.
    std::map<std::string, double> values;
    SourcePos pos;
};

struct Expectation {
    struct LoadBounds {
        std::optional<double> maxP95Ms;
        std::optional<double> minThroughput;
        std::optional<std::int64_t> maxTimeouts;
    };
    std::optional<std::int64_t> request; // set for a request expectation
    std::optional<std::int64_t> status;
    std::optional<std::int64_t> queries;
    std::optional<std::string> error; // exception type name
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<LoadBounds> load; // set for a load expectation
    SourcePos pos;
};

// The panels a lesson's `show` step can name, as the GUI calls them.
inline constexpr std::string_view kLessonPanels[] = {"pipeline", "code", "sql", "events", "charts",
                                                      "load", "problems", "middleware", "requests"};

struct LessonStep {
    enum class Kind { Say, Show, Highlight, Run, Ask, Patch, Compare };
    Kind kind = Kind::Say;
    // say: Markdown; show: panel; highlight: target ("views:LINE", "templates/NAME:LINE" with
    // LINE a line of the YAML file inside that block, or a middleware name); ask: question
    std::string text;
    std::string answer; // ask
    std::int64_t run = 0;                   // run: request index
    // compare: two earlier runs, as 0-based indices among the lesson's `run` steps before this one
    std::pair<std::int64_t, std::int64_t> compare{0, 0};
    // patch: module key ("views", "models", "middleware", "signals", "apps") or
    // "templates/NAME" → replacement source. A patched template replaces the one of that name
    // (or adds it); modules not named keep their source.
    std::map<std::string, CodeBlock> patch;
    std::optional<Settings> settings; // patch: the scenario's settings with this and every earlier patch's settings applied
    SourcePos pos;
};

struct Template {
    std::string name;
    CodeBlock source;
};

struct Scenario {
    std::string file; // as given to the loader, used in diagnostics
    std::int64_t format = 1;
    std::string name;
    std::string summary;
    std::string description;
    std::string appLabel = "shop";
    Settings settings;
    std::optional<CodeBlock> models;
    std::vector<ModelData> data;
    std::vector<User> users;
    std::optional<CodeBlock> urls;
    std::optional<CodeBlock> views;
    std::vector<Template> templates; // in file order
    std::optional<CodeBlock> middleware;
    std::optional<CodeBlock> signals;
    std::optional<CodeBlock> apps;
    std::vector<Request> requests; // as written (repeat not expanded)
    std::optional<Load> load;
    std::optional<Costs> costs;
    std::vector<Expectation> expect;
    std::vector<LessonStep> lesson;

    // The requests as they run: each `repeat: N` item expanded to N copies. Request indices in
    // `expect`, `mix`, `run` and `--run` are 0-based indices into this list.
    std::vector<Request> expandedRequests() const;
};

// The startproject MIDDLEWARE list, Django's default for a new project.
const std::vector<std::string>& defaultMiddleware();

} // namespace pipelab::scenario
