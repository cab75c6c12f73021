#include "ingest/pdf_text.h"

// Poppler's core API (Debian libpoppler-private-dev), not poppler-cpp: its
// text_list passed every word through UTF-16 and back, opening iconv twice a
// word, which cost more than laying the words out. The calls here are the ones
// poppler-cpp 22.12 made, so the words, boxes and pictures are the same.
#include <Catalog.h>
#include <Error.h>
#include <ErrorCodes.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>
#include <lcms2.h>
#include <splash/SplashBitmap.h>
#ifdef IMR_HAVE_CAIRO
#include <cairo.h>
#endif

#include <algorithm>
#include <atomic>
#include <optional>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <thread>

#include "core/parallel.h"
#include "core/text.h"
#include "ingest/pdf_inflate.h"
#include "ingest/pdf_module.h"
#include "ingest/pdf_repair.h"

namespace imr {
namespace {

// Errors Poppler has met so far on this thread: a page whose reading adds
// to them is damaged, even when Poppler reads on (a content stream that does
// not inflate reads as a blank page). Poppler reports an error on the thread
// that meets it, so pages read on two threads at once each count their own.
thread_local uint64_t poppler_errors = 0;
// Of those, the ones Poppler places in the file (a position at or past 0):
// the file's syntax is damaged there. A wrong password is reported without a
// place.
thread_local uint64_t poppler_syntax_errors = 0;

// Poppler reports syntax errors with fragments of the file; records are
// medical, so its messages are dropped (problems carry our own words), and
// only counted.
void CountPopplerError(ErrorCategory, Goffset position, const char*) {
  ++poppler_errors;
  if (position >= 0) ++poppler_syntax_errors;
}

// Poppler's global settings (GlobalParams: its tables of glyph names, its
// encodings, the fonts it looked up), made with the first document and kept
// for the process. poppler-cpp held them per document, counted, so they were
// built anew for every file: 2.9 M instructions a file, 3% of `imr run` over
// the dev letters. Made in static storage and never destroyed, so a thread
// still reading when the process exits does not find them gone (and a leak
// checker finds no heap block left).
void StartPoppler() {
  [[maybe_unused]] static const bool started = [] {
    alignas(GlobalParamsIniter) static unsigned char storage[sizeof(GlobalParamsIniter)];
    new (storage) GlobalParamsIniter(CountPopplerError);
    setErrorCallback(CountPopplerError);  // whoever made them first
    // The first GfxState of the process makes the colour profiles that every
    // one shares (GfxState::sRGBProfile, XYZProfile), and nothing guards the
    // making: made here, before a document's pages are read on two threads
    // (ReadPages), where two first GfxStates would make them at once
    // (ThreadSanitizer found the second thread using what the first made).
    const PDFRectangle page(0, 0, 612, 792);
    const GfxState first(72, 72, &page, 0, false);
    return true;
  }();
}

// A PDF opened the way poppler-cpp's document::load_from_raw_data opened it.
// Poppler reads the bytes in place: they must outlive the document.
class PdfDocument {
 public:
  // Null when Poppler cannot open `bytes`; a file that does not open with the
  // empty password opens locked. Like poppler-cpp, refuses under 10 bytes.
  static std::unique_ptr<PdfDocument> Load(std::string_view bytes) {
    if (bytes.size() < 10 || bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) return nullptr;
    StartPoppler();
    std::unique_ptr<PdfDocument> doc(new PdfDocument);
    doc->bytes_ = bytes;
    doc->doc_ = std::make_unique<PDFDoc>(new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()),
                                                       Object(objNull)),
                                         GooString(""), GooString(""));
    doc->locked_ = !doc->doc_->isOk() && doc->doc_->getErrorCode() == errEncrypted;
    if (!doc->doc_->isOk() && !doc->locked_) return nullptr;
    return doc;
  }

  bool locked() const { return locked_; }
  // False for a document that could not be unlocked (Poppler's own answer).
  bool encrypted() const { return doc_->isEncrypted(); }
  int pages() const { return doc_->getNumPages(); }
  // Page `index` (from 0), or null when it cannot be read.
  ::Page* page(int index) const {
    if (index < 0 || index >= doc_->getNumPages()) return nullptr;
    return doc_->getCatalog()->getPage(index + 1);
  }
  PDFDoc* core() const { return doc_.get(); }
  // What it was loaded from: another thread may load the same.
  std::string_view bytes() const { return bytes_; }

