// Detector (see detector.h).
#include "sim/django/analysis/detector.h"

#include "sim/django/analysis/querysetexpression.h"
#include "sim/django/analysis/selectstatement.h"
#include "sim/django/project/project.h"
#include "sim/django/runner/tracereport.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace pipelab::django::analysis {

namespace {

std::string quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

// The Fix replacing `line` by `after`.
Fix editOf(const ScenarioCode::Line& line, std::string after)
{
    return Fix{line.block, line.yamlLine(), line.code->pos.column, std::string(line.text), std::move(after)};
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

std::string_view stripped(std::string_view text)
{
    const std::size_t b = text.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return {};
    return text.substr(b, text.find_last_not_of(" \t") + 1 - b);
}

// The start of the identifier chain ending just before `end` ("order.product" in
// "{{ order.product.name }}" for the `.name` at `end`).
std::size_t chainStart(std::string_view line, std::size_t end)
{
    std::size_t q = end;
    while (q > 0 && (isIdentifierChar(line[q - 1]) || line[q - 1] == '.'))
        --q;
    return q;
}

// The identifier just before `dot` and where it starts; empty when there is none.
std::pair<std::string_view, std::size_t> identifierBefore(std::string_view line, std::size_t dot)
{
    std::size_t q = dot;
    while (q > 0 && isIdentifierChar(line[q - 1]))
        --q;
    return {line.substr(q, dot - q), q};
}

// Where `.name` is accessed on `line` (the position of the dot), or npos.
std::size_t attributeAt(std::string_view line, std::string_view name)
{
    for (std::size_t at = line.find(name); at != std::string_view::npos; at = line.find(name, at + 1)) {
        const std::size_t end = at + name.size();
        if (at > 0 && line[at - 1] == '.' && (end == line.size() || !isIdentifierChar(line[end])))
            return at - 1;
    }
    return std::string_view::npos;
}

// The string literal arguments of every `call(` on `text` ("render" → its arguments).
std::vector<std::vector<CallArgument>> callsNamed(std::string_view text, std::string_view call)
{
    std::vector<std::vector<CallArgument>> out;
    const std::string open = std::string(call) + "(";
    for (std::size_t at = text.find(open); at != std::string_view::npos; at = text.find(open, at + 1)) {
        if (at > 0 && (isIdentifierChar(text[at - 1]) || text[at - 1] == '.'))
            continue;
        const std::size_t paren = at + call.size();
        const std::size_t close = matchingBracket(text, paren);
        if (close != std::string_view::npos)
            out.push_back(splitArguments(text, paren, close));
    }
    return out;
}

bool readsRequestUser(std::string_view text)
{
    for (std::size_t at = text.find("request.user"); at != std::string_view::npos;
         at = text.find("request.user", at + 1)) {
        const std::size_t end = at + 12;
        if ((at == 0 || !isIdentifierChar(text[at - 1])) && (end == text.size() || !isIdentifierChar(text[end])))
            return true;
    }
    return false;
}

// Whether a template reads the `user` context variable (the auth context processor's) in a
// variable or a tag.
bool templateReadsUser(std::string_view text)
{
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        if (open + 1 >= text.size() || (text[open + 1] != '{' && text[open + 1] != '%'))
            continue;
        const std::size_t close = text.find(text[open + 1] == '{' ? "}}" : "%}", open + 2);
        if (close == std::string_view::npos)
            break;
        const std::string_view inside = text.substr(open + 2, close - open - 2);
        if (hasName(inside, "user") || readsRequestUser(inside))
            return true;
        open = close;
    }
    return false;
}

} // namespace

Detector::Detector(const scenario::Scenario& scenario, const db::ModelRegistry& models, bool signalsImported)
    : scenario_(scenario), models_(models), signalsImported_(signalsImported), code_(scenario)
{
}

const db::ModelMeta* Detector::modelByTable(std::string_view table) const
{
    for (const auto& m : models_.models())
        if (m->dbTable == table)
            return m.get();
    return nullptr;
}

