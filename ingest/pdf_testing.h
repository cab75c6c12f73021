// PDFs written byte by byte for tests, with exact cross-reference offsets, so
// a test can say what every object holds. Test code only.
//
//   imr::testing::PdfOfObjects({"<< /Type /Catalog /Pages 2 0 R >>",
//                               "<< /Type /Pages /Kids [] /Count 0 >>"});
//   imr::testing::StreamObject("/Filter /FlateDecode", deflated);
#ifndef IMR_INGEST_PDF_TESTING_H_
#define IMR_INGEST_PDF_TESTING_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace imr::testing {

// A stream object's text: `entries` and the data's length, then the data.
inline std::string StreamObject(std::string_view entries, std::string_view data) {
  const std::string dictionary = entries.empty() ? "<<" : "<< " + std::string(entries);
  return dictionary + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + std::string(data) +
         "\nendstream";
}

// A PDF of `objects`, numbered from 1 in order (object 1 is the catalog), with
// its cross-reference table and trailer.
inline std::string PdfOfObjects(const std::vector<std::string>& objects, std::string_view version = "1.7") {
  std::string pdf = "%PDF-" + std::string(version) + "\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\n";
  pdf += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace imr::testing

#endif  // IMR_INGEST_PDF_TESTING_H_
