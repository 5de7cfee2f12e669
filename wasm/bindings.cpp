// Embind declarations of the core for JavaScript. Declarations and marshalling only: every
// function forwards to one core call. The facade (index.mjs) is the public API.
#include <emscripten/bind.h>

#include <string>

#include "cci/catalog.hpp"
#include "cci/token.hpp"
#include "json_to_js.hpp"

static_assert(__EMSCRIPTEN__, "wasm/ is built with Emscripten only");

namespace {

emscripten::val check_token(const std::string& pasted) {
    const cci::TokenCheck check = cci::check_token(pasted);
    emscripten::val out = cci::wasm::to_js(cci::to_json(check));
    out.set("sanitized", check.sanitized);  // the page submits it; it is never displayed
    return out;
}

emscripten::val id_catalog() { return cci::wasm::to_js(cci::id_catalog()); }

}  // namespace

EMSCRIPTEN_BINDINGS(cci) {
    emscripten::function("checkToken", &check_token);
    emscripten::function("idCatalog", &id_catalog);
}
