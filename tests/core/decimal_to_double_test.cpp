#include "decimal_to_double.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

std::uint64_t bits_of(double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

/// decimal_to_double gives strtod's double, bit for bit (sign of zeros and infinities too).
void check_same_as_strtod(const std::string& number) {
    INFO("number: " << (number.size() > 120 ? number.substr(0, 60) + "…" + number.substr(number.size() - 60) : number));
    CHECK(bits_of(cci::decimal_to_double(number)) == bits_of(std::strtod(number.c_str(), nullptr)));
}

/// `count` random digits, the first not 0.
std::string random_digits(std::mt19937_64& random, std::size_t count) {
    std::string out(1, static_cast<char>('1' + random() % 9));
    while (out.size() < count) out += static_cast<char>('0' + random() % 10);
    return out;
}

/// The exact decimal expansion, as a JSON number, of the value halfway between a positive
/// double and the next one up (a long double holds it exactly: it needs 54 bits).
std::string halfway_above(double value) {
    static_assert(std::numeric_limits<long double>::digits >= 64, "a long double holds 54-bit halfway points");
    const long double middle = (static_cast<long double>(value) +
                                static_cast<long double>(std::nextafter(value, std::numeric_limits<double>::infinity()))) / 2;
    std::vector<char> text(1000);
    std::snprintf(text.data(), text.size(), "%.800Le", middle);
    return text.data();
}

/// `number` (digits, `.`, digits, `e`, exponent) with `digit` appended to its digits.
std::string with_digit_before_exponent(const std::string& number, char digit) {
    const std::size_t e = number.find('e');
    return number.substr(0, e) + digit + number.substr(e);
}

}  // namespace

TEST_CASE("decimal_to_double: edges of the double range and well-known hard cases", "[decimal_to_double]") {
    for (const char* number :
         {"0", "-0", "0.0", "-0.0", "0e0", "-0e-5", "1", "-1", "1.5", "0.1", "0.3", "-0.3", "3.14159", "1e22", "1e23",
          "-1e23", "123456789012345678", "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
          "18446744073709551616", "9223372036854775809", "8.98846567431158e307", "1.7976931348623157e308",
          "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309", "-1e309", "1e310", "1e311",
          "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "2.225073858507201e-308",
          "4.9406564584124654e-324", "4.94e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
          "-2.4703282292062328e-324", "1e-324", "3e-324", "7.4e-324", "1e-330", "1e-331", "1e-400", "-1e-400",
          "0.000001", "1e-7", "123.456e-5", "0.1e1", "10e-1", "0e999999999", "1e999999999999999999999",
          "1e-999999999999999999999", "0.0000000000000000000000000000001e31", "1E5", "1E+5", "1e-5", "5e-0",
          "7.0e-10", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
          "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792"}) {
        check_same_as_strtod(number);
    }
    check_same_as_strtod("1" + std::string(1000, '0'));
    check_same_as_strtod("0." + std::string(1000, '0') + "1");
    check_same_as_strtod("0." + std::string(300, '0') + "1");
    check_same_as_strtod("1" + std::string(1000, '0') + "e-1000");
    check_same_as_strtod("1" + std::string(5000, '0') + "1e-5000");
    check_same_as_strtod("9" + std::string(400, '9') + "e-100");
    // Two million digits, and an exponent that (nearly) makes up for them.
    check_same_as_strtod("1" + std::string(2'000'000, '0') + "e-1999700");
    check_same_as_strtod("1" + std::string(2'000'000, '0') + "e-99999999");
    check_same_as_strtod("0." + std::string(2'000'000, '0') + "1e2000010");
    check_same_as_strtod("0." + std::string(2'000'000, '0') + "1e99999999999999999999999");
}

TEST_CASE("decimal_to_double: values exactly halfway between two doubles round to even", "[decimal_to_double]") {
    std::mt19937_64 random(0x5eed);
    std::vector<double> values = {std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::min(),
                                  1.0, 9007199254740992.0, 1e23, std::nextafter(std::numeric_limits<double>::max(), 0.0)};
    for (int i = 0; i < 3000; ++i) {
        const std::uint64_t bits = random() >> 1;  // positive
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        if (std::isfinite(value) && value != std::numeric_limits<double>::max()) values.push_back(value);
    }
    for (const double value : values) {
        const std::string middle = halfway_above(value);
        check_same_as_strtod(middle);
        check_same_as_strtod("-" + middle);
        check_same_as_strtod(with_digit_before_exponent(middle, '1'));   // just above
        check_same_as_strtod(with_digit_before_exponent(middle, '0'));   // still exactly halfway
        const std::size_t e = middle.find('e');
        const std::size_t last = middle.find_last_not_of('0', e - 1);
        check_same_as_strtod(middle.substr(0, last) + middle.substr(e));  // just below: its last non-zero digit cut
        if (value >= 0x1p54) {
            // Above by a tail within the digits kept: scaling, not reading, pushes it out of them.
            std::string above = middle.substr(0, e - 2) + middle.substr(e);
            above[e - 3] = '1';
            check_same_as_strtod(above);
        }
    }
}

TEST_CASE("decimal_to_double: seeded random numbers of every length and exponent", "[decimal_to_double]") {
    std::mt19937_64 random(20240611);
    for (int i = 0; i < 60000; ++i) {
        const std::size_t count = 1 + random() % (i % 100 == 0 ? 900 : 25);
        const std::string digits = random_digits(random, count);
        const std::size_t integer_digits = 1 + random() % count;
        const int exponent = static_cast<int>(random() % 700) - 350;
        std::string number = (random() % 2 ? "-" : "") + digits.substr(0, integer_digits);
        if (integer_digits < count) number += "." + digits.substr(integer_digits);
        number += "e" + std::to_string(exponent);
        check_same_as_strtod(number);
        check_same_as_strtod("0.000" + digits);
    }
    for (int i = 0; i < 20000; ++i) {  // every double, written shortest and with 17 digits
        const std::uint64_t bits = random();
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        if (!std::isfinite(value)) continue;
        std::vector<char> text(40);
        std::snprintf(text.data(), text.size(), "%.17e", value);
        check_same_as_strtod(text.data());
        std::snprintf(text.data(), text.size(), "%.16e", value);
        check_same_as_strtod(text.data());
    }
}