std::vector<Finding> Detector::inspect(const trace::Trace& trace) const
{
    std::vector<Finding> out;
    const auto seen = [&out](const Finding& f) {
        return std::any_of(out.begin(), out.end(), [&f](const Finding& g) {
            return g.kind == f.kind && g.source == f.source && g.relation == f.relation;
        });
    };
    for (const trace::RequestTrace& request : trace.requests)
        for (Finding& f : inspectRequest(request))
            if (!seen(f))
                out.push_back(std::move(f));
    for (Finding& f : inspectCode())
        out.push_back(std::move(f));
    return out;
}

std::optional<ScenarioCode::Definition> Detector::viewOf(const trace::RequestTrace& request) const
{
    const std::string prefix = scenario_.appLabel + ".views.";
    for (const trace::Event& e : request.events)
        if (e.kind == trace::EventKind::ViewCalled && startsWith(e.detail, prefix))
            return code_.definition("views", std::string_view(e.detail).substr(prefix.size()));
    return std::nullopt;
}

std::vector<Finding> Detector::inspectRequest(const trace::RequestTrace& request) const
{
    std::vector<Finding> out;
    const std::optional<ScenarioCode::Definition> view = viewOf(request);

    // Queries of one shape from one line, in order of first appearance.
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> groups;
    std::vector<const std::vector<std::size_t>*> order;
    for (std::size_t i = 0; i < request.queries.size(); ++i) {
        std::vector<std::size_t>& g = groups[{runner::sqlShape(request.queries[i].sql), request.queries[i].source}];
        g.push_back(i);
        if (g.size() == 1)
            order.push_back(&g);
    }
    std::vector<bool> repeated(request.queries.size(), false);
    for (const std::vector<std::size_t>* members : order) {
        if (members->size() < 2)
            continue;
        for (std::size_t i : *members)
            repeated[i] = true;
        if (std::optional<Finding> f = repeatedQueries(request, *members, view))
            out.push_back(std::move(*f));
    }
    countsBesideLoops(request, repeated, out);
    if (view)
        unusedLookups(request, *view, out);
    for (Finding& f : out)
        f.request = request.index;
    return out;
}

std::optional<Detector::Relation> Detector::classify(std::string_view sql, std::string_view line) const
{
    const std::optional<SelectStatement> st = SelectStatement::parse(sql);
    if (!st || st->count || !st->whereEquals)
        return std::nullopt;
    const db::ModelMeta* table = modelByTable(st->from);
    if (!table)
        return std::nullopt;

    if (!st->joinTable.empty()) {
        // product.tags.all(): FROM tag INNER JOIN product_tags ... WHERE product_tags.product_id = N
        const db::ModelMeta* through = modelByTable(st->joinTable);
        if (!through || !through->autoCreated || st->whereEquals->table != st->joinTable)
            return std::nullopt;
        const db::Field* side = through->fieldByAttname(st->whereEquals->column);
        if (!side || !side->isForeignKey())
            return std::nullopt;
        for (const auto& m : models_.models())
            for (const db::Field& f : m->manyToMany) {
                if (f.through != through)
                    continue;
                if (side->relatedModel == f.model && !startsWith(side->name, "to_"))
                    return Relation{FindingKind::NPlusOne, f.model, f.name, RelationKind::ManyToMany};
                for (const db::RelatedObject& r : f.relatedModel->relatedObjects)
                    if (r.field == &f)
                        return Relation{FindingKind::NPlusOne, f.relatedModel, r.accessorName,
                                        RelationKind::ReverseManyToMany};
            }
        return std::nullopt;
    }

    if (st->whereEquals->table != st->from)
        return std::nullopt;
    const db::Field* where = table->fieldByAttname(st->whereEquals->column);
    if (!where)
        return std::nullopt;
    if (where->primaryKey) {
        const bool allColumns = st->columns.size() == table->fields.size()
            && std::equal(st->columns.begin(), st->columns.end(), table->fields.begin(),
                          [&](const ColumnRef& c, const db::Field& f) { return c.table == st->from && c.column == f.column; });
        if (allColumns && st->limited) {
            // order.product: the target row by primary key. Which FK it was, the line tells.
            std::vector<const db::Field*> named;
            for (const auto& m : models_.models())
                for (const db::Field& f : m->fields)
                    if (f.isForeignKey() && f.relatedModel == table && hasAttributeAccess(line, f.name))
                        named.push_back(&f);
            if (named.size() != 1)
                return std::nullopt;
            return Relation{FindingKind::NPlusOne, named.front()->model, named.front()->name,
                            named.front()->kind == db::FieldKind::OneToOneField ? RelationKind::ForwardOneToOne
                                                                                 : RelationKind::ForwardForeignKey};
        }
        // refresh_from_db(fields=[f]) for a deferred field: SELECT id, f ... WHERE id = N LIMIT 21
        if (st->columns.size() == 2 && st->columns[0] == ColumnRef{st->from, table->pk().column} && st->limited) {
            const db::Field* deferred = table->fieldByAttname(st->columns[1].column);
            if (!deferred || !hasAttributeAccess(line, deferred->name))
                return std::nullopt;
            return Relation{FindingKind::DeferredField, table, deferred->name, RelationKind::None};
        }
        return std::nullopt;
    }
    if (!where->isForeignKey())
        return std::nullopt;
    // customer.orders.all(): the children by their FK; user.profile: the one child, LIMIT 21.
    for (const db::RelatedObject& r : where->relatedModel->relatedObjects)
        if (r.field == where)
            return Relation{FindingKind::NPlusOne, where->relatedModel, r.accessorName,
                            r.multiple ? RelationKind::ReverseForeignKey : RelationKind::ReverseOneToOne};
    return std::nullopt;
}

