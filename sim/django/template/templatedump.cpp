// The dump notation; tests/django/template/oracle/template_oracle.py prints the same from Django.
#include "sim/django/template/templatedump.h"

#include "sim/django/urls/pythonrepr.h"

#include <fmt/format.h>

namespace pipelab::django::templates {

namespace {

using urls::pyRepr;

std::string dumpKwargs(const ExtraContext& kwargs)
{
    std::string out;
    for (std::size_t i = 0; i < kwargs.size(); ++i)
        out += (i ? "," : "") + kwargs[i].first + "=" + kwargs[i].second.dump();
    return out;
}

std::string dumpList(const std::vector<FilterExpression>& list)
{
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i)
        out += (i ? "," : "") + list[i].dump();
    return out;
}

std::string optionalName(const std::optional<std::string>& s)
{
    return s ? *s : "None";
}

} // namespace

std::string dumpNodeList(const NodeList& nodelist)
{
    std::string out = "[";
    for (std::size_t i = 0; i < nodelist.size(); ++i)
        out += (i ? " " : "") + dumpNode(nodelist[i]);
    return out + "]";
}

std::string dumpNode(const Node& node)
{
    const std::string at = "@" + std::to_string(node.line);
    return std::visit(
        [&](const auto& n) -> std::string {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, TextNode>) {
                return "T" + at + pyRepr(n.s);
            } else if constexpr (std::is_same_v<T, VariableNode>) {
                return "V" + at + "(" + n.filterExpression.dump() + ")";
            } else if constexpr (std::is_same_v<T, ForNode>) {
                std::string vars;
                for (std::size_t i = 0; i < n.loopvars.size(); ++i)
                    vars += (i ? "," : "") + n.loopvars[i];
                return "For" + at + "(" + vars + " in " + n.sequence.dump() + (n.isReversed ? " reversed" : "") + ")" +
                       dumpNodeList(n.nodelistLoop) + (n.nodelistEmpty ? dumpNodeList(*n.nodelistEmpty) : "");
            } else if constexpr (std::is_same_v<T, IfNode>) {
                std::string out = "If" + at;
                for (const auto& [condition, nodelist] : n.conditionsNodelists)
                    out += "{" + (condition ? condition->dump() : std::string("else")) + "}" + dumpNodeList(nodelist);
                return out;
            } else if constexpr (std::is_same_v<T, WithNode>) {
                return "With" + at + "(" + dumpKwargs(n.extraContext) + ")" + dumpNodeList(n.nodelist);
            } else if constexpr (std::is_same_v<T, IncludeNode>) {
                return "Include" + at + "(" + n.templateName.dump() +
                       (n.extraContext.empty() ? "" : " with " + dumpKwargs(n.extraContext)) +
                       (n.isolatedContext ? " only" : "") + ")";
            } else if constexpr (std::is_same_v<T, ExtendsNode>) {
                return "Extends" + at + "(" + n.parentName.dump() + ")" + dumpNodeList(n.nodelist);
            } else if constexpr (std::is_same_v<T, BlockNode>) {
                return "Block" + at + "(" + n.name + ")" + dumpNodeList(n.nodelist);
            } else if constexpr (std::is_same_v<T, URLNode>) {
                return "Url" + at + "(" + n.viewName.dump() + " args=" + dumpList(n.args) +
                       " kwargs=" + dumpKwargs(n.kwargs) + " as=" + optionalName(n.asvar) + ")";
            } else if constexpr (std::is_same_v<T, CsrfTokenNode>) {
                return "Csrf" + at;
            } else if constexpr (std::is_same_v<T, LoadNode>) {
                return "Load" + at;
            } else if constexpr (std::is_same_v<T, CommentNode>) {
                return "Comment" + at;
            } else if constexpr (std::is_same_v<T, CacheNode>) {
                return "Cache" + at + "(" + n.expireTimeVar.dump() + " " + n.fragmentName + " vary=" +
                       dumpList(n.varyOn) + " using=" + (n.cacheName ? n.cacheName->dump() : std::string("None")) +
                       ")" + dumpNodeList(n.nodelist);
            } else if constexpr (std::is_same_v<T, SpacelessNode>) {
                return "Spaceless" + at + dumpNodeList(n.nodelist);
            } else if constexpr (std::is_same_v<T, NowNode>) {
                return "Now" + at + "(" + pyRepr(n.formatString) + " as=" + optionalName(n.asvar) + ")";
            } else if constexpr (std::is_same_v<T, FirstOfNode>) {
                return "FirstOf" + at + "(" + dumpList(n.vars) + " as=" + optionalName(n.asvar) + ")";
            } else if constexpr (std::is_same_v<T, CycleNode>) {
                return "Cycle" + at + "(" + dumpList(n.cyclevars) + " as=" + optionalName(n.variableName) +
                       " silent=" + (n.silent ? "True" : "False") + ")";
            } else if constexpr (std::is_same_v<T, AutoEscapeControlNode>) {
                return "Autoescape" + at + "(" + (n.setting ? "on" : "off") + ")" + dumpNodeList(n.nodelist);
            } else {
                static_assert(std::is_same_v<T, VerbatimNode>);
                return "Verbatim" + at + "(" + pyRepr(n.content) + ")";
            }
        },
        node.data);
}

} // namespace pipelab::django::templates
