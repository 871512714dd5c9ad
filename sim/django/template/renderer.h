// Renderer: one render of a template tree — Node.render() of every node class in defaulttags.py,
// loader_tags.py and templatetags/cache.py, Variable._resolve_lookup(), FilterExpression.resolve()
// and render_value_in_context(), writing into one output string. It keeps Django's render
// context (cycle positions, the block context of {% extends %}) per template render, and brackets
// each node with RenderHooks::nodeStarted/nodeFinished as Node.render_annotated() runs.
#pragma once

#include "sim/django/template/context.h"
#include "sim/django/template/nodes.h"
#include "sim/django/template/template.h"
#include "sim/python/value.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::templates {

class Engine;
class Filters;
class RenderHooks;
class TemplateLibrary;

class Renderer {
public:
    explicit Renderer(Engine& engine);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Template.render(context), appending to out.
    void renderTemplate(const Template& tmpl, Context& context, std::string& out);

    // A {% block %} as loader_tags.BlockContext keeps it: the node and the template it is from.
    struct BlockRef {
        const BlockNode* block = nullptr;
        const Node* node = nullptr;
        const Template* tmpl = nullptr;
    };
    struct BlockContext {
        std::map<std::string, std::vector<BlockRef>, std::less<>> blocks;
        std::optional<BlockRef> pop(std::string_view name);
        void push(const std::string& name, const BlockRef& block);
        const BlockRef* getBlock(std::string_view name) const;
    };
    // One RenderContext state (push_state): per template render, shared with its parents.
    struct RenderState {
        std::unordered_map<const Node*, std::size_t> cycles;
        std::map<std::string, std::size_t, std::less<>> namedCycles;
        std::unique_ptr<BlockContext> blockContext;
        std::vector<std::string> extendsHistory;
        // Expires with the state: a `block` object that outlives it (leaked into an outer
        // context) cannot reach it any more.
        std::shared_ptr<const bool> alive = std::make_shared<const bool>(true);
    };
    struct Frame {
        const Template* tmpl;
        RenderState* state;
    };

    // BlockNode.render() for `block` (also what block.super calls).
    void renderBlock(const BlockRef& block, Frame frame, Context& context, std::string& out);

private:
    void renderNodeList(const NodeList& nodes, Frame frame, Context& context, std::string& out);
    void renderNode(const Node& node, Frame frame, Context& context, std::string& out);

    void renderFor(const ForNode& node, Frame frame, Context& context, std::string& out);
    void renderIf(const IfNode& node, Frame frame, Context& context, std::string& out);
    void renderInclude(const IncludeNode& node, Frame frame, Context& context, std::string& out);
    void renderExtends(const ExtendsNode& node, Frame frame, Context& context, std::string& out);
    void renderUrl(const URLNode& node, Context& context, std::string& out);
    void renderCsrfToken(Context& context, std::string& out);
    void renderCache(const CacheNode& node, Frame frame, Context& context, std::string& out);
    void renderNow(const NowNode& node, Context& context, std::string& out);
    void renderFirstOf(const FirstOfNode& node, Context& context, std::string& out);
    void renderCycle(const Node& node, const CycleNode& cycle, Frame frame, Context& context, std::string& out);

    // FilterExpression.resolve(context, ignore_failures).
    py::Value resolve(const FilterExpression& fe, Context& context, bool ignoreFailures = false);
    // Variable.resolve(context): raises VariableDoesNotExist for a missing lookup.
    py::Value resolveVariable(const Variable& var, Context& context);
    py::Value literal(const Variable& var);
    // Variable._resolve_lookup(); nullopt = VariableDoesNotExist (details in missing_).
    std::optional<py::Value> resolveLookup(const Variable& var, Context& context);
    std::optional<py::Value> lookupBit(py::Value current, const std::string& bit);
    py::Value callIfCallable(py::Value current);
    [[noreturn]] void raiseMissing(Context& context);
    // smartif Operator/TemplateLiteral eval().
    py::Value evalCondition(const IfCondition& condition, Context& context);

    // render_value_in_context(): the text and whether it is SafeData.
    std::pair<std::string, bool> renderValue(py::Value value, Context& context);
    void appendValue(py::Value value, Context& context, std::string& out);
    std::shared_ptr<const Template> selectTemplate(py::Value names);
    void checkOutput(const std::string& out, const Template& tmpl, const Node& node);

    Engine& engine_;
    py::Interpreter& interp_;
    const TemplateLibrary& lib_;
    const Filters& filters_;
    RenderHooks& hooks_;
    int depth_ = 0;
    // The lookup that failed last: bit and the object it was looked up in (nullopt: the context).
    std::string missingBit_;
    std::optional<py::Value> missingIn_;
};

} // namespace pipelab::django::templates
