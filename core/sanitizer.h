// What a build with AddressSanitizer (cmake -DIMR_SANITIZE=ON) changes for
// process limits and exits; nothing in any other build.
//
//   if (imr::kAddressSpaceLimitsWork) setrlimit(RLIMIT_AS, &limit);
//   imr::CheckLeaksNow();  // before _exit in a forked child
#ifndef IMR_CORE_SANITIZER_H_
#define IMR_CORE_SANITIZER_H_

#if defined(__SANITIZE_ADDRESS__)
#define IMR_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IMR_ADDRESS_SANITIZER 1
#endif
#endif

#ifdef IMR_ADDRESS_SANITIZER
#include <sanitizer/lsan_interface.h>
#endif

namespace imr {

// AddressSanitizer maps terabytes of shadow memory when the process starts, so
// any address-space limit (RLIMIT_AS) fails every later allocation: a
// sanitized build runs its workers without one. ThreadSanitizer's
// (scripts/thread_check.sh) maps its thread traces the same way.
#if defined(IMR_ADDRESS_SANITIZER) || defined(__SANITIZE_THREAD__)
inline constexpr bool kAddressSpaceLimitsWork = false;
#else
inline constexpr bool kAddressSpaceLimitsWork = true;
#endif

// LeakSanitizer looks for leaks when a process exits through exit(); a forked
// child that leaves through _exit() (a worker from the zygote) calls this
// first, so its leaks are found too (a leak fails the process). Nothing
// without the sanitizer.
inline void CheckLeaksNow() {
#ifdef IMR_ADDRESS_SANITIZER
  __lsan_do_leak_check();
#endif
}

}  // namespace imr

#endif  // IMR_CORE_SANITIZER_H_
