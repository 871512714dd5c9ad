// Parser: django/template/base.py Parser.parse() and the compile functions of the tags PipeLab
// simulates, each following its Django counterpart statement by statement.
#include "sim/django/template/parser.h"

#include "sim/django/template/ifparser.h"
#include "sim/django/template/lexer.h"
#include "sim/django/template/templatesyntaxerror.h"
#include "sim/django/urls/pythonrepr.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace pipelab::django::templates {

namespace {

using urls::pyRepr;

const std::set<std::string, std::less<>> kSimulatedTags = {
    "autoescape", "block", "comment", "csrf_token", "cycle", "extends", "firstof", "for",
    "if", "include", "load", "now", "spaceless", "url", "verbatim", "with"};
const std::set<std::string, std::less<>> kUnsimulatedTags = {
    "debug", "filter", "ifchanged", "ifequal", "ifnotequal", "lorem", "regroup", "resetcycle", "templatetag",
    "widthratio"};

bool contains(const std::vector<std::string>& list, const std::string& s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

// django.utils.text.get_text_list(items, 'or').
std::string getTextList(const std::vector<std::string>& items)
{
    if (items.empty())
        return {};
    if (items.size() == 1)
        return items[0];
    std::string out;
    for (std::size_t i = 0; i + 1 < items.size(); ++i)
        out += (i ? ", " : "") + items[i];
    return out + " or " + items.back();
}

std::string join(const std::vector<std::string>& items, const std::string& sep)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? sep : "") + items[i];
    return out;
}

// kwarg_re = r"(?:(\w+)=)?(.+)": the name (if any) and the value.
std::pair<std::optional<std::string>, std::string> kwargMatch(const std::string& bit)
{
    std::size_t i = 0;
    while (i < bit.size()) {
        const auto c = static_cast<unsigned char>(bit[i]);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80))
            break;
        ++i;
    }
    if (i > 0 && i < bit.size() && bit[i] == '=' && i + 1 < bit.size())
        return {bit.substr(0, i), bit.substr(i + 1)};
    return {std::nullopt, bit};
}

void assign(ExtraContext& context, const std::string& key, FilterExpression value)
{
    for (auto& [k, v] : context) {
        if (k == key) {
            v = std::move(value);
            return;
        }
    }
    context.emplace_back(key, std::move(value));
}

// Every node list directly inside `node` (Django's child_nodelists, IfNode's nodelist).
template <typename F>
void forEachChildList(const Node& node, F&& f)
{
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, ForNode>) {
                f(n.nodelistLoop);
                if (n.nodelistEmpty)
                    f(*n.nodelistEmpty);
            } else if constexpr (std::is_same_v<T, IfNode>) {
                for (const auto& [condition, nodelist] : n.conditionsNodelists)
                    f(nodelist);
            } else if constexpr (requires { n.nodelist; }) {
                f(n.nodelist);
            }
        },
        node.data);
}

bool containsExtends(const NodeList& nodelist)
{
    for (const auto& node : nodelist) {
        if (std::holds_alternative<ExtendsNode>(node.data))
            return true;
        bool found = false;
        forEachChildList(node, [&](const NodeList& child) { found = found || containsExtends(child); });
        if (found)
            return true;
    }
    return false;
}

// posixpath.normpath().
std::string normpath(const std::string& path)
{
    if (path.empty())
        return ".";
    const bool absolute = path[0] == '/';
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part.empty() || part == ".") {
        } else if (part == "..") {
            if (!parts.empty() && parts.back() != "..")
                parts.pop_back();
            else if (!absolute)
                parts.push_back(part);
        } else {
            parts.push_back(part);
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    std::string out = (absolute ? "/" : "") + join(parts, "/");
    return out.empty() ? "." : out;
}

struct DepthGuard {
    int& depth;
    explicit DepthGuard(int& d) : depth(d)
    {
        if (++depth > Parser::kMaxNesting)
            throw TemplateSyntaxError(
                fmt::format("Template tags are nested more than {} levels deep.", Parser::kMaxNesting));
    }
    ~DepthGuard() { --depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
};

} // namespace

Parser::Parser(std::vector<Token> tokens, ParseOptions options) : options_(std::move(options))
{
    std::reverse(tokens.begin(), tokens.end());
    tokens_ = std::move(tokens);
}

