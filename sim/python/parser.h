// Parser: tokens → AST for the Python subset of the scenario format (spec §4), by recursive
// descent with Python's precedence. Constructs outside the subset (yield, async, match, imports
// of os/sys/..., eval/exec/open ...) are SyntaxErrors naming the construct; nesting deeper than
// kMaxNesting is rejected so that neither the parser nor the interpreter can exhaust the C++ stack.
#pragma once

#include "sim/python/ast.h"
#include "sim/python/sourceloc.h"
#include "sim/python/token.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::py {

class Parser {
public:
    Parser(std::string_view text, Origin origin = {}, std::string kind = "code");

    // Throws SyntaxError.
    std::unique_ptr<ast::Module> parseModule();

    static constexpr int kMaxNesting = 100;

private:
    enum class Context { Module, Function, Class };

    // tokens
    const Token& peek(std::size_t ahead = 0) const;
    const Token& next();
    bool acceptOp(const char* op);
    bool acceptKeyword(const char* word);
    void expectOp(const char* op, const char* message = nullptr);
    void expectNewline();
    [[noreturn]] void fail(const std::string& message, const Token& at) const;
    [[noreturn]] void failAt(const std::string& message, int yamlLine, int yamlColumn) const;
    template <class T, class... Args>
    std::unique_ptr<T> node(const Token& at, Args&&... args) const;

    // statements
    void parseStatement(ast::Block& out);
    void parseSimpleStatements(ast::Block& out);
    ast::StmtPtr parseSmallStatement();
    ast::StmtPtr parseExpressionStatement();
    ast::Block parseBlock(const char* what, const Token& header);
    ast::StmtPtr parseIf();
    ast::StmtPtr parseWhile();
    ast::StmtPtr parseFor();
    ast::StmtPtr parseTry();
    ast::StmtPtr parseWith();
    ast::StmtPtr parseDef(std::vector<ast::ExprPtr> decorators, const Token& at);
    ast::StmtPtr parseClass(std::vector<ast::ExprPtr> decorators, const Token& at);
    ast::StmtPtr parseImport();
    ast::StmtPtr parseFromImport();
    ast::Parameters parseParameters(const char* closer, bool allowAnnotations);
    std::string parseDottedName();
    void checkModuleAllowed(const std::string& dotted, const Token& at) const;

    // expressions
    ast::ExprPtr parseTestListStarExpr();    // a, *b, c  (statement level)
    ast::ExprPtr parseTestList();            // a, b      (return, subscripts)
    ast::ExprPtr parseExprList();            // for targets (bitwise-or level)
    ast::ExprPtr parseTest();
    ast::ExprPtr parseTestNoCond();
    ast::ExprPtr parseLambda(bool noCond);
    ast::ExprPtr parseOrTest();
    ast::ExprPtr parseAndTest();
    ast::ExprPtr parseNotTest();
    ast::ExprPtr parseComparison();
    ast::ExprPtr parseBinary(int level);
    ast::ExprPtr parseFactor();
    ast::ExprPtr parsePower();
    ast::ExprPtr parseAtomExpr();
    ast::ExprPtr parseAtom();
    ast::ExprPtr parseStarOrTest();
    ast::ExprPtr parseParenthesized(const Token& open);
    ast::ExprPtr parseListDisplay(const Token& open);
    ast::ExprPtr parseBraceDisplay(const Token& open);
    ast::ExprPtr parseSubscriptIndex();
    ast::ExprPtr parseSliceItem();
    void parseCallArguments(ast::Call& call);
    std::vector<ast::CompFor> parseCompFor();
    ast::ExprPtr parseStrings();
    std::unique_ptr<ast::FString> parseFStringBody(const std::string& body, bool raw, int line, int column,
                                                   const Token& at);
    ast::ExprPtr parseEmbeddedExpression(const std::string& text, int line, int column, const Token& at);

    // checks
    void checkTarget(const ast::Expr& e, bool augmented) const;
    void finish(ast::Expr& e) const; // computes depth, rejects too deep trees

    struct NestingGuard {
        NestingGuard(Parser& p, const Token& at);
        ~NestingGuard();
        Parser& parser;
    };

    int yamlLine(int blockLine) const { return blockLine + origin_.line - 1; }
    int yamlColumn(int blockColumn) const { return blockColumn + origin_.column - 1; }

    std::string_view text_;
    Origin origin_;
    std::string kind_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    int nesting_ = 0;
    std::vector<Context> contexts_{Context::Module};
    std::vector<ast::FunctionSpec*> functions_;
    int loopDepth_ = 0;
};

// Convenience: parse a whole code block.
std::unique_ptr<ast::Module> parse(std::string_view text, Origin origin = {}, std::string kind = "code");

} // namespace pipelab::py
