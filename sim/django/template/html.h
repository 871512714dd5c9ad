// The text functions of django.utils.html, django.utils.text and urllib.parse that templates use:
// pure string → string, UTF-8 in and out. Safeness (SafeData) is the caller's business.
#pragma once

#include <string>
#include <string_view>

namespace pipelab::django::templates::html {

// html.escape(s, quote=True): & < > " ' → &amp; &lt; &gt; &quot; &#x27;
std::string escape(std::string_view text);
// Appends escape(text) to out (the renderer's hot path).
void appendEscaped(std::string& out, std::string_view text);
// \r\n and \r → \n.
std::string normalizeNewlines(std::string_view text);
// django.utils.html.linebreaks(value, autoescape).
std::string linebreaks(std::string_view text, bool autoescape);
// django.utils.html.strip_tags (HTMLParser-based tag removal, repeated until stable).
std::string stripTags(std::string_view text);
// re.sub(r'>\s+<', '><', value)
std::string stripSpacesBetweenTags(std::string_view text);
// urllib.parse.quote(text, safe).
std::string quote(std::string_view text, std::string_view safe = "/");
// django.utils.text.slugify(value) for ASCII input (other characters are dropped, as NFKD +
// ascii-ignore drops those without an ASCII decomposition).
std::string slugify(std::string_view text);
// django.utils.html.escapejs.
std::string escapejs(std::string_view text);
// django.template.defaultfilters.addslashes.
std::string addslashes(std::string_view text);

} // namespace pipelab::django::templates::html