 private:
  PdfDocument() = default;
  std::string_view bytes_;
  std::unique_ptr<PDFDoc> doc_;
  bool locked_ = false;
};

Problem IngestProblem(std::string code, int page_number, std::string message) {
  return {Stage::kIngest, std::move(code), page_number, std::move(message)};
}

bool LooksTruncated(std::string_view bytes) {
  const std::string_view tail = bytes.substr(bytes.size() > 2048 ? bytes.size() - 2048 : 0);
  return tail.find("%%EOF") == std::string_view::npos;
}

// poppler-cpp kept a box as its corner and the corner plus its size, and gave
// the size back as a difference; ingest added it to the corner again. Each
// step may move the last bit of a double, and the records were made with those
// bits, so the edges are computed the same way.
//   Size(lo, hi):    rectf(lo, _, hi - lo, _).width()
//   FarEdge(lo, hi): rectf(lo, _, hi - lo, _).x() + width()
double Size(double lo, double hi) { return (lo + (hi - lo)) - lo; }
double FarEdge(double lo, double hi) { return lo + Size(lo, hi); }

// A word's text as poppler-cpp gave it: it turned Poppler's UTF-8 into UTF-16
// from a C string and back with iconv, so the text ended at a NUL byte and at
// the first bytes that are not UTF-8 (text_test.cc checks the second against
// iconv).
std::string_view AsPopplerCppGaveIt(std::string_view utf8) {
  utf8 = utf8.substr(0, utf8.find('\0'));
  return utf8.substr(0, ValidUtf8PrefixLength(utf8));
}

// The colour profile text is read towards. Words need no colour, but Poppler
// turns every ICC-based colour space a page sets into a transform to the
// output device's profile, sRGB unless told otherwise, and building one
// samples sRGB's three tone curves backwards, 4,096 pow() calls each: a fifth
// of reading the dev letters' text (callgrind). Towards CIE Lab there is no
// curve to turn back. No word, box or order depends on it (records of the dev
// letters, notes and corpus byte for byte the same); pictures for OCR and
// `imr view` are drawn in gray by Splash, without it.
// One a thread: devices on two threads share no colour profile.
const GfxLCMSProfilePtr& TextColorProfile() {
  thread_local const GfxLCMSProfilePtr lab = make_GfxLCMSProfilePtr(cmsCreateLab4Profile(nullptr));
  return lab;
}

// The device that reads a document's text layers, page after page. One
// device for the whole document keeps Poppler's cache of ICC-based colour
// spaces (the device's, five of them) from one page to the next: a device
// per page built each page's colour transforms again, 798 of them over the
// dev letters, about 120 million instructions (callgrind). What a device
// would carry into the next page is a span of ActualText left open at the
// end of a page, which takes the next page's words in until it closes; after
// such a page the reader takes a fresh device, as a device per page did.
class TextLayerDevice : public TextOutputDev {
 public:
  TextLayerDevice() : TextOutputDev(nullptr, false, 0, false, false) { setDisplayProfile(TextColorProfile()); }

  void beginActualText(GfxState* state, const GooString* text) override {
    span_open_ = true;
    TextOutputDev::beginActualText(state, text);
  }
  void endActualText(GfxState* state) override {
    span_open_ = false;
    TextOutputDev::endActualText(state);
  }
  // Whether the page just read left a span open.
  bool SpanOpen() const { return span_open_; }

 private:
  bool span_open_ = false;
};

// The words of page `index` (from 0) in Poppler's reading order, read as
// poppler-cpp's page::text_list read them, by `device`: one that has read
// no page or read the pages before this one and left no span open.
std::vector<PlacedWord> TextLayerWords(PDFDoc* doc, int index, TextLayerDevice* device) {
  std::vector<PlacedWord> words;
  doc->displayPageSlice(device, index + 1, 72, 72, 0, false, false, false, -1, -1, -1, -1, nullptr, nullptr, nullptr,
                        nullptr, true);
  const std::unique_ptr<TextWordList> list = device->makeWordList();
  if (!list) return words;
  words.reserve(static_cast<size_t>(list->getLength()));
  for (int i = 0; i < list->getLength(); ++i) {
    const TextWord* word = list->get(i);
    const std::unique_ptr<GooString> utf8(word->getText());
    std::string text = SanitizeUtf8(AsPopplerCppGaveIt(utf8->toStr()));
    std::string_view trimmed = TrimView(text);
    if (trimmed.empty()) continue;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    word->getBBox(&x0, &y0, &x1, &y1);
    words.push_back({std::string(trimmed), x0, y0, FarEdge(x0, x1), FarEdge(y0, y1), word->getRotation()});
  }
  return words;
}

