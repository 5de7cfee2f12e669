// RE2's util/logging.h for the wasm build: the same macros, built on std::string instead of
// std::ostringstream, so linking RE2 does not pull libc++'s iostreams and locales (about 70 KB
// of wasm) into the shipped module. Fatal lines are written to stderr as RE2 writes them;
// non-fatal ones are compiled out (10 KiB gzip of printing code). The top-level
// CMakeLists.txt puts this directory before RE2's own source on RE2's include path.
// The macro interface is RE2's (Copyright 2009 The RE2 Authors, BSD-style licence; see
// THIRD_PARTY_NOTICES.md).
#ifndef UTIL_LOGGING_H_
#define UTIL_LOGGING_H_

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <type_traits>

#include "re2/stringpiece.h"
#include "util/util.h"

#define DCHECK(condition) assert(condition)
#define DCHECK_EQ(val1, val2) assert((val1) == (val2))
#define DCHECK_NE(val1, val2) assert((val1) != (val2))
#define DCHECK_LE(val1, val2) assert((val1) <= (val2))
#define DCHECK_LT(val1, val2) assert((val1) < (val2))
#define DCHECK_GE(val1, val2) assert((val1) >= (val2))
#define DCHECK_GT(val1, val2) assert((val1) > (val2))

#define CHECK(x) if (x) {} else LogMessageFatal(__FILE__, __LINE__).stream() << "Check failed: " #x
#define CHECK_LT(x, y) CHECK((x) < (y))
#define CHECK_GT(x, y) CHECK((x) > (y))
#define CHECK_LE(x, y) CHECK((x) <= (y))
#define CHECK_GE(x, y) CHECK((x) >= (y))
#define CHECK_EQ(x, y) CHECK((x) == (y))
#define CHECK_NE(x, y) CHECK((x) != (y))

// Non-fatal lines are compiled out, with what they would print: the module reports errors as
// values (patterns are compiled with log_errors off), and the rest are RE2's own diagnostics.
#define CCI_RE2_SILENT while (false) LogMessage(__FILE__, __LINE__)
#define LOG_INFO CCI_RE2_SILENT
#define LOG_WARNING CCI_RE2_SILENT
#define LOG_ERROR CCI_RE2_SILENT
#define LOG_FATAL LogMessageFatal(__FILE__, __LINE__)
#define LOG_QFATAL LOG_FATAL

#ifdef NDEBUG
#define LOG_DFATAL LOG_ERROR
#else
#define LOG_DFATAL LOG_FATAL
#endif

#define LOG(severity) LOG_##severity.stream()

#define VLOG(x) LOG_INFO.stream()

/// What RE2 streams into a log line: text as is, a char as a character, numbers and enums
/// in decimal, other pointers as addresses (as std::ostream would print them).
class LogStream {
public:
    LogStream& operator<<(const char* text) { text_ += text; return *this; }
    LogStream& operator<<(const std::string& text) { text_ += text; return *this; }
    LogStream& operator<<(const re2::StringPiece& text) { text_.append(text.data(), text.size()); return *this; }
    LogStream& operator<<(char c) { text_ += c; return *this; }
    LogStream& operator<<(const void* address) {
        char hex[2 + 2 * sizeof address + 1];
        snprintf(hex, sizeof hex, "%p", address);
        text_ += hex;
        return *this;
    }
    template <typename Number, typename = std::enable_if_t<std::is_arithmetic_v<Number> || std::is_enum_v<Number>>>
    LogStream& operator<<(Number value) {
        if constexpr (std::is_enum_v<Number>) {
            text_ += std::to_string(static_cast<std::underlying_type_t<Number>>(value));
        } else {
            text_ += std::to_string(value);
        }
        return *this;
    }
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

/// One line "file:line: message\n" written to stderr when the message ends.
class LogMessage {
public:
    LogMessage(const char* file, int line) { str_ << file << ":" << line << ": "; }
    void Flush() {
        str_ << "\n";
        const std::string& s = str_.text();
        if (fwrite(s.data(), 1, s.size(), stderr) < s.size()) {}
        flushed_ = true;
    }
    ~LogMessage() {
        if (!flushed_) Flush();
    }
    LogStream& stream() { return str_; }
    LogMessage(const LogMessage&) = delete;
    LogMessage& operator=(const LogMessage&) = delete;

private:
    bool flushed_ = false;
    LogStream str_;
};

/// A LogMessage that aborts once written.
class LogMessageFatal : public LogMessage {
public:
    LogMessageFatal(const char* file, int line) : LogMessage(file, line) {}
    ATTRIBUTE_NORETURN ~LogMessageFatal() {
        Flush();
        abort();
    }
    LogMessageFatal(const LogMessageFatal&) = delete;
    LogMessageFatal& operator=(const LogMessageFatal&) = delete;
};

#endif  // UTIL_LOGGING_H_