Token Parser::nextToken()
{
    Token t = std::move(tokens_.back());
    tokens_.pop_back();
    return t;
}

void Parser::prependToken(Token token)
{
    tokens_.push_back(std::move(token));
}

void Parser::deleteFirstToken()
{
    if (!tokens_.empty())
        tokens_.pop_back();
}

NodeList Parser::parse(const std::vector<std::string>& parseUntil)
{
    DepthGuard guard(depth_);
    NodeList nodelist;
    while (!tokens_.empty()) {
        Token token = nextToken();
        switch (token.type) {
        case Token::Type::Text:
            extendNodelist(nodelist, Node{TextNode{token.contents}, token.lineno, token.contents}, token);
            break;
        case Token::Type::Var: {
            if (token.contents.empty())
                throw TemplateSyntaxError(fmt::format("Empty variable tag on line {}", token.lineno), token.lineno);
            try {
                auto fe = FilterExpression::parse(token.contents);
                extendNodelist(nodelist, Node{VariableNode{std::move(fe)}, token.lineno, token.contents}, token);
            } catch (TemplateSyntaxError& e) {
                e.setLineIfUnset(token.lineno);
                throw;
            }
            break;
        }
        case Token::Type::Block: {
            const auto bits = token.split();
            if (bits.empty())
                throw TemplateSyntaxError(fmt::format("Empty block tag on line {}", token.lineno), token.lineno);
            const std::string command = bits[0];
            if (contains(parseUntil, command)) {
                prependToken(std::move(token));
                return nodelist;
            }
            commandStack_.emplace_back(command, token);
            if (!isTag(command))
                invalidBlockTag(token, command, parseUntil);
            Node node;
            try {
                node = Node{compileTag(command, token), token.lineno, token.contents};
            } catch (TemplateSyntaxError& e) {
                e.setLineIfUnset(token.lineno);
                throw;
            }
            extendNodelist(nodelist, std::move(node), token);
            commandStack_.pop_back();
            break;
        }
        case Token::Type::Comment:
            break;
        }
    }
    if (!parseUntil.empty())
        unclosedBlockTag(parseUntil);
    return nodelist;
}

void Parser::skipPast(const std::string& endtag)
{
    while (!tokens_.empty()) {
        const Token token = nextToken();
        if (token.type == Token::Type::Block && token.contents == endtag)
            return;
    }
    unclosedBlockTag({endtag});
}

void Parser::extendNodelist(NodeList& nodelist, Node node, const Token& token)
{
    if (const auto* extends = std::get_if<ExtendsNode>(&node.data)) {
        const bool containsNontext = std::any_of(nodelist.begin(), nodelist.end(), [](const Node& n) {
            return !std::holds_alternative<TextNode>(n.data);
        });
        if (containsNontext)
            throw TemplateSyntaxError(fmt::format("<ExtendsNode: extends {}> must be the first tag in the template.",
                                                  extends->parentName.token),
                                      token.lineno);
    }
    nodelist.push_back(std::move(node));
}

void Parser::invalidBlockTag(const Token& token, const std::string& command, const std::vector<std::string>& parseUntil)
{
    if (kUnsimulatedTags.contains(command))
        throw TemplateSyntaxError(
            fmt::format("PipeLab does not simulate the '{}' tag (line {}).", command, token.lineno), token.lineno);
    if (!parseUntil.empty()) {
        std::vector<std::string> quoted;
        for (const auto& p : parseUntil)
            quoted.push_back("'" + p + "'");
        throw TemplateSyntaxError(fmt::format("Invalid block tag on line {}: '{}', expected {}. Did you forget to "
                                              "register or load this tag?",
                                              token.lineno, command, getTextList(quoted)),
                                  token.lineno);
    }
    throw TemplateSyntaxError(
        fmt::format("Invalid block tag on line {}: '{}'. Did you forget to register or load this tag?", token.lineno,
                    command),
        token.lineno);
}

void Parser::unclosedBlockTag(const std::vector<std::string>& parseUntil)
{
    const auto [command, token] = commandStack_.back();
    commandStack_.pop_back();
    throw TemplateSyntaxError(fmt::format("Unclosed tag on line {}: '{}'. Looking for one of: {}.", token.lineno,
                                          command, join(parseUntil, ", ")),
                              token.lineno);
}

