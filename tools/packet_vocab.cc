#include "packet_vocab.h"

namespace packet {
namespace {

// ---------------------------------------------------------------------------
// Procedure descriptions shared by several body parts.

const std::vector<std::string> kEpiduralSteps = {
    "Informed consent was reviewed{ with the patient| and signed}, including the risks of "
    "bleeding, infection, nerve injury, headache and a temporary increase in pain.",
    "The patient was placed prone on the fluoroscopy table{ with a pillow under the abdomen|}.",
    "The skin over the {lumbar|cervical|target} region was prepped with chlorhexidine and "
    "draped in the usual sterile fashion.",
    "Blood pressure, pulse and oxygen saturation were monitored throughout the procedure.",
    "The skin and subcutaneous tissue were anesthetized with {2|3|4} mL of 1% lidocaine.",
    "Under {AP and oblique|AP and lateral|multiplanar} fluoroscopic guidance a {20|22}-gauge "
    "{3.5|5}-inch spinal needle was advanced to the target in small steps.",
    "{Omnipaque 240|Isovue-M 300}, {1|1.5|2} mL, was injected and showed {epidural spread "
    "without vascular uptake|contrast outlining the nerve root and flowing into the epidural "
    "space|no intravascular or intrathecal pattern}.",
    "A solution of {dexamethasone 10 mg|triamcinolone 40 mg|methylprednisolone 80 mg} with "
    "{2|3} mL of {0.25% bupivacaine|preservative-free normal saline} was injected slowly.",
    "The needle was withdrawn and a sterile adhesive bandage was applied.",
    "The patient tolerated the procedure well; there were no complications.",
    "Pain before the procedure was {#5-9}/10 and {#0-4}/10 fifteen minutes afterward.",
    "{{He}|The patient} was observed in recovery for {20|30} minutes and discharged home with "
    "a driver, with written instructions."};

const std::vector<std::string> kMedialBranchSteps = {
    "The patient was placed prone and the {lumbar|target} region was prepped and draped "
    "sterilely.",
    "Each target point at the junction of the superior articular process and the transverse "
    "process was identified under fluoroscopy.",
    "After local anesthesia of the skin, a 22-gauge spinal needle was placed at each target, "
    "and the position was confirmed in the AP and oblique views.",
    "After negative aspiration, 0.5 mL of 0.5% bupivacaine was injected at each level.",
    "The needles were removed intact; there was no bleeding.",
    "The patient tolerated the procedure well and was given a pain diary to record relief "
    "every hour for the next {six|eight} hours.",
    "Pre-procedure pain was {#6-9}/10; pain with extension and rotation was {#1-4}/10 "
    "thirty minutes after the block."};

const std::vector<std::string> kShoulderArthroscopySteps = {
    "After induction of general anesthesia{ and an interscalene block placed by anesthesia|}, "
    "the patient was placed in the beach-chair position with all bony prominences padded.",
    "Examination under anesthesia showed {full passive range of motion|forward flexion to 160 "
    "degrees} and no instability.",
    "The {side} shoulder was prepped and draped in the usual sterile fashion, and a time-out "
    "confirmed the patient, the side and the procedure.",
    "A standard posterior portal was made and the arthroscope was introduced into the "
    "glenohumeral joint.",
    "Diagnostic arthroscopy showed {intact articular surfaces|grade II chondromalacia of the "
    "humeral head}, {fraying of the superior labrum|a stable labrum} and {a partial "
    "articular-side tear of the supraspinatus|tendinosis of the supraspinatus}.",
    "An anterior portal was made under direct vision, and the frayed tissue was debrided with "
    "a shaver back to stable edges.",
    "The arthroscope was moved to the subacromial space, where thick inflamed bursa was found "
    "and removed.",
    "A lateral portal was made, and an acromioplasty was performed with a burr, converting a "
    "type {II|III} acromion to a type I.",
    "The coracoacromial ligament was released from the acromion with electrocautery, and "
    "hemostasis was obtained.",
    "The portals were closed with 3-0 nylon sutures and a sterile dressing and a sling were "
    "applied.",
    "Estimated blood loss was minimal. There were no complications.",
    "The patient was taken to the recovery room awake and in stable condition."};

const std::vector<std::string> kKneeArthroscopySteps = {
    "After induction of general anesthesia, the patient was positioned supine and a thigh "
    "tourniquet was applied but not inflated.",
    "The {side} knee was prepped and draped in the usual sterile fashion; a time-out was "
    "performed.",
    "Standard anterolateral and anteromedial portals were made.",
    "The suprapatellar pouch showed {mild synovitis|no loose bodies}; the patellofemoral joint "
    "showed {grade II chondromalacia of the patella|smooth cartilage}.",
    "In the medial compartment there was a {complex|horizontal|radial} tear of the posterior "
    "horn of the medial meniscus.",
    "The torn fragments were removed with biters and a shaver back to a stable rim, preserving "
    "as much meniscus as possible.",
    "The lateral compartment showed an intact meniscus and {normal|grade I softening of the} "
    "cartilage.",
    "The anterior cruciate ligament was intact to probing.",
    "{A chondroplasty of the medial femoral condyle was performed.|Loose cartilage flaps were "
    "smoothed with the shaver.}",
    "The knee was irrigated, and {20|30} mL of 0.25% bupivacaine was injected into the joint.",
    "The portals were closed with nylon sutures and a soft dressing was applied.",
    "There were no complications. The patient went to recovery in stable condition."};

const std::vector<std::string> kCarpalTunnelSteps = {
    "Under {monitored anesthesia care|a Bier block|local anesthesia with sedation}, the {side} "
    "upper extremity was prepped and draped in the usual sterile fashion.",
    "An upper arm tourniquet was inflated to 250 mmHg after exsanguination of the limb.",
    "A {2|2.5|3} cm longitudinal incision was made in the palm in line with the radial border "
    "of the ring finger.",
    "Dissection was carried through the subcutaneous tissue and the palmar fascia to the "
    "transverse carpal ligament.",
    "The ligament was divided along its ulnar side under direct vision, from its distal edge "
    "to the distal forearm fascia.",
    "The median nerve was {flattened and hyperemic|mildly compressed} beneath the ligament; "
    "the motor branch was identified and protected.",
    "The wound was irrigated, the tourniquet was released and hemostasis was obtained.",
    "The skin was closed with 4-0 nylon horizontal mattress sutures.",
    "A bulky dressing and a volar splint were applied.",
    "Estimated blood loss was less than 5 mL. There were no complications."};

const std::vector<std::string> kDiscectomySteps = {
    "After induction of general endotracheal anesthesia, the patient was turned prone onto a "
    "Wilson frame, and all pressure points were padded.",
    "A localizing fluoroscopic image confirmed the L4-L5 level.",
    "The lumbar region was prepped and draped sterilely and a time-out was performed.",
    "A {3|4} cm midline incision was made and the {side} paraspinal muscles were elevated "
    "subperiosteally from the lamina.",
    "A tubular retractor was placed and the operating microscope was brought into the field.",
    "A partial hemilaminotomy of L4 and a medial facetectomy were performed with a high-speed "
    "drill and Kerrison rongeurs.",
    "The ligamentum flavum was removed and the traversing {side} L5 nerve root was identified.",
    "A {large|sizable|contained} disc herniation was found displacing the nerve root; the "
    "root was gently retracted medially.",
    "The annulus was incised and {several|multiple} fragments of disc were removed with "
    "pituitary rongeurs.",
    "At the end of the decompression the nerve root was freely mobile and pulsatile.",
    "The wound was irrigated with antibiotic solution and hemostasis was obtained with "
    "bipolar cautery and thrombin-soaked gelatin foam.",
    "The fascia, subcutaneous tissue and skin were closed in layers.",
    "Estimated blood loss was {25|40|50} mL. Neuromonitoring was unchanged throughout.",
    "The patient was extubated in the operating room and taken to recovery in stable "
    "condition."};

const std::vector<std::string> kCervicalFusionSteps = {
    "After induction of general endotracheal anesthesia the patient was positioned supine "
    "with a roll between the shoulder blades and the head in slight extension.",
    "Baseline neuromonitoring signals were obtained.",
    "A transverse incision was made in a skin crease on the {right|left} side of the neck.",
    "The platysma was divided and the plane between the carotid sheath and the trachea and "
    "esophagus was developed bluntly to the anterior spine.",
    "The C5-C6 level was confirmed with a lateral fluoroscopic image.",
    "The longus colli muscles were elevated and a self-retaining retractor was placed.",
    "A complete discectomy was performed with curettes and a high-speed drill.",
    "The posterior longitudinal ligament was removed and osteophytes compressing the {side} "
    "C6 nerve root were taken down with Kerrison rongeurs.",
    "The endplates were prepared and a {6|7} mm PEEK interbody cage packed with allograft was "
    "placed.",
    "An anterior plate was secured with four screws; position was confirmed with fluoroscopy.",
    "The wound was irrigated, a drain was placed, and the platysma and skin were closed.",
    "Estimated blood loss was {30|50} mL. There were no complications."};

// ---------------------------------------------------------------------------
// Body parts

BodyPart LumbarSpine() {
  return {
      "lumbar",
      "lumbar spine",
      "low back pain",
      "radiating into the {side} {buttock and thigh|leg|calf and foot}",
      "ACOEM Practice Guidelines, Chapter 12, Low Back Complaints",
      "ODG, Low Back - Lumbar & Thoracic (Acute & Chronic)",
      {
          {"Lumbar radiculopathy", "M54.16", ""},
          {"Other intervertebral disc displacement, lumbar region", "M51.26", ""},
          {"Other intervertebral disc degeneration, lumbar region", "M51.36", ""},
          {"Spinal stenosis, lumbar region", "M48.06", ""},
          {"Strain of muscle, fascia and tendon of lower back", "S39.012A", ""},
          {"Spondylosis without myelopathy or radiculopathy, lumbar region", "M47.816", ""},
          {"Low back pain", "M54.5", ""},
      },
      {
          "{Constant|Frequent|Intermittent} low back pain rated {#4-9}/10, {worse with "
          "prolonged sitting|worse with bending and lifting|aggravated by standing more than "
          "{20|30|45} minutes}.",
          "Pain radiates into the {side} {buttock|posterior thigh|lateral calf} with "
          "{numbness|tingling|burning} {over the top of the foot|in the toes|at night}.",
          "{{He}|The patient} {has difficulty|reports trouble} putting on socks and shoes and "
          "{sleeps poorly|wakes {two|three} times a night} because of back pain.",
          "{Denies|No} bowel or bladder dysfunction{, saddle numbness|} or new weakness.",
      },
      {
          "Tenderness to palpation over the lumbar paraspinal muscles from L{3|4} to S1, "
          "{greater on the {side}|bilaterally}, with {mild|moderate} muscle guarding.",
          "Lumbar range of motion: flexion {#30-70} degrees, extension {#5-20} degrees, right "
          "lateral bending {#10-25} degrees, left lateral bending {#10-25} degrees{, with pain "
          "at end range|, limited by pain|}.",
          "Straight leg raise is {positive on the {side} at {#30-70} degrees|negative "
          "bilaterally|positive on the {side} in the seated position}.",
          "Motor strength is 5/5 in the lower extremities except the {side} {extensor hallucis "
          "longus|ankle dorsiflexors|plantar flexors} at 4{+|}/5.",
          "Reflexes are {2+ and symmetric at the knees and ankles|diminished at the {side} "
          "Achilles, 1+|1+ at both ankles}.",
          "Sensation is {decreased to light touch over the {side} L5 dermatome|decreased over "
          "the {side} S1 dermatome|intact to light touch throughout the lower extremities}.",
          "Gait is {normal|mildly antalgic|slow and guarded}; heel and toe walking are "
          "{performed without difficulty|difficult on the {side}}.",
          "{Facet loading is painful at the lower lumbar levels.|There is no tenderness over "
          "the sacroiliac joints.|Kemp's test is positive on the {side}.}",
      },
      {
          "while lifting a {#40-90}-pound {box|crate|sack} from the floor",
          "after slipping on a wet floor and landing on {his} back",
          "while pulling a loaded pallet jack up a ramp",
          "while repeatedly bending to stock low shelves during a double shift",
          "while helping to reposition a heavy patient in bed",
      },
      {
          {"MRI",
           "{MRI LUMBAR SPINE WITHOUT CONTRAST|MRI OF THE LUMBAR SPINE|MAGNETIC RESONANCE "
           "IMAGING, LUMBAR SPINE, NON-CONTRAST}",
           "MRI of the lumbar spine without contrast",
           "72148",
           {
               "Alignment: {Normal lumbar lordosis.|Straightening of the lumbar lordosis.|Grade "
               "1 anterolisthesis of L4 on L5 measuring {#2-4} mm.}",
               "Conus medullaris: terminates at {L1|T12-L1|L1-L2} and is normal in signal.",
               "L1-L2: {No disc bulge or stenosis.|Normal disc height and signal.}",
               "L2-L3: {Mild disc desiccation without stenosis.|No significant abnormality.}",
               "L3-L4: {A {#1-3} mm diffuse disc bulge without canal stenosis.|Mild facet "
               "hypertrophy; the neural foramina are patent.}",
               "L4-L5: {A {#3-6} mm {central|{side} paracentral|broad-based} disc protrusion "
               "{abutting|contacting|compressing} the traversing {side} L5 nerve root, with "
               "{mild|moderate} {side} foraminal narrowing.|Disc desiccation with a {#2-4} mm "
               "bulge and mild central canal stenosis.}",
               "L5-S1: {A {#2-5} mm {side} foraminal protrusion with {mild|moderate} foraminal "
               "narrowing.|Facet arthropathy, {mild|moderate}, without stenosis.|No disc "
               "herniation or stenosis.}",
               "Paraspinal soft tissues: unremarkable.",
           },
           {
               "Disc protrusion at L4-L5 with {side} foraminal narrowing, which may affect the "
               "{side} L5 nerve root.",
               "Multilevel degenerative disc disease, most pronounced at L4-L5 and L5-S1.",
               "Mild central canal stenosis at L4-L5; no high-grade stenosis.",
           }},
          {"X-ray",
           "{X-RAY LUMBAR SPINE, {3|5} VIEWS|LUMBAR SPINE RADIOGRAPHS|RADIOGRAPHS OF THE "
           "LUMBOSACRAL SPINE}",
           "X-rays of the lumbar spine with flexion and extension views",
           "72110",
           {
               "There are five lumbar-type vertebral bodies.",
               "Vertebral body heights are maintained; there is no fracture.",
               "{Mild|Moderate} disc space narrowing at {L4-L5|L5-S1} with small anterior "
               "osteophytes.",
               "Flexion and extension views show no abnormal motion.",
               "The sacroiliac joints are unremarkable.",
           },
           {
               "{Mild|Moderate} degenerative disc disease at {L4-L5|L5-S1}.",
               "No fracture, subluxation or instability.",
           }},
          {"EMG/NCV",
           "{ELECTRODIAGNOSTIC STUDY REPORT (EMG/NCV)|EMG AND NERVE CONDUCTION STUDY, BILATERAL "
           "LOWER EXTREMITIES|ELECTROMYOGRAPHY AND NERVE CONDUCTION VELOCITY STUDY}",
           "EMG/NCV of the bilateral lower extremities",
           "95886, 95910",
           {
               "Sural sensory responses are normal in amplitude and latency bilaterally.",
               "Peroneal and tibial motor responses show normal latencies, amplitudes and "
               "conduction velocities.",
               "F-wave latencies are {within normal limits|mildly prolonged on the {side}}.",
               "Needle examination of the {side} {tibialis anterior|extensor hallucis "
               "longus|peroneus longus} shows {positive sharp waves|large polyphasic motor units "
               "with reduced recruitment|normal insertional activity}.",
               "The lumbar paraspinal muscles show {no spontaneous activity|fibrillation "
               "potentials on the {side}}.",
           },
           {
               "Electrodiagnostic evidence of a {mild|moderate} chronic {side} L5 radiculopathy.",
               "Normal study; no electrodiagnostic evidence of lumbosacral radiculopathy or "
               "peripheral neuropathy.",
           }},
      },
      {
          {"{Side} L4-L5 transforaminal epidural steroid injection", "64483", false,
           kEpiduralSteps},
          {"L5-S1 interlaminar epidural steroid injection", "62323", false, kEpiduralSteps},
          {"Bilateral L4-L5 and L5-S1 medial branch blocks", "64493, 64494", false,
           kMedialBranchSteps},
          {"{Side} L4-L5 microdiscectomy", "63030", true, kDiscectomySteps},
      },
      {
          "Physical therapy 2x6, lumbar spine",
          "Chiropractic manipulation 2x4, lumbar spine",
          "Acupuncture 2x3, lumbar spine",
          "Aquatic therapy 2x4",
          "Lumbar support brace (LSO)",
      },
      {{"Flexion", 60},
       {"Extension", 25},
       {"Right lateral bending", 25},
       {"Left lateral bending", 25}},
  };
}

BodyPart CervicalSpine() {
  return {
      "cervical",
      "cervical spine",
      "neck pain",
      "radiating into the {side} {shoulder and arm|forearm and hand|thumb and index finger}",
      "ACOEM Practice Guidelines, Chapter 8, Neck and Upper Back Complaints",
      "ODG, Neck and Upper Back (Acute & Chronic)",
      {
          {"Cervical radiculopathy", "M54.12", ""},
          {"Other cervical disc displacement, mid-cervical region", "M50.22", ""},
          {"Cervicalgia", "M54.2", ""},
          {"Strain of muscle, fascia and tendon at neck level", "S16.1XXA", ""},
          {"Spondylosis without myelopathy or radiculopathy, cervical region", "M47.812", ""},
      },
      {
          "Neck pain rated {#4-9}/10 with stiffness{ in the morning|}, {worse looking down "
          "at a screen|worse with overhead reaching|aggravated by driving}.",
          "Pain travels into the {side} {arm|shoulder blade|hand} with numbness in the "
          "{thumb and index finger|middle finger|ring and small fingers}.",
          "{Headaches at the base of the skull {two|three|four} times a week.|Occasional "
          "dropping of objects from the {side} hand.}",
      },
      {
          "Tenderness over the cervical paraspinal muscles and {side} upper trapezius with "
          "{palpable spasm|trigger points}.",
          "Cervical range of motion: flexion {#25-45} degrees, extension {#20-50} degrees, "
          "rotation {#45-70} degrees to the right and {#45-70} degrees to the left.",
          "Spurling's test is {positive on the {side}, reproducing arm pain|negative "
          "bilaterally}.",
          "Biceps and brachioradialis reflexes are {2+ and symmetric|diminished on the {side}}; "
          "triceps 2+.",
          "Grip strength by dynamometer: right {#18-42} kg, left {#16-40} kg.",
          "Sensation is {decreased over the {side} C6 dermatome|decreased in the {side} C7 "
          "distribution|intact in both upper extremities}.",
          "Motor strength is 5/5 except {side} {wrist extension|elbow flexion|triceps} at "
          "4{+|}/5.",
      },
      {
          "while lifting a heavy box onto an overhead shelf",
          "when {his} vehicle was struck from behind while driving for work",
          "while pulling cable overhead for several hours",
          "after a ceiling panel fell and struck {him} on the head and neck",
      },
      {
          {"MRI",
           "{MRI CERVICAL SPINE WITHOUT CONTRAST|MRI OF THE CERVICAL SPINE|CERVICAL SPINE "
           "MRI, NON-CONTRAST}",
           "MRI of the cervical spine without contrast",
           "72141",
           {
               "Alignment: {straightening of the cervical lordosis|normal lordosis}.",
               "Cord: normal in caliber and signal.",
               "C3-C4: {no disc bulge|a {#1-2} mm disc bulge without stenosis}.",
               "C4-C5: {a {#2-3} mm disc bulge with mild canal narrowing|no significant "
               "abnormality}.",
               "C5-C6: {a {#3-5} mm {side} paracentral disc protrusion with {mild|moderate} "
               "{side} foraminal stenosis|disc osteophyte complex with moderate {side} "
               "foraminal narrowing}.",
               "C6-C7: {a {#2-3} mm disc bulge|uncovertebral hypertrophy with mild foraminal "
               "narrowing}.",
               "C7-T1: normal.",
           },
           {
               "{Side} C5-C6 disc protrusion with foraminal stenosis, which may affect the "
               "exiting {side} C6 nerve root.",
               "Degenerative disc disease at C5-C6 and C6-C7 without cord compression.",
           }},
          {"X-ray",
           "{CERVICAL SPINE RADIOGRAPHS|X-RAY CERVICAL SPINE, {3|5} VIEWS}",
           "X-rays of the cervical spine",
           "72050",
           {
               "Seven cervical vertebrae are visualized to the C7-T1 level.",
               "{Loss of the normal cervical lordosis.|Alignment is normal.}",
               "{Mild|Moderate} disc space narrowing at C5-C6 with anterior osteophytes.",
               "No fracture. The prevertebral soft tissues are normal.",
           },
           {"Degenerative changes at C5-C6; no acute abnormality."}},
          {"EMG/NCV",
           "{EMG/NCV BILATERAL UPPER EXTREMITIES|ELECTRODIAGNOSTIC CONSULTATION AND STUDY}",
           "EMG/NCV of the bilateral upper extremities",
           "95886, 95911",
           {
               "Median and ulnar sensory and motor responses are normal bilaterally.",
               "Needle examination of the {side} {biceps|extensor carpi radialis|pronator "
               "teres} shows {reduced recruitment|positive sharp waves|no abnormality}.",
               "Cervical paraspinal muscles: {no spontaneous activity|rare fibrillations on "
               "the {side}}.",
           },
           {
               "Findings consistent with a {mild|chronic} {side} C6 radiculopathy.",
               "Normal study of both upper extremities.",
           }},
      },
      {
          {"C5-C6 interlaminar epidural steroid injection", "62321", false, kEpiduralSteps},
          {"C5-C6 anterior cervical discectomy and fusion", "22551", true, kCervicalFusionSteps},
      },
      {
          "Physical therapy 2x6, cervical spine",
          "Chiropractic treatment 2x4, cervical spine",
          "Cervical traction unit for home use",
          "Acupuncture 2x3, neck",
      },
      {{"Flexion", 50},
       {"Extension", 60},
       {"Right rotation", 80},
       {"Left rotation", 80},
       {"Right lateral flexion", 45},
       {"Left lateral flexion", 45}},
  };
}

BodyPart Shoulder() {
  return {
      "shoulder",
      "{side} shoulder",
      "{side} shoulder pain",
      "",
      "ACOEM Practice Guidelines, Chapter 9, Shoulder Complaints",
      "ODG, Shoulder (Acute & Chronic)",
      {
          {"Impingement syndrome of {side} shoulder", "M75.41", "M75.42"},
          {"Incomplete rotator cuff tear of {side} shoulder, not specified as traumatic", "M75.111",
           "M75.112"},
          {"Adhesive capsulitis of {side} shoulder", "M75.01", "M75.02"},
          {"Strain of rotator cuff of {side} shoulder", "S46.011A", "S46.012A"},
          {"Bicipital tendinitis, {side} shoulder", "M75.21", "M75.22"},
      },
      {
          "{Side} shoulder pain rated {#4-8}/10, worse with reaching overhead and "
          "{behind the back|across the body|lifting more than {#5-15} pounds}.",
          "{{He}|The patient} cannot sleep on the {side} side and {wakes with aching|has night "
          "pain most nights}.",
          "{Clicking|Catching|Weakness} with overhead activity{ at work|}.",
      },
      {
          "Tenderness over the {side} {anterior acromion|greater tuberosity|bicipital groove}.",
          "{Side} shoulder range of motion: flexion {#90-170} degrees, abduction {#80-160} "
          "degrees, external rotation {#30-80} degrees, internal rotation to {L3|L5|the "
          "sacrum}.",
          "{Neer and Hawkins impingement signs are positive on the {side}.|Impingement signs "
          "are positive.}",
          "{Empty can test|Drop arm test} is {positive|negative} on the {side}; supraspinatus "
          "strength 4{+|-}/5.",
          "{O'Brien's test is positive.|Speed's test is positive for anterior shoulder pain.|"
          "Apprehension test is negative.}",
      },
      {
          "while lifting boxes onto a shelf above shoulder height",
          "after falling onto {his} outstretched {side} arm",
          "while repeatedly reaching overhead to hang product",
      },
      {
          {"MRI",
           "{MRI {SIDE} SHOULDER WITHOUT CONTRAST|MRI OF THE {SIDE} SHOULDER|{SIDE} SHOULDER "
           "MRI}",
           "MRI of the {side} shoulder without contrast",
           "73221",
           {
               "Rotator cuff: {a partial-thickness articular-sided tear of the supraspinatus "
               "measuring {#5-12} mm|supraspinatus tendinosis without a full-thickness "
               "tear|a {#6-15} mm full-thickness tear of the anterior supraspinatus}.",
               "Infraspinatus, teres minor and subscapularis: intact.",
               "Biceps tendon: {normal in position|mild tenosynovitis}.",
               "Labrum: {degenerative fraying of the superior labrum|no discrete tear}.",
               "Acromioclavicular joint: {moderate|mild} degenerative change with a type "
               "{II|III} acromion.",
               "Subacromial-subdeltoid bursa: {small amount of fluid|no effusion}.",
           },
           {
               "Supraspinatus tendinosis with a partial-thickness tear.",
               "Acromioclavicular arthropathy and a type II acromion, which may contribute to "
               "impingement.",
           }},
          {"X-ray",
           "{X-RAY {SIDE} SHOULDER, 3 VIEWS|{SIDE} SHOULDER RADIOGRAPHS}",
           "X-rays of the {side} shoulder",
           "73030",
           {
               "No fracture or dislocation.",
               "{Mild|Moderate} acromioclavicular joint arthrosis.",
               "{Type II acromion.|No calcific tendinitis.}",
           },
           {"No acute osseous abnormality; mild acromioclavicular arthrosis."}},
      },
      {
          {"{Side} shoulder subacromial corticosteroid injection",
           "20610",
           false,
           {"The {side} shoulder was prepped with chlorhexidine.",
            "Using a posterior approach, a 25-gauge needle was directed into the subacromial "
            "space.",
            "A mixture of {40 mg triamcinolone|80 mg methylprednisolone} and 4 mL of 1% "
            "lidocaine was injected without resistance.",
            "A bandage was applied. The patient reported {#40-80}% relief of pain at ten "
            "minutes."}},
          {"{Side} shoulder arthroscopy with subacromial decompression and debridement",
           "29826, 29823", true, kShoulderArthroscopySteps},
      },
      {
          "Physical therapy 2x6, {side} shoulder",
          "Home exercise kit for the shoulder",
          "Cold therapy unit, 7-day rental",
      },
      {{"Flexion", 180},
       {"Extension", 50},
       {"Abduction", 180},
       {"Adduction", 40},
       {"Internal rotation", 90},
       {"External rotation", 90}},
  };
}

BodyPart Knee() {
  return {
      "knee",
      "{side} knee",
      "{side} knee pain",
      "",
      "ACOEM Practice Guidelines, Chapter 13, Knee Complaints",
      "ODG, Knee & Leg (Acute & Chronic)",
      {
          {"Other tear of medial meniscus, current injury, {side} knee", "S83.241A", "S83.242A"},
          {"Unilateral primary osteoarthritis, {side} knee", "M17.11", "M17.12"},
          {"Chondromalacia patellae, {side} knee", "M22.41", "M22.42"},
          {"Sprain of unspecified site of {side} knee", "S83.91XA", "S83.92XA"},
      },
      {
          "{Side} knee pain rated {#4-8}/10 along the {medial|lateral|anterior} side, worse on "
          "stairs and when squatting.",
          "{Locking|Catching|Giving way} of the knee {once or twice a week|with pivoting}.",
          "Swelling after {standing all shift|walking more than a block|kneeling}.",
      },
      {
          "{Mild|Trace|Moderate} effusion of the {side} knee.",
          "Tenderness along the {medial|lateral} joint line.",
          "Range of motion of the {side} knee: {#0-5} to {#100-135} degrees{ with pain at "
          "terminal flexion|}.",
          "McMurray's test is {positive medially|positive laterally|negative}.",
          "Lachman and drawer tests are negative; the knee is stable to varus and valgus "
          "stress.",
          "{Patellar grind test is positive.|Quadriceps atrophy of {1|2} cm is measured.}",
      },
      {
          "after twisting {his} {side} knee while stepping down from a truck",
          "after kneeling repeatedly on concrete to install flooring",
          "when {he} tripped over a pallet and fell onto {his} {side} knee",
      },
      {
          {"MRI",
           "{MRI {SIDE} KNEE WITHOUT CONTRAST|MRI OF THE {SIDE} KNEE|{SIDE} KNEE MRI, "
           "NON-CONTRAST}",
           "MRI of the {side} knee without contrast",
           "73721",
           {
               "Medial meniscus: {a complex tear of the posterior horn extending to the "
               "inferior articular surface|an oblique tear of the posterior horn|intrasubstance "
               "degeneration without a tear}.",
               "Lateral meniscus: intact.",
               "Cruciate and collateral ligaments: intact.",
               "Cartilage: {grade II chondral thinning of the medial femoral condyle|mild "
               "patellar chondromalacia}.",
               "Joint fluid: {small|moderate} effusion{ with a small Baker's cyst|}.",
           },
           {
               "Tear of the posterior horn of the medial meniscus.",
               "Mild medial compartment chondral thinning and a small joint effusion.",
           }},
          {"X-ray",
           "{X-RAY {SIDE} KNEE, 3 VIEWS|{SIDE} KNEE RADIOGRAPHS, STANDING}",
           "Standing X-rays of both knees",
           "73562",
           {
               "{Mild|Moderate} narrowing of the medial joint space.",
               "Small marginal osteophytes.",
               "No fracture or loose body.",
           },
           {"{Mild|Moderate} medial compartment osteoarthritis."}},
      },
      {
          {"{Side} knee intra-articular corticosteroid injection",
           "20610",
           false,
           {"The {side} knee was prepped with chlorhexidine in the seated position.",
            "Through an anterolateral approach, a 22-gauge needle was placed into the joint.",
            "{#10-30} mL of clear yellow fluid was aspirated.",
            "40 mg of triamcinolone with 4 mL of 1% lidocaine was injected.",
            "The patient tolerated the injection well."}},
          {"{Side} knee arthroscopy with partial medial meniscectomy", "29881", true,
           kKneeArthroscopySteps},
      },
      {
          "Physical therapy 2x6, {side} knee",
          "Hinged knee brace",
          "Viscosupplementation injections, series of 3",
      },
      {{"Flexion", 150}, {"Extension", 0}},
  };
}

BodyPart Wrist() {
  return {
      "wrist",
      "{side} wrist",
      "{side} wrist and hand pain",
      "",
      "ACOEM Practice Guidelines, Chapter 11, Forearm, Wrist, and Hand Complaints",
      "ODG, Forearm, Wrist, & Hand (Acute & Chronic)",
      {
          {"Carpal tunnel syndrome, {side} upper limb", "G56.01", "G56.02"},
          {"Sprain of {side} wrist", "S63.501A", "S63.502A"},
          {"Radial styloid tenosynovitis [de Quervain]", "M65.4", ""},
          {"Ganglion, {side} wrist", "M67.431", "M67.432"},
      },
      {
          "Numbness and tingling in the {side} thumb, index and middle fingers, worse at "
          "night and when {typing|gripping tools|driving}.",
          "{Side} wrist pain rated {#3-8}/10 with {weak grip|dropping objects|swelling after "
          "work}.",
      },
      {
          "Tinel's sign is {positive|negative} at the {side} carpal tunnel; Phalen's test is "
          "{positive at {#20-50} seconds|negative}.",
          "Grip strength: right {#14-40} kg, left {#12-38} kg.",
          "{Finkelstein's test is positive on the {side}.|There is tenderness over the first "
          "dorsal compartment.|No thenar atrophy.}",
          "{Side} wrist range of motion: flexion {#40-70} degrees, extension {#40-70} degrees.",
          "Two-point discrimination is {6|7|8} mm in the median distribution.",
      },
      {
          "from repetitive keyboard and mouse work over several years",
          "from repetitive gripping and scanning at a checkout stand",
          "after falling onto {his} outstretched {side} hand",
      },
      {
          {"EMG/NCV",
           "{NERVE CONDUCTION STUDY, UPPER EXTREMITIES|EMG/NCV BILATERAL UPPER "
           "EXTREMITIES|ELECTRODIAGNOSTIC REPORT}",
           "EMG/NCV of the bilateral upper extremities",
           "95886, 95911",
           {
               "{Side} median sensory distal latency is {3.9|4.2|4.6} ms (normal under 3.5).",
               "{Side} median motor distal latency is {4.5|4.9|5.3} ms with normal amplitude.",
               "Ulnar responses are normal bilaterally.",
               "Needle examination of the {side} abductor pollicis brevis shows {normal "
               "findings|reduced recruitment}.",
           },
           {
               "{Mild|Moderate} {side} median neuropathy at the wrist (carpal tunnel "
               "syndrome).",
               "No evidence of cervical radiculopathy.",
           }},
          {"MRI",
           "{MRI {SIDE} WRIST WITHOUT CONTRAST|MRI OF THE {SIDE} WRIST}",
           "MRI of the {side} wrist without contrast",
           "73221",
           {
               "Triangular fibrocartilage: {a small central perforation|intact}.",
               "Carpal ligaments: scapholunate and lunotriquetral ligaments intact.",
               "{A {#4-9} mm ganglion cyst dorsal to the scapholunate interval.|No mass.}",
               "Mild tenosynovitis of the first dorsal compartment.",
           },
           {"{Small dorsal ganglion cyst; intact ligaments.|Mild tenosynovitis; no fracture.}"}},
      },
      {
          {"{Side} carpal tunnel corticosteroid injection",
           "20526",
           false,
           {"The {side} wrist was prepped with chlorhexidine.",
            "A 27-gauge needle was introduced just ulnar to the palmaris longus tendon at the "
            "distal wrist crease.",
            "A mixture of 20 mg of triamcinolone and 1 mL of 1% lidocaine was injected.",
            "No paresthesia occurred during the injection. A bandage was applied."}},
          {"{Side} open carpal tunnel release", "64721", true, kCarpalTunnelSteps},
      },
      {
          "Occupational therapy 2x4, {side} wrist and hand",
          "{Side} wrist splint for night use",
          "Paraffin unit for home use",
      },
      {{"Flexion", 60}, {"Extension", 60}, {"Radial deviation", 20}, {"Ulnar deviation", 30}},
  };
}

std::vector<BodyPart> MakeBodyParts() {
  return {LumbarSpine(), CervicalSpine(), Shoulder(), Knee(), Wrist()};
}

}  // namespace

const std::vector<BodyPart>& BodyParts() {
  static const std::vector<BodyPart> kParts = MakeBodyParts();
  return kParts;
}

const std::vector<Medication>& Medications() {
  static const std::vector<Medication> kMedications = {
      {"Norco 10/325 mg", "one tablet every {6|8} hours as needed for pain", "#{90|120|60}",
       "opioid"},
      {"Hydrocodone/acetaminophen 5/325 mg", "one tablet every 6 hours as needed", "#{60|90}",
       "opioid"},
      {"Tramadol 50 mg", "one tablet {twice|three times} daily as needed", "#{60|90}", "opioid"},
      {"Tramadol ER 150 mg", "one tablet daily", "#30", "opioid"},
      {"Oxycodone 5 mg", "one tablet every 6 hours as needed for severe pain", "#{60|90}",
       "opioid"},
      {"Naproxen sodium 550 mg", "one tablet twice daily with food", "#60", "nsaid"},
      {"Ibuprofen 800 mg", "one tablet three times daily with food", "#90", "nsaid"},
      {"Meloxicam 15 mg", "one tablet daily", "#30", "nsaid"},
      {"Celecoxib 200 mg", "one capsule daily", "#30", "nsaid"},
      {"Cyclobenzaprine 7.5 mg", "one tablet at bedtime as needed for spasm", "#{30|60}",
       "muscle relaxant"},
      {"Tizanidine 4 mg", "one tablet at bedtime", "#30", "muscle relaxant"},
      {"Methocarbamol 750 mg", "one tablet three times daily as needed", "#90", "muscle relaxant"},
      {"Gabapentin 300 mg", "one capsule three times daily", "#90", "neuropathic"},
      {"Pregabalin 75 mg", "one capsule twice daily", "#60", "neuropathic"},
      {"Duloxetine 30 mg", "one capsule daily", "#30", "antidepressant"},
      {"Nortriptyline 25 mg", "one capsule at bedtime", "#30", "antidepressant"},
      {"Trazodone 50 mg", "one tablet at bedtime for sleep", "#30", "sleep"},
      {"Omeprazole 20 mg", "one capsule daily", "#30", "gastric"},
      {"Pantoprazole 40 mg", "one tablet daily before breakfast", "#30", "gastric"},
      {"Lidocaine 5% patch", "apply one patch for up to 12 hours a day", "#30", "topical"},
      {"Diclofenac sodium 1% gel", "apply 4 g to the painful area four times daily", "100 g tube",
       "topical"},
  };
  return kMedications;
}

const std::vector<GeneralRequest>& GeneralRequests() {
  static const std::vector<GeneralRequest> kRequests = {
      {"Urine drug screen", "80305", "lab"},
      {"Functional capacity evaluation", "97750", "program"},
      {"Consultation with a pain management specialist", "99244", "consult"},
      {"Cognitive behavioral therapy, 6 sessions", "90837", "psych"},
      {"Psychological evaluation", "90791", "psych"},
      {"Functional restoration program, 80 hours", "97799", "program"},
      {"TENS unit, 30-day home trial", "E0730", "dme"},
      {"Home exercise kit", "A9300", "dme"},
      {"Gym membership, 6 months", "S9970", "program"},
      {"Orthopedic spine surgery consultation", "99244", "consult"},
  };
  return kRequests;
}

const std::vector<Guideline>& Guidelines() {
  static const std::vector<Guideline> kGuidelines = {
      {"imaging", "{acoem}, Special Studies and Diagnostic and Treatment Considerations"},
      {"imaging", "{odg}, Magnetic resonance imaging (MRI)"},
      {"therapy", "MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine"},
      {"therapy", "MTUS Acupuncture Medical Treatment Guidelines"},
      {"therapy", "MTUS Chronic Pain Medical Treatment Guidelines, Manual therapy & manipulation"},
      {"opioid", "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, criteria for use"},
      {"opioid", "MTUS Guidelines for the Chronic Use of Opioids"},
      {"medication", "MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs"},
      {"medication", "MTUS Chronic Pain Medical Treatment Guidelines, Muscle relaxants"},
      {"medication", "MTUS Chronic Pain Medical Treatment Guidelines, Anti-epilepsy drugs"},
      {"medication", "MTUS Chronic Pain Medical Treatment Guidelines, Topical Analgesics"},
      {"injection", "MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections"},
      {"injection", "{odg}, Facet joint diagnostic blocks"},
      {"injection", "{acoem}, Initial Care"},
      {"surgery", "{acoem}, Surgical Considerations"},
      {"surgery", "{odg}, Indications for Surgery"},
      {"dme", "MTUS Chronic Pain Medical Treatment Guidelines, TENS, chronic pain"},
      {"dme", "{odg}, Durable medical equipment (DME)"},
      {"psych", "MTUS Chronic Pain Medical Treatment Guidelines, Behavioral interventions"},
      {"lab", "MTUS Chronic Pain Medical Treatment Guidelines, Drug testing"},
      {"program",
       "MTUS Chronic Pain Medical Treatment Guidelines, Functional restoration "
       "programs (FRPs)"},
      {"consult",
       "ACOEM Practice Guidelines, Chapter 7, Independent Medical Examinations and "
       "Consultations"},
  };
  return kGuidelines;
}

}  // namespace packet
