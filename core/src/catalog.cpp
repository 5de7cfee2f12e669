#include "cci/catalog.hpp"

#include "cci/builds_diagnosis.hpp"
#include "cci/ci_url.hpp"
#include "cci/connection.hpp"
#include "cci/log/analyzer.hpp"
#include "cci/log/category.hpp"
#include "cci/log/error_code.hpp"
#include "cci/log/rule.hpp"
#include "cci/log/severity.hpp"
#include "cci/outcome.hpp"
#include "cci/reason.hpp"
#include "cci/token_code.hpp"
#include "cci/vendor.hpp"
#include "cci/verification.hpp"

namespace cci {
namespace {

template <typename Enum, std::size_t Count>
nlohmann::json plain_ids() {
    auto list = nlohmann::json::array();
    for (std::size_t i = 0; i < Count; ++i) list.push_back(id(static_cast<Enum>(i)));
    return list;
}

template <typename Table, typename Row>
nlohmann::json rows(const Table& table, Row&& row) {
    auto list = nlohmann::json::array();
    for (const auto& entry : table) list.push_back(row(entry));
    return list;
}

}  // namespace

nlohmann::json id_catalog() {
    return {
        {"token_kind", plain_ids<TokenKind, token_kind_count>()},
        {"token_verdict", plain_ids<TokenVerdict, token_verdict_count>()},
        {"token_code", rows(token_code_table(),
                            [](const TokenCodeInfo& r) {
                                return nlohmann::json{{"id", r.id},           {"kind", id(r.kind)},
                                                      {"verdict", id(r.verdict)}, {"message", r.message},
                                                      {"remedy", r.remedy}};
                            })},
        {"vendor", rows(vendor_table(), [](const VendorInfo& r) { return nlohmann::json{{"id", r.id}, {"name", r.name}}; })},
        {"reason", rows(reason_table(),
                        [](const ReasonInfo& r) {
                            return nlohmann::json{{"id", r.id}, {"message", r.message}, {"remedy", r.remedy},
                                                  {"retryable", r.retryable}};
                        })},
        {"transport", plain_ids<Transport, transport_count>()},
        {"endpoint", plain_ids<Endpoint, endpoint_count>()},
        {"stage", rows(stage_table(),
                       [](const StageInfo& r) {
                           return nlohmann::json{{"id", r.id}, {"title", r.title}, {"endpoint", id(r.endpoint)},
                                                 {"required", r.required}};
                       })},
        {"stage_status", plain_ids<StageStatus, stage_status_count>()},
        {"skip_cause", rows(skip_cause_table(),
                            [](const SkipCauseInfo& r) { return nlohmann::json{{"id", r.id}, {"message", r.message}}; })},
        {"state", plain_ids<StateKind, state_kind_count>()},
        {"event", plain_ids<EventKind, event_kind_count>()},
        {"builds_cause", rows(builds_cause_table(),
                              [](const BuildsCauseInfo& r) {
                                  return nlohmann::json{{"id", r.id}, {"message", r.message}, {"remedy", r.remedy}};
                              })},
        {"ci_target_kind", plain_ids<CiTargetKind, ci_target_kind_count>()},
        {"ci_url_error", rows(ci_url_error_table(),
                              [](const CiUrlErrorInfo& r) {
                                  return nlohmann::json{{"id", r.id}, {"message", r.message}, {"remedy", r.remedy}};
                              })},
        {"category", rows(log::category_table(),
                          [](const log::CategoryInfo& r) {
                              return nlohmann::json{{"id", r.id}, {"description", r.description}};
                          })},
        {"severity", rows(log::severity_table(), [](const log::SeverityInfo& r) { return nlohmann::json(r.id); })},
        {"tier", rows(log::tier_table(), [](const log::TierInfo& r) { return nlohmann::json(r.id); })},
        {"input_format", rows(log::input_format_table(), [](const log::InputFormatInfo& r) { return nlohmann::json(r.id); })},
        {"log_error", rows(log::error_code_table(),
                           [](const log::ErrorCodeInfo& r) { return nlohmann::json{{"id", r.id}, {"message", r.message}}; })},
        {"rule", rows(log::rule_table(),
                      [](const log::RuleInfo& r) {
                          return nlohmann::json{{"id", r.id}, {"category", log::id(r.category)},
                                                {"severity", log::id(r.severity)}, {"tier", log::id(r.tier)}};
                      })},
    };
}

}  // namespace cci
