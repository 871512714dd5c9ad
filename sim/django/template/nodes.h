// The node tree: one struct per Django node class the parser builds (TextNode, VariableNode and
// the nodes of defaulttags.py, loader_tags.py and templatetags/cache.py), held by Node with the
// 1-based line of the token that made it. They are kept together, as Django keeps a tag library's
// nodes in one module, because each is a few fields of plain data.
#pragma once

#include "sim/django/template/filterexpression.h"
#include "sim/django/template/ifcondition.h"

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pipelab::django::templates {

struct Node;
using NodeList = std::vector<Node>;
using ExtraContext = std::vector<std::pair<std::string, FilterExpression>>; // a Python dict, in order

struct TextNode {
    std::string s;
};
struct VariableNode {
    FilterExpression filterExpression;
};
struct ForNode {
    std::vector<std::string> loopvars;
    FilterExpression sequence;
    bool isReversed = false;
    NodeList nodelistLoop;
    std::optional<NodeList> nodelistEmpty; // set when {% empty %} was given
};
struct IfNode {
    // (condition, nodelist) pairs; the {% else %} branch has no condition.
    std::vector<std::pair<std::optional<IfCondition>, NodeList>> conditionsNodelists;
};
struct WithNode {
    ExtraContext extraContext;
    NodeList nodelist;
};
struct IncludeNode {
    FilterExpression templateName;
    ExtraContext extraContext;
    bool isolatedContext = false; // `only`
};
struct ExtendsNode {
    FilterExpression parentName;
    NodeList nodelist;
};
struct BlockNode {
    std::string name;
    NodeList nodelist;
};
struct URLNode {
    FilterExpression viewName;
    std::vector<FilterExpression> args;
    ExtraContext kwargs;
    std::optional<std::string> asvar;
};
struct CsrfTokenNode {};
struct LoadNode {
    std::vector<std::string> libraries;
};
struct CommentNode {};
struct CacheNode {
    NodeList nodelist;
    FilterExpression expireTimeVar;
    std::string fragmentName; // never a variable
    std::vector<FilterExpression> varyOn;
    std::optional<FilterExpression> cacheName; // using="..."
};
struct SpacelessNode {
    NodeList nodelist;
};
struct NowNode {
    std::string formatString;
    std::optional<std::string> asvar;
};
struct FirstOfNode {
    std::vector<FilterExpression> vars;
    std::optional<std::string> asvar;
};
struct CycleNode {
    std::vector<FilterExpression> cyclevars;
    std::optional<std::string> variableName;
    bool silent = false;
    // {% cycle name %}: Django reuses the named node object, so both places share one position in
    // the cycle. The renderer keys that shared state by variableName.
    bool isReference = false;
};
struct AutoEscapeControlNode {
    bool setting = true;
    NodeList nodelist;
};
struct VerbatimNode {
    std::string content;
};

struct Node {
    using Data = std::variant<TextNode, VariableNode, ForNode, IfNode, WithNode, IncludeNode, ExtendsNode, BlockNode,
                              URLNode, CsrfTokenNode, LoadNode, CommentNode, CacheNode, SpacelessNode, NowNode,
                              FirstOfNode, CycleNode, AutoEscapeControlNode, VerbatimNode>;
    Data data;
    int line = 1;              // of the token that made the node, 1-based within the template
    std::string tokenContents; // that token's contents
};

} // namespace pipelab::django::templates
