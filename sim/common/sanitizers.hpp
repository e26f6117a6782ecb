// PEAKSIM_ADDRESS_SANITIZER: 1 in a build with AddressSanitizer (scripts/sanitize), else 0. GCC and Clang set
// their own macros for -fsanitize=address; code that must act differently under it (SimGrid's contexts, tests
// that bound the resident memory) reads this one.
#pragma once

#if defined(__SANITIZE_ADDRESS__)  // GCC
#define PEAKSIM_ADDRESS_SANITIZER 1
#elif defined(__has_feature)  // Clang
#if __has_feature(address_sanitizer)
#define PEAKSIM_ADDRESS_SANITIZER 1
#endif
#endif
#ifndef PEAKSIM_ADDRESS_SANITIZER
#define PEAKSIM_ADDRESS_SANITIZER 0
#endif
