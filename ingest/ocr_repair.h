// OCR's usual misreadings, repaired where the meaning is unambiguous, before a
// page read by OCR is laid out: the page text IS the repaired text, so every
// span still quotes its page exactly.
//
//   imr::OcrLexicon lexicon(document_words);     // the vocabulary and the document's own words
//   std::vector<imr::PlacedWord> words = RepairOcrWords(ocr_words, lexicon);
//   imr::LayOutWords(words).text;                // "UR Denial Date:\t11/03/2016\n..."
//
// What is repaired (each with a near miss that is not, in ocr_repair_test.cc):
//   - a table rule read as a word, "|" "¦" "[" "]", is dropped, and a "|" glued
//     to a word is cut off ("Date:|" → "Date:"); a lone "l", "I" or "!" is
//     dropped only between a label's colon and a value that starts with a digit;
//   - a date broken by stray spaces is one word again ("11/ 03/2016" → "11/03/2016");
//   - O and o read for 0, l, I and | read for 1 inside a date, a number that
//     starts with a digit, or a case number ("11/O3/2O16", "1OO", "CM16-O2l3037");
//   - one letter confusion undone ("rn" read for "m" or the reverse, "n" for
//     "r", "m" for "n", each or the reverse, "cl" for "d", "vv" for "w") in a
//     run of letters the
//     vocabulary does not know, when exactly one repair gives a known word
//     ("Califomia" → "California", "Arizona,Califomia" → "Arizona,California",
//     "Centification(s)" → "Certification(s)");
//   - a capital split from its word by kerning is joined again when the rest
//     is no word and the whole is ("New Y ork" → "New York", "Oregon,W yoming"
//     → "Oregon,Wyoming", "Texas, A rizona" → "Texas, Arizona"; "Plan B one"
//     and "A typical case" stay);
//   - a word broken at a line-end hyphen is joined when the joined word is known
//     and its first half is not ("authori-" "zation" → "authorization", but
//     "follow-" "up" stays).
// Known words are vocab/ocr_words.tsv (English), the clinical vocabularies and,
// for the letter repairs, the words the document itself prints.
#ifndef IMR_INGEST_OCR_REPAIR_H_
#define IMR_INGEST_OCR_REPAIR_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ingest/layout.h"

namespace imr {

class OcrLexicon {
 public:
  // `document_words` (borrowed for the call) are the words of the document as
  // read, any case and punctuation; they count as known for the rn/m repair.
  explicit OcrLexicon(const std::vector<std::string_view>& document_words = {});

  // Whether `lower_word` (lower case letters) is in the embedded vocabulary.
  bool InVocabulary(std::string_view lower_word) const;
  // InVocabulary, or printed somewhere in the document.
  bool Knows(std::string_view lower_word) const;

 private:
  std::unordered_set<std::string> document_;
};

// `words` of one page as OCR placed them, repaired as above, in reading order.
// Pure: the same words give the same answer.
std::vector<PlacedWord> RepairOcrWords(const std::vector<PlacedWord>& words, const OcrLexicon& lexicon);

// One word's digits repaired: "11/O3/2016" → "11/03/2016"; a word that is no
// date or number comes back unchanged.
std::string RepairDigits(std::string_view word);

// One word's letter confusions repaired against `lexicon`: "Califomia," →
// "California,".
std::string RepairLetters(std::string_view word, const OcrLexicon& lexicon);

}  // namespace imr

#endif  // IMR_INGEST_OCR_REPAIR_H_
