#include "lazy_re2.hpp"

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

namespace {

re2::RE2::Options quiet() {
    re2::RE2::Options options;
    options.set_log_errors(false);
    return options;
}

}  // namespace

TEST_CASE("lazy_re2: compiles once, on the first get, and keeps the result", "[lazy_re2]") {
    const cci::LazyRe2 lazy;
    const re2::RE2* first = lazy.get("err(or)?", quiet());
    REQUIRE(first != nullptr);
    CHECK(first->pattern() == "err(or)?");
    CHECK(re2::RE2::FullMatch("error", *first));
    CHECK(lazy.get("err(or)?", quiet()) == first);
}

TEST_CASE("lazy_re2: a pattern RE2 rejects gives null, every time", "[lazy_re2]") {
    const cci::LazyRe2 lazy;
    CHECK(lazy.get("(?<=x)y", quiet()) == nullptr);
    CHECK(lazy.get("(?<=x)y", quiet()) == nullptr);
}

TEST_CASE("lazy_re2: threads racing to the first get share one compiled pattern", "[lazy_re2]") {
    const cci::LazyRe2 lazy;
    std::vector<const re2::RE2*> seen(8, nullptr);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) {
        threads.emplace_back([&, i] { seen[i] = lazy.get("[a-z]+_[0-9]+", quiet()); });
    }
    for (auto& t : threads) t.join();
    REQUIRE(seen[0] != nullptr);
    for (const re2::RE2* re : seen) CHECK(re == seen[0]);
}
