// Echoing command-line words in error messages without ever echoing a secret.
#pragma once

#include <string>

namespace cci::native {

/// `arg` itself when it is a short word of letters, digits and dashes (a command or option
/// name; anything after `=` dropped), else a placeholder: a mistyped token never reaches stderr.
[[nodiscard]] std::string shown(const std::string& arg);

}  // namespace cci::native
