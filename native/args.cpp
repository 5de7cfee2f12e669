#include "args.hpp"

#include <algorithm>
#include <cctype>

namespace cci::native {

std::string shown(const std::string& arg) {
    constexpr std::size_t max_word = 24;
    const std::string name = arg.substr(0, arg.find('='));
    const bool word = !name.empty() && name.size() <= max_word && std::all_of(name.begin(), name.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) != 0 || std::isdigit(static_cast<unsigned char>(c)) != 0 ||
               c == '-';
    });
    return word ? "'" + name + "'" : "(argument not shown)";
}

}  // namespace cci::native
