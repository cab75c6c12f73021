// Tesseract behind RecognizeWords(); the only file that names it.
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <memory>

#include "core/text.h"
#include "ingest/pdf_text.h"

namespace imr {

std::vector<PlacedWord> RecognizeWords(const unsigned char* gray, int width, int height,
                                       int bytes_per_line, int dpi, bool* started) {
  std::vector<PlacedWord> words;
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  *started = api->Init(nullptr, "eng", tesseract::OEM_DEFAULT) == 0;
  if (!*started) return words;
  api->SetVariable("debug_file", "/dev/null");  // Tesseract's chatter would leak text
  api->SetPageSegMode(tesseract::PSM_AUTO);
  api->SetImage(gray, width, height, 1, bytes_per_line);
  api->SetSourceResolution(dpi);
  if (api->Recognize(nullptr) != 0) return words;
  const std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (!it) return words;
  const double scale = 72.0 / dpi;  // pixels to points
  do {
    const std::unique_ptr<char[]> raw(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!raw) continue;
    std::string text = SanitizeUtf8(raw.get());
    if (TrimView(text).empty()) continue;
    int left = 0, top = 0, right = 0, bottom = 0;
    it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom);
    words.push_back({std::string(TrimView(text)), left * scale, top * scale, right * scale,
                     bottom * scale});
  } while (it->Next(tesseract::RIL_WORD));
  api->End();
  return words;
}

}  // namespace imr
