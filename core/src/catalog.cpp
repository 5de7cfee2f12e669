#include "cci/catalog.hpp"

#include "cci/token_code.hpp"
#include "cci/vendor.hpp"

namespace cci {
namespace {

template <typename Enum, std::size_t Count>
nlohmann::json plain_ids() {
    auto list = nlohmann::json::array();
    for (std::size_t i = 0; i < Count; ++i) list.push_back(id(static_cast<Enum>(i)));
    return list;
}

}  // namespace

nlohmann::json id_catalog() {
    auto token_codes = nlohmann::json::array();
    for (const auto& row : token_code_table())
        token_codes.push_back({{"id", row.id},
                               {"kind", id(row.kind)},
                               {"verdict", id(row.verdict)},
                               {"message", row.message},
                               {"remedy", row.remedy}});
    auto vendors = nlohmann::json::array();
    for (const auto& row : vendor_table()) vendors.push_back({{"id", row.id}, {"name", row.name}});
    return {
        {"token_kind", plain_ids<TokenKind, token_kind_count>()},
        {"token_verdict", plain_ids<TokenVerdict, token_verdict_count>()},
        {"token_code", std::move(token_codes)},
        {"vendor", std::move(vendors)},
    };
}

}  // namespace cci