template <typename Edit>
std::optional<Detector::Located> Detector::locate(const ScenarioCode::Definition& view, const std::string& model,
                                                  Edit edit) const
{
    std::vector<Located> found;
    for (int n = view.def; n <= view.last; ++n) {
        const std::optional<ScenarioCode::Line> line = code_.line("views", n);
        if (!line)
            continue;
        for (const QuerySetExpression& e : QuerySetExpression::find(line->text, model)) {
            if (!e.yieldsInstances())
                continue;
            if (std::optional<std::string> edited = edit(e, line->text))
                found.push_back({*line, std::move(*edited), std::string(e.text(line->text))});
        }
    }
    if (found.size() != 1)
        return std::nullopt;
    return std::move(found.front());
}

void Detector::settle(Finding& finding, Located at)
{
    finding.queryset = std::move(at.queryset);
    finding.querysetSource = at.line.source();
    finding.fix = editOf(at.line, std::move(at.edited));
}

std::optional<Finding> Detector::repeatedQueries(const trace::RequestTrace& request,
                                                 const std::vector<std::size_t>& members,
                                                 const std::optional<ScenarioCode::Definition>& view) const
{
    const trace::Query& first = request.queries[members.front()];
    const std::optional<ScenarioCode::Line> line = code_.line(first.source);
    if (!line)
        return std::nullopt;
    const std::optional<Relation> relation = classify(first.sql, line->text);
    if (!relation)
        return std::nullopt;

    Finding f;
    f.kind = relation->kind;
    f.source = first.source;
    f.relationKind = relation->relationKind;
    f.queries = static_cast<std::int64_t>(members.size());
    for (std::size_t i : members)
        f.rows += request.queries[i].rows;

    if (relation->kind == FindingKind::DeferredField) {
        f.model = relation->owner->objectName;
        f.relation = relation->name;
        f.queriesSaved = f.queries;
        f.suggestion = "load " + quoted(relation->name) + " with the QuerySet (only()/defer())";
        if (!view)
            return f;
        std::string suggestion;
        const auto edit = [&](const QuerySetExpression& e, std::string_view text) -> std::optional<std::string> {
            if (std::optional<std::string> out = e.withoutLookup(text, "defer", relation->name)) {
                suggestion = "remove " + quoted(relation->name) + " from .defer()";
                return out;
            }
            if (e.call("only")) {
                suggestion = "add " + quoted(relation->name) + " to .only()";
                return e.withLookup(text, "only", relation->name);
            }
            return std::nullopt;
        };
        if (std::optional<Located> at = locate(*view, f.model, edit)) {
            f.suggestion = suggestion;
            settle(f, std::move(*at));
        }
        return f;
    }

    // The path from the model the code loops over: `line.order.product` on OrderLine is
    // "order__product" when `product` is the repeated relation.
    const db::ModelMeta* root = relation->owner;
    std::string path = relation->name;
    std::size_t dot = attributeAt(line->text, relation->name);
    if (dot == std::string_view::npos)
        return std::nullopt;
    const std::size_t start = chainStart(line->text, dot);
    while (dot > start) {
        const auto [token, tokenStart] = identifierBefore(line->text, dot);
        if (token.empty() || tokenStart == start || line->text[tokenStart - 1] != '.')
            break; // the loop variable itself
        const db::Field* step = nullptr;
        int matches = 0;
        for (const auto& m : models_.models())
            for (const db::Field& fk : m->fields)
                if (fk.isForeignKey() && fk.relatedModel == root && fk.name == token) {
                    step = &fk;
                    ++matches;
                }
        if (matches != 1)
            break;
        path = std::string(token) + "__" + path;
        root = step->model;
        dot = tokenStart - 1;
    }

    const bool join = relation->relationKind == RelationKind::ForwardForeignKey
        || relation->relationKind == RelationKind::ForwardOneToOne || relation->relationKind == RelationKind::ReverseOneToOne;
    const std::string method = join ? "select_related" : "prefetch_related";
    f.model = root->objectName;
    f.relation = path;
    f.suggestion = "." + method + "(" + quoted(path) + ")";
    f.queriesSaved = join ? f.queries : f.queries - 1;
    if (!view)
        return f;
    const auto edit = [&](const QuerySetExpression& e, std::string_view text) {
        return e.withLookup(text, method, path);
    };
    if (std::optional<Located> at = locate(*view, f.model, edit))
        settle(f, std::move(*at));
    return f;
}

