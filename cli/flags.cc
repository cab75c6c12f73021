#include "cli/flags.h"

#include <charconv>

#include <algorithm>

namespace imr {

bool Flags::Parse(const std::vector<std::string>& args, std::ostream& err) {
  bool flags_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_done || arg.size() < 2 || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") { flags_done = true; continue; }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const bool takes_value = std::count(known_.begin(), known_.end(), name + "=") > 0;
    const bool is_switch = std::count(known_.begin(), known_.end(), name) > 0;
    if (!takes_value && !is_switch) {
      err << "imr: unknown flag " << name << "\n";
      return false;
    }
    if (!takes_value && eq != std::string::npos) {
      err << "imr: " << name << " takes no value\n";
      return false;
    }
    if (!takes_value) { values_[name] = ""; continue; }
    if (eq != std::string::npos) { values_[name] = arg.substr(eq + 1); continue; }
    if (i + 1 >= args.size()) {
      err << "imr: " << name << " needs a value\n";
      return false;
    }
    values_[name] = args[++i];
  }
  return true;
}

std::optional<std::string> Flags::Value(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::optional<double> PositiveNumber(const std::optional<std::string>& value, double fallback) {
  if (!value) return fallback;
  double n = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (ec != std::errc() || end != value->data() + value->size() || n <= 0) return std::nullopt;
  return n;
}

namespace {

// The whole number `value` spells in decimal digits alone (no sign, no
// spaces), when it lies in [low, high]; nothing otherwise.
std::optional<uint64_t> WholeNumberIn(const std::optional<std::string>& value, uint64_t low, uint64_t high) {
  if (!value || value->empty() || value->size() > 18) return std::nullopt;
  uint64_t n = 0;
  for (char c : *value) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  if (n < low || n > high) return std::nullopt;
  return n;
}

}  // namespace

std::optional<int> MaxPages(const Flags& flags) {
  const std::optional<uint64_t> n = WholeNumberIn(flags.Value("--max-pages"), 1, 1000000);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

bool MaxPagesValid(const Flags& flags) { return !flags.Has("--max-pages") || MaxPages(flags).has_value(); }

std::optional<int> ThreadsFlag(const Flags& flags, const std::string& flag, int fallback) {
  if (!flags.Has(flag)) return fallback;
  const std::optional<uint64_t> n = WholeNumberIn(flags.Value(flag), 1, 64);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

std::optional<int> OcrThreads(const Flags& flags, int fallback) { return ThreadsFlag(flags, "--ocr-threads", fallback); }

std::optional<uint64_t> MaxTextBytes(const Flags& flags) {
  const std::optional<uint64_t> megabytes = WholeNumberIn(flags.Value("--max-text-mb"), 1, 100000);
  if (!megabytes) return std::nullopt;
  return *megabytes << 20;
}

bool MaxTextValid(const Flags& flags) { return !flags.Has("--max-text-mb") || MaxTextBytes(flags).has_value(); }

}  // namespace imr
