// The view model: everything the settings page shows, decided here so the page has no logic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/connection.hpp"

namespace cci {

struct StageView {
    Stage stage = Stage::identity;
    std::string title;              ///< the stage table's title
    std::string method;             ///< GET
    std::string path;               ///< e.g. `/api/v2/me`
    StageStatus status = StageStatus::pending;
    std::optional<Reason> reason;   ///< when passed or failed
    std::optional<std::string> note;  ///< failed: the reason's message; skipped: the skip message
};

struct ViewModel {
    StateKind state = StateKind::empty;
    bool can_submit = false;                    ///< the primary button is enabled (it sends `submit`)
    std::string button_label;
    std::optional<std::string> field_error;     ///< the token check's message when it blocks
    std::optional<std::string> field_warning;   ///< the token check's message when it warns
    std::optional<std::string> masked_token;    ///< e.g. `CCIPAT_…a1b2`; never the token
    std::string status_line;
    std::optional<std::string> remedy;
    std::optional<std::string> server_message;  ///< CircleCI's own words for the current diagnosis
    std::optional<Reason> reason;               ///< the current diagnosis
    std::optional<Identity> identity;
    std::optional<std::string> verified_ago;    ///< e.g. "verified 3 min ago"
    std::optional<std::int64_t> retry_in_s;     ///< rate_limited countdown
    std::optional<std::string> expiry_warning;
    std::vector<StageView> stages;
};

/// "verified just now" (under a minute), "verified N min ago", "verified N h ago" (under two
/// days), else "verified N days ago". A `verified_at` in the future reads "just now".
[[nodiscard]] std::string verified_ago_text(EpochMs verified_at, EpochMs now);

/// What the page shows for `state` at `now`. Pure; never contains the token.
[[nodiscard]] ViewModel view(const ConnectionState& state, EpochMs now);

/// `{state, can_submit, button_label, field_error, field_warning, masked_token,
/// status_line, remedy, server_message, reason, identity, verified_ago, retry_in_s,
/// expiry_warning, stages: [{id, title, method, path, status, reason, note}]}` with ids
/// for enums and null for absent values.
[[nodiscard]] nlohmann::json to_json(const ViewModel& view);

}  // namespace cci