bool Parser::isTag(const std::string& command) const
{
    return kSimulatedTags.contains(command) || (cacheLoaded_ && command == "cache");
}

Node::Data Parser::compileTag(const std::string& command, const Token& token)
{
    if (command == "for")
        return doFor(token);
    if (command == "if")
        return doIf(token);
    if (command == "with")
        return doWith(token);
    if (command == "include")
        return doInclude(token);
    if (command == "extends")
        return doExtends(token);
    if (command == "block")
        return doBlock(token);
    if (command == "url")
        return doUrl(token);
    if (command == "load")
        return doLoad(token);
    if (command == "cache")
        return doCache(token);
    if (command == "now")
        return doNow(token);
    if (command == "firstof")
        return doFirstOf(token);
    if (command == "cycle")
        return doCycle(token);
    if (command == "autoescape")
        return doAutoescape(token);
    if (command == "verbatim")
        return doVerbatim(token);
    if (command == "csrf_token")
        return CsrfTokenNode{};
    if (command == "comment") {
        skipPast("endcomment");
        return CommentNode{};
    }
    if (command == "spaceless") {
        NodeList nodelist = parse({"endspaceless"});
        deleteFirstToken();
        return SpacelessNode{std::move(nodelist)};
    }
    throw TemplateSyntaxError(fmt::format("Invalid block tag on line {}: '{}'.", token.lineno, command), token.lineno);
}

Node::Data Parser::doFor(const Token& token)
{
    const auto bits = token.splitContents();
    if (bits.size() < 4)
        throw TemplateSyntaxError("'for' statements should have at least four words: " + token.contents);
    const bool isReversed = bits.back() == "reversed";
    const std::size_t inIndex = bits.size() - (isReversed ? 3 : 2);
    if (bits[inIndex] != "in")
        throw TemplateSyntaxError("'for' statements should use the format 'for x in y': " + token.contents);
    // re.split(r' *, *', ' '.join(bits[1:in_index]))
    const std::string joined = join(std::vector<std::string>(bits.begin() + 1, bits.begin() + inIndex), " ");
    std::vector<std::string> loopvars;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = joined.find(',', start);
        std::string piece = joined.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (start > 0)
            piece.erase(0, piece.find_first_not_of(' ') == std::string::npos ? piece.size()
                                                                               : piece.find_first_not_of(' '));
        if (comma != std::string::npos)
            piece.erase(piece.find_last_not_of(' ') + 1);
        loopvars.push_back(piece);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    for (const auto& var : loopvars)
        if (var.empty() || var.find_first_of(" \"'|") != std::string::npos)
            throw TemplateSyntaxError("'for' tag received an invalid argument: " + token.contents);
    ForNode node;
    node.loopvars = loopvars;
    node.sequence = FilterExpression::parse(bits[inIndex + 1]);
    node.isReversed = isReversed;
    node.nodelistLoop = parse({"empty", "endfor"});
    const Token next = nextToken();
    if (next.contents == "empty") {
        node.nodelistEmpty = parse({"endfor"});
        deleteFirstToken();
    }
    return node;
}

Node::Data Parser::doIf(const Token& token)
{
    IfNode node;
    auto bits = token.splitContents();
    bits.erase(bits.begin());
    IfCondition condition = IfParser(bits).parse();
    NodeList nodelist = parse({"elif", "else", "endif"});
    node.conditionsNodelists.emplace_back(std::move(condition), std::move(nodelist));
    Token next = nextToken();
    while (next.contents.rfind("elif", 0) == 0) {
        auto elifBits = next.splitContents();
        elifBits.erase(elifBits.begin());
        IfCondition elifCondition;
        try {
            elifCondition = IfParser(elifBits).parse();
        } catch (TemplateSyntaxError& e) {
            e.setLineIfUnset(token.lineno);
            throw;
        }
        NodeList elifNodes = parse({"elif", "else", "endif"});
        node.conditionsNodelists.emplace_back(std::move(elifCondition), std::move(elifNodes));
        next = nextToken();
    }
    if (next.contents == "else") {
        NodeList elseNodes = parse({"endif"});
        node.conditionsNodelists.emplace_back(std::nullopt, std::move(elseNodes));
        next = nextToken();
    }
    if (next.contents != "endif")
        throw TemplateSyntaxError(fmt::format("Malformed template tag at line {}: \"{}\"", next.lineno, next.contents));
    return node;
}