// Page `index` (from 0) drawn in 8-bit gray, rows padded to 4 bytes, top row
// first, turned `quarters` clockwise: what poppler-cpp's page_renderer drew
// with format_gray8 on white paper. Null when nothing was drawn.
std::unique_ptr<SplashBitmap> DrawGray(PDFDoc* doc, int index, double dpi, int quarters, bool antialias) {
  SplashColor paper = {0xff, 0xff, 0xff};
  SplashOutputDev device(splashModeMono8, 4, false, paper, true, splashThinLineDefault);
  device.setFontAntialias(antialias);
  device.setVectorAntialias(antialias);
  device.setFreeTypeHinting(false, false);
  device.startDoc(doc);
  doc->displayPageSlice(&device, index + 1, dpi, dpi, quarters * 90, false, true, false, -1, -1, -1, -1, nullptr,
                        nullptr, nullptr, nullptr, true);
  std::unique_ptr<SplashBitmap> bitmap(device.takeBitmap());
  if (!bitmap || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0 || !bitmap->getDataPtr()) return nullptr;
  return bitmap;
}

// Whether the page puts no ink on the paper: rendered small, every pixel is
// white. Tesseract takes a second or more over a 300 dpi page, and a page
// without a text layer is often a blank separator; one dark pixel (a scan's
// speckle, a rule, a light word blurred at this size) sends it to OCR.
bool InkFree(PDFDoc* doc, int index) {
  constexpr double kDpi = 36;
  constexpr unsigned char kWhite = 250;
  const std::unique_ptr<SplashBitmap> image = DrawGray(doc, index, kDpi, 0, false);
  if (!image) return false;
  const unsigned char* data = image->getDataPtr();
  for (int y = 0; y < image->getHeight(); ++y) {
    const unsigned char* row = data + static_cast<size_t>(y) * static_cast<size_t>(image->getRowSize());
    if (std::any_of(row, row + image->getWidth(), [](unsigned char v) { return v < kWhite; })) return false;
  }
  return true;
}

// A page without a text layer, waiting for OCR, and what OCR made of it.
struct OcrJob {
  int page_index = 0;
  bool started = false;
  OcrPage read;
};

// Reads `job`'s page with `engine`. Poppler renders under `poppler_mutex`
// (one document is not drawn from two threads); Tesseract reads outside it.
void ReadOcrJob(PDFDoc* doc, OcrJob* job, OcrEngine* engine, std::mutex* poppler_mutex, const PdfOptions& options) {
  std::unique_ptr<SplashBitmap> image;
  {
    const std::lock_guard<std::mutex> lock(*poppler_mutex);
    if (InkFree(doc, job->page_index)) {
      job->started = true;  // nothing to read is not an engine that failed
      return;
    }
    image = DrawGray(doc, job->page_index, options.ocr_dpi, 0, false);
  }
  if (!image) return;
  job->started = engine->Start();
  job->read = engine->Read(image->getDataPtr(), image->getWidth(), image->getHeight(), image->getRowSize(),
                           options.ocr_dpi, static_cast<int>(std::min(options.ocr_page_seconds * 1000, 1e9)));
}

// OCR of every job: one Tesseract per thread, started once for the document
// and reused for its pages; threads take the next page as they finish one.
// A page reads the same on any thread (OcrEngine::Read), so the record does
// not depend on the number of threads.
void RunOcrJobs(PDFDoc* doc, std::vector<OcrJob>* jobs, const PdfOptions& options) {
  std::mutex poppler_mutex;
  ForEachIndexPerThread(jobs->size(), options.ocr_threads, [&] {
    return [&, engine = std::make_shared<OcrEngine>()](size_t i) {
      ReadOcrJob(doc, &(*jobs)[i], engine.get(), &poppler_mutex, options);
    };
  });
}

// The bytes `word` takes in a page's text: itself and one separator.
uint64_t TextBytes(const PlacedWord& word) { return word.text.size() + 1; }

