// Private: decimal text to the nearest double, without libc's strtod (whose long-double
// arithmetic is about 15 KB of the wasm module).
#pragma once

#include <string_view>

namespace cci {

/// The double nearest to `number`, ties to even: what `std::strtod` returns for it in the C
/// locale. `number` is a JSON number (`-`? digits, then optionally `.` digits, then optionally
/// `e` or `E`, a sign and digits), which the caller has checked. Beyond the largest double
/// the result is an infinity, below half the smallest a zero, each with the number's sign.
/// Time is linear in the length of `number`; no allocation.
[[nodiscard]] double decimal_to_double(std::string_view number) noexcept;

}  // namespace cci