ExtraContext Parser::tokenKwargs(std::vector<std::string>& bits, bool supportLegacy)
{
    if (bits.empty())
        return {};
    const bool kwargFormat = kwargMatch(bits[0]).first.has_value();
    if (!kwargFormat) {
        if (!supportLegacy)
            return {};
        if (bits.size() < 3 || bits[1] != "as")
            return {};
    }
    ExtraContext kwargs;
    while (!bits.empty()) {
        std::string key;
        std::string value;
        if (kwargFormat) {
            auto [name, v] = kwargMatch(bits[0]);
            if (!name)
                return kwargs;
            key = *name;
            value = v;
            bits.erase(bits.begin());
        } else {
            if (bits.size() < 3 || bits[1] != "as")
                return kwargs;
            key = bits[2];
            value = bits[0];
            bits.erase(bits.begin(), bits.begin() + 3);
        }
        assign(kwargs, key, FilterExpression::parse(value));
        if (!bits.empty() && !kwargFormat) {
            if (bits[0] != "and")
                return kwargs;
            bits.erase(bits.begin());
        }
    }
    return kwargs;
}

Node::Data Parser::doWith(const Token& token)
{
    const auto bits = token.splitContents();
    std::vector<std::string> remaining(bits.begin() + 1, bits.end());
    ExtraContext extra = tokenKwargs(remaining, true);
    if (extra.empty())
        throw TemplateSyntaxError(fmt::format("{} expected at least one variable assignment", pyRepr(bits[0])));
    if (!remaining.empty())
        throw TemplateSyntaxError(
            fmt::format("{} received an invalid token: {}", pyRepr(bits[0]), pyRepr(remaining[0])));
    NodeList nodelist = parse({"endwith"});
    deleteFirstToken();
    return WithNode{std::move(extra), std::move(nodelist)};
}

std::string Parser::constructRelativePath(const std::string& relativeName) const
{
    const bool hasQuotes = relativeName.size() >= 1 &&
                           ((relativeName.front() == '"' && relativeName.back() == '"') ||
                            (relativeName.front() == '\'' && relativeName.back() == '\''));
    std::string newName = relativeName;
    const std::size_t a = newName.find_first_not_of("'\"");
    const std::size_t b = newName.find_last_not_of("'\"");
    newName = a == std::string::npos ? std::string() : newName.substr(a, b - a + 1);
    if (newName.rfind("./", 0) != 0 && newName.rfind("../", 0) != 0)
        return relativeName;
    std::string current = options_.templateName;
    current.erase(0, current.find_first_not_of('/') == std::string::npos ? current.size()
                                                                          : current.find_first_not_of('/'));
    const std::size_t slash = current.rfind('/');
    const std::string dirname = slash == std::string::npos ? std::string() : current.substr(0, slash);
    newName = normpath(dirname.empty() ? newName : dirname + "/" + newName);
    if (newName.rfind("../", 0) == 0)
        throw TemplateSyntaxError(fmt::format(
            "The relative path '{}' points outside the file hierarchy that template '{}' is in.", relativeName,
            options_.templateName));
    if (current == newName)
        throw TemplateSyntaxError(
            fmt::format("The relative path '{}' was translated to template name '{}', the same template in which the "
                        "tag appears.",
                        relativeName, options_.templateName));
    return hasQuotes ? "\"" + newName + "\"" : newName;
}

Node::Data Parser::doInclude(const Token& token)
{
    auto bits = token.splitContents();
    if (bits.size() < 2)
        throw TemplateSyntaxError(fmt::format(
            "{} tag takes at least one argument: the name of the template to be included.", pyRepr(bits[0])));
    IncludeNode node;
    bool haveWith = false;
    bool haveOnly = false;
    std::vector<std::string> remaining(bits.begin() + 2, bits.end());
    while (!remaining.empty()) {
        const std::string option = remaining.front();
        remaining.erase(remaining.begin());
        if ((option == "with" && haveWith) || (option == "only" && haveOnly))
            throw TemplateSyntaxError(fmt::format("The {} option was specified more than once.", pyRepr(option)));
        if (option == "with") {
            node.extraContext = tokenKwargs(remaining, false);
            if (node.extraContext.empty())
                throw TemplateSyntaxError(
                    fmt::format("\"with\" in {} tag needs at least one keyword argument.", pyRepr(bits[0])));
            haveWith = true;
        } else if (option == "only") {
            node.isolatedContext = true;
            haveOnly = true;
        } else {
            throw TemplateSyntaxError(fmt::format("Unknown argument for {} tag: {}.", pyRepr(bits[0]), pyRepr(option)));
        }
    }
    node.templateName = FilterExpression::parse(constructRelativePath(bits[1]));
    return node;
}

