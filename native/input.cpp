#include "input.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
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

namespace {

StreamResult read_all(int fd, std::size_t window, const std::function<void(std::string_view)>& consume) {
    std::string buffer(window, '\0');
    for (;;) {
        const ssize_t got = read(fd, buffer.data(), buffer.size());
        if (got == 0) return StreamResult::done;
        if (got < 0) return StreamResult::read_error;
        consume(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    }
}

}  // namespace

StreamResult stream_file(const std::string& path, std::size_t window,
                         const std::function<void(std::string_view)>& consume) {
    const bool is_stdin = path == "-";
    const int fd = is_stdin ? STDIN_FILENO : open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return StreamResult::cannot_open;
    struct stat info {};
    StreamResult result = StreamResult::done;
    if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
        const auto size = static_cast<std::size_t>(info.st_size);
        const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        const std::size_t step = std::max(page, window / page * page);
        for (std::size_t at = 0; at < size && result == StreamResult::done; at += step) {
            const std::size_t length = std::min(step, size - at);
            void* map = mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(at));
            if (map == MAP_FAILED) {
                result = at == 0 ? read_all(fd, window, consume) : StreamResult::read_error;
                break;
            }
            madvise(map, length, MADV_SEQUENTIAL);
            consume(std::string_view(static_cast<const char*>(map), length));
            munmap(map, length);
        }
    } else {
        result = read_all(fd, window, consume);
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
