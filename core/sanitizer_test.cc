// The sanitized build's settings, checked where they take effect: in a test
// process ctest started, with the environment imr_test() gives it.
#include "core/sanitizer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace imr {
namespace {

// GCC 12's runtime, tracking the blocks of a thread's dynamic TLS, reads a
// block that starts 16 bytes past a 4 KiB boundary as glibc 2.19 laid it out;
// the leak check at exit then scans a range that is not mapped and dies
// ("Tracer caught signal 11") after the test passed. Where the block lands
// moves with each run: it failed a CI run, and a loop of the OCR time-limit
// test once in 200 runs. CMakeLists.txt turns the tracking off for every
// test; leak checking itself stays on.
TEST(SanitizerOptionsTest, LeakCheckStaysOnAndDoesNotTrackDynamicTls) {
#ifndef IMR_ADDRESS_SANITIZER
  GTEST_SKIP() << "not a sanitized build (cmake -DIMR_SANITIZE=ON)";
#else
  if (std::getenv("IMR_SOURCE_DIR") == nullptr) {
    GTEST_SKIP() << "run outside ctest: the options under test come from imr_test()";
  }
  const char* set = std::getenv("ASAN_OPTIONS");
  ASSERT_NE(set, nullptr) << "imr_test() gives every test ASAN_OPTIONS";
  const std::string options = std::string(":") + set + ":";
  EXPECT_NE(options.find(":intercept_tls_get_addr=0:"), std::string::npos) << set;
  EXPECT_NE(options.find(":detect_leaks=1:"), std::string::npos) << set;
#endif
}

}  // namespace
}  // namespace imr