Node::Data Parser::doExtends(const Token& token)
{
    const auto bits = token.splitContents();
    if (bits.size() != 2)
        throw TemplateSyntaxError(fmt::format("'{}' takes one argument", bits[0]));
    FilterExpression parentName = FilterExpression::parse(constructRelativePath(bits[1]));
    NodeList nodelist = parse();
    if (containsExtends(nodelist))
        throw TemplateSyntaxError(fmt::format("'{}' cannot appear more than once in the same template", bits[0]));
    return ExtendsNode{std::move(parentName), std::move(nodelist)};
}

Node::Data Parser::doBlock(const Token& token)
{
    const auto bits = token.split();
    if (bits.size() != 2)
        throw TemplateSyntaxError(fmt::format("'{}' tag takes only one argument", bits[0]));
    const std::string& blockName = bits[1];
    if (contains(loadedBlocks_, blockName))
        throw TemplateSyntaxError(fmt::format("'{}' tag with name '{}' appears more than once", bits[0], blockName));
    loadedBlocks_.push_back(blockName);
    NodeList nodelist = parse({"endblock"});
    const Token endblock = nextToken();
    const std::vector<std::string> acceptable = {"endblock", "endblock " + blockName};
    if (!contains(acceptable, endblock.contents))
        invalidBlockTag(endblock, "endblock", acceptable);
    return BlockNode{blockName, std::move(nodelist)};
}

Node::Data Parser::doUrl(const Token& token)
{
    auto bits = token.splitContents();
    if (bits.size() < 2)
        throw TemplateSyntaxError(fmt::format("'{}' takes at least one argument, a URL pattern name.", bits[0]));
    URLNode node;
    node.viewName = FilterExpression::parse(bits[1]);
    std::vector<std::string> rest(bits.begin() + 2, bits.end());
    if (rest.size() >= 2 && rest[rest.size() - 2] == "as") {
        node.asvar = rest.back();
        rest.resize(rest.size() - 2);
    }
    for (const auto& bit : rest) {
        auto [name, value] = kwargMatch(bit);
        if (name)
            assign(node.kwargs, *name, FilterExpression::parse(value));
        else
            node.args.push_back(FilterExpression::parse(value));
    }
    return node;
}

Node::Data Parser::doLoad(const Token& token)
{
    const auto bits = token.split();
    LoadNode node;
    auto findLibrary = [&](const std::string& name) {
        if (!contains(options_.libraries, name)) {
            auto sorted = options_.libraries;
            std::sort(sorted.begin(), sorted.end());
            throw TemplateSyntaxError(
                fmt::format("'{}' is not a registered tag library. Must be one of:\n{}", name, join(sorted, "\n")));
        }
        if (name != "cache")
            throw TemplateSyntaxError(
                fmt::format("PipeLab does not simulate the '{}' tag library; it simulates only 'cache'.", name));
        node.libraries.push_back(name);
    };
    if (bits.size() >= 4 && bits[bits.size() - 2] == "from") {
        const std::string& name = bits.back();
        findLibrary(name);
        for (std::size_t i = 1; i + 2 < bits.size(); ++i)
            if (bits[i] != "cache")
                throw TemplateSyntaxError(
                    fmt::format("'{}' is not a valid tag or filter in tag library '{}'", bits[i], name));
        cacheLoaded_ = true;
    } else {
        for (std::size_t i = 1; i < bits.size(); ++i) {
            findLibrary(bits[i]);
            cacheLoaded_ = true;
        }
    }
    return node;
}

