#include "decimal_to_double.hpp"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cstdint>
#include <cstring>

#include "ascii.hpp"

namespace cci {
namespace {

// Significant digits kept. A value halfway between two doubles has at most 768 of them, so
// digits past the 800th can only tell a value from such a halfway point, and `truncated`
// records that they are there.
constexpr std::size_t max_digits = 800;

// Beyond these decimal exponents every value is an infinity or a zero.
constexpr std::int64_t max_point = 310;
constexpr std::int64_t min_point = -330;

// The largest shift a decimal takes at once: a digit times 2^59, plus a carry, fits 64 bits.
constexpr int max_shift = 59;

constexpr int mantissa_bits = 52;
constexpr int max_exponent = 1023;
constexpr int min_exponent = -1022;

/// A non-negative decimal 0.d₀d₁…d₍count-1₎ × 10^point with d₀ ≠ 0 and no trailing zero
/// digit (count == 0 for zero).
struct Decimal {
    std::array<std::uint8_t, max_digits> digits;
    std::size_t count = 0;
    std::int64_t point = 0;
    bool truncated = false;  ///< non-zero digits follow the kept ones

    void trim() noexcept {
        while (count > 0 && digits[count - 1] == 0) --count;
        if (count == 0) point = 0;
    }

    /// Multiplies by 2^shift (1 ≤ shift ≤ max_shift).
    void shift_left(int shift) noexcept {
        // 2^max_shift adds at most 18 digits; the product is written from its last digit back.
        std::array<std::uint8_t, max_digits + 18> product;
        std::size_t first = product.size();
        std::uint64_t carry = 0;
        for (std::size_t i = count; i-- > 0;) {
            const std::uint64_t value = (std::uint64_t{digits[i]} << shift) + carry;
            product[--first] = static_cast<std::uint8_t>(value % 10);
            carry = value / 10;
        }
        for (; carry > 0; carry /= 10) product[--first] = static_cast<std::uint8_t>(carry % 10);
        const std::size_t produced = product.size() - first;
        point += static_cast<std::int64_t>(produced - count);
        count = std::min(produced, max_digits);
        std::copy_n(product.begin() + static_cast<std::ptrdiff_t>(first), count, digits.begin());
        truncated = truncated || std::any_of(product.begin() + static_cast<std::ptrdiff_t>(first + count),
                                             product.end(), [](std::uint8_t digit) { return digit != 0; });
        trim();
    }

    /// Divides by 2^shift (1 ≤ shift ≤ max_shift), in place: each digit written is one read before.
    void shift_right(int shift) noexcept {
        if (count == 0) return;
        const std::uint64_t mask = (std::uint64_t{1} << shift) - 1;
        std::size_t read = 0;
        std::uint64_t remainder = 0;  // always below 10 × 2^shift
        while ((remainder >> shift) == 0) {
            remainder = remainder * 10 + (read < count ? digits[read] : 0);
            ++read;
        }
        point -= static_cast<std::int64_t>(read) - 1;
        std::size_t written = 0;
        for (; read < count; ++read) {
            digits[written++] = static_cast<std::uint8_t>(remainder >> shift);
            remainder = (remainder & mask) * 10 + digits[read];
        }
        for (; remainder > 0; remainder = (remainder & mask) * 10) {
            const auto digit = static_cast<std::uint8_t>(remainder >> shift);
            if (written < max_digits) digits[written++] = digit;
            else if (digit != 0) truncated = true;
        }
        count = written;
        trim();
    }