void Detector::countsBesideLoops(const trace::RequestTrace& request, const std::vector<bool>& repeated,
                                 std::vector<Finding>& out) const
{
    for (std::size_t i = 0; i < request.queries.size(); ++i) {
        if (repeated[i])
            continue;
        const trace::Query& count = request.queries[i];
        const std::optional<SelectStatement> st = SelectStatement::parse(count.sql);
        const std::optional<ScenarioCode::Line> line = code_.line(count.source);
        if (!st || !st->count || !st->joinTable.empty() || !line)
            continue;
        const bool inTemplate = startsWith(line->block, "templates/");
        const std::size_t dot = attributeAt(line->text, "count");
        if (dot == std::string_view::npos)
            continue;
        const std::string_view name = line->text.substr(chainStart(line->text, dot), dot - chainStart(line->text, dot));
        if (name.empty() || name.find('.') != std::string_view::npos)
            continue;
        const std::string call = std::string(name) + ".count" + (inTemplate ? "" : "()");
        const std::size_t at = line->text.find(call, dot - name.size());
        if (at != dot - name.size())
            continue;
        // The loop over the same QuerySet: the same table and WHERE, whole (no LIMIT), from a line
        // that iterates `name`.
        for (std::size_t j = 0; j < request.queries.size(); ++j) {
            const std::optional<SelectStatement> loop = SelectStatement::parse(request.queries[j].sql);
            const std::optional<ScenarioCode::Line> loopLine = code_.line(request.queries[j].source);
            if (!loop || loop->count || loop->from != st->from || loop->where != st->where || loop->limited
                || !loop->joinTable.empty() || !loopLine)
                continue;
            const std::string_view text = loopLine->text;
            const std::string in = " in " + std::string(name);
            const std::size_t inAt = text.find(in);
            if (inAt == std::string_view::npos || (inAt + in.size() < text.size() && isIdentifierChar(text[inAt + in.size()])))
                continue;
            Finding f;
            f.kind = FindingKind::CountBesideLoop;
            f.source = count.source;
            const db::ModelMeta* model = modelByTable(st->from);
            f.model = model ? model->objectName : st->from;
            f.relation = std::string(name);
            f.queries = 1;
            f.queriesSaved = 1;
            f.rows = count.rows;
            const std::string replacement = inTemplate ? std::string(name) + "|length" : "len(" + std::string(name) + ")";
            f.suggestion = replacement;
            f.queryset = std::string(name);
            f.querysetSource = request.queries[j].source;
            std::string edited(line->text);
            edited.replace(at, call.size(), replacement);
            f.fix = editOf(*line, edited);
            out.push_back(std::move(f));
            break;
        }
    }
}

