// Signing (see signing.h): OpenSSL's HMAC/SHA-256 and zlib, the same libraries CPython uses.
#include "sim/django/middleware/signing.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include <vector>

namespace pipelab::django::middleware {

namespace {

std::string sha256(std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    return std::string(reinterpret_cast<const char*>(digest), length);
}

} // namespace

std::string base64UrlEncode(std::string_view data)
{
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                           static_cast<unsigned char>(data[i + 2]);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (i + 1 == data.size()) {
        const unsigned v = static_cast<unsigned char>(data[i]) << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
    } else if (i + 2 == data.size()) {
        const unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
    }
    return out;
}

std::string saltedHmacSha256(std::string_view keySalt, std::string_view value, std::string_view secret)
{
    const std::string key = sha256(std::string(keySalt) + std::string(secret));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(value.data()),
         value.size(), digest, &length);
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string md5Hex(std::string_view text)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
    return toHex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string toHex(std::string_view bytes)
{
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        out += digits[(static_cast<unsigned char>(c) >> 4) & 15];
        out += digits[static_cast<unsigned char>(c) & 15];
    }
    return out;
}

std::string signingDumps(std::string_view jsonText, std::string_view salt, std::string_view timestamp)
{
    std::string data(jsonText);
    bool compressed = false;
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::vector<Bytef> buffer(size);
    if (compress(buffer.data(), &size, reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size())) == Z_OK &&
        size < data.size() - 1) {
        data.assign(reinterpret_cast<const char*>(buffer.data()), size);
        compressed = true;
    }
    std::string value = (compressed ? "." : "") + base64UrlEncode(data);
    value += ":";
    value += timestamp;
    const std::string signature = base64UrlEncode(saltedHmacSha256(std::string(salt) + "signer", value));
    return value + ":" + signature;
}

} // namespace pipelab::django::middleware
