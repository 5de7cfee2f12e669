// An RE2 compiled on its first use, for tables of patterns of which one input needs few:
// compiling a whole table up front was most of an analysis's start-up, in wasm above all.
// Private to core/src.
#pragma once

#include <memory>
#include <mutex>
#include <string_view>

#include <re2/re2.h>

namespace cci {

class LazyRe2 {
public:
    /// `source` compiled with `options`, or null when RE2 rejects it. Every call must pass the
    /// same `source` and `options`: only the first compiles. Safe to call from several threads.
    [[nodiscard]] const re2::RE2* get(std::string_view source, const re2::RE2::Options& options) const {
        std::call_once(once_, [&] {
            auto re = std::make_unique<re2::RE2>(re2::StringPiece(source.data(), source.size()), options);
            if (re->ok()) re_ = std::move(re);
        });
        return re_.get();
    }

private:
    mutable std::once_flag once_;
    mutable std::unique_ptr<re2::RE2> re_;
};

}  // namespace cci
