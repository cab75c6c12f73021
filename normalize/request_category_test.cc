#include "normalize/request_category.h"

#include "core/anatomy.h"
#include "core/drug_table.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <set>
#include <string>

namespace imr {
namespace {

// "imaging.mri.shoulder body_site=shoulder laterality=right": the category,
// then the details in key order.
std::string Describe(const RequestNormal& normal) {
  std::string out = normal.category;
  for (const auto& [key, value] : normal.details) out += " " + key + "=" + value;
  return out;
}

struct Row {
  std::string request_text;
  std::string expected;
};

void ExpectRows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    SCOPED_TRACE("\"" + row.request_text + "\"");
    EXPECT_EQ(Describe(NormalizeRequest(row.request_text)), row.expected);
  }
}

TEST(NormalizeRequestTest, Imaging) {
  ExpectRows({
      {"MRI of the right shoulder without contrast", "imaging.mri.shoulder body_site=shoulder laterality=right"},
      {"Lumbar spine MRI", "imaging.mri.lumbar body_site=lumbar_spine"},
      {"MRI", "imaging.mri.other"},  // no site named
      {"Repeat MRI of the cervical spine", "imaging.mri.cervical body_site=cervical_spine course=continued"},
      {"MRI L4-5, L5-S1", "imaging.mri.lumbar body_site=lumbar_spine level=L4-5, L5-S1"},
      {"MR arthrogram of the left hip", "imaging.mri.hip body_site=hip laterality=left"},
      {"MRI of the brain", "imaging.mri.brain body_site=head"},
      {"MRI bilateral wrists", "imaging.mri.wrist_hand body_site=wrist laterality=bilateral"},
      {"CT scan of the thoracic spine", "imaging.ct.thoracic body_site=thoracic_spine"},
      {"X-rays of the left knee, 3 views", "imaging.xray.knee body_site=knee laterality=left"},
      {"Flexion/extension radiographs of the lumbar spine", "imaging.xray.lumbar body_site=lumbar_spine"},
      {"Right ankle x-ray", "imaging.xray.ankle_foot body_site=ankle laterality=right"},
      {"Bone scan", "imaging.other"},
      {"Therapeutic ultrasound to the left shoulder", "therapy.physical body_site=shoulder laterality=left"},
      {"Ultrasound 2x4, low back",  // near-miss: a modality given on a schedule is not imaging
       "therapy.physical body_site=lumbar_spine frequency_per_week=2 visits=8 weeks=4"},
      {"Diagnostic ultrasound of the right shoulder", "imaging.other body_site=shoulder laterality=right"},
  });
}

TEST(NormalizeRequestTest, Testing) {
  ExpectRows({
      {"EMG/NCV of the bilateral upper extremities",
       "testing.emg_ncs body_site=upper_extremity laterality=bilateral"},
      {"Nerve conduction studies of the left lower extremity",
       "testing.emg_ncs body_site=lower_extremity laterality=left"},
      {"Urine drug screen", "testing.urine_drug"},
      {"Urine toxicology screening for Norco", "testing.urine_drug"},  // a drug named is not a drug asked for
      {"PT/INR", "testing.lab"},                                      // near-miss: not physical therapy
      {"CBC and CMP labs", "testing.lab"},
      {"Functional capacity evaluation", "testing.functional_capacity_evaluation"},
      {"Sleep study", "testing.other"},
  });
}

