// CircleCI list pagination: `{items, next_page_token}` pages, followed with `page-token`
// until the token is null, with a guard against servers that loop.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cci {

/// One page of a list.
struct Page {
    std::vector<nlohmann::json> items;
    std::optional<std::string> next_page_token;  ///< absent or null: the last page
};

/// The page in a list body: nullopt unless it is an object whose `items` is an array and
/// whose `next_page_token`, when present, is a string or null (an empty string ends the list).
/// The items are moved out of `body`, never copied: a copy of a deeply nested value recurses.
[[nodiscard]] std::optional<Page> page_from_json(nlohmann::json body);

/// What to do after a page. Ids are contracts.
enum class PageStep {
    next,            ///< request the page `next_page_token` names
    end,             ///< the list is complete
    repeated_token,  ///< the server handed out a token it had already given: a loop; stop
    page_cap,        ///< the page limit is reached while more pages remain; stop
};

inline constexpr std::size_t page_step_count = 4;

struct PageStepInfo {
    PageStep step;
    std::string_view id;
};

[[nodiscard]] const std::array<PageStepInfo, page_step_count>& page_step_table() noexcept;
[[nodiscard]] const PageStepInfo& info(PageStep step) noexcept;
[[nodiscard]] inline std::string_view id(PageStep step) noexcept { return info(step).id; }

/// Follows one list: remembers every token seen and counts pages.
class PageGuard {
public:
    explicit PageGuard(std::size_t max_pages) : max_pages_(max_pages) {}
    /// Call once per page received, in order.
    [[nodiscard]] PageStep after(const Page& page);
    [[nodiscard]] std::size_t pages() const noexcept { return pages_; }

private:
    std::size_t max_pages_;
    std::size_t pages_ = 0;
    std::set<std::string> seen_;
};

/// `path` with `page-token=<token>` added to its query (percent-encoded).
[[nodiscard]] std::string with_page_token(std::string_view path, std::string_view token);

/// `text` percent-encoded for a URL path segment or query value: everything but
/// `A–Z a–z 0–9 - . _ ~` as `%XX`.
[[nodiscard]] std::string percent_encode(std::string_view text);

}  // namespace cci
