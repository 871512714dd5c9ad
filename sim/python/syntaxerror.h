// SyntaxError: a parse-time problem in a code block (bad syntax, unsupported construct, nesting
// limits), with the YAML line and column it points at.
#pragma once

#include <stdexcept>
#include <string>

namespace pipelab::py {

class SyntaxError : public std::runtime_error {
public:
    SyntaxError(std::string message, std::string kind, int line, int column)
        : std::runtime_error(kind + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message),
          message_(std::move(message)), kind_(std::move(kind)), line_(line), column_(column)
    {
    }

    const std::string& message() const { return message_; }
    const std::string& kind() const { return kind_; }
    int line() const { return line_; }
    int column() const { return column_; }

private:
    std::string message_;
    std::string kind_;
    int line_;
    int column_;
};

} // namespace pipelab::py
