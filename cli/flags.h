// A small parser for the flags `imr` commands take.
//
//   imr::Flags flags({"-o", "--json", "--jobs"});   // the flags a command knows
//   if (!flags.Parse(args, &err)) return kExitUsage;
//   flags.Has("--json"); flags.Value("-o"); flags.positional();
//
// A flag listed with a trailing '=' in `known` takes a value ("-o=", "--jobs=");
// the value may follow as the next argument or after '='. Unknown flags are
// usage errors; "--" ends flags.
#ifndef IMR_CLI_FLAGS_H_
#define IMR_CLI_FLAGS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace imr {

class Flags {
 public:
  explicit Flags(std::vector<std::string> known) : known_(std::move(known)) {}

  // Parses args (without the command name). False, with a message on `err`,
  // for an unknown flag or a missing value.
  bool Parse(const std::vector<std::string>& args, std::ostream& err);

  bool Has(const std::string& flag) const { return values_.count(flag) > 0; }
  std::optional<std::string> Value(const std::string& flag) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::vector<std::string> known_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

// The value of a flag that takes a positive number, `fallback` where the flag
// is absent, nothing where its value is no positive number.
std::optional<double> PositiveNumber(const std::optional<std::string>& value, double fallback);

// The value of --max-pages (the pages read of one input, 1 to 1,000,000), or
// nothing when it is absent or not such a number.
std::optional<int> MaxPages(const Flags& flags);

// False when --max-pages is given but is no such number.
bool MaxPagesValid(const Flags& flags);

// The value of `flag`, a number of threads (1 to 64), `fallback` when it is
// absent, nothing when it is no such number.
std::optional<int> ThreadsFlag(const Flags& flags, const std::string& flag, int fallback);

// The value of --ocr-threads, as ThreadsFlag.
std::optional<int> OcrThreads(const Flags& flags, int fallback);
// The value of --max-text-mb (megabytes of text read per input, 1 to
// 100,000) in bytes, or nothing when it is absent or not such a number.
std::optional<uint64_t> MaxTextBytes(const Flags& flags);

// False when --max-text-mb is given but is no such number.
bool MaxTextValid(const Flags& flags);

}  // namespace imr

#endif  // IMR_CLI_FLAGS_H_
