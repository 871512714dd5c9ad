// SelectStatement::parse (see selectstatement.h).
#include "sim/django/analysis/selectstatement.h"

#include <cctype>
#include <initializer_list>

namespace pipelab::django::analysis {

namespace {

// A cursor over the SQL text; every method consumes only on success.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool atEnd() const { return pos_ == text_.size(); }
    bool accept(std::string_view token)
    {
        if (text_.substr(pos_, token.size()) != token)
            return false;
        pos_ += token.size();
        return true;
    }
    std::optional<std::string> identifier()
    {
        if (pos_ >= text_.size() || text_[pos_] != '"')
            return std::nullopt;
        const std::size_t end = text_.find('"', pos_ + 1);
        if (end == std::string_view::npos)
            return std::nullopt;
        std::string name(text_.substr(pos_ + 1, end - pos_ - 1));
        pos_ = end + 1;
        return name;
    }
    std::optional<ColumnRef> column()
    {
        const std::size_t start = pos_;
        std::optional<std::string> table = identifier();
        std::optional<std::string> name;
        if (table && accept("."))
            name = identifier();
        if (!name) {
            pos_ = start;
            return std::nullopt;
        }
        return ColumnRef{*table, *name};
    }
    bool integer()
    {
        std::size_t i = pos_;
        if (i < text_.size() && text_[i] == '-')
            ++i;
        const std::size_t digits = i;
        while (i < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i])))
            ++i;
        if (i == digits)
            return false;
        pos_ = i;
        return true;
    }
    // The text up to the first of `stops` (or the end), consumed.
    std::string_view until(std::initializer_list<std::string_view> stops)
    {
        std::size_t end = text_.size();
        for (std::string_view stop : stops)
            if (const std::size_t at = text_.find(stop, pos_); at != std::string_view::npos && at < end)
                end = at;
        const std::string_view out = text_.substr(pos_, end - pos_);
        pos_ = end;
        return out;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

} // namespace

std::optional<SelectStatement> SelectStatement::parse(std::string_view sql)
{
    Cursor c(sql);
    SelectStatement s;
    if (!c.accept("SELECT "))
        return std::nullopt;
    if (c.accept("COUNT(*) AS \"__count\" FROM ")) {
        s.count = true;
    } else {
        while (true) {
            std::optional<ColumnRef> col = c.column();
            if (!col)
                return std::nullopt;
            s.columns.push_back(std::move(*col));
            if (c.accept(" FROM "))
                break;
            if (!c.accept(", "))
                return std::nullopt;
        }
    }
    std::optional<std::string> from = c.identifier();
    if (!from)
        return std::nullopt;
    s.from = std::move(*from);
    if (c.accept(" INNER JOIN ")) {
        std::optional<std::string> join = c.identifier();
        if (!join || !c.accept(" ON (") || !c.column() || !c.accept(" = ") || !c.column() || !c.accept(")"))
            return std::nullopt;
        s.joinTable = std::move(*join);
    }
    if (c.accept(" WHERE ")) {
        s.where = std::string(c.until({" ORDER BY ", " LIMIT "}));
        Cursor w(s.where);
        if (std::optional<ColumnRef> col = w.column(); col && w.accept(" = ") && w.integer() && w.atEnd())
            s.whereEquals = std::move(*col);
    }
    if (c.accept(" ORDER BY "))
        c.until({" LIMIT "});
    if (c.accept(" LIMIT ")) {
        s.limited = true;
        c.until({});
    }
    if (!c.atEnd())
        return std::nullopt;
    return s;
}

} // namespace pipelab::django::analysis