TEST(NormalizeRequestTest, Therapy) {
  ExpectRows({
      {"Physical therapy 2x6 for the lumbar spine",
       "therapy.physical body_site=lumbar_spine frequency_per_week=2 visits=12 weeks=6"},
      {"Physical therapy two times a week for six weeks", "therapy.physical frequency_per_week=2 visits=12 weeks=6"},
      {"12 sessions of physical therapy", "therapy.physical visits=12"},
      {"Post-operative physical therapy 3x4 right knee",
       "therapy.physical body_site=knee frequency_per_week=3 laterality=right visits=12 weeks=4"},
      {"Additional PT #6", "therapy.physical course=continued visits=6"},
      {"Initial acupuncture 1 to 2 times per week for 4 weeks", "therapy.acupuncture course=initial frequency_per_week=2 visits=8 weeks=4"},
      {"Norco 10/325mg #90 with 2 refills", "medication.opioid drug=hydrocodone/acetaminophen quantity=90 refills=2 strength=10/325 unit=mg"},
      {"Continued chiropractic care", "therapy.chiropractic course=continued"},
      {"Chiropractic care, more than 6 visits", "therapy.chiropractic course=continued visits=6"},
      {"Chiropractic treatment, 6 visits", "therapy.chiropractic visits=6"},
      {"Chiropractic physician referral", "referral.specialist"},  // near-miss: a physician, not a treatment
      {"Acupuncture x 6 for the neck", "therapy.acupuncture body_site=cervical_spine visits=6"},
      {"Aquatic therapy 2 times per week for 4 weeks", "therapy.aquatic frequency_per_week=2 visits=8 weeks=4"},
      {"Occupational therapy for the right hand", "therapy.occupational body_site=hand laterality=right"},
      {"Massage therapy x 8", "therapy.massage visits=8"},
      {"Cognitive behavioral therapy, 6 sessions", "therapy.psych visits=6"},
      {"Biofeedback", "therapy.psych"},
      {"Chiropractic with physiotherapy modalities, 8 visits", "therapy.chiropractic visits=8"},
      {"Psychotherapy visits: 6", "therapy.psych visits=6"},
      {"Additional sessions, 4, for the right wrist",  // sessions of what is not said
       "other body_site=wrist course=continued laterality=right visits=4"},
      {"Extracorporeal shockwave therapy for the left heel", "therapy.other body_site=foot laterality=left"},
  });
}

TEST(NormalizeRequestTest, Medication) {
  ExpectRows({
      {"Norco 10/325mg #90",
       "medication.opioid drug=hydrocodone/acetaminophen quantity=90 strength=10/325 unit=mg"},
      {"Tramadol ER 150mg #30 x 3 months", "medication.opioid drug=tramadol months=3 quantity=30 strength=150 unit=mg"},
      {"Flexeril 10mg #60", "medication.muscle_relaxant drug=cyclobenzaprine quantity=60 strength=10 unit=mg"},
      {"Naproxen sodium 550mg #60 with 2 refills",
       "medication.nsaid drug=naproxen quantity=60 refills=2 strength=550 unit=mg"},
      {"Lidoderm 5% patch #30", "medication.topical drug=lidocaine quantity=30 strength=5 unit=%"},
      {"Flurbiprofen 20%/Lidocaine 5% cream 180gm",
       "medication.topical drug=flurbiprofen/lidocaine strength=20/5 unit=%"},
      {"Ketoprofen 10%, cyclobenzaprine 2%", "medication.topical drug=ketoprofen/cyclobenzaprine strength=10/2 unit=%"},
      {"Diclofenac sodium ER 100mg", "medication.nsaid drug=diclofenac strength=100 unit=mg"},
      {"Voltaren gel 1%", "medication.topical drug=diclofenac strength=1 unit=%"},
      {"Butrans patch 10mcg/hr #4", "medication.opioid drug=buprenorphine quantity=4 strength=10 unit=mcg"},
      {"Norco 10/325 #60, reduce by 10%",  // near-miss: a taper, not a compound
       "medication.opioid drug=hydrocodone/acetaminophen quantity=60 strength=10/325"},
      {"Gabapentin 600mg", "medication.anticonvulsant drug=gabapentin strength=600 unit=mg"},
      {"Lyrica 75mg", "medication.anticonvulsant drug=pregabalin strength=75 unit=mg"},
      {"Cymbalta 60mg #30", "medication.antidepressant drug=duloxetine quantity=30 strength=60 unit=mg"},
      {"Ambien 10mg #30", "medication.sleep_aid drug=zolpidem quantity=30 strength=10 unit=mg"},
      {"Omeprazole 20mg", "medication.ppi drug=omeprazole strength=20 unit=mg"},
      {"Pantoprazole 20 mg #60", "medication.ppi drug=pantoprazole quantity=60 strength=20 unit=mg"},
      {"Theramine #120", "medication.medical_food drug=theramine quantity=120"},
      {"Terocin patches", "medication.topical drug=methyl salicylate/capsaicin/menthol/lidocaine"},
      {"Viagra 100mg #10", "medication.other drug=sildenafil quantity=10 strength=100 unit=mg"},
      {"Xanax 0.5mg", "medication.benzodiazepine drug=alprazolam strength=0.5 unit=mg"},
      {"Celebrex (celecoxib) 200 mg #30 with three refills",
       "medication.nsaid drug=celecoxib quantity=30 refills=3 strength=200 unit=mg"},
      {"Gabapentin 6%/Lidocaine/Menthol 2% gel",  // an ingredient without a strength: no strength
       "medication.topical drug=gabapentin/lidocaine/menthol"},
      {"Synapryn 10mg/ml oral suspension 500ml", "medication.opioid drug=tramadol strength=10 unit=mg/ml"},
      {"Fentanyl patch 25mcg/hr #10", "medication.opioid drug=fentanyl quantity=10 strength=25 unit=mcg"},
      {"Six month supply of vitamin D 2000 units", "medication.other drug=vitamin D months=6 strength=2000 unit=units"},
      {"Retrospective prescription of Tylenol #3", "medication.opioid drug=acetaminophen/codeine"},
  });
}

