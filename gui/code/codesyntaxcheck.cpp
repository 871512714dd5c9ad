// CodeSyntaxCheck: both parsers report by exception; the first error is the one shown, as Python
// and Django stop at the first one too.
#include "gui/code/codesyntaxcheck.h"

#include "sim/django/template/parser.h"
#include "sim/django/template/templatesyntaxerror.h"
#include "sim/python/parser.h"
#include "sim/python/syntaxerror.h"

#include <QStringList>

#include <exception>

namespace pipelab::gui {

std::vector<CodeEditor::LineMarker> CodeSyntaxCheck::check(const QString& blockKey, const QString& code,
                                                           int firstLine)
{
    using Kind = CodeEditor::LineMarker::Kind;
    static const QStringList pythonBlocks = {QStringLiteral("models"), QStringLiteral("urls"),
                                             QStringLiteral("views"),  QStringLiteral("middleware"),
                                             QStringLiteral("signals"), QStringLiteral("apps")};
    const std::string text = code.toStdString();
    if (pythonBlocks.contains(blockKey)) {
        try {
            py::Parser(text, py::Origin{firstLine, 1}, blockKey.toStdString()).parseModule();
        } catch (const py::SyntaxError& e) {
            return {{e.line(), Kind::Error, QStringLiteral("SyntaxError: ") + QString::fromStdString(e.message())}};
        } catch (const std::exception& e) {
            return {{firstLine, Kind::Error, QString::fromUtf8(e.what())}};
        }
    } else if (blockKey.startsWith(QLatin1String("templates/"))) {
        django::templates::ParseOptions options;
        options.templateName = blockKey.mid(10).toStdString();
        try {
            django::templates::parseTemplate(text, options);
        } catch (const django::templates::TemplateSyntaxError& e) {
            return {{e.sourceLine(firstLine), Kind::Error,
                     QStringLiteral("TemplateSyntaxError: ") + QString::fromUtf8(e.what())}};
        } catch (const std::exception& e) {
            return {{firstLine, Kind::Error, QString::fromUtf8(e.what())}};
        }
    }
    return {};
}

} // namespace pipelab::gui
