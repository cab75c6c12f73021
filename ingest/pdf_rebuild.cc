#include "ingest/pdf_rebuild.h"

#define POINTERHOLDER_TRANSITION 4  // qpdf's std::shared_ptr interface, without its warning
#include <qpdf/Constants.h>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "ingest/pdf_inflate.h"

namespace imr {
namespace {

// ---------------------------------------------------------------------------
// PDF syntax, just enough of it (ISO 32000-1, 7.2 and 7.3).

bool IsWhite(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool IsDelimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '/' || c == '%';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

size_t SkipWhite(std::string_view text, size_t at) {
  while (at < text.size()) {
    if (IsWhite(text[at])) {
      ++at;
    } else if (text[at] == '%') {  // a comment runs to the end of its line
      while (at < text.size() && text[at] != '\n' && text[at] != '\r') ++at;
    } else {
      break;
    }
  }
  return at;
}

// The end of the regular characters (a number, a keyword, a name's body) from `at`.
size_t SkipRegular(std::string_view text, size_t at) {
  while (at < text.size() && !IsWhite(text[at]) && !IsDelimiter(text[at])) ++at;
  return at;
}

// A whole number of at most 10 digits at `at`, and where it ends; nullopt otherwise.
std::optional<std::pair<uint64_t, size_t>> WholeNumberAt(std::string_view text, size_t at) {
  const size_t end = SkipRegular(text, at);
  if (end == at || end - at > 10) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = at; i < end; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(text[i] - '0');
  }
  return std::pair{value, end};
}

// Deeper than this, a value is not one this file needs to read (Poppler's
// own parser stops at 500).
constexpr int kMaxDepth = 64;

// Where the value starting at `at` ends (one past it), or npos when it is not
// whole. "12 0 R" is one value.
size_t SkipValue(std::string_view text, size_t at, int depth = 0) {
  if (at >= text.size() || depth > kMaxDepth) return std::string_view::npos;
  const char c = text[at];
  if (c == '(') {  // a literal string: balanced parentheses, backslash escapes
    int open = 0;
    for (size_t i = at; i < text.size(); ++i) {
      if (text[i] == '\\') {
        ++i;
      } else if (text[i] == '(') {
        ++open;
      } else if (text[i] == ')' && --open == 0) {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }
  if (text.substr(at, 2) == "<<" || c == '[') {
    const std::string_view close = c == '[' ? "]" : ">>";
    size_t i = SkipWhite(text, at + (c == '[' ? 1 : 2));
    while (i < text.size() && text.substr(i, close.size()) != close) {
      i = SkipValue(text, i, depth + 1);
      if (i == std::string_view::npos) return i;
      i = SkipWhite(text, i);
    }
    return i < text.size() ? i + close.size() : std::string_view::npos;
  }
  if (c == '<') {  // a hexadecimal string
    const size_t end = text.find('>', at);
    return end == std::string_view::npos ? end : end + 1;
  }
  if (c == '/') return SkipRegular(text, at + 1);
  if (IsDelimiter(c)) return std::string_view::npos;  // ) > ] } where a value should start
  const size_t end = SkipRegular(text, at);
  // An indirect reference: two whole numbers and R.
  if (WholeNumberAt(text, at)) {
    const size_t gen_at = SkipWhite(text, end);
    if (const auto gen = WholeNumberAt(text, gen_at)) {
      const size_t r_at = SkipWhite(text, gen->second);
      if (r_at > gen->second && r_at < text.size() && text[r_at] == 'R' && SkipRegular(text, r_at) == r_at + 1) {
        return r_at + 1;
      }
    }
  }
  return end;
}

using Dictionary = std::map<std::string, std::string_view>;

// The top-level keys of the dictionary that starts at `at` ("<<"), each with
// its value's text, as far as the dictionary is whole; `*end` is where the
// reading stopped.
Dictionary DictionaryAt(std::string_view text, size_t at, size_t* end) {
  Dictionary keys;
  *end = at;
  if (at >= text.size() || text.substr(at, 2) != "<<") return keys;
  size_t i = SkipWhite(text, at + 2);
  while (i < text.size() && text[i] == '/') {
    const size_t key_end = SkipRegular(text, i + 1);
    const size_t value_at = SkipWhite(text, key_end);
    const size_t value_end = SkipValue(text, value_at);
    if (value_end == std::string_view::npos) {
      i = text.size();  // read to the end without finding the value's end
      break;
    }
    keys.emplace(std::string(text.substr(i, key_end - i)), text.substr(value_at, value_end - value_at));
    i = SkipWhite(text, value_end);
  }
  *end = i;
  return keys;
}

// Reads dictionaries within a budget of bytes for the whole file: one that
// never closes is read to its end once per object header inside it, and a
// hostile file can hold thousands of headers; the dictionaries this file
// needs (trailers, catalogs, pages, object streams) are small.
class DictionaryReader {
 public:
  explicit DictionaryReader(uint64_t budget) : budget_(budget) {}

  Dictionary At(std::string_view text, size_t at) {
    constexpr size_t kMaxDictionaryBytes = 64 * 1024;
    if (at >= text.size()) return {};
    const size_t window = static_cast<size_t>(std::min<uint64_t>({text.size() - at, kMaxDictionaryBytes, budget_}));
    size_t end = at;
    Dictionary dict = DictionaryAt(text.substr(0, at + window), at, &end);
    budget_ -= std::min<uint64_t>(budget_, end - at + 1);
    return dict;
  }

 private:
  uint64_t budget_;
};

std::string_view KeyOf(const Dictionary& dict, const std::string& key) {
  const auto it = dict.find(key);
  return it == dict.end() ? std::string_view() : it->second;
}

// ---------------------------------------------------------------------------
// What the scan finds.

struct ObjectAt {
  uint64_t number = 0;
  uint64_t generation = 0;
  size_t offset = 0;      // of "N G obj"
  size_t body_at = 0;     // past "obj" and white space
};

// PDF object numbers stop here (ISO 32000-1, C.2: 8,388,607); generations at 65,535.
constexpr uint64_t kMaxObjectNumber = 8388607;
constexpr uint64_t kMaxGeneration = 65535;

// Every "N G obj" header in `bytes`, in file order: the keyword stands alone,
// N and G are whole numbers separated by white space, and N starts a line or
// follows white space or a delimiter.
std::vector<ObjectAt> ScanObjectHeaders(std::string_view bytes) {
  std::vector<ObjectAt> found;
  for (size_t at = bytes.find("obj"); at != std::string_view::npos; at = bytes.find("obj", at + 3)) {
    if (at + 3 < bytes.size() && !IsWhite(bytes[at + 3]) && !IsDelimiter(bytes[at + 3])) continue;
    size_t i = at;
    if (i == 0 || !IsWhite(bytes[i - 1])) continue;
    while (i > 0 && IsWhite(bytes[i - 1])) --i;
    const size_t gen_end = i;
    while (i > 0 && IsDigit(bytes[i - 1]) && gen_end - i < 6) --i;
    const size_t gen_at = i;
    if (gen_at == gen_end || i == 0 || !IsWhite(bytes[i - 1])) continue;
    while (i > 0 && IsWhite(bytes[i - 1])) --i;
    const size_t number_end = i;
    while (i > 0 && IsDigit(bytes[i - 1]) && number_end - i < 8) --i;
    if (i == number_end || (i > 0 && !IsWhite(bytes[i - 1]) && !IsDelimiter(bytes[i - 1]))) continue;
    const auto number = WholeNumberAt(bytes, i);
    const auto generation = WholeNumberAt(bytes, gen_at);
    if (!number || !generation || number->first == 0 || number->first > kMaxObjectNumber ||
        generation->first > kMaxGeneration) {
      continue;
    }
    found.push_back({number->first, generation->first, i, SkipWhite(bytes, at + 3)});
  }
  return found;
}

// The trailer's keys a reader needs, as text to copy: a reference, or /ID's array.
struct TrailerKeys {
  std::string root, encrypt, info, id;
};

// Takes each key from `dict` where it has one: called in file order, the
// last dictionary that has a key gives it.
void TakeTrailerKeys(const Dictionary& dict, TrailerKeys* keys) {
  const std::pair<const char*, std::string*> wanted[] = {
      {"/Root", &keys->root}, {"/Encrypt", &keys->encrypt}, {"/Info", &keys->info}, {"/ID", &keys->id}};
  for (const auto& [key, value] : wanted) {
    if (const std::string_view v = KeyOf(dict, key); !v.empty()) *value = std::string(v);
  }
}

// Every `trailer` dictionary and cross-reference stream dictionary, in file
// order, as sources of the trailer's keys.
TrailerKeys FindTrailerKeys(std::string_view bytes, const std::vector<ObjectAt>& objects,
                            const std::vector<Dictionary>& dictionaries, DictionaryReader* reader) {
  std::vector<std::pair<size_t, const Dictionary*>> found;  // (file offset, dictionary)
  std::vector<Dictionary> trailers;
  for (size_t at = bytes.find("trailer"); at != std::string_view::npos; at = bytes.find("trailer", at + 7)) {
    trailers.push_back(reader->At(bytes, SkipWhite(bytes, at + 7)));
    found.emplace_back(at, nullptr);  // pointed at below, once `trailers` stops growing
  }
  for (size_t i = 0; i < found.size(); ++i) found[i].second = &trailers[i];
  for (size_t i = 0; i < objects.size(); ++i) {
    if (KeyOf(dictionaries[i], "/Type") == "/XRef") found.emplace_back(objects[i].offset, &dictionaries[i]);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  TrailerKeys keys;
  for (const auto& [offset, dict] : found) TakeTrailerKeys(*dict, &keys);
  return keys;
}

// ---------------------------------------------------------------------------
// Object streams, read through qpdf.

struct LimitReached {};

// Keeps what a stream inflates to, and stops past the budget all streams share.
class KeepingPipeline : public Pipeline {
 public:
  KeepingPipeline(std::string* out, uint64_t* budget) : Pipeline("keep", nullptr), out_(out), budget_(budget) {}
  void write(unsigned char const* data, size_t size) override {
    if (size > *budget_) throw LimitReached();
    *budget_ -= size;
    out_->append(reinterpret_cast<const char*>(data), size);
  }
  void finish() override {}

 private:
  std::string* out_;
  uint64_t* budget_;
};

// Where an object is, in the cross-reference to be written.
struct Entry {
  int type = 0;           // 1: at `field2` in the file; 2: index `field3` of object stream `field2`
  uint64_t field2 = 0;
  uint64_t field3 = 0;
  size_t found_at = 0;    // the file offset that placed it (for "the later wins")
};

// One object inside an object stream, with its text (for the catalog search).
struct PackedObject {
  uint64_t number = 0;
  uint64_t stream = 0;
  uint64_t index = 0;
  size_t stream_offset = 0;
  std::string text;
};

// The cross-reference stream that lists `entries` (object number -> entry)
// with the trailer's keys, appended to `bytes`. Only the objects found are
// listed (/Index names their runs), so one "8000000 0 obj" does not make
// the table millions of rows long.
std::string AppendCrossReference(std::string_view bytes, const std::map<uint64_t, Entry>& entries,
                                 const TrailerKeys& keys) {
  const uint64_t self = (entries.empty() ? 0 : entries.rbegin()->first) + 1;
  std::string out(bytes);
  out += "\n";
  std::map<uint64_t, Entry> listed = entries;
  listed[0] = {0, 0, 65535, 0};  // the head of the free list
  listed[self] = {1, out.size(), 0, out.size()};
  std::string rows, index;
  const auto put = [&rows](uint64_t value, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) rows += static_cast<char>((value >> shift) & 0xff);
  };
  for (auto it = listed.begin(); it != listed.end();) {
    const uint64_t first = it->first;
    uint64_t next = first;
    for (; it != listed.end() && it->first == next; ++it, ++next) {
      put(static_cast<uint64_t>(it->second.type), 1);
      put(it->second.field2, 4);
      put(it->second.field3, 4);
    }
    index += std::to_string(first) + " " + std::to_string(next - first) + " ";
  }
  const size_t self_offset = static_cast<size_t>(listed[self].field2);
  out += std::to_string(self) + " 0 obj\n<< /Type /XRef /Size " + std::to_string(self + 1) + " /Index [ " + index +
         "] /W [1 4 4] /Length " + std::to_string(rows.size());
  const std::pair<const char*, const std::string*> copied[] = {
      {"/Root", &keys.root}, {"/Encrypt", &keys.encrypt}, {"/Info", &keys.info}, {"/ID", &keys.id}};
  for (const auto& [key, value] : copied) {
    if (!value->empty()) out += std::string(" ") + key + " " + *value;
  }
  out += " >>\nstream\n" + rows + "\nendstream\nendobj\nstartxref\n" + std::to_string(self_offset) + "\n%%EOF\n";
  return out;
}

// The objects held by every object stream among `objects`, read by qpdf from
// `bytes` with a cross-reference of the uncompressed objects only. Stops at
// `budget` inflated bytes.
std::vector<PackedObject> ReadObjectStreams(std::string_view bytes, const std::map<uint64_t, Entry>& uncompressed,
                                            const std::vector<ObjectAt>& objects,
                                            const std::vector<Dictionary>& dictionaries, const TrailerKeys& keys,
                                            uint64_t budget) {
  std::vector<PackedObject> packed;
  std::vector<const ObjectAt*> streams;
  for (size_t i = 0; i < objects.size(); ++i) {
    const auto it = uncompressed.find(objects[i].number);
    if (it == uncompressed.end() || it->second.field2 != objects[i].offset) continue;  // a copy a later one replaced
    if (KeyOf(dictionaries[i], "/Type") == "/ObjStm") streams.push_back(&objects[i]);
  }
  if (streams.empty()) return packed;
  const std::string scaffold = AppendCrossReference(bytes, uncompressed, keys);
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(false);  // its recovery is what failed already
    pdf.processMemoryFile("scaffold", scaffold.data(), scaffold.size(), "");  // the empty user password
    for (const ObjectAt* stream : streams) {
      std::string data;
      try {
        QPDFObjectHandle object = pdf.getObjectByID(static_cast<int>(stream->number),
                                                    static_cast<int>(stream->generation));
        if (!object.isStream()) continue;
        QPDFObjectHandle dict = object.getDict();
        if (!dict.getKey("/N").isInteger() || !dict.getKey("/First").isInteger()) continue;
        const long long count = dict.getKey("/N").getIntValue();
        const long long first = dict.getKey("/First").getIntValue();
        KeepingPipeline keep(&data, &budget);
        // What inflates before a damaged part is kept: its first objects are whole.
        object.pipeStreamData(&keep, nullptr, 0, qpdf_dl_generalized, /*suppress_warnings=*/true);
        if (first < 0 || static_cast<unsigned long long>(first) > data.size() || count <= 0) continue;
        const std::string_view header(data.data(), static_cast<size_t>(first));
        std::vector<std::pair<uint64_t, uint64_t>> pairs;  // (object number, offset past First)
        size_t at = SkipWhite(header, 0);
        while (static_cast<long long>(pairs.size()) < count) {
          const auto number = WholeNumberAt(header, at);
          const auto offset = number ? WholeNumberAt(header, SkipWhite(header, number->second)) : std::nullopt;
          if (!offset || number->first == 0 || number->first > kMaxObjectNumber) break;
          pairs.emplace_back(number->first, offset->first);
          at = SkipWhite(header, offset->second);
        }
        for (size_t i = 0; i < pairs.size(); ++i) {
          const uint64_t begin = static_cast<uint64_t>(first) + pairs[i].second;
          const uint64_t end = i + 1 < pairs.size() ? static_cast<uint64_t>(first) + pairs[i + 1].second : data.size();
          if (begin >= end || end > data.size()) break;  // past what inflated
          packed.push_back({pairs[i].first, stream->number, i, stream->offset, data.substr(begin, end - begin)});
        }
      } catch (const LimitReached&) {
        return packed;
      } catch (const std::exception&) {
        // This stream is lost; the others may not be.
      }
    }
  } catch (const std::exception&) {
  }
  return packed;
}

// A catalog and a page tree for the pages in `pages` (object numbers, in
// file order), as new objects numbered from `next`; returns the catalog's
// reference. The pages keep their /Parent; readers look a page's inherited
// keys up through it, and find nothing where it is lost.
std::string AppendPageTree(const std::vector<uint64_t>& pages, uint64_t next, std::string* bytes,
                           std::map<uint64_t, Entry>* entries) {
  std::string kids;
  for (const uint64_t page : pages) kids += std::to_string(page) + " 0 R ";
  const uint64_t tree = next, catalog = next + 1;
  *bytes += "\n";
  (*entries)[tree] = {1, bytes->size(), 0, bytes->size()};
  *bytes += std::to_string(tree) + " 0 obj\n<< /Type /Pages /Kids [ " + kids + "] /Count " +
            std::to_string(pages.size()) + " >>\nendobj\n";
  (*entries)[catalog] = {1, bytes->size(), 0, bytes->size()};
  *bytes += std::to_string(catalog) + " 0 obj\n<< /Type /Catalog /Pages " + std::to_string(tree) + " 0 R >>\nendobj\n";
  return std::to_string(catalog) + " 0 R";
}

}  // namespace

std::optional<std::string> RebuildCrossReference(std::string_view bytes) {
  const std::vector<ObjectAt> objects = ScanObjectHeaders(bytes);
  if (objects.empty()) return std::nullopt;
  std::map<uint64_t, Entry> entries;
  for (const ObjectAt& object : objects) {  // file order: a later copy replaces an earlier one
    entries[object.number] = {1, object.offset, object.generation, object.offset};
  }
  // Linear in the file's size, whatever it holds.
  DictionaryReader reader(16 * static_cast<uint64_t>(bytes.size()) + (uint64_t{1} << 20));
  std::vector<Dictionary> dictionaries;
  dictionaries.reserve(objects.size());
  for (const ObjectAt& object : objects) dictionaries.push_back(reader.At(bytes, object.body_at));
  TrailerKeys keys = FindTrailerKeys(bytes, objects, dictionaries, &reader);
  const uint64_t budget = std::max<uint64_t>(kInflateFloorBytes, kInflateRatio * bytes.size());
  const std::vector<PackedObject> packed = ReadObjectStreams(bytes, entries, objects, dictionaries, keys, budget);
  for (const PackedObject& object : packed) {
    Entry& entry = entries[object.number];
    if (entry.type == 0 || entry.found_at < object.stream_offset) entry = {2, object.stream, object.index, object.stream_offset};
  }

  std::string text(bytes);  // grows by what is appended below
  if (keys.root.empty()) {
    // The catalog, else the pages: the last of each that is still listed.
    std::string catalog;
    std::vector<std::pair<size_t, uint64_t>> pages;  // (where found, object number)
    size_t catalog_at = 0;
    const auto consider = [&](uint64_t number, uint64_t generation, size_t found_at, const Dictionary& dict) {
      const auto it = entries.find(number);
      if (it == entries.end() || it->second.found_at != found_at) return;  // replaced by a later copy
      const std::string_view type = KeyOf(dict, "/Type");
      if (type == "/Catalog" && found_at >= catalog_at) {
        catalog = std::to_string(number) + " " + std::to_string(generation) + " R";
        catalog_at = found_at;
      } else if (type == "/Page") {
        pages.emplace_back(found_at, number);
      }
    };
    for (size_t i = 0; i < objects.size(); ++i) {
      consider(objects[i].number, objects[i].generation, objects[i].offset, dictionaries[i]);
    }
    for (const PackedObject& object : packed) {
      consider(object.number, 0, object.stream_offset, reader.At(object.text, SkipWhite(object.text, 0)));
    }
    if (catalog.empty() && pages.empty()) return std::nullopt;
    if (!catalog.empty()) {
      keys.root = catalog;
    } else {
      std::stable_sort(pages.begin(), pages.end());
      std::vector<uint64_t> numbers;
      for (const auto& page : pages) numbers.push_back(page.second);
      keys.root = AppendPageTree(numbers, entries.rbegin()->first + 1, &text, &entries);
    }
  }
  return AppendCrossReference(text, entries, keys);
}

}  // namespace imr
