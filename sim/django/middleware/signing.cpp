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

std::optional<std::string> base64UrlDecode(std::string_view data)
{
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : data) {
        int v = -1;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '-')
            v = 62;
        else if (c == '_')
            v = 63;
        else
            return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    if (data.size() % 4 == 1)
        return std::nullopt; // binascii.Error: no byte ends there
    return out;
}

std::string signerSign(std::string_view value, std::string_view salt, std::string_view secret)
{
    return std::string(value) + ":" + base64UrlEncode(saltedHmacSha256(std::string(salt) + "signer", value, secret));
}

std::optional<std::string> signerUnsign(std::string_view signedValue, std::string_view salt, std::string_view secret)
{
    const std::size_t colon = signedValue.rfind(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    const std::string_view value = signedValue.substr(0, colon);
    if (signerSign(value, salt, secret) != signedValue)
        return std::nullopt;
    return std::string(value);
}

std::string compressedBase64(std::string_view data)
{
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::vector<Bytef> buffer(size);
    if (compress(buffer.data(), &size, reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size())) == Z_OK &&
        size + 1 < data.size())
        return "." + base64UrlEncode(std::string_view(reinterpret_cast<const char*>(buffer.data()), size));
    return base64UrlEncode(data);
}

std::optional<std::string> decompressedBase64(std::string_view payload)
{
    const bool compressed = !payload.empty() && payload.front() == '.';
    std::optional<std::string> data = base64UrlDecode(compressed ? payload.substr(1) : payload);
    if (!data || !compressed)
        return data;
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK)
        return std::nullopt;
    stream.next_in = reinterpret_cast<Bytef*>(data->data());
    stream.avail_in = static_cast<uInt>(data->size());
    std::string out;
    char chunk[4096];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - stream.avail_out);
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break;
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        return std::nullopt; // zlib.error: truncated or corrupt
    return out;
}

std::string signingDumps(std::string_view jsonText, std::string_view salt, std::string_view timestamp)
{
    return signerSign(compressedBase64(jsonText) + ":" + std::string(timestamp), salt);
}

std::optional<std::string> signingLoads(std::string_view signedValue, std::string_view salt, std::int64_t nowSeconds,
                                        std::int64_t maxAgeSeconds)
{
    const std::optional<std::string> value = signerUnsign(signedValue, salt);
    if (!value)
        return std::nullopt;
    const std::size_t colon = value->rfind(':');
    if (colon == std::string::npos)
        return std::nullopt;
    // baseconv.base62.decode of the timestamp.
    static const std::string_view digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::int64_t timestamp = 0;
    const std::string_view stamp = std::string_view(*value).substr(colon + 1);
    if (stamp.empty() || stamp.size() > 10)
        return std::nullopt;
    for (char c : stamp) {
        const std::size_t d = digits.find(c);
        if (d == std::string_view::npos)
            return std::nullopt;
        timestamp = timestamp * 62 + static_cast<std::int64_t>(d);
    }
    if (nowSeconds - timestamp > maxAgeSeconds)
        return std::nullopt;
    return decompressedBase64(std::string_view(*value).substr(0, colon));
}

} // namespace pipelab::django::middleware