Node::Data Parser::doCache(const Token& token)
{
    CacheNode node;
    node.nodelist = parse({"endcache"});
    deleteFirstToken();
    auto tokens = token.splitContents();
    if (tokens.size() < 3)
        throw TemplateSyntaxError(fmt::format("'{}' tag requires at least 2 arguments.", pyRepr(tokens[0])));
    if (tokens.size() > 3 && tokens.back().rfind("using=", 0) == 0) {
        node.cacheName = FilterExpression::parse(tokens.back().substr(6));
        tokens.pop_back();
    }
    node.expireTimeVar = FilterExpression::parse(tokens[1]);
    node.fragmentName = tokens[2];
    for (std::size_t i = 3; i < tokens.size(); ++i)
        node.varyOn.push_back(FilterExpression::parse(tokens[i]));
    return node;
}

Node::Data Parser::doNow(const Token& token)
{
    auto bits = token.splitContents();
    NowNode node;
    if (bits.size() == 4 && bits[2] == "as") {
        node.asvar = bits[3];
        bits.resize(2);
    }
    if (bits.size() != 2)
        throw TemplateSyntaxError("'now' statement takes one argument");
    node.formatString = bits[1].size() >= 2 ? bits[1].substr(1, bits[1].size() - 2) : std::string();
    return node;
}

Node::Data Parser::doFirstOf(const Token& token)
{
    auto all = token.splitContents();
    std::vector<std::string> bits(all.begin() + 1, all.end());
    if (bits.empty())
        throw TemplateSyntaxError("'firstof' statement requires at least one argument");
    FirstOfNode node;
    if (bits.size() >= 2 && bits[bits.size() - 2] == "as") {
        node.asvar = bits.back();
        bits.resize(bits.size() - 2);
    }
    for (const auto& bit : bits)
        node.vars.push_back(FilterExpression::parse(bit));
    return node;
}

Node::Data Parser::doCycle(const Token& token)
{
    auto args = token.splitContents();
    if (args.size() < 2)
        throw TemplateSyntaxError("'cycle' tag requires at least two arguments");
    if (args.size() == 2) {
        const std::string& name = args[1];
        if (!hasNamedCycles_)
            throw TemplateSyntaxError(fmt::format("No named cycles in template. '{}' is not defined", name));
        const auto found = namedCycleNodes_.find(name);
        if (found == namedCycleNodes_.end())
            throw TemplateSyntaxError(fmt::format("Named cycle '{}' does not exist", name));
        CycleNode reference = found->second;
        reference.isReference = true;
        return reference;
    }
    bool asForm = false;
    bool silent = false;
    if (args.size() > 4) {
        if (args[args.size() - 3] == "as") {
            if (args.back() != "silent")
                throw TemplateSyntaxError(
                    fmt::format("Only 'silent' flag is allowed after cycle's name, not '{}'.", args.back()));
            asForm = true;
            silent = true;
            args.pop_back();
        } else if (args[args.size() - 2] == "as") {
            asForm = true;
        }
    }
    CycleNode node;
    if (asForm) {
        for (std::size_t i = 1; i + 2 < args.size(); ++i)
            node.cyclevars.push_back(FilterExpression::parse(args[i]));
        node.variableName = args.back();
        node.silent = silent;
        hasNamedCycles_ = true;
        namedCycleNodes_[args.back()] = node;
    } else {
        for (std::size_t i = 1; i < args.size(); ++i)
            node.cyclevars.push_back(FilterExpression::parse(args[i]));
    }
    return node;
}

Node::Data Parser::doAutoescape(const Token& token)
{
    const auto args = token.split();
    if (args.size() != 2)
        throw TemplateSyntaxError("'autoescape' tag requires exactly one argument.");
    if (args[1] != "on" && args[1] != "off")
        throw TemplateSyntaxError("'autoescape' argument should be 'on' or 'off'");
    NodeList nodelist = parse({"endautoescape"});
    deleteFirstToken();
    return AutoEscapeControlNode{args[1] == "on", std::move(nodelist)};
}

Node::Data Parser::doVerbatim(const Token&)
{
    // The lexer turned everything up to the matching end tag into text.
    NodeList nodelist = parse({"endverbatim"});
    deleteFirstToken();
    std::string content;
    for (const auto& node : nodelist)
        if (const auto* text = std::get_if<TextNode>(&node.data))
            content += text->s;
    return VerbatimNode{std::move(content)};
}

NodeList parseTemplate(std::string_view source, const ParseOptions& options)
{
    Parser parser(Lexer::tokenize(source), options);
    return parser.parse();
}

} // namespace pipelab::django::templates
