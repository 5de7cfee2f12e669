// Test-only access to the files under tests/fixtures.
#pragma once

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace cci::testing {

inline std::string read_fixture(const std::string& relative) {
    const std::string path = std::string(CCI_FIXTURES_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read fixture " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace cci::testing
