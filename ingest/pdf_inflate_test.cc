#include "ingest/pdf_inflate.h"

#define POINTERHOLDER_TRANSITION 4  // qpdf's std::shared_ptr interface, without its warning
#include <gtest/gtest.h>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstdio>
#include <string>
#include <vector>

#include "ingest/pdf_testing.h"

namespace imr {
namespace {

// ---------------------------------------------------------------------------
// PDFs written here, byte by byte, so that a test says exactly what a stream's
// dictionary holds.

std::string Deflate(std::string_view data) {
  std::string out;
  Pl_String sink("deflated", nullptr, out);
  Pl_Flate deflate("deflate", &sink, Pl_Flate::a_deflate);
  deflate.write(reinterpret_cast<const unsigned char*>(data.data()), data.size());
  deflate.finish();
  return out;
}

// `bytes` zero bytes, deflated, written a megabyte at a time.
std::string DeflatedZeros(size_t bytes) {
  std::string out;
  Pl_String sink("deflated", nullptr, out);
  Pl_Flate deflate("deflate", &sink, Pl_Flate::a_deflate);
  const std::string megabyte(1 << 20, '\0');
  for (size_t done = 0; done < bytes; done += megabyte.size()) {
    deflate.write(reinterpret_cast<const unsigned char*>(megabyte.data()), std::min(megabyte.size(), bytes - done));
  }
  deflate.finish();
  return out;
}

// Bytes deflate cannot shrink (a linear congruential sequence).
std::string Noise(size_t bytes) {
  std::string out(bytes, '\0');
  uint32_t x = 12345;
  for (char& c : out) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

// A stream object: its dictionary entries (without /Length) and its data.
std::string Stream(std::string_view entries, std::string_view data) {
  return testing::StreamObject(entries, data);
}

// A PDF of a catalog (object 1), an empty page tree (2) and `objects`
// (3 onwards), which the catalog lists so that a writer keeps them.
std::string Pdf(const std::vector<std::string>& objects) {
  std::string extra;
  for (size_t i = 0; i < objects.size(); ++i) extra += std::to_string(i + 3) + " 0 R ";
  std::vector<std::string> all = {"<< /Type /Catalog /Pages 2 0 R /Extra [" + extra + "] >>",
                                  "<< /Type /Pages /Kids [] /Count 0 >>"};
  all.insert(all.end(), objects.begin(), objects.end());
  return testing::PdfOfObjects(all);
}

enum class Rewrite { kObjectStreams, kAes128, kRc4, kAes256 };

// `pdf` as qpdf writes it: in object streams, or encrypted with the empty
// user password (the stream data as it is, filters kept).
std::string Rewritten(const std::string& pdf, Rewrite how) {
  QPDF in;
  in.processMemoryFile("test", pdf.data(), pdf.size());
  QPDFWriter writer(in);
  writer.setOutputMemory();
  writer.setCompressStreams(false);
  writer.setDecodeLevel(qpdf_dl_none);
  writer.setStaticID(true);
  switch (how) {
    case Rewrite::kObjectStreams:
      writer.setObjectStreamMode(qpdf_o_generate);
      break;
    case Rewrite::kAes128:
      writer.setObjectStreamMode(qpdf_o_generate);
      writer.setR4EncryptionParametersInsecure("", "owner", true, true, true, true, true, true, qpdf_r3p_full, true,
                                               true);
      break;
    case Rewrite::kRc4:
      writer.setR4EncryptionParametersInsecure("", "owner", true, true, true, true, true, true, qpdf_r3p_full, true,
                                               false);
      break;
    case Rewrite::kAes256:
      writer.setR6EncryptionParameters("", "owner", true, true, true, true, true, true, qpdf_r3p_full, true);
      break;
  }
  writer.write();
  auto buffer = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

const std::string kPageText = "BT /F1 12 Tf 72 720 Td (Utilization review determination) Tj ET\n";

// 66 MiB of zeros, just past the floor, deflated once (about 64 KB) and twice
// (a few hundred bytes).
const std::string& OnceDeflatedBomb() {
  static const std::string bomb = DeflatedZeros(((kInflateFloorBytes >> 20) + 2) << 20);
  return bomb;
}
const std::string& TwiceDeflatedBomb() {
  static const std::string bomb = Deflate(OnceDeflatedBomb());
  return bomb;
}

std::string Describe(InflateVerdict verdict) {
  switch (verdict) {
    case InflateVerdict::kBoundedUnder:
      return "bounded under";
    case InflateVerdict::kCountedUnder:
      return "counted under";
    case InflateVerdict::kCountedPast:
      return "counted past";
  }
  return "?";
}

struct Row {
  std::string name;
  std::string pdf;
  InflateVerdict expected;
};

TEST(InflateTest, Table) {
  const std::string page = Stream("/Filter /FlateDecode", Deflate(kPageText));
  const std::string twice = Stream("/Filter [/FlateDecode /FlateDecode]", TwiceDeflatedBomb());
  const std::string ordinary = Pdf({page, Stream("/Subtype /XML /Type /Metadata", "<x/>")});
  const std::string double_bomb = Pdf({page, twice});
  const std::vector<Row> rows = {
      // Deflate's worst case over its few bytes is far under the limit: no
      // stream is inflated.
      {"ordinary", ordinary, InflateVerdict::kBoundedUnder},
      {"ordinary in object streams", Rewritten(ordinary, Rewrite::kObjectStreams), InflateVerdict::kBoundedUnder},
      // Encrypted, read without checking the password: lengths and filters
      // are not encrypted.
      {"ordinary, AES-128", Rewritten(ordinary, Rewrite::kAes128), InflateVerdict::kBoundedUnder},
      {"ordinary, RC4", Rewritten(ordinary, Rewrite::kRc4), InflateVerdict::kBoundedUnder},
      {"ordinary, AES-256", Rewritten(ordinary, Rewrite::kAes256), InflateVerdict::kBoundedUnder},
      // 66 KB of deflated noise could be a bomb as far as its length says
      // (x1032 is past 64 MiB); inflated, it is 66 KB.
      {"noise past the bound", Pdf({page, Stream("/Filter /FlateDecode", Deflate(Noise(66 << 10)))}),
       InflateVerdict::kCountedUnder},
      // A filter whose worst case is not bounded here is counted.
      {"LZW", Pdf({Stream("/Filter /LZWDecode", "\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01")}),
       InflateVerdict::kCountedUnder},
      // Bombs.
      {"deflated once", Pdf({page, Stream("/Filter /FlateDecode", OnceDeflatedBomb())}),
       InflateVerdict::kCountedPast},
      {"deflated twice", double_bomb, InflateVerdict::kCountedPast},
      {"deflated twice, in object streams", Rewritten(double_bomb, Rewrite::kObjectStreams),
       InflateVerdict::kCountedPast},
      {"deflated twice, AES-128", Rewritten(double_bomb, Rewrite::kAes128), InflateVerdict::kCountedPast},
      {"deflated twice, RC4", Rewritten(double_bomb, Rewrite::kRc4), InflateVerdict::kCountedPast},
      {"deflated twice, AES-256", Rewritten(double_bomb, Rewrite::kAes256), InflateVerdict::kCountedPast},
      // The length in an object of its own, as some writers put it.
      {"indirect length",
       Pdf({"<< /Filter [/FlateDecode /FlateDecode] /Length 4 0 R >>\nstream\n" + TwiceDeflatedBomb() +
                "\nendstream",
            std::to_string(TwiceDeflatedBomb().size())}),
       InflateVerdict::kCountedPast},
      {"indirect length, ordinary",
       Pdf({"<< /Filter /FlateDecode /Length 4 0 R >>\nstream\n" + Deflate(kPageText) + "\nendstream",
            std::to_string(Deflate(kPageText).size())}),
       InflateVerdict::kBoundedUnder},
      // A /Length too short: qpdf finds `endstream` itself and reads the
      // whole bomb; the bound, which takes the length as written, gives way.
      {"length too short",
       Pdf({"<< /Filter [/FlateDecode /FlateDecode] /Length 5 >>\nstream\n" + TwiceDeflatedBomb() + "\nendstream"}),
       InflateVerdict::kCountedPast},
      // The scan that passes over plain objects must end the dictionary
      // where qpdf does: `>> endobj` inside a string is not its end.
      {"dictionary end in a string", Pdf({Stream("/A (>> endobj (x\\) y)) /Filter [/FlateDecode /FlateDecode]",
                                                 TwiceDeflatedBomb())}),
       InflateVerdict::kCountedPast},
      // Images are not counted, bound or not.
      {"image", Pdf({page, Stream("/Subtype /Image /Filter [/FlateDecode /FlateDecode]", TwiceDeflatedBomb())}),
       InflateVerdict::kBoundedUnder},
      // Not a PDF qpdf reads: Poppler's reading decides.
      {"not a PDF", "%PDF-1.7\nnothing else", InflateVerdict::kCountedUnder},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const InflateVerdict verdict = CheckInflation(row.pdf);
    EXPECT_EQ(Describe(verdict), Describe(row.expected));
    EXPECT_EQ(InflatesTooFar(row.pdf), row.expected == InflateVerdict::kCountedPast);
  }
}

// The limit grows with the file: 100 times its size. Deflated noise past
// the bound, in a file of 700 KB, is cleared by the bound alone once the file
// is large enough for its limit to cover 1032 times the stream.
TEST(InflateTest, LimitGrowsWithTheFile) {
  const std::string noise = Stream("/Filter /FlateDecode", Deflate(Noise(66 << 10)));
  EXPECT_EQ(Describe(CheckInflation(Pdf({noise}))), "counted under");
  // Padding that is not a stream: an image's bytes are not bounded.
  const std::string padded = Pdf({noise, Stream("/Subtype /Image", Noise(700 << 10))});
  EXPECT_EQ(Describe(CheckInflation(padded)), "bounded under");
}

}  // namespace
}  // namespace imr
