// YamlParser: byte checks, then yaml-cpp's event parser feeding a TreeBuilder that bounds depth,
// rejects aliases and reports duplicate keys.
#include "sim/scenario/yamlparser.h"

#include "sim/scenario/limits.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>

namespace pipelab::scenario {

namespace {

SourcePos toPos(const YAML::Mark& mark)
{
    if (mark.is_null())
        return {1, 1};
    return {mark.line + 1, mark.column + 1};
}

// Thrown from the event handler to stop yaml-cpp before nesting gets deep enough to matter.
struct TooDeep {
    SourcePos pos;
};

// The position of a byte offset, counting columns in bytes as yaml-cpp does.
SourcePos positionOf(std::string_view text, std::size_t offset)
{
    SourcePos pos{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

// Length of the valid UTF-8 sequence at `i`, or 0 if it is not one.
std::size_t utf8SequenceLength(std::string_view s, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80)
        return 1;
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        length = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + length > s.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < minimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(std::vector<Diagnostic>& diagnostics, const std::string& fileName)
        : m_diagnostics(diagnostics), m_fileName(fileName)
    {
    }

    std::optional<YamlNode> takeRoot() { return std::move(m_root); }
    bool sawDocument() const { return m_sawDocument; }

    void OnDocumentStart(const YAML::Mark&) override { m_sawDocument = true; }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override
    {
        YamlNode node = make(YamlNode::Kind::Null, mark);
        // yaml-cpp marks an empty value at the token after it; the key is the better place.
        if (!m_stack.empty() && m_stack.back().haveKey && node.pos.line > m_stack.back().key.pos.line) {
            node.pos = m_stack.back().key.pos;
            node.offset = m_stack.back().key.offset;
        }
        add(std::move(node));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        // yaml-cpp numbers anchors 1, 2, ... in the order OnAnchor reported their names.
        const std::string name = anchor >= 1 && anchor <= m_anchorNames.size() ? m_anchorNames[anchor - 1] : "";
        error(toPos(mark), "YAML aliases are not supported: '*" + name + "'");
        add(make(YamlNode::Kind::Invalid, mark));
    }

    void OnAnchor(const YAML::Mark&, const std::string& name) override { m_anchorNames.push_back(name); }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string& value) override
    {
        YamlNode node = make(YamlNode::Kind::Scalar, mark);
        node.value = value;
        if (tag == "?") {
            node.plain = true;
        } else if (tag == "!" || tag == "tag:yaml.org,2002:str") {
            node.plain = false;
        } else {
            unsupportedTag(mark, tag);
            node.kind = YamlNode::Kind::Invalid;
        }
        add(std::move(node));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    {
        start(YamlNode::Kind::Sequence, mark, tag);
    }
    void OnSequenceEnd() override { finish(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        start(YamlNode::Kind::Mapping, mark, tag);
    }
    void OnMapEnd() override { finish(); }

private:
    struct Frame {
        YamlNode node;
        bool haveKey = false;
        YamlNode key;
    };

    static YamlNode make(YamlNode::Kind kind, const YAML::Mark& mark)
    {
        YamlNode node;
        node.kind = kind;
        node.pos = toPos(mark);
        node.offset = mark.is_null() ? 0 : static_cast<std::size_t>(mark.pos);
        return node;
    }

    void start(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag)
    {
        if (tag != "?" && tag != "!" && !tag.empty())
            unsupportedTag(mark, tag);
        if (static_cast<int>(m_stack.size()) >= limits::kMaxNestingDepth)
            throw TooDeep{toPos(mark)};
        m_stack.push_back(Frame{make(kind, mark), false, {}});
    }

    void finish()
    {
        YamlNode node = std::move(m_stack.back().node);
        m_stack.pop_back();
        if (node.isMapping())
            reportDuplicateKeys(node);
        add(std::move(node));
    }

    void add(YamlNode node)
    {
        if (m_stack.empty()) {
            m_root = std::move(node);
            return;
        }
        Frame& frame = m_stack.back();
        if (frame.node.isSequence()) {
            frame.node.items.push_back(std::move(node));
        } else if (!frame.haveKey) {
            frame.key = std::move(node);
            frame.haveKey = true;
        } else {
            frame.node.entries.push_back({std::move(frame.key), std::move(node)});
            frame.haveKey = false;
        }
    }

    void reportDuplicateKeys(const YamlNode& mapping)
    {
        std::map<std::string, SourcePos> seen;
        for (const auto& [key, value] : mapping.entries) {
            if (!key.isScalar())
                continue;
            auto [it, inserted] = seen.emplace(key.value, key.pos);
            if (!inserted) {
                error(key.pos, "duplicate key '" + key.value + "' (first at " + std::to_string(it->second.line) + ":" +
                                   std::to_string(it->second.column) + ")");
            }
        }
    }

    void unsupportedTag(const YAML::Mark& mark, const std::string& tag)
    {
        error(toPos(mark), "YAML tag '" + tag + "' is not supported");
    }

    void error(SourcePos pos, std::string message)
    {
        m_diagnostics.push_back({Diagnostic::Severity::Error, m_fileName, pos, std::move(message)});
    }

    std::vector<Diagnostic>& m_diagnostics;
    const std::string& m_fileName;
    std::vector<Frame> m_stack;
    std::optional<YamlNode> m_root;
    std::vector<std::string> m_anchorNames;
    bool m_sawDocument = false;
};

} // namespace

YamlParser::YamlParser(std::string fileName) : m_fileName(std::move(fileName)) {}

void YamlParser::error(SourcePos pos, std::string message)
{
    m_diagnostics.push_back({Diagnostic::Severity::Error, m_fileName, pos, std::move(message)});
}

bool YamlParser::checkBytes(std::string_view text)
{
    if (text.size() > limits::kMaxFileBytes) {
        error({1, 1}, "file is too large (" + std::to_string(text.size()) + " bytes; the limit is " +
                          std::to_string(limits::kMaxFileBytes) + ")");
        return false;
    }
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '\0') {
            const SourcePos at = positionOf(text, i);
            error({1, 1}, "not a text file: NUL byte at line " + std::to_string(at.line) + ", column " +
                              std::to_string(at.column));
            return false;
        }
        const std::size_t length = utf8SequenceLength(text, i);
        if (length == 0) {
            const SourcePos at = positionOf(text, i);
            error({1, 1}, "not a text file: invalid UTF-8 at line " + std::to_string(at.line) + ", column " +
                              std::to_string(at.column));
            return false;
        }
        i += length;
    }
    return true;
}

std::optional<YamlNode> YamlParser::parse(std::string_view text)
{
    if (!checkBytes(text))
        return std::nullopt;

    std::istringstream stream{std::string(text)};
    TreeBuilder builder(m_diagnostics, m_fileName);
    try {
        YAML::Parser parser(stream);
        parser.HandleNextDocument(builder);
        if (!builder.sawDocument()) {
            error({1, 1}, "empty scenario file");
            return std::nullopt;
        }
        std::optional<YamlNode> root = builder.takeRoot();
        TreeBuilder rest(m_diagnostics, m_fileName);
        if (parser.HandleNextDocument(rest)) {
            // A second document: point at where it starts (its `---` or first node).
            std::optional<YamlNode> second = rest.takeRoot();
            error(second ? second->pos : SourcePos{1, 1}, "a scenario file holds one YAML document; found another");
        }
        return root;
    } catch (const TooDeep& deep) {
        error(deep.pos, "YAML nesting is deeper than " + std::to_string(limits::kMaxNestingDepth) + " levels");
    } catch (const YAML::Exception& e) {
        error(toPos(e.mark), "YAML syntax error: " + e.msg);
    }
    return std::nullopt;
}

} // namespace pipelab::scenario