std::string Detector::templateFamilyText(const std::string& name) const
{
    std::string text;
    std::vector<std::string> pending{name};
    std::set<std::string> seen;
    while (!pending.empty()) {
        const std::string current = pending.back();
        pending.pop_back();
        if (!seen.insert(current).second)
            continue;
        const scenario::CodeBlock* block = code_.block("templates/" + current);
        if (!block)
            continue;
        text += block->text;
        for (std::string_view tag : {"extends", "include"})
            for (std::size_t at = block->text.find(tag); at != std::string::npos; at = block->text.find(tag, at + 1)) {
                const std::size_t quote = block->text.find_first_not_of(' ', at + tag.size());
                if (quote == std::string::npos || (block->text[quote] != '"' && block->text[quote] != '\''))
                    continue;
                const std::size_t end = block->text.find(block->text[quote], quote + 1);
                if (end != std::string::npos)
                    pending.push_back(block->text.substr(quote + 1, end - quote - 1));
            }
    }
    return text;
}

void Detector::unusedLookups(const trace::RequestTrace& request, const ScenarioCode::Definition& view,
                             std::vector<Finding>& out) const
{
    // Everything that could read the relation: the view and every template this request rendered.
    std::string readers = code_.text("views", view.first, view.last);
    for (const trace::Event& e : request.events)
        if (e.kind == trace::EventKind::TemplateRender)
            readers += templateFamilyText(e.detail);

    for (int n = view.def; n <= view.last; ++n) {
        const std::optional<ScenarioCode::Line> line = code_.line("views", n);
        if (!line)
            continue;
        for (const QuerySetExpression& e : QuerySetExpression::find(line->text)) {
            for (const QuerySetCall& call : e.calls()) {
                const bool select = call.name == "select_related";
                if (!select && call.name != "prefetch_related")
                    continue;
                for (const CallArgument& arg : call.arguments) {
                    if (!arg.literal)
                        continue;
                    bool used = true;
                    for (std::size_t from = 0; from <= arg.literal->size();) {
                        const std::size_t sep = std::min(arg.literal->find("__", from), arg.literal->size());
                        used = used && hasAttributeAccess(readers, std::string_view(*arg.literal).substr(from, sep - from));
                        from = sep + 2;
                    }
                    if (used)
                        continue;
                    Finding f;
                    f.kind = select ? FindingKind::UnusedSelectRelated : FindingKind::UnusedPrefetchRelated;
                    f.source = line->source();
                    f.model = e.model();
                    f.relation = *arg.literal;
                    f.suggestion = "remove " + quoted(*arg.literal) + " from ." + call.name + "()";
                    f.queryset = std::string(e.text(line->text));
                    f.querysetSource = line->source();
                    f.detail = select ? "the JOIN adds its columns to every row" : "an extra query loads its rows";
                    if (std::optional<std::string> edited = e.withoutLookup(line->text, call.name, *arg.literal))
                        f.fix = editOf(*line, *edited);
                    out.push_back(std::move(f));
                }
            }
        }
    }
}