// Keeps the words (in the order Poppler or OCR gave them) that fit in
// `budget` text bytes, and returns the bytes they take.
uint64_t KeepWordsWithin(uint64_t budget, std::vector<PlacedWord>* words) {
  uint64_t used = 0;
  size_t kept = 0;
  while (kept < words->size() && used + TextBytes((*words)[kept]) <= budget) used += TextBytes((*words)[kept++]);
  words->resize(kept);
  return used;
}

// "64 MB" for a whole number of MiB, else "1000 bytes".
std::string Megabytes(uint64_t bytes) {
  if (bytes > 0 && bytes % (uint64_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  return std::to_string(bytes) + " bytes";
}

// A document's text layers, read before any OCR: enough to tell whether a
// repaired copy of a damaged file reads better than the file as it is.
struct TextLayers {
  std::vector<PdfPage> pages;
  std::vector<Problem> problems;
  std::vector<OcrJob> jobs;
  uint64_t text_bytes = 0;  // of the text layers read
};

// Reads the text layers of pages [first, last) (from 0) of `doc`, and
// lists the pages without one for OCR. Stops after the page whose words take
// the run's text past the limit: no page after it would be kept.
TextLayers ReadPageRun(const PdfDocument& doc, int first, int last, const PdfOptions& options) {
  TextLayers out;
  std::unique_ptr<TextLayerDevice> device;
  for (int i = first; i < last && out.text_bytes <= options.max_text_bytes; ++i) {
    const uint64_t errors_before = poppler_errors;
    const ::Page* page = doc.page(i);
    PdfPage result;
    if (!page) {
      out.problems.push_back(IngestProblem("page_unreadable", i + 1, "page could not be read"));
      out.pages.push_back(std::move(result));
      continue;
    }
    const PDFRectangle* box = page->getCropBox();
    result.width = Size(box->x1, box->x2);
    result.height = Size(box->y1, box->y2);
    if (!device || device->SpanOpen()) device = std::make_unique<TextLayerDevice>();
    result.words = TextLayerWords(doc.core(), i, device.get());
    for (const PlacedWord& w : result.words) out.text_bytes += TextBytes(w);  // past the limit, no page more is read
    if (poppler_errors != errors_before) {
      out.problems.push_back(IngestProblem("page_damaged", i + 1,
                                           "the page's content is damaged; some or all of its text may be missing"));
    }
    if (result.words.empty() && options.ocr) {
      result.ocr = true;
      out.jobs.emplace_back();
      out.jobs.back().page_index = i;
    }
    // A page OCR read (or found without ink) and found empty is blank, which
    // is no problem; one that was never read is.
    if (result.words.empty() && !options.ocr) {
      out.problems.push_back(IngestProblem("no_text_layer", i + 1,
                                           "page has no text layer and OCR is off"));
    }
    out.pages.push_back(std::move(result));
  }
  return out;
}

// Whether reading found a page it could not read or that is damaged.
bool FoundDamage(const TextLayers& layers) {
  return std::any_of(layers.problems.begin(), layers.problems.end(), [](const Problem& p) {
    return p.code == "page_damaged" || p.code == "page_unreadable";
  });
}

// Pages a thread reads at a time, and the fewest a document needs to be read
// on more than one: a thread loads the document again (its cross-reference
// table and page tree), which a short one does not repay.
constexpr int kPagesPerRun = 8;
constexpr int kFewestPagesToSplit = 2 * kPagesPerRun;

// `runs` (the text layers of pages [0, pages) in runs of kPagesPerRun, each
// read by ReadPageRun, or missing) appended to `out` in page order, as one
// reader going through the pages would have read them: it reads a page while
// the text before it is within the limit. A missing run is read here from
// `doc`; one the limit cuts off before it stays unread.
void JoinPageRuns(const PdfDocument& doc, int pages, const PdfOptions& options,
                  std::vector<std::optional<TextLayers>>* runs, TextLayers* out) {
  for (size_t r = 0; r < runs->size() && out->text_bytes <= options.max_text_bytes; ++r) {
    const int first = static_cast<int>(r) * kPagesPerRun;
    std::optional<TextLayers>& run = (*runs)[r];
    if (!run) run = ReadPageRun(doc, first, std::min(pages, first + kPagesPerRun), options);
    int kept = 0;  // of the run's pages
    while (kept < static_cast<int>(run->pages.size()) && out->text_bytes <= options.max_text_bytes) {
      for (const PlacedWord& w : run->pages[static_cast<size_t>(kept)].words) out->text_bytes += TextBytes(w);
      out->pages.push_back(std::move(run->pages[static_cast<size_t>(kept++)]));
    }
    const int last_page_number = first + kept;  // of the pages kept, from 1
    for (Problem& p : run->problems) {
      if (p.page_number <= last_page_number) out->problems.push_back(std::move(p));
    }
    for (OcrJob& job : run->jobs) {
      if (job.page_index < last_page_number) out->jobs.push_back(std::move(job));
    }
  }
}

// Reads the text layers of the first `pages` pages of `doc` and lists the
// pages without one for OCR. A long document is read in runs of pages on
// options.page_threads threads, each through a Poppler document of its own
// (Poppler reads two documents on two threads at once; one document, never),
// and joined in page order: the same pages, words and problems as one reader
// going through them. A run starts with a fresh text device, which reads a
// page as one carried from the page before does (TextLayerDevice).
// Where Poppler found damage, the document is read again by one reader: a
// document Poppler repairs as it reads (its cross-reference table rebuilt at
// the first object it cannot find) may read another way from another page
// on, and damage is rare enough to pay for twice.
TextLayers ReadPages(const PdfDocument& doc, int pages, const PdfOptions& options) {
  if (options.page_threads <= 1 || pages < kFewestPagesToSplit) return ReadPageRun(doc, 0, pages, options);
  std::vector<std::optional<TextLayers>> runs(static_cast<size_t>((pages + kPagesPerRun - 1) / kPagesPerRun));
  // Text read by the runs done so far. Runs are taken in page order, so every
  // run done lies before the one being taken: past the limit, no page of
  // that run or any after it would be read.
  std::atomic<uint64_t> done_bytes{0};
  // The caller's thread reads through `doc`; each other one loads its own.
  const std::thread::id caller = std::this_thread::get_id();
  ForEachIndexPerThread(runs.size(), options.page_threads, [&] {
    std::shared_ptr<const PdfDocument> own(&doc, [](const PdfDocument*) {});
    if (std::this_thread::get_id() != caller) own = PdfDocument::Load(doc.bytes());
    return [&, own](size_t r) {
      if (done_bytes.load() > options.max_text_bytes) return;
      if (own == nullptr || own->locked() || own->pages() != doc.pages()) return;  // JoinPageRuns reads it
      const int first = static_cast<int>(r) * kPagesPerRun;
      runs[r] = ReadPageRun(*own, first, std::min(pages, first + kPagesPerRun), options);
      done_bytes += runs[r]->text_bytes;
    };
  });
  TextLayers out;
  JoinPageRuns(doc, pages, options, &runs, &out);
  return FoundDamage(out) ? ReadPageRun(doc, 0, pages, options) : out;
}

// Reads the text layer of every page of `doc` (up to the limits) and lists
// the pages without one for OCR.
TextLayers ReadTextLayers(const PdfDocument& doc, const PdfOptions& options) {
  TextLayers out = ReadPages(doc, std::min(doc.pages(), options.max_pages), options);
  if (doc.pages() > options.max_pages) {
    out.problems.insert(out.problems.begin(), IngestProblem("too_many_pages", 0,
        "document has " + std::to_string(doc.pages()) + " pages; read the first " +
        std::to_string(options.max_pages)));
  }
  return out;
}

// Whether `layers` read nothing at all from `doc`: no page, or no word and
// every page damaged or unreadable.
bool ReadsNothing(const PdfDocument& doc, const TextLayers& layers) {
  if (doc.pages() == 0) return true;
  if (layers.text_bytes > 0) return false;
  size_t damaged = 0;
  for (const Problem& p : layers.problems) damaged += p.code == "page_damaged" || p.code == "page_unreadable";
  return damaged >= layers.pages.size();
}

// OCR of the pages without a text layer, then the text limit, into `out`.
void FinishPages(const PdfDocument& doc, TextLayers layers, const PdfOptions& options, PdfText* out) {
  out->problems.insert(out->problems.end(), layers.problems.begin(), layers.problems.end());
  out->pages = std::move(layers.pages);
  std::vector<OcrJob>& jobs = layers.jobs;
  RunOcrJobs(doc.core(), &jobs, options);
  for (OcrJob& job : jobs) {
    PdfPage& result = out->pages[static_cast<size_t>(job.page_index)];
    result.words = std::move(job.read.words);
    result.ocr_confidence = job.read.mean_confidence;
  }
  // Past the text limit nothing more is kept: the words of the page that
  // passes it that fit, and no page after it.
  std::optional<size_t> cut;  // the page that passed it
  uint64_t used = 0;
  for (size_t i = 0; i < out->pages.size() && !cut; ++i) {
    std::vector<PlacedWord>& words = out->pages[i].words;
    const size_t before = words.size();
    used += KeepWordsWithin(options.max_text_bytes - std::min(used, options.max_text_bytes), &words);
    if (words.size() < before) cut = i;
  }
  for (const OcrJob& job : jobs) {
    if (cut && static_cast<size_t>(job.page_index) > *cut) continue;
    if (!job.started) {
      out->problems.push_back(IngestProblem("ocr_unavailable", job.page_index + 1,
                                            "page has no text layer and OCR could not start"));
    }
    if (job.read.timed_out) {
      out->problems.push_back(IngestProblem("ocr_timeout", job.page_index + 1,
          "OCR of the page ran past its time limit; the words read before it are kept"));
    }
  }
  if (cut) {
    out->pages.resize(*cut + 1);
    out->problems.push_back(IngestProblem("text_too_large", static_cast<int>(*cut) + 1,
        "the document's text passes the limit of " + Megabytes(options.max_text_bytes) +
        "; the rest of this page and the pages after it were not read"));
  }
}

#ifdef IMR_HAVE_CAIRO
// The quarter turns LayOutWords reads a page in (layout.cc, TurnUpright): the
// rotation most of its characters have.
int TextTurn(const std::vector<PlacedWord>& words) {
  if (words.empty()) return 0;
  size_t chars[4] = {0, 0, 0, 0};
  for (const PlacedWord& w : words) chars[w.rotation & 3] += w.text.size();
  return static_cast<int>(std::max_element(std::begin(chars), std::end(chars)) - std::begin(chars));
}

// `word` on a `width` x `height` page turned clockwise by a quarter (Poppler's
// rotate_90); the turned page is `height` wide.
PlacedWord TurnClockwise(const PlacedWord& word, double height) {
  PlacedWord out = word;
  out.x0 = height - word.y1, out.x1 = height - word.y0, out.y0 = word.x0, out.y1 = word.x1;
  return out;
}

// LayOutWords shifts a turned page's boxes to start at zero; the corner it
// shifted from, on the picture turned `quarters` clockwise, undoes that.
void PlaceTurnedWords(const std::vector<PlacedWord>& words, int quarters, PagePicture* picture) {
  double width = quarters % 2 ? picture->height : picture->width;  // the page upright
  double height = quarters % 2 ? picture->width : picture->height;
  std::vector<PlacedWord> turned = words;
  for (int q = 0; q < quarters; ++q) {
    for (PlacedWord& w : turned) w = TurnClockwise(w, height);
    std::swap(width, height);
  }
  picture->word_x = std::numeric_limits<double>::max();
  picture->word_y = std::numeric_limits<double>::max();
  for (const PlacedWord& w : turned) {
    picture->word_x = std::min(picture->word_x, w.x0);
    picture->word_y = std::min(picture->word_y, w.y0);
  }
}

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// An 8-bit gray image as a PNG: cairo writes an A8 surface as 8-bit grayscale.
std::string GrayPng(const SplashBitmap& image) {
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, image.getWidth());
  std::vector<unsigned char> pixels(static_cast<size_t>(stride) * static_cast<size_t>(image.getHeight()));
  const unsigned char* data = image.getDataPtr();
  for (int y = 0; y < image.getHeight(); ++y) {
    std::copy_n(data + static_cast<size_t>(y) * static_cast<size_t>(image.getRowSize()), image.getWidth(),
                pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(stride));
  }
  const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create_for_data(pixels.data(), CAIRO_FORMAT_A8, image.getWidth(), image.getHeight(),
                                          stride),
      cairo_surface_destroy);
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), AppendBytes, &png) != CAIRO_STATUS_SUCCESS) png.clear();
  return png;
}

