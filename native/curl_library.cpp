#include "curl_library.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace cci::native {
namespace {

template <typename Function>
bool bind(void* handle, const char* soname, const char* name, Function& out, std::string& error) {
    void* symbol = dlsym(handle, name);
    if (symbol == nullptr) {
        error = std::string(soname) + ": no " + name;
        return false;
    }
    out = reinterpret_cast<Function>(symbol);
    return true;
}

const CurlLoad& loaded() {
    static const CurlLoad library = load_curl(CCI_CURL_SONAME);
    return library;
}

}  // namespace

CurlLoad load_curl(const char* soname) {
    CurlLoad out;
    void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = dlerror();
        out.error = why != nullptr ? why : std::string(soname) + ": cannot be loaded";
        return out;
    }
    CurlLibrary& c = out.library;
    out.ok = bind(handle, soname, "curl_global_init", c.global_init, out.error) &&
             bind(handle, soname, "curl_global_cleanup", c.global_cleanup, out.error) &&
             bind(handle, soname, "curl_version_info", c.version_info, out.error) &&
             bind(handle, soname, "curl_easy_init", c.easy_init, out.error) &&
             bind(handle, soname, "curl_easy_cleanup", c.easy_cleanup, out.error) &&
             bind(handle, soname, "curl_easy_setopt", c.easy_setopt, out.error) &&
             bind(handle, soname, "curl_easy_getinfo", c.easy_getinfo, out.error) &&
             bind(handle, soname, "curl_easy_pause", c.easy_pause, out.error) &&
             bind(handle, soname, "curl_slist_append", c.slist_append, out.error) &&
             bind(handle, soname, "curl_slist_free_all", c.slist_free_all, out.error) &&
             bind(handle, soname, "curl_multi_init", c.multi_init, out.error) &&
             bind(handle, soname, "curl_multi_cleanup", c.multi_cleanup, out.error) &&
             bind(handle, soname, "curl_multi_add_handle", c.multi_add_handle, out.error) &&
             bind(handle, soname, "curl_multi_remove_handle", c.multi_remove_handle, out.error) &&
             bind(handle, soname, "curl_multi_perform", c.multi_perform, out.error) &&
             bind(handle, soname, "curl_multi_poll", c.multi_poll, out.error) &&
             bind(handle, soname, "curl_multi_info_read", c.multi_info_read, out.error);
    if (!out.ok) dlclose(handle);
    return out;
}

const CurlLibrary* curl_library() { return loaded().ok ? &loaded().library : nullptr; }

std::string curl_library_error() { return loaded().ok ? std::string() : loaded().error; }

const CurlLibrary& curl() {
    const CurlLibrary* library = curl_library();
    if (library == nullptr) std::abort();
    return *library;
}

}  // namespace cci::native