    /// The integer part, rounded to nearest with ties to even (below 2^64 by the caller).
    std::uint64_t rounded_integer() const noexcept {
        std::uint64_t value = 0;
        for (std::int64_t i = 0; i < point; ++i) {
            value = value * 10 + (static_cast<std::size_t>(i) < count ? digits[static_cast<std::size_t>(i)] : 0);
        }
        if (point < 0 || static_cast<std::size_t>(point) >= count) return value;
        const auto next = static_cast<std::size_t>(point);
        const bool halfway = digits[next] == 5 && next + 1 == count && !truncated;
        const bool up = halfway ? value % 2 == 1 : digits[next] >= 5;
        return value + (up ? 1 : 0);
    }
};

/// The largest shift s ≤ max_shift with 2^s ≤ 10^decimals (and at least 1): multiplying a
/// value below 10^-decimals by 2^s keeps it below 1.
int shift_for(std::int64_t decimals) noexcept {
    return decimals >= 18 ? max_shift : std::max(1, static_cast<int>(decimals * 3321 / 1000));
}

using ascii::is_digit;

/// Reads `number` (without its sign) into `decimal`.
void read(std::string_view number, Decimal& decimal) noexcept {
    std::size_t i = 0;
    bool after_point = false;
    for (; i < number.size() && (is_digit(number[i]) || number[i] == '.'); ++i) {
        if (number[i] == '.') {
            after_point = true;
            continue;
        }
        const auto digit = static_cast<std::uint8_t>(number[i] - '0');
        if (digit == 0 && decimal.count == 0) {  // a leading zero
            if (after_point) --decimal.point;
            continue;
        }
        if (!after_point) ++decimal.point;
        if (decimal.count < max_digits) decimal.digits[decimal.count++] = digit;
        else if (digit != 0) decimal.truncated = true;
    }
    if (i < number.size()) {  // the exponent
        ++i;
        const bool negative = i < number.size() && number[i] == '-';
        if (i < number.size() && (number[i] == '-' || number[i] == '+')) ++i;
        // Saturated beyond what any count of digits before it could offset.
        constexpr std::int64_t saturated = 100'000'000'000'000'000;
        std::int64_t exponent = 0;
        for (; i < number.size() && exponent < saturated; ++i) exponent = exponent * 10 + (number[i] - '0');
        decimal.point += negative ? -exponent : exponent;
    }
    decimal.trim();
}

// The fast path's single operation must round once, to double.
static_assert(FLT_EVAL_METHOD == 0, "double arithmetic is evaluated in double precision");

/// Exact in a double: 10^0 … 10^22.
constexpr std::array<double, 23> exact_powers_of_ten = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/// The bits of the double nearest to `decimal` (non-negative).
std::uint64_t nearest_bits(Decimal& decimal) noexcept {
    constexpr std::uint64_t infinity = std::uint64_t{2 * max_exponent + 1} << mantissa_bits;
    if (decimal.count == 0 || decimal.point < min_point) return 0;
    if (decimal.point > max_point) return infinity;
    // Few digits and a small exponent: one correctly rounded multiplication or division.
    const std::int64_t exponent10 = decimal.point - static_cast<std::int64_t>(decimal.count);
    if (decimal.count <= 15 && exponent10 >= -22 && exponent10 <= 22) {
        std::uint64_t integer = 0;
        for (std::size_t i = 0; i < decimal.count; ++i) integer = integer * 10 + decimal.digits[i];
        const auto factor = exact_powers_of_ten[static_cast<std::size_t>(exponent10 < 0 ? -exponent10 : exponent10)];
        const double value = exponent10 < 0 ? static_cast<double>(integer) / factor : static_cast<double>(integer) * factor;
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        return bits;
    }
    // Otherwise scale by powers of two into [1/2, 1), counting them, then round 53 bits.
    int exponent = 0;
    while (decimal.point > 0) {
        const int shift = shift_for(decimal.point);
        decimal.shift_right(shift);
        exponent += shift;
    }
    while (decimal.point < 0 || (decimal.point == 0 && decimal.digits[0] < 5)) {
        const int shift = shift_for(-decimal.point);
        decimal.shift_left(shift);
        exponent -= shift;
    }
    --exponent;  // the value is now 2^exponent × [1, 2)
    while (exponent < min_exponent) {  // subnormal: fewer mantissa bits
        const int shift = std::min(min_exponent - exponent, max_shift);
        decimal.shift_right(shift);
        exponent += shift;
    }
    if (exponent > max_exponent) return infinity;
    decimal.shift_left(mantissa_bits + 1);
    const std::uint64_t mantissa = decimal.rounded_integer();
    // Rounded up to 2^53, it is 2^(exponent + 1): the bits below the leading one stay zero.
    if ((mantissa >> (mantissa_bits + 1)) != 0 && ++exponent > max_exponent) return infinity;
    const bool normal = (mantissa >> mantissa_bits) != 0;
    const auto biased = static_cast<std::uint64_t>(normal ? exponent + max_exponent : 0);
    return biased << mantissa_bits | (mantissa & ((std::uint64_t{1} << mantissa_bits) - 1));
}

}  // namespace

double decimal_to_double(std::string_view number) noexcept {
    const bool negative = !number.empty() && number.front() == '-';
    Decimal decimal;
    read(number.substr(negative ? 1 : 0), decimal);
    const std::uint64_t bits = nearest_bits(decimal) | (negative ? std::uint64_t{1} << 63 : 0);
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

}  // namespace cci