// Page `page_number` drawn the way its words read; an empty picture when the
// page cannot be drawn.
PagePicture DrawPage(const PdfDocument& doc, int page_number, int dpi) {
  PagePicture picture;
  picture.page_number = page_number;
  if (!doc.page(page_number - 1)) return picture;
  TextLayerDevice device;
  const std::vector<PlacedWord> words = TextLayerWords(doc.core(), page_number - 1, &device);
  const int quarters = (4 - TextTurn(words)) % 4;  // clockwise turns that make the words read upright
  const std::unique_ptr<SplashBitmap> image = DrawGray(doc.core(), page_number - 1, dpi, quarters, true);
  if (!image) return picture;
  picture.png = GrayPng(*image);
  picture.width = image->getWidth() * 72.0 / dpi;
  picture.height = image->getHeight() * 72.0 / dpi;
  if (quarters != 0) PlaceTurnedWords(words, quarters, &picture);
  return picture;
}
#endif  // IMR_HAVE_CAIRO

std::string RepairedMessage(const Repair& repair) {
  if (repair.rebuilt_xref) {
    return "PDF was damaged (its cross-reference and trailer were lost or wrong); they were rebuilt from the "
           "objects found in it, and it was read, and may lack some of its content";
  }
  return "PDF was damaged; it was rebuilt and read, and may lack some of its content";
}

