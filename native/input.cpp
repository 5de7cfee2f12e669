#include "input.hpp"

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>

#include <fcntl.h>
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

StreamResult stream_file(const std::string& path, std::size_t window,
                         const std::function<void(std::string_view)>& consume) {
    const bool is_stdin = path == "-";
    const int fd = is_stdin ? STDIN_FILENO : open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return StreamResult::cannot_open;
    if (!is_stdin) posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    // Not zero-filled: pages are touched as reads fill them (a short input touches one).
    const std::unique_ptr<char[]> buffer(new char[window]);
    StreamResult result = StreamResult::done;
    for (;;) {
        const ssize_t got = read(fd, buffer.get(), window);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            result = StreamResult::read_error;
            break;
        }
        consume(std::string_view(buffer.get(), static_cast<std::size_t>(got)));
    }
    if (!is_stdin) close(fd);
    return result;
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