TEST(NormalizeRequestTest, Injections) {
  ExpectRows({
      {"Lumbar epidural steroid injection at L4-5",
       "injection.epidural body_site=lumbar_spine level=L4-5"},
      {"Right L5-S1 transforaminal ESI under fluoroscopy",
       "injection.epidural body_site=lumbar_spine laterality=right level=L5-S1"},
      {"Bilateral L4-5, L5-S1 facet joint injections",
       "injection.facet body_site=lumbar_spine laterality=bilateral level=L4-5, L5-S1"},
      {"Medial branch block C5-6", "injection.facet body_site=cervical_spine level=C5-6"},
      {"Radiofrequency ablation of the lumbar medial branches", "injection.radiofrequency body_site=lumbar_spine"},
      {"Trigger point injections x 4", "injection.trigger_point quantity=4"},
      {"Cortisone injection to the right shoulder", "injection.joint body_site=shoulder drug=cortisone laterality=right"},
      {"Synvisc-One for the left knee", "injection.joint body_site=knee drug=hyaluronate laterality=left"},
      {"Ultrasound-guided injection of the left knee", "injection.joint body_site=knee laterality=left"},
      {"Facet injections L3–4 and L4–5", "injection.facet body_site=lumbar_spine level=L3–4, L4–5"},
      {"Injection of neurolytic agent at the left T7-8 intercostal nerve",
       "injection.radiofrequency body_site=thoracic_spine laterality=left level=T7-8"},
      {"Platelet-rich plasma injection of the left knee",  // near-miss: PRP is not a joint injection
       "injection.other body_site=knee laterality=left"},
      {"Toradol 60mg IM", "injection.other drug=ketorolac strength=60 unit=mg"},
      {"Platelet-rich plasma injection, right elbow", "injection.other body_site=elbow laterality=right"},
  });
}

TEST(NormalizeRequestTest, Equipment) {
  ExpectRows({
      {"TENS unit", "dme.tens"},
      {"H-wave device 30 day trial", "dme.tens course=initial days=30"},
      {"Interferential unit rental", "dme.tens"},
      {"Lumbar support", "dme.brace body_site=lumbar_spine"},
      {"Right wrist brace", "dme.brace body_site=wrist laterality=right"},
      {"Cold therapy unit, 7 day rental", "dme.hot_cold days=7"},
      {"Home cervical traction unit", "dme.other body_site=cervical_spine"},
      {"Front wheeled walker", "dme.other"},
      {"Ergonomic workstation", "dme.other"},
  });
}

TEST(NormalizeRequestTest, SurgeryAndVisits) {
  ExpectRows({
      {"Right shoulder arthroscopy with subacromial decompression",
       "surgery.shoulder body_site=shoulder laterality=right"},
      {"L4-5 fusion", "surgery.spine body_site=lumbar_spine level=L4-5"},
      {"Anterior cervical discectomy and fusion C5-6", "surgery.spine body_site=cervical_spine level=C5-6"},
      {"Left carpal tunnel release", "surgery.hand_wrist body_site=wrist laterality=left"},
      {"Left knee partial meniscectomy", "surgery.knee body_site=knee laterality=left"},
      {"Lumbar spinal cord stimulator trial", "surgery.spine body_site=lumbar_spine course=initial"},
      {"Assistant surgeon", "surgery.other"},
      {"Surgical first assistant", "surgery.other"},
      {"Manipulation under anesthesia, left shoulder",  // near-miss: not chiropractic
       "surgery.shoulder body_site=shoulder laterality=left"},
      {"Physical exam 2 times 8",  // near-miss: an exam, not physical therapy
       "referral.follow_up frequency_per_week=2 visits=16 weeks=8"},
      {"Follow-up visit in 4 weeks", "referral.follow_up"},
      {"Office visits x 6", "referral.follow_up visits=6"},
      {"Orthopedic consultation for the right knee", "referral.specialist body_site=knee laterality=right"},
      {"Pain management consult", "referral.specialist"},
      {"Referral to a neurologist", "referral.specialist"},
      {"Psychological evaluation", "referral.specialist"},
      {"Pre-operative medical clearance", "referral.specialist"},
  });
}

