#include "normalize/fact_merge.h"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <unordered_map>

#include "core/text.h"
#include "normalize/dates.h"

namespace imr {
namespace {

std::string Get(const Fact& f, const char* key) {
  auto it = f.value.find(key);
  return it == f.value.end() ? std::string() : it->second;
}

}  // namespace

std::string SameFactKey(const Fact& f) {
  std::string content;
  if (f.kind == "date" && f.value.count("date")) {
    content = Get(f, "date");
  } else if (f.kind == "medication" && f.value.count("generic")) {
    content = Get(f, "generic") + "|" + Get(f, "strength");
  } else if (f.kind == "procedure" && f.value.count("procedure")) {
    content = Get(f, "procedure") + "|" + Get(f, "body_site") + "|" + Get(f, "laterality") + "|" + Get(f, "level");
  } else if (f.kind == "age" || f.kind == "sex") {
    content = Get(f, f.kind == "age" ? "years" : "sex");
  } else {
    content = CompareKey(f.text);
  }
  return f.kind + "|" + f.assertion + "|" + content;
}

void MergeRepeatedFacts(std::vector<Fact>* facts) {
  std::unordered_map<std::string, size_t> first_of;
  std::unordered_map<std::string, size_t> kept_index_of_id;  // old id -> index in `kept`
  std::vector<Fact> kept;
  for (Fact& f : *facts) {
    const std::string key = SameFactKey(f);
    auto [it, inserted] = first_of.emplace(key, kept.size());
    kept_index_of_id[f.id] = it->second;
    if (inserted) {
      kept.push_back(std::move(f));
      continue;
    }
    Fact& first = kept[it->second];
    first.also.push_back({f.span, f.text, f.section});
    for (Evidence& e : f.also) first.also.push_back(std::move(e));
    // A value the first mention lacks, a later one may give ("Norco" then
    // "Norco 10/325 mg #90").
    for (const auto& [k, v] : f.value) first.value.emplace(k, v);
    if (!first.code && f.code) first.code = f.code;
  }
  for (size_t i = 0; i < kept.size(); ++i) kept[i].id = "f" + std::to_string(i + 1);
  // Anchors name facts by id: point them at the new ids.
  for (Fact& f : kept) {
    auto anchor = f.value.find("anchor");
    if (anchor == f.value.end()) continue;
    auto it = kept_index_of_id.find(anchor->second);
    if (it != kept_index_of_id.end()) anchor->second = kept[it->second].id;
  }
  *facts = std::move(kept);
}

std::vector<TimelineEntry> BuildTimeline(const std::map<std::string, Field>& fields,
                                         const std::vector<Fact>& facts) {
  std::vector<TimelineEntry> out;
  static const std::map<std::string, std::string> kFieldRoles = {
      {"date_of_injury", "injury"}, {"ur_denial_date", "utilization_review"},
      {"application_received", "imr_application"}, {"date_assigned", "imr_assignment"},
      {"decision_date", "imr_decision"}};
  for (const auto& [name, role] : kFieldRoles) {
    auto it = fields.find(name);
    if (it == fields.end() || !ParseDate(it->second.value)) continue;
    out.push_back({it->second.value, "day", role, name});
  }
  for (const Fact& f : facts) {
    if (f.kind != "date" || !f.value.count("date")) continue;
    out.push_back({f.value.at("date"), Get(f, "precision"), Get(f, "role"), f.id});
  }
  // ISO strings sort by date, and "2016-10" sorts before "2016-10-13"; on one
  // date, header fields come first, then facts in text order (f2 before f10).
  const auto order = [](const TimelineEntry& e) {
    const bool fact = e.source.size() > 1 && e.source[0] == 'f' && std::isdigit(static_cast<unsigned char>(e.source[1]));
    return std::make_tuple(e.date, fact, fact ? std::stoi(e.source.substr(1)) : 0, e.source);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const TimelineEntry& a, const TimelineEntry& b) { return order(a) < order(b); });
  return out;
}

}  // namespace imr