std::vector<Finding> Detector::inspectCode() const
{
    std::vector<Finding> out;
    unconnectedReceivers(out);
    cachePagesWithoutVary(out);
    return out;
}

void Detector::unconnectedReceivers(std::vector<Finding>& out) const
{
    if (signalsImported_ || !code_.block("signals"))
        return;
    const std::string module = scenario_.appLabel + ".signals";
    const auto add = [&](const ScenarioCode::Line& line, std::string name) {
        Finding f;
        f.kind = FindingKind::UnconnectedReceiver;
        f.source = line.source();
        f.relation = std::move(name);
        f.suggestion = "import " + module + " in AppConfig.ready(): from . import signals";
        f.detail = "nothing imports " + module + ", so Django never connects " + f.relation;
        out.push_back(std::move(f));
    };
    for (const ScenarioCode::Definition& d : code_.definitions("signals")) {
        if (d.isClass)
            continue;
        for (int n = d.first; n < d.def; ++n)
            if (startsWith(code_.line("signals", n)->text, "@receiver("))
                add(*code_.line("signals", d.def), d.name);
    }
    // Module-level `post_save.connect(receiver, ...)`.
    for (int n = 1; n <= code_.lineCount("signals"); ++n) {
        const ScenarioCode::Line line = *code_.line("signals", n);
        if (line.text.empty() || line.text.front() == ' ' || line.text.front() == '\t')
            continue;
        const std::size_t at = line.text.find(".connect(");
        if (at == std::string_view::npos)
            continue;
        const std::size_t close = matchingBracket(line.text, at + 8);
        if (close == std::string_view::npos)
            continue;
        const std::vector<CallArgument> args = splitArguments(line.text, at + 8, close);
        if (!args.empty())
            add(line, std::string(line.text.substr(args[0].begin, args[0].end - args[0].begin)));
    }
}

void Detector::cachePagesWithoutVary(std::vector<Finding>& out) const
{
    for (const ScenarioCode::Definition& d : code_.definitions("views")) {
        if (d.isClass)
            continue;
        int cachePage = 0;
        bool varies = false;
        for (int n = d.first; n < d.def; ++n) {
            const std::string_view text = stripped(code_.line("views", n)->text);
            if (startsWith(text, "@cache_page(")) {
                cachePage = n;
                varies = false; // only a vary decorator below cache_page sets Vary before it caches
            } else if (cachePage && (text == "@vary_on_cookie"
                                     || (startsWith(text, "@vary_on_headers(")
                                         && (text.find("\"Cookie\"") != std::string_view::npos
                                             || text.find("'Cookie'") != std::string_view::npos)))) {
                varies = true;
            }
        }
        if (!cachePage || varies)
            continue;
        const std::string body = code_.text("views", d.def, d.last);
        std::string reader;
        if (readsRequestUser(body))
            reader = "the view reads request.user";
        for (const std::vector<CallArgument>& args : callsNamed(body, "render"))
            if (reader.empty() && args.size() >= 2 && args[1].literal && templateReadsUser(templateFamilyText(*args[1].literal)))
                reader = "its template " + *args[1].literal + " reads user";
        if (reader.empty())
            continue;
        const ScenarioCode::Line line = *code_.line("views", cachePage);
        Finding f;
        f.kind = FindingKind::CachePageWithoutVaryOnCookie;
        f.source = line.source();
        f.relation = d.name;
        f.suggestion = "@vary_on_cookie";
        f.detail = reader + ", but the cached page is keyed without the session cookie: one user's page is served to another";
        // Below cache_page, so the Vary header is set before the page is cached.
        f.fix = editOf(line, std::string(line.text) + "\n@vary_on_cookie");
        out.push_back(std::move(f));
    }
}

std::vector<Finding> findProblems(project::Project& project, const trace::Trace& trace)
{
    const Detector detector(project.scenario(), project.orm().registry(), project.module("signals") != nullptr);
    return detector.inspect(trace);
}

} // namespace pipelab::django::analysis
