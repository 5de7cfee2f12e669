#include "cci/pagination.hpp"

namespace cci {
namespace {

constexpr std::array<PageStepInfo, page_step_count> table{{
    {PageStep::next, "next"},
    {PageStep::end, "end"},
    {PageStep::repeated_token, "repeated_token"},
    {PageStep::page_cap, "page_cap"},
}};

bool unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

}  // namespace

const std::array<PageStepInfo, page_step_count>& page_step_table() noexcept { return table; }
const PageStepInfo& info(PageStep step) noexcept { return table[static_cast<std::size_t>(step)]; }

std::optional<Page> page_from_json(nlohmann::json body) {
    if (!body.is_object()) return std::nullopt;
    const auto items = body.find("items");
    if (items == body.end() || !items->is_array()) return std::nullopt;
    Page page;
    page.items.reserve(items->size());
    for (auto& item : *items) page.items.push_back(std::move(item));
    if (const auto next = body.find("next_page_token"); next != body.end()) {
        if (next->is_string()) {
            if (!next->get_ref<const std::string&>().empty()) page.next_page_token = next->get<std::string>();
        } else if (!next->is_null()) {
            return std::nullopt;
        }
    }
    return page;
}

PageStep PageGuard::after(const Page& page) {
    ++pages_;
    if (!page.next_page_token) return PageStep::end;
    if (!seen_.insert(*page.next_page_token).second) return PageStep::repeated_token;
    if (pages_ >= max_pages_) return PageStep::page_cap;
    return PageStep::next;
}

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (unreserved(c)) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0x0f]);
        }
    }
    return out;
}

std::string with_page_token(std::string_view path, std::string_view token) {
    std::string out(path);
    out += path.find('?') == std::string_view::npos ? '?' : '&';
    out += "page-token=";
    out += percent_encode(token);
    return out;
}

}  // namespace cci
