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
#include "json_object.hpp"

namespace cci {
namespace {

template <typename Enum, std::size_t Count>
nlohmann::json plain_ids() {
    nlohmann::json list(nlohmann::json::value_t::array);
    for (std::size_t i = 0; i < Count; ++i) list.push_back(id(static_cast<Enum>(i)));
    return list;
}

template <typename Table, typename Row>
nlohmann::json rows(const Table& table, Row&& row) {
    nlohmann::json list(nlohmann::json::value_t::array);
    for (const auto& entry : table) list.push_back(row(entry));
    return list;
}

}  // namespace

nlohmann::json id_catalog() {
    using json_object::Builder;
    return Builder()
        .add("token_kind", plain_ids<TokenKind, token_kind_count>())
        .add("token_verdict", plain_ids<TokenVerdict, token_verdict_count>())
        .add("token_code", rows(token_code_table(),
                                [](const TokenCodeInfo& r) {
                                    return Builder()
                                        .add("id", r.id)
                                        .add("kind", id(r.kind))
                                        .add("verdict", id(r.verdict))
                                        .add("message", r.message)
                                        .add("remedy", r.remedy)
                                        .done();
                                }))
        .add("vendor", rows(vendor_table(),
                            [](const VendorInfo& r) { return Builder().add("id", r.id).add("name", r.name).done(); }))
        .add("reason", rows(reason_table(),
                            [](const ReasonInfo& r) {
                                return Builder()
                                    .add("id", r.id)
                                    .add("message", r.message)
                                    .add("remedy", r.remedy)
                                    .add("retryable", r.retryable)
                                    .done();
                            }))
        .add("transport", plain_ids<Transport, transport_count>())
        .add("endpoint", plain_ids<Endpoint, endpoint_count>())
        .add("stage", rows(stage_table(),
                           [](const StageInfo& r) {
                               return Builder()
                                   .add("id", r.id)
                                   .add("title", r.title)
                                   .add("endpoint", id(r.endpoint))
                                   .add("required", r.required)
                                   .done();
                           }))
        .add("stage_status", plain_ids<StageStatus, stage_status_count>())
        .add("skip_cause", rows(skip_cause_table(),
                                [](const SkipCauseInfo& r) {
                                    return Builder().add("id", r.id).add("message", r.message).done();
                                }))
        .add("state", plain_ids<StateKind, state_kind_count>())
        .add("event", plain_ids<EventKind, event_kind_count>())
        .add("builds_cause", rows(builds_cause_table(),
                                  [](const BuildsCauseInfo& r) {
                                      return Builder().add("id", r.id).add("message", r.message).add("remedy", r.remedy).done();
                                  }))
        .add("ci_target_kind", plain_ids<CiTargetKind, ci_target_kind_count>())
        .add("ci_url_error", rows(ci_url_error_table(),
                                  [](const CiUrlErrorInfo& r) {
                                      return Builder().add("id", r.id).add("message", r.message).add("remedy", r.remedy).done();
                                  }))
        .add("category", rows(log::category_table(),
                              [](const log::CategoryInfo& r) {
                                  return Builder().add("id", r.id).add("description", r.description).done();
                              }))
        .add("severity", rows(log::severity_table(), [](const log::SeverityInfo& r) { return nlohmann::json(r.id); }))
        .add("tier", rows(log::tier_table(), [](const log::TierInfo& r) { return nlohmann::json(r.id); }))
        .add("input_format",
             rows(log::input_format_table(), [](const log::InputFormatInfo& r) { return nlohmann::json(r.id); }))
        .add("log_error", rows(log::error_code_table(),
                               [](const log::ErrorCodeInfo& r) {
                                   return Builder().add("id", r.id).add("message", r.message).done();
                               }))
        .add("rule", rows(log::rule_table(),
                          [](const log::RuleInfo& r) {
                              return Builder()
                                  .add("id", r.id)
                                  .add("category", log::id(r.category))
                                  .add("severity", log::id(r.severity))
                                  .add("tier", log::id(r.tier))
                                  .done();
                          }))
        .done();
}

}  // namespace cci
