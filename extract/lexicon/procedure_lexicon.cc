// The procedure table: one row per way of writing a procedure
// in workers' compensation requests. Abbreviations that are also ordinary
// words or other abbreviations are case-sensitive, (?-i:...).
#include "extract/procedure_extractor.h"

namespace imr {

namespace {

// Words after "PT" that make it the patient, not physical therapy.
constexpr std::string_view kPatientVerbs =
    R"(^\s+(?:is|was|has|had|reports?|reported|states?|stated|denies|denied|complains?|complained|)"
    R"(presents?|presented|returns?|returned|underwent|feels|felt|says|said|ambulates|continues|)"
    R"(will|did|does|describes|described|admits|agrees|indicates|rates)\b|^\s*/\s*INR)";

}  // namespace

const std::vector<ProcedureRow>& ProcedureTable() {
  static const std::vector<ProcedureRow> rows = {
      // Imaging.
      {"procedure.mri@1", R"((?:MRIs?|magnetic\s+resonance\s+imaging|MR\s+imaging)(?:\s+scans?|\s+stud(?:y|ies))?)",
       "mri", "imaging"},
      {"procedure.mr_arthrogram@1", R"((?:MRI?|magnetic\s+resonance)\s+arthrogra(?:ms?|phy))", "mr_arthrogram",
       "imaging"},
      {"procedure.ct@1", R"((?-i:CT)(?:\s+scans?)?|CAT\s+scans?|computed\s+tomography(?:\s+scans?)?)", "ct",
       "imaging"},
      {"procedure.x_ray@1", R"(x[- ]?rays?|radiographs?|plain\s+films?|radiographic\s+(?:studies|study|imaging))",
       "x_ray", "imaging", R"(^\s+vision\b)"},
      {"procedure.emg_ncs@1",
       R"(EMG\s*(?:/|and|&)\s*NC[SV]s?|NC[SV]\s*(?:/|and|&)\s*EMG|electrodiagnostic\s+(?:studies|study|testing))",
       "emg_ncs", "imaging"},
      {"procedure.emg@1", R"(EMGs?|electromyograph(?:y|ic\s+stud(?:y|ies)))", "emg", "imaging"},
      {"procedure.ncs@1", R"(NC[SV]s?|nerve\s+conduction\s+(?:velocity\s+)?(?:stud(?:y|ies)|tests?|testing))", "ncs",
       "imaging"},
      {"procedure.bone_scan@1", R"((?:nuclear\s+|triple[- ]phase\s+)?bone\s+scans?|bone\s+scintigraphy)", "bone_scan",
       "imaging"},
      {"procedure.ultrasound@1", R"((?:diagnostic\s+)?ultrasounds?|sonograms?|ultrasonography)", "ultrasound",
       "imaging", R"(^\s*-?\s*guided\b)"},
      {"procedure.discogram@1", R"((?:provocative\s+)?(?:discograms?|discography))", "discogram", "imaging"},
      {"procedure.myelogram@1", R"((?:(?-i:CT)\s+)?(?:myelograms?|myelography))", "myelogram", "imaging"},
      // Injections.
      {"procedure.epidural_steroid_injection@1",
       R"((?:(?:transforaminal|interlaminar|caudal)\s+)?(?:(?:lumbar|cervical|thoracic)\s+)?)"
       R"(epidural\s+(?:steroid\s+|cortisone\s+)?(?:injections?|blocks?))",
       "epidural_steroid_injection", "injection"},
      {"procedure.epidural_steroid_injection@2", R"((?:(?:transforaminal|interlaminar|caudal)\s+)?(?-i:(?:TF|C|L|IL)?ESIs?))", "epidural_steroid_injection",
       "injection"},
      {"procedure.epidural_steroid_injection@3",
       R"((?:transforaminal|interlaminar)\s+(?:steroid\s+)?(?:injections?|blocks?))"
       R"(|selective\s+nerve\s+root\s+blocks?|(?-i:SNRBs?))",
       "epidural_steroid_injection", "injection"},
      {"procedure.facet_injection@1",
       R"((?:intra-?articular\s+)?facet\s+(?:joint\s+)?(?:steroid\s+)?(?:injections?|blocks?))", "facet_injection",
       "injection"},
      {"procedure.medial_branch_block@1", R"(medial\s+branch\s+(?:nerve\s+)?blocks?|(?-i:MBBs?))",
       "medial_branch_block", "injection"},
      // "RFA" is not an abbreviation here: in workers' compensation records it
      // is the Request for Authorization form.
      {"procedure.radiofrequency_ablation@1",
       R"(radiofrequency\s+(?:ablation|neurotomy|rhizotomy|lesioning|denervation))"
       R"(|rhizotom(?:y|ies)|facet\s+neurotomy)",
       "radiofrequency_ablation", "injection"},
      {"procedure.trigger_point_injection@1", R"(trigger\s+point\s+injections?|(?-i:TPIs?))",
       "trigger_point_injection", "injection"},
      {"procedure.steroid_injection@1",
       R"((?:cortisone|steroid|corticosteroid|intra-?articular|subacromial)\s+injections?|cortisone\s+shots?)",
       "steroid_injection", "injection"},
      {"procedure.sacroiliac_joint_injection@1", R"((?:sacroiliac|SI)\s+joint\s+(?:injections?|blocks?))",
       "sacroiliac_joint_injection", "injection"},
      {"procedure.viscosupplementation@1",
       R"(viscosupplementation|Synvisc(?:[- ]One)?(?:\s+injections?)?|Orthovisc|Euflexxa|Supartz|Hyalgan)"
       R"(|hyaluronic\s+acid\s+injections?)",
       "viscosupplementation", "injection"},
      {"procedure.prp_injection@1", R"((?:platelet[- ]rich\s+plasma|(?-i:PRP))(?:\s+injections?)?)",
       "prp_injection", "injection"},
      {"procedure.nerve_block@1",
       R"((?:occipital|stellate\s+ganglion|lumbar\s+sympathetic|suprascapular|genicular)\s+(?:nerve\s+)?blocks?)",
       "nerve_block", "injection"},
      // Surgery.
      {"procedure.kyphoplasty@1", R"(kyphoplast(?:y|ies))", "kyphoplasty", "surgery"},
      {"procedure.vertebroplasty@1", R"(vertebroplast(?:y|ies))", "vertebroplasty", "surgery"},
      {"procedure.fusion@1", R"((?:(?:spinal|interbody)\s+)?fusion|arthrodesis|(?-i:ALIF|PLIF|TLIF|XLIF|ACDF))",
       "fusion", "surgery"},
      {"procedure.discectomy@1", R"(dis[ck]ectomy)", "discectomy", "surgery"},
      {"procedure.microdiscectomy@1", R"(micro-?dis[ck]ectomy)", "microdiscectomy", "surgery"},
      {"procedure.laminectomy@1", R"((?:hemi-?)?laminectomy|laminotomy)", "laminectomy", "surgery"},
      {"procedure.foraminotomy@1", R"(foraminotomy)", "foraminotomy", "surgery"},
      {"procedure.arthroscopy@1", R"(arthroscop(?:y|ies)|arthroscopic\s+(?:surgery|debridement|procedure))",
       "arthroscopy", "surgery"},
      {"procedure.rotator_cuff_repair@1", R"((?:arthroscopic\s+)?rotator\s+cuff\s+(?:repair|reconstruction|surgery))",
       "rotator_cuff_repair", "surgery"},
      {"procedure.subacromial_decompression@1", R"((?:arthroscopic\s+)?subacromial\s+decompression)",
       "subacromial_decompression", "surgery"},
      {"procedure.carpal_tunnel_release@1",
       R"((?:open\s+|endoscopic\s+)?carpal\s+tunnel\s+(?:release|surgery|decompression)|(?-i:CTR))",
       "carpal_tunnel_release", "surgery"},
      {"procedure.arthroplasty@1",
       R"((?:(?:total|partial|unicompartmental|reverse)\s+)?(?:(?:knee|hip|shoulder)\s+(?:replacement|arthroplasty))"
       R"(|arthroplasty)|joint\s+replacement|(?-i:TKA|TKR|THA|THR))",
       "arthroplasty", "surgery"},
      {"procedure.meniscectomy@1", R"((?:arthroscopic\s+)?(?:partial\s+)?(?:(?:medial|lateral)\s+)?meniscectomy)",
       "meniscectomy", "surgery"},
      {"procedure.acl_reconstruction@1", R"((?:(?-i:ACL)|anterior\s+cruciate\s+ligament)\s+(?:reconstruction|repair))",
       "acl_reconstruction", "surgery"},
      // Therapies.
      {"procedure.physical_therapy@1", R"(physical\s+therap(?:y|ies)|physio-?\s?therapy)", "physical_therapy",
       "therapy"},
      {"procedure.physical_therapy@2", R"((?-i:PT))", "physical_therapy", "therapy", kPatientVerbs},
      {"procedure.chiropractic@1",
       R"(chiropractic(?:\s+(?:manipulation|manipulative\s+therapy|treatments?|care|therapy|adjustments?))?)"
       R"(|chiro-?(?:therapy|physio(?:therapy)?)|chiro|spinal\s+manipulation)",
       "chiropractic", "therapy", R"(^\s+(?:physician|doctor|provider|office|clinic|report)\b)"},
      {"procedure.acupuncture@1", R"((?:electro-?)?acupuncture)", "acupuncture", "therapy"},
      {"procedure.massage@1", R"(massage(?:\s+therapy)?|myofascial\s+release)", "massage", "therapy"},
      {"procedure.aquatic_therapy@1", R"(aqua(?:tic)?\s*therapy|pool\s+therapy)", "aquatic_therapy", "therapy"},
      {"procedure.tens@1",
       R"((?:(?-i:TENS)|transcutaneous\s+electrical\s+nerve\s+stimulat(?:ion|or))(?:\s+units?)?)", "tens",
       "therapy"},
      {"procedure.h_wave@1", R"(H-?\s?wave(?:\s+(?:units?|devices?|stimulation|therapy))?)", "h_wave", "therapy"},
      {"procedure.interferential@1",
       R"(interferential(?:\s+current)?(?:\s+(?:units?|stimulat(?:ion|ors?)|therapy))?|(?-i:IF)\s+units?)",
       "interferential", "therapy"},
      {"procedure.home_exercise_program@1", R"(home\s+exercise\s+(?:program|regimen)|(?-i:HEP))",
       "home_exercise_program", "therapy"},
      {"procedure.functional_restoration_program@1", R"(functional\s+restoration\s+programs?|(?-i:FRP))",
       "functional_restoration_program", "therapy"},
      {"procedure.work_hardening@1", R"(work\s+(?:hardening|conditioning)(?:\s+programs?)?)", "work_hardening",
       "therapy"},
      {"procedure.cognitive_behavioral_therapy@1", R"(cognitive\s+behaviou?ral\s+therapy|(?-i:CBT))",
       "cognitive_behavioral_therapy", "therapy"},
      {"procedure.psychotherapy@1", R"(psychotherapy|psychological\s+(?:treatment|counseling|therapy))",
       "psychotherapy", "therapy"},
      {"procedure.occupational_therapy@1", R"(occupational\s+therap(?:y|ies))", "occupational_therapy", "therapy"},
      {"procedure.biofeedback@1", R"(biofeedback)", "biofeedback", "therapy"},
      // Equipment.
      {"procedure.brace@1", R"((?:hinged\s+|unloader\s+|cock-up\s+)?braces?|splints?|orthos[ie]s)", "brace", "dme",
       R"(^\s+(?:yourself|himself|herself|themselves|myself)\b)"},
      {"procedure.lumbar_support@1", R"(lumbar\s+(?:support|corset|orthosis)|(?-i:LSO)|back\s+support)",
       "lumbar_support", "dme"},
      {"procedure.cane@1", R"(canes?)", "cane", "dme"},
      {"procedure.walker@1", R"((?:front|four|two)[- ]wheeled\s+walkers?|rolling\s+walkers?|(?-i:walkers?))",
       "walker", "dme"},
      {"procedure.hot_cold_unit@1",
       R"(hot\s*(?:/|and|&)\s*cold\s+(?:therapy\s+)?(?:units?|packs?|wraps?)|cold\s+therapy\s+units?)"
       R"(|cryotherapy\s+(?:units?|devices?))",
       "hot_cold_unit", "dme"},
      // Tests.
      {"procedure.urine_drug_screen@1",
       R"(urine\s+(?:drug\s+)?(?:screens?|tests?|testing)|urine\s+toxicology(?:\s+screens?)?|(?-i:UDS|UDT))",
       "urine_drug_screen", "testing"},
      {"procedure.lab_work@1", R"(lab(?:oratory)?\s+(?:work|tests?|testing|studies|panel)|blood\s+(?:work|tests?))",
       "lab_work", "testing"},
      {"procedure.functional_capacity_evaluation@1", R"(functional\s+capacity\s+(?:evaluation|exam)|(?-i:FCE))",
       "functional_capacity_evaluation", "testing"},
  };
  return rows;
}

}  // namespace imr
