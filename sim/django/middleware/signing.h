// django.core.signing and django.utils.crypto as sessions use them: salted HMAC-SHA256,
// URL-safe base64 without padding, and signing.dumps(..., compress=True) with the simulated
// clock's timestamp, so signed session data (which appears inside INSERT/UPDATE django_session
// SQL) is byte-identical to what Django 3.2 writes.
#pragma once

#include <cstdint>
#include <optional>
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
// base64.urlsafe_b64decode(data + padding); nullopt on a character outside the alphabet.
std::optional<std::string> base64UrlDecode(std::string_view data);
// Signer(key=secret, salt=salt).sign(value): value + ":" + base64_hmac(salt + "signer", value).
std::string signerSign(std::string_view value, std::string_view salt, std::string_view secret = kSecretKey);
// Signer.unsign(): the value when the signature matches, else nullopt (BadSignature).
std::optional<std::string> signerUnsign(std::string_view signedValue, std::string_view salt,
                                        std::string_view secret = kSecretKey);
// sign_object()'s payload: base64 of `data`, zlib-compressed with a leading "." when that is
// shorter by more than one byte; and its inverse.
std::string compressedBase64(std::string_view data);
std::optional<std::string> decompressedBase64(std::string_view payload);
// signing.dumps(json, salt, compress=True) given the serializer's output (compact JSON text) and
// the signer's timestamp (base62 of int(time.time()): "1rK5iq" at the oracle's frozen instant).
std::string signingDumps(std::string_view jsonText, std::string_view salt, std::string_view timestamp);
// signing.loads(value, salt, max_age): the serialized JSON text, or nullopt for a bad signature,
// a malformed payload or a timestamp older than maxAgeSeconds at nowSeconds (SignatureExpired).
std::optional<std::string> signingLoads(std::string_view signedValue, std::string_view salt, std::int64_t nowSeconds,
                                        std::int64_t maxAgeSeconds);

} // namespace pipelab::django::middleware
