#include "core/drug_table.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/embedded_files.h"
#include "core/term_index.h"
#include "core/tsv.h"

namespace imr {
namespace {

struct Drugs {
  std::vector<DrugRow> rows;
  TermIndex names;  // payload: row index << 12 | name index
};

std::vector<std::string> Parts(std::string_view generic) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= generic.size()) {
    const size_t at = generic.find('/', from);
    out.emplace_back(generic.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  return out;
}

// The ingredients as a set key: "hydrocodone/acetaminophen" and
// "acetaminophen/hydrocodone" are one drug.
std::string IngredientKey(std::string_view generic) {
  std::vector<std::string> parts = Parts(generic);
  std::sort(parts.begin(), parts.end());
  std::string key;
  for (const std::string& p : parts) key += p + "/";
  return key;
}

void AddCurated(Drugs* d, std::map<std::string, size_t>* by_ingredients, std::set<std::string>* known) {
  const TsvTable t = ParseTsv(EmbeddedFile("drugs.tsv"));
  const size_t generic = t.Column("generic"), drug_class = t.Column("class"), names = t.Column("names"),
               flags = t.Column("flags");
  for (const auto& cells : t.rows) {
    DrugRow row;
    row.generic = std::string(TsvTable::Cell(cells, generic));
    row.drug_class = TsvTable::Cell(cells, drug_class);
    row.systemic_patch = TsvTable::Cell(cells, flags).find("systemic_patch") != std::string_view::npos;
    row.not_a_drug = TsvTable::Cell(cells, flags).find("not_a_drug") != std::string_view::npos;
    row.curated = true;
    for (std::string_view n : SplitBar(TsvTable::Cell(cells, names))) {
      DrugName name;
      name.case_sensitive = n.front() == '=';
      if (name.case_sensitive) n.remove_prefix(1);
      name.name = n;
      // Brands are capitalized in the table; generic names and abbreviations of them are not.
      name.brand = !name.case_sensitive && std::isupper(static_cast<unsigned char>(n.front()));
      row.names.push_back(name);
      known->insert(NormalizeWord(n));
    }
    if (!row.generic.empty()) by_ingredients->emplace(IngredientKey(row.generic), d->rows.size());
    d->rows.push_back(std::move(row));
  }
}

void AddFda(Drugs* d, const std::map<std::string, size_t>& by_ingredients, const std::set<std::string>& known) {
  const TsvTable t = ParseTsv(EmbeddedFile("fda_drug_names.tsv"));
  const size_t name = t.Column("name"), generic = t.Column("generic"), kind = t.Column("kind"),
               drug_class = t.Column("class");
  std::map<std::string, size_t> fda_rows;  // generic -> row
  for (const auto& cells : t.rows) {
    const std::string_view n = TsvTable::Cell(cells, name);
    if (known.count(NormalizeWord(n))) continue;
    const std::string g(TsvTable::Cell(cells, generic));
    size_t index = 0;
    if (auto it = by_ingredients.find(IngredientKey(g)); it != by_ingredients.end()) {
      index = it->second;
    } else if (auto f = fda_rows.find(g); f != fda_rows.end()) {
      index = f->second;
    } else {
      index = d->rows.size();
      fda_rows.emplace(g, index);
      DrugRow row;
      row.generic = g;
      row.drug_class = TsvTable::Cell(cells, drug_class);
      d->rows.push_back(std::move(row));
    }
    d->rows[index].names.push_back({n, TsvTable::Cell(cells, kind) == "brand", false, true});
  }
}

const Drugs& TheDrugs() {
  static const Drugs drugs = [] {
    Drugs d;
    std::map<std::string, size_t> by_ingredients;
    std::set<std::string> known;
    AddCurated(&d, &by_ingredients, &known);
    AddFda(&d, by_ingredients, known);
    for (size_t r = 0; r < d.rows.size(); ++r) {
      for (size_t n = 0; n < d.rows[r].names.size() && n < 4096; ++n) {
        const DrugName& name = d.rows[r].names[n];
        d.names.Add(name.name, static_cast<uint32_t>(r << 12 | n), name.case_sensitive);
      }
    }
    d.names.Freeze();
    return d;
  }();
  return drugs;
}

}  // namespace

std::string DrugNameRegex(std::string_view name) { return NameRegex(name, R"([\s/#.'-]*)"); }

const std::vector<DrugRow>& DrugRows() { return TheDrugs().rows; }

std::vector<DrugMention> FindDrugNames(std::string_view text) { return FindDrugNames(text, TokenizeWords(text)); }

std::vector<DrugMention> FindDrugNames(std::string_view text, const std::vector<WordToken>& words) {
  const Drugs& d = TheDrugs();
  std::vector<DrugMention> out;
  for (const TermIndex::Hit& hit : d.names.FindAll(text, words)) {
    // Payloads sort by row, and curated rows come first.
    const uint32_t p = hit.payloads.front();
    const DrugRow& row = d.rows[p >> 12];
    if (row.not_a_drug) continue;
    out.push_back({words[hit.first_word].begin, words[hit.first_word + hit.word_count - 1].end, &row,
                   &row.names[p & 0xFFF]});
  }
  return out;
}

std::string CuratedDrugNamesPattern(std::string_view drug_class) {
  std::string out;
  for (const DrugRow& row : DrugRows()) {
    if (!row.curated || row.not_a_drug || row.drug_class != drug_class) continue;
    for (const DrugName& n : row.names) out += (out.empty() ? "" : "|") + DrugNameRegex(n.name);
  }
  return out;
}

}  // namespace imr
