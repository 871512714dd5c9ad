// Token: one lexical unit of a code block. Positions are 1-based and relative to the block
// (the parser maps them into the YAML file).
#pragma once

#include <cstdint>
#include <string>

namespace pipelab::py {

enum class TokenKind { Name, Int, Float, String, FString, Op, Newline, Indent, Dedent, EndOfFile };

struct Token {
    TokenKind kind = TokenKind::EndOfFile;
    // Name: the identifier; Op: the operator; String: the decoded value; FString: the raw body
    // between the quotes (escapes are decoded per literal part by the parser); Int/Float: source.
    std::string text;
    int line = 1;
    int column = 1;
    std::int64_t intValue = 0;
    double floatValue = 0;
    // FString: position of the first body character, raw prefix, and whether triple quoted.
    int bodyLine = 0;
    int bodyColumn = 0;
    bool raw = false;

    bool is(TokenKind k, const char* t) const { return kind == k && text == t; }
    bool isOp(const char* t) const { return kind == TokenKind::Op && text == t; }
    bool isKeyword(const char* t) const { return kind == TokenKind::Name && text == t; }
};

// Python's reserved words (a Name token spelled like one is a keyword).
bool isReservedWord(const std::string& word);

} // namespace pipelab::py
