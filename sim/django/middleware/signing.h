// django.core.signing and django.utils.crypto as sessions use them: salted HMAC-SHA256,
// URL-safe base64 without padding, and signing.dumps(..., compress=True) with the simulated
// clock's timestamp, so signed session data (which appears inside INSERT/UPDATE django_session
// SQL) is byte-identical to what Django 3.2 writes.
#pragma once

#include <string>
#include <string_view>

namespace pipelab::django::middleware {

// The oracle's SECRET_KEY (tests/conformance/README.md, "Determinism").
inline constexpr std::string_view kSecretKey = "pipelab-conformance-oracle-secret-key";

// base64.urlsafe_b64encode(data).strip(b'=')
std::string base64UrlEncode(std::string_view data);
// django.utils.crypto.salted_hmac(keySalt, value, secret, algorithm='sha256').digest()
std::string saltedHmacSha256(std::string_view keySalt, std::string_view value, std::string_view secret = kSecretKey);
std::string toHex(std::string_view bytes);
// hashlib.md5(text.encode()).hexdigest(): the cache middleware's URL keys.
std::string md5Hex(std::string_view text);
// signing.dumps(json, salt, compress=True) given the serializer's output (compact JSON text) and
// the signer's timestamp (base62 of int(time.time()): "1rK5iq" at the oracle's frozen instant).
std::string signingDumps(std::string_view jsonText, std::string_view salt, std::string_view timestamp);

} // namespace pipelab::django::middleware