TEST(NormalizeRequestTest, ProgramsAndServices) {
  ExpectRows({
      {"Functional restoration program x 80 hours", "program.functional_restoration hours=80"},
      {"Work hardening 10 sessions", "program.work_hardening visits=10"},
      {"Weight loss program", "program.weight_loss"},
      {"Intensive outpatient program, 5 days a week", "program.day_treatment"},
      {"Gastric bypass surgery", "surgery.other"},  // near-miss: weight loss by surgery
      {"Home health care 4 hours a day", "service.home_health hours=4"},
      {"Transportation to and from appointments", "service.transportation"},
      {"Gym membership x 6 months", "service.gym_membership months=6"},
  });
}

TEST(NormalizeRequestTest, NothingToGoOn) {
  ExpectRows({
      {"", "other"},
      {"   \n ", "other"},
      {"Retrospective request", "other"},
      {"Continued care", "other course=continued"},
  });
}

TEST(NormalizeRequestTest, LineBreaksReadAsSpaces) {
  EXPECT_EQ(Describe(NormalizeRequest("Lumbar epidural\nsteroid injection")),
            "injection.epidural body_site=lumbar_spine");
}

// Every category the table can give is a dotted lower_snake key.
TEST(RequestCategoryTableTest, KeysAreDottedLowerSnake) {
  const RE2 key(R"([a-z_]+(\.[a-z_]+)*(\.\*)?)");
  for (const CategoryRow& row : RequestCategoryTable()) {
    SCOPED_TRACE(std::string(row.category));
    EXPECT_TRUE(RE2::FullMatch(std::string(row.category), key));
  }
}

TEST(RequestCategoryTableTest, EveryRowCompiles) {
  auto expect_compiles = [](std::string_view what, std::string_view pattern) {
    SCOPED_TRACE(std::string(what) + ": " + std::string(pattern));
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    const RE2 re(std::string(pattern), options);
    EXPECT_TRUE(re.ok()) << re.error();
  };
  for (const CategoryRow& row : RequestCategoryTable()) {
    expect_compiles(row.category, row.pattern);
    if (!row.reject.empty()) expect_compiles(row.category, row.reject);
  }
  for (const ImpliedSiteRow& row : ImpliedSiteTable()) expect_compiles(row.site, row.pattern);
  // And the compiled tables load: the first call compiles them all.
  EXPECT_EQ(NormalizeRequest("TENS unit").category, "dme.tens");
}

TEST(RequestCategoryTableTest, DrugRowsAreSplicedInOncePerClass) {
  std::set<std::string> classes;
  for (const DrugRow& row : DrugRows()) {
    if (row.curated && !row.not_a_drug) classes.insert("medication." + std::string(row.drug_class));
  }
  for (const std::string& category : classes) {
    int count = 0;
    for (const CategoryRow& row : RequestCategoryTable()) {
      if (row.category == category && !row.pattern.empty()) ++count;
    }
    SCOPED_TRACE(category);
    EXPECT_GE(count, 1);
  }
}

TEST(RequestSiteTableTest, SitePartsAreTaxonomyParts) {
  const std::set<std::string_view> imaging = {"lumbar", "cervical",   "thoracic", "shoulder",
                                              "knee",   "wrist_hand", "elbow",    "hip",
                                              "ankle_foot", "brain",  "other"};
  const std::set<std::string_view> surgery = {"spine", "shoulder", "knee", "hand_wrist", "other"};
  for (const BodySite& row : BodySites()) {
    SCOPED_TRACE(std::string(row.site));
    EXPECT_TRUE(imaging.contains(row.imaging));
    EXPECT_TRUE(surgery.contains(row.surgery));
  }
  for (const ImpliedSiteRow& row : ImpliedSiteTable()) EXPECT_NE(BodySiteNamed(row.site), nullptr) << row.site;
}

}  // namespace
}  // namespace imr
