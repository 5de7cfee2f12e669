// The wasm build's stand-in for RE2's Unicode property tables (40 KB of data, 17 KB of the
// module's gzip size). It keeps only what RE2 itself needs without a `\p` in any pattern:
// the ten categories its capture-name check consults, cut to ASCII. `\p{…}` is rejected before
// RE2 sees it (problem matchers: `matcher_unicode_property`) and no built-in pattern uses it
// (tests/core/log_rule_test.cpp), so native and wasm match the same lines.
#include "re2/unicode_groups.h"

namespace re2 {
namespace {

const URange16 upper[] = {{'A', 'Z'}};
const URange16 lower[] = {{'a', 'z'}};
const URange16 digit[] = {{'0', '9'}};
const URange16 connector[] = {{'_', '_'}};

}  // namespace

const UGroup unicode_groups[] = {
    {"Lu", +1, upper, 1, nullptr, 0},     {"Ll", +1, lower, 1, nullptr, 0},
    {"Lt", +1, nullptr, 0, nullptr, 0},   {"Lm", +1, nullptr, 0, nullptr, 0},
    {"Lo", +1, nullptr, 0, nullptr, 0},   {"Nl", +1, nullptr, 0, nullptr, 0},
    {"Mn", +1, nullptr, 0, nullptr, 0},   {"Mc", +1, nullptr, 0, nullptr, 0},
    {"Nd", +1, digit, 1, nullptr, 0},     {"Pc", +1, connector, 1, nullptr, 0},
};
const int num_unicode_groups = sizeof unicode_groups / sizeof unicode_groups[0];

}  // namespace re2
