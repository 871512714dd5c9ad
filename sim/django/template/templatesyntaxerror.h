// TemplateSyntaxError: django.template.exceptions.TemplateSyntaxError with the line Django's
// debug page reports (the innermost token's line, 1-based within the template) and the line in
// the scenario file once the template's first YAML line is known.
#pragma once

#include <stdexcept>
#include <string>

namespace pipelab::django::templates {

class TemplateSyntaxError : public std::runtime_error {
public:
    TemplateSyntaxError(const std::string& message, int line = 0) : std::runtime_error(message), line_(line) {}

    int line() const { return line_; }                  // 0 until a token is attached
    void setLineIfUnset(int line)
    {
        if (line_ == 0)
            line_ = line;
    }
    // The line in the file the template came from, given the line its first line sits on.
    int sourceLine(int firstLine) const { return firstLine + (line_ > 0 ? line_ : 1) - 1; }

private:
    int line_;
};

} // namespace pipelab::django::templates