Problem BombProblem() {
  return IngestProblem("pdf_decompression_bomb", 0,
      "the PDF's streams inflate to more than " + std::to_string(kInflateRatio) + " times its size and " +
      Megabytes(kInflateFloorBytes) + "; it was not read");
}

}  // namespace

PagePictures DrawPdfPagesInModule(std::string_view bytes, const DrawOptions& options) {
  PagePictures out;
#ifndef IMR_HAVE_CAIRO
  out.problem = "this imr was built without cairo, so it cannot write page pictures";
#else
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    out.problem = "the PDF is larger than 2 GiB";
    return out;
  }
  const std::unique_ptr<PdfDocument> doc = PdfDocument::Load(bytes);
  if (!doc || doc->locked()) {
    out.problem = "the PDF does not open";
    return out;
  }
  if (InflatesTooFar(bytes)) {
    out.problem = "the PDF's streams inflate far past its size (a decompression bomb); it was not drawn";
    return out;
  }
  const int last = std::min(options.last_page, doc->pages());
  for (int n = std::max(1, options.first_page); n <= last; ++n) out.pages.push_back(DrawPage(*doc, n, options.dpi));
#endif
  return out;
}

PdfText ReadPdfInModule(std::string_view bytes, const PdfOptions& options) {
  PdfText out;
  // Poppler takes an int length; anything larger is refused before it tries.
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    out.problems.push_back(IngestProblem("too_large", 0, "file is larger than 2 GiB"));
    return out;
  }
  // A repaired copy Poppler reads lives as long as the document it makes.
  Repair repair;
  Repair second;
  const uint64_t syntax_errors_before = poppler_syntax_errors;
  std::unique_ptr<PdfDocument> doc = PdfDocument::Load(bytes);
  const bool truncated = LooksTruncated(bytes);
  // A file Poppler opens but cannot unlock with the empty password needs a
  // password only if nothing says it is damaged: a byte changed in its
  // encryption dictionary or /ID locks it as surely, and qpdf, which reads a
  // damaged dictionary otherwise, may open it.
  const bool locked_and_damaged = doc && doc->locked() && poppler_syntax_errors != syntax_errors_before;
  // Poppler says only that it could not open the file. qpdf tells a password
  // from damage, and rebuilds what it can.
  std::optional<TextLayers> layers;
  if (!doc || locked_and_damaged) {
    doc.reset();
    repair = RepairPdf(bytes);
    if (repair.outcome == RepairOutcome::kRepaired) doc = PdfDocument::Load(repair.bytes);
    // Only qpdf's reading of the file as it is can say a password is needed
    // (pdf_repair.h): a rebuilt copy that stays locked is damaged.
    if (doc && doc->locked()) doc.reset();
    // The copy is checked for a bomb before Poppler inflates any of it.
    if (doc && InflatesTooFar(repair.bytes)) {
      out.encrypted = repair.encrypted;
      out.page_count = doc->pages();
      out.problems.push_back(BombProblem());
      return out;
    }
    if (doc) layers = ReadTextLayers(*doc, options);
    // A copy with no page, or only damaged pages and no word, is not a repair
    // (a truncated encrypted file keeps its catalog but loses its keys).
    if (doc && ReadsNothing(*doc, *layers)) {
      layers.reset();
      doc.reset();
    }
    if (!doc) {
      out.encrypted = repair.encrypted || locked_and_damaged || bytes.find("/Encrypt") != std::string_view::npos;
      // Poppler found it damaged (it opens a whole file that needs a
      // password, locked, without a syntax error): damaged, whatever qpdf's
      // password check says.
      out.problems.push_back(
          truncated ? IngestProblem("pdf_truncated", 0, "PDF is truncated and could not be read or repaired")
          : repair.outcome == RepairOutcome::kNeedsPassword
              ? IngestProblem("pdf_damaged", 0,
                              "PDF is damaged and encrypted, and does not open with an empty password: it may need "
                              "a password, or its encryption dictionary or ID is damaged")
              : IngestProblem("pdf_damaged", 0, "PDF is damaged and could not be read or repaired"));
      return out;
    }
    out.problems.push_back(IngestProblem("pdf_repaired", 0, RepairedMessage(repair)));
  }
  // Poppler answers encrypted() false for a document it could not unlock;
  // a repaired copy is written unencrypted.
  out.encrypted = repair.bytes.empty() ? doc->encrypted() || doc->locked() : repair.encrypted;
  if (doc->locked()) {
    out.problems.push_back(IngestProblem("encrypted_needs_password", 0,
                                         "PDF is encrypted and does not open with an empty password"));
    return out;
  }
  // A bomb is refused before Poppler inflates any of it.
  if (!layers && InflatesTooFar(bytes)) {
    out.page_count = doc->pages();
    out.problems.push_back(BombProblem());
    return out;
  }
  if (!layers) layers = ReadTextLayers(*doc, options);
  // Poppler opened the file but lost pages or their text: a copy qpdf
  // rebuilt may read more, and is read instead when it does.
  std::unique_ptr<PdfDocument> other;
  if (repair.bytes.empty() && (doc->pages() == 0 || FoundDamage(*layers))) {
    second = RepairPdf(bytes);
    if (second.outcome == RepairOutcome::kRepaired) other = PdfDocument::Load(second.bytes);
    // The copy is checked for a bomb as the file was.
    if (other && !other->locked() && !InflatesTooFar(second.bytes)) {
      TextLayers again = ReadTextLayers(*other, options);
      if (again.text_bytes > layers->text_bytes ||
          (again.text_bytes == layers->text_bytes && again.pages.size() > layers->pages.size())) {
        layers = std::move(again);
        doc.swap(other);
        out.problems.push_back(IngestProblem("pdf_repaired", 0,
            "PDF opened with pages damaged or missing; a copy rebuilt by qpdf read more of its text and was read "
            "instead, and may still lack some of its content"));
      }
    }
  }
  out.opened = true;
  out.page_count = doc->pages();
  if (out.page_count == 0) {
    out.problems.push_back(IngestProblem("pdf_no_pages", 0,
                                         "the PDF opens but no page was found in it (its page tree is missing or damaged)"));
  }
  if (truncated) {
    out.problems.push_back(IngestProblem("pdf_truncated", 0,
                                         "PDF has no end-of-file marker; pages were recovered"));
  }
  FinishPages(*doc, std::move(*layers), options, &out);
  return out;
}

}  // namespace imr

// The module's exported symbols, looked up by pdf_module.cc.
// (A declaration inside extern "C" has external linkage, const or not.)
extern "C" __attribute__((visibility("default"))) const int ImrPdfModuleAbi = imr::kPdfModuleAbi;

extern "C" __attribute__((visibility("default"))) void ImrReadPdf(const char* bytes, size_t size,
                                                                 const imr::PdfOptions* options,
                                                                 imr::PdfText* out) {
  *out = imr::ReadPdfInModule(std::string_view(bytes, size), *options);
}

extern "C" __attribute__((visibility("default"))) void ImrDrawPdfPages(const char* bytes, size_t size,
                                                                      const imr::DrawOptions* options,
                                                                      imr::PagePictures* out) {
  *out = imr::DrawPdfPagesInModule(std::string_view(bytes, size), *options);
}
