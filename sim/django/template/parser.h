// Parser: Django's template Parser with the built-in tags PipeLab simulates (for, if, with,
// include, extends, block, url, csrf_token, load, comment, spaceless, now, firstof, cycle,
// autoescape, verbatim) and the `cache` library's {% cache %}. Errors are TemplateSyntaxErrors
// with Django's wording and the line Django reports.
#pragma once

#include "sim/django/template/nodes.h"
#include "sim/django/template/token.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::templates {

struct ParseOptions {
    std::string templateName; // origin.template_name, for relative {% include "./x" %}
    // The tag libraries {% load %} may name (an installed startproject's, by default); only
    // `cache` is simulated.
    std::vector<std::string> libraries = {"admin_list", "admin_modify", "admin_urls", "cache", "i18n",
                                          "l10n",       "log",          "static",     "tz"};
};

class Parser {
public:
    // How deep blocks may nest; deeper input is reported, never overflows the stack.
    static constexpr int kMaxNesting = 200;

    Parser(std::vector<Token> tokens, ParseOptions options);

    // Parser.parse(parse_until).
    NodeList parse(const std::vector<std::string>& parseUntil = {});

private:
    Token nextToken();
    void prependToken(Token token);
    void deleteFirstToken();
    void skipPast(const std::string& endtag);
    void extendNodelist(NodeList& nodelist, Node node, const Token& token);
    [[noreturn]] void invalidBlockTag(const Token& token, const std::string& command,
                                      const std::vector<std::string>& parseUntil);
    [[noreturn]] void unclosedBlockTag(const std::vector<std::string>& parseUntil);
    Node::Data compileTag(const std::string& command, const Token& token);
    bool isTag(const std::string& command) const;

    Node::Data doFor(const Token& token);
    Node::Data doIf(const Token& token);
    Node::Data doWith(const Token& token);
    Node::Data doInclude(const Token& token);
    Node::Data doExtends(const Token& token);
    Node::Data doBlock(const Token& token);
    Node::Data doUrl(const Token& token);
    Node::Data doLoad(const Token& token);
    Node::Data doCache(const Token& token);
    Node::Data doNow(const Token& token);
    Node::Data doFirstOf(const Token& token);
    Node::Data doCycle(const Token& token);
    Node::Data doAutoescape(const Token& token);
    Node::Data doVerbatim(const Token& token);
    ExtraContext tokenKwargs(std::vector<std::string>& bits, bool supportLegacy);
    std::string constructRelativePath(const std::string& relativeName) const;

    std::vector<Token> tokens_; // reversed, as Django keeps them
    std::vector<std::pair<std::string, Token>> commandStack_;
    ParseOptions options_;
    bool cacheLoaded_ = false;
    std::vector<std::string> loadedBlocks_;
    std::map<std::string, CycleNode> namedCycleNodes_;
    bool hasNamedCycles_ = false;
    int depth_ = 0;
};

// Lexer + Parser: the node list of a template, or a TemplateSyntaxError.
NodeList parseTemplate(std::string_view source, const ParseOptions& options = {});

} // namespace pipelab::django::templates
