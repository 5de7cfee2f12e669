#include "input.hpp"

#include <cstdio>
#include <iostream>
#include <iterator>

#include <termios.h>
#include <unistd.h>

namespace cci::native {

std::optional<std::string> read_stdin(std::size_t limit) {
    std::string data;
    char buffer[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
        if (data.size() + got > limit) return std::nullopt;
        data.append(buffer, got);
    }
    return data;
}

std::optional<std::string> read_secret(const char* prompt, std::size_t limit) {
    if (isatty(STDIN_FILENO) == 0) return read_stdin(limit);
    std::fprintf(stderr, "%s", prompt);
    termios saved{};
    const bool hidden = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hidden) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (hidden) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fprintf(stderr, "\n");
    if (line.size() > limit) return std::nullopt;
    return line;
}

}  // namespace cci::native
