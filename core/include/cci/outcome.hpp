// The result of one HTTP request as a value: a transport failure, or status + headers + body.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cci/headers.hpp"
#include "cci/timestamp.hpp"
#include "cci/token_code.hpp"

namespace cci {

/// How the request failed before an HTTP response arrived. Ids are contracts.
enum class Transport {
    none,             ///< a response arrived (see `status`)
    dns,              ///< the host name did not resolve
    connect,          ///< connection refused, reset or unreachable
    tls,              ///< TLS handshake or certificate failure
    timeout,          ///< no complete response in time
    aborted,          ///< cancelled by the client
    browser_blocked,  ///< refused by the browser: CORS, mixed content, an extension
    offline,          ///< the device reports no network
    other,            ///< any other transport failure, including ids this version does not know
};

inline constexpr std::size_t transport_count = 9;

/// Which CircleCI endpoint answered. Ids are contracts.
enum class Endpoint {
    me,              ///< GET /api/v2/me
    collaborations,  ///< GET /api/v2/me/collaborations
    project,         ///< GET /api/v2/project/{slug}
    pipelines,       ///< GET /api/v2/project/{slug}/pipeline
    job,             ///< GET /api/v2/project/{slug}/job/{n}
    job_details_v1,  ///< GET /api/v1.1/project/{slug}[/{n}]
    step_output,     ///< a step's `output_url`, or the raw output endpoints
    other,           ///< anything else, including ids this version does not know
};

inline constexpr std::size_t endpoint_count = 8;

struct Outcome {
    Transport transport = Transport::none;
    int status = 0;      ///< HTTP status when transport == none; 0 when there was no response
    Headers headers;
    std::string body;    ///< raw bytes, any encoding
    Endpoint endpoint = Endpoint::other;
    std::optional<TokenKind> token_kind;  ///< from the token check, when known
    bool previously_connected = false;    ///< this connection had been verified before
    std::optional<EpochMs> now;           ///< when the response arrived (for HTTP-date waits)
};

[[nodiscard]] std::string_view id(Transport transport) noexcept;
[[nodiscard]] std::optional<Transport> parse_transport(std::string_view id) noexcept;
[[nodiscard]] std::string_view id(Endpoint endpoint) noexcept;
[[nodiscard]] std::optional<Endpoint> parse_endpoint(std::string_view id) noexcept;

/// Reads the outcome object of `cci classify` and the JS API: `transport`, `status`,
/// `headers` ({name: value or [values]}, or [[name, value], …]), `body`, `body_base64`
/// (wins over `body`), `endpoint`, `token_kind`, `previously_connected`, `now` (RFC 3339 or
/// ms since the epoch). Every field is optional and read tolerantly: unknown transport and
/// endpoint ids become `other`, an unknown token kind or a mistyped field is ignored, a
/// non-object gives the default outcome. Never throws.
[[nodiscard]] Outcome outcome_from_json(const nlohmann::json& json);

/// The same object shape (`body` when valid UTF-8, else `body_base64`; `now` in RFC 3339).
[[nodiscard]] nlohmann::json to_json(const Outcome& outcome);

}  // namespace cci
