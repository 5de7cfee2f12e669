// Objects of the module that JavaScript holds by number. Embind's class handles would do the
// same with 2.5 KB more gzipped glue (its pointer and ownership machinery), for two classes
// whose only owner is the facade.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace cci::wasm {

/// `make` returns the id of a new object, valid until `drop`; a dropped id may later name a
/// new object, so the holder forgets an id when it drops it. `find` is null for an id that
/// names nothing.
template <typename Object>
class Handles {
public:
    template <typename... Args>
    std::uint32_t make(Args&&... args) {
        std::size_t id = 0;
        while (id < slots_.size() && slots_[id]) ++id;
        if (id == slots_.size()) slots_.emplace_back();
        slots_[id] = std::make_unique<Object>(std::forward<Args>(args)...);
        return static_cast<std::uint32_t>(id);
    }
    [[nodiscard]] Object* find(std::uint32_t id) const { return id < slots_.size() ? slots_[id].get() : nullptr; }
    void drop(std::uint32_t id) {
        if (id < slots_.size()) slots_[id].reset();
    }

private:
    std::vector<std::unique_ptr<Object>> slots_;
};

}  // namespace cci::wasm
