// The binary whose precompiled header (GoogleTest's, CMakeLists.txt) every
// test binary reuses. It runs no test of its own: gtest_main finds none.
