// Tesseract behind OcrEngine; the only file that names it.
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <vector>

#include "core/text.h"
#include "ingest/pdf_text.h"

namespace imr {
namespace {

// Tesseract asks this between words whether to stop: past the page's deadline.
struct Deadline {
  std::chrono::steady_clock::time_point at;
  bool passed = false;
};

bool PastDeadline(void* deadline, int /*words*/) {
  auto* d = static_cast<Deadline*>(deadline);
  if (std::chrono::steady_clock::now() >= d->at) d->passed = true;
  return d->passed;
}

// The slope of the page's text lines in the image (y down): the median of
// the baselines of lines longer than a quarter of the page. A scan turned by
// a degree puts the end of a line a line's height below its start, and
// LayOutWords, which groups words by height on the page, would mix lines.
double TextSlope(tesseract::ResultIterator& it, int width) {
  std::vector<double> slopes;
  it.Begin();
  do {
    int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    if (it.Baseline(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2) && x2 - x1 > width / 4) {
      slopes.push_back(static_cast<double>(y2 - y1) / (x2 - x1));
    }
  } while (it.Next(tesseract::RIL_TEXTLINE));
  it.Begin();
  if (slopes.empty()) return 0;
  std::nth_element(slopes.begin(), slopes.begin() + static_cast<long>(slopes.size() / 2), slopes.end());
  return slopes[slopes.size() / 2];
}

}  // namespace

struct OcrEngine::State {
  tesseract::TessBaseAPI api;
  bool tried = false;
  bool started = false;
};

OcrEngine::OcrEngine() : state_(std::make_unique<State>()) {}

OcrEngine::~OcrEngine() {
  if (state_->started) state_->api.End();
}

bool OcrEngine::Start() {
  if (state_->tried) return state_->started;
  state_->tried = true;
  // Some of Tesseract's settings are the process's, not an engine's:
  // debug_file, which every engine's messages read, among them. It is set
  // once, before any engine starts (ThreadSanitizer found one OCR thread
  // setting it while another's engine read it), and engines start one at a
  // time, so none writes a setting that another is writing.
  static std::mutex starting;
  const std::lock_guard<std::mutex> lock(starting);
  [[maybe_unused]] static const bool quiet = [] {
    // Tesseract's chatter would leak text.
    return tesseract::TessBaseAPI().SetVariable("debug_file", "/dev/null");
  }();
  state_->started = state_->api.Init(nullptr, "eng", tesseract::OEM_DEFAULT) == 0;
  if (state_->started) state_->api.SetPageSegMode(tesseract::PSM_AUTO);
  return state_->started;
}

OcrPage OcrEngine::Read(const unsigned char* gray, int width, int height, int bytes_per_line, int dpi,
                        int time_limit_ms) {
  OcrPage out;
  if (!Start()) return out;
  tesseract::TessBaseAPI& api = state_->api;
  // What the engine adapted to on one page must not change how it reads the
  // next: a page reads the same whichever engine, or thread, reads it.
  api.ClearAdaptiveClassifier();
  api.SetImage(gray, width, height, 1, bytes_per_line);
  api.SetSourceResolution(dpi);
  Deadline deadline{std::chrono::steady_clock::now() + std::chrono::milliseconds(time_limit_ms)};
  tesseract::ETEXT_DESC monitor;
  monitor.cancel = PastDeadline;
  monitor.cancel_this = &deadline;
  const int status = api.Recognize(&monitor);
  out.timed_out = deadline.passed;
  if (status != 0 && !out.timed_out) return out;
  const std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return out;
  const double scale = 72.0 / dpi;  // pixels to points
  // Each word box turned about the page's centre so that its lines run level.
  const double angle = std::atan(TextSlope(*it, width));
  const double cos_a = std::cos(angle), sin_a = std::sin(angle), cx = width / 2.0, cy = height / 2.0;
  double confidence_sum = 0;
  do {
    const std::unique_ptr<char[]> raw(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!raw) continue;
    std::string text = SanitizeUtf8(raw.get());
    if (TrimView(text).empty()) continue;
    int left = 0, top = 0, right = 0, bottom = 0;
    it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom);
    const double x = (left + right) / 2.0 - cx, y = (top + bottom) / 2.0 - cy;
    const double level_x = cx + x * cos_a + y * sin_a, level_y = cy - x * sin_a + y * cos_a;
    const double half_w = (right - left) / 2.0, half_h = (bottom - top) / 2.0;
    out.words.push_back({std::string(TrimView(text)), (level_x - half_w) * scale, (level_y - half_h) * scale,
                         (level_x + half_w) * scale, (level_y + half_h) * scale});
    confidence_sum += it->Confidence(tesseract::RIL_WORD);
  } while (it->Next(tesseract::RIL_WORD));
  if (!out.words.empty()) out.mean_confidence = confidence_sum / static_cast<double>(out.words.size());
  api.Clear();
  return out;
}

}  // namespace imr
