"""The demo organisation: Egypt's governorates, their directorates of social solidarity, social units in
real districts, headquarters sectors and a category tree drawn from the ministry's programmes.

Names are stored in English and shown in Arabic through the app's translations (the DocTypes are
`translated_doctype`), so the same records serve both languages.
"""

import csv
from pathlib import Path

DATA = Path(__file__).parent / "data"

# Region of each governorate, by its national-ID code.
GOVERNORATE_REGIONS = {
	"01": "Greater Cairo",
	"21": "Greater Cairo",
	"14": "Greater Cairo",
	"02": "Alexandria",
	"11": "Delta",
	"12": "Delta",
	"13": "Delta",
	"15": "Delta",
	"16": "Delta",
	"17": "Delta",
	"18": "Delta",
	"03": "Canal",
	"04": "Canal",
	"19": "Canal",
	"22": "North Upper Egypt",
	"23": "North Upper Egypt",
	"24": "North Upper Egypt",
	"25": "South Upper Egypt",
	"26": "South Upper Egypt",
	"27": "South Upper Egypt",
	"28": "South Upper Egypt",
	"29": "South Upper Egypt",
	"31": "Frontier",
	"32": "Frontier",
	"33": "Frontier",
	"34": "Frontier",
	"35": "Frontier",
	"88": "Abroad",
}

# Districts (markaz or qism) of each governorate; each gets two social units in the demo.
DISTRICTS = {
	"01": ["Nasr City", "Shubra", "Helwan", "Maadi", "Ain Shams", "Matareya"],
	"02": ["Montaza", "Sidi Gaber", "Amreya", "Borg El Arab", "Al Gomrok", "Raml"],
	"03": ["Al Arab", "Al Manakh", "Al Dawahi", "Al Zohour", "Port Fouad", "Al Ganoub"],
	"04": ["Suez District", "Al Arbaeen", "Ataka", "Faisal", "Al Ganayen", "Port Tawfik"],
	"11": ["Damietta City", "Faraskur", "Kafr Saad", "Zarqa", "Ras El Bar", "Kafr El Battikh"],
	"12": ["Mansoura", "Talkha", "Mit Ghamr", "Dekernes", "Aga", "Belqas"],
	"13": ["Zagazig", "Belbeis", "Minya El Qamh", "Abu Hammad", "Faqous", "Hehya"],
	"14": ["Banha", "Shubra El Kheima", "Qalyub", "Khanka", "Tukh", "Shibin El Qanater"],
	"15": ["Kafr El Sheikh City", "Desouk", "Fuwwah", "Baltim", "Sidi Salem", "Qallin"],
	"16": ["Tanta", "El Mahalla El Kubra", "Kafr El Zayat", "Zefta", "Samannoud", "Basyoun"],
	"17": ["Shebin El Kom", "Menouf", "Ashmoun", "Quesna", "Tala", "Sadat City"],
	"18": ["Damanhour", "Kafr El Dawwar", "Rashid", "Edko", "Abu Hummus", "Kom Hamada"],
	"19": ["Ismailia City", "Fayed", "Qantara Gharb", "Tell El Kebir", "Abu Suwir", "Qassassin"],
	"21": ["Giza District", "Imbaba", "Haram", "Badrashin", "Atfih", "Awsim"],
	"22": ["Beni Suef City", "Al Wasta", "Nasser", "Ihnasya", "Biba", "Al Fashn"],
	"23": ["Fayoum City", "Sinnuris", "Tamiya", "Ibsheway", "Itsa", "Yousef El Seddik"],
	"24": ["Minya City", "Mallawi", "Samalut", "Maghagha", "Beni Mazar", "Abu Qurqas"],
	"25": ["Asyut City", "Dairut", "Manfalut", "Abnub", "Abu Tig", "El Qusiya"],
	"26": ["Sohag City", "Akhmim", "Girga", "Tahta", "El Balyana", "El Maragha"],
	"27": ["Qena City", "Nag Hammadi", "Qus", "Deshna", "Farshut", "Abu Tesht"],
	"28": ["Aswan City", "Kom Ombo", "Edfu", "Daraw", "Nasr El Nuba", "Kalabsha"],
	"29": ["Luxor City", "Esna", "Armant", "El Tod", "El Bayadiya", "El Qurna"],
	"31": ["Hurghada", "Safaga", "El Quseir", "Marsa Alam", "Ras Gharib", "Shalateen"],
	"32": ["Kharga", "Dakhla", "Farafra", "Paris", "Balat", "Mut"],
	"33": ["Marsa Matrouh", "El Hamam", "El Alamein", "El Dabaa", "Sidi Barrani", "Siwa"],
	"34": ["El Arish", "Bir El Abd", "Sheikh Zuweid", "Rafah", "Hasana", "Nakhl"],
	"35": ["El Tor", "Sharm El Sheikh", "Dahab", "Nuweiba", "Saint Catherine", "Ras Sidr"],
}

SECTORS = ["Social Protection Sector", "Social Development Sector", "Citizen Services Sector"]

# The category tree (data/demo_categories.csv): (name, parent, routing level, headquarters sector, hours
# to accept, working days to resolve), and the Arabic name of each
with open(DATA / "demo_categories.csv", encoding="utf-8", newline="") as f:
	_CATEGORY_ROWS = list(csv.DictReader(f))
CATEGORIES = [
	(
		row["name"],
		row["parent"] or None,
		row["routing_level"],
		row["sector"] or None,
		int(row["hours_to_accept"]),
		int(row["days_to_resolve"]),
	)
	for row in _CATEGORY_ROWS
]

# One demo user per role: (email, first name, last name, role).
# The demo's people are named in Arabic, as the ministry's staff and citizens write their names
DEMO_USERS = [
	("admin@demo.complaints.local", "سمير", "فهمي", "Complaints Administrator"),
	("manager@demo.complaints.local", "هدى", "منصور", "Complaints Manager"),
	("head.cairo@demo.complaints.local", "كريم", "صلاح", "Directorate Head"),
	("officer.nasrcity@demo.complaints.local", "أمل", "حسن", "Liaison Officer"),
	("reviewer@demo.complaints.local", "طارق", "نبيل", "Quality Reviewer"),
	("agent@demo.complaints.local", "دينا", "فؤاد", "Call Center Agent"),
	("appeals@demo.complaints.local", "يوسف", "كامل", "Appeals Board Member"),
	("citizen@demo.complaints.local", "منى", "أحمد", "Citizen"),
]

CHANNELS = ["Web Portal", "Hotline", "Counter", "Paper Mail", "Email", "Central Government System"]
TYPES = ["Complaint", "Complaint", "Complaint", "Request", "Inquiry", "Suggestion"]

# What citizens write: the demo's site is Arabic, and so are its complaints
SUBJECTS = [
	("لم أستلم الدعم النقدي الشهري", "لم يصل صرف تكافل لهذا الشهر إلى مكتب البريد."),
	("بطاقة الصرف لا تعمل", "ماكينة الصراف ترفض بطاقة الصرف منذ الأسبوع الماضي."),
	("تأخر بطاقة الخدمات المتكاملة", "تقدمت بطلب بطاقة الخدمات المتكاملة منذ ستة أشهر."),
	("تخفيض قيمة المعاش", "خُفِّض معاشي دون أي إخطار."),
	("طلب كرسي متحرك", "ابني يحتاج إلى كرسي متحرك وطلب مني المكتب الانتظار."),
	("تأخر ترخيص الحضانة", "ترخيص حضانتنا الأهلية معلق منذ شهور."),
	("معاملة سيئة في الوحدة الاجتماعية", "رفض الموظف استلام أوراقي."),
	("استفسار عن استحقاق كرامة", "هل والدتي مستحقة لبرنامج كرامة؟"),
	("لا رد على طلب قرض متناهي الصغر", "تقدمت بطلب قرض الأسر المنتجة ولم أتلق أي رد."),
	("اقتراح بفتح الوحدة يوم السبت", "العاملون لا يستطيعون زيارة الوحدة خلال أيام الأسبوع."),
]

# Arabic names of the master data (setup/demo_names.py)
ARABIC_SECTORS = {
	"Social Protection Sector": "قطاع الحماية الاجتماعية",
	"Social Development Sector": "قطاع التنمية الاجتماعية",
	"Citizen Services Sector": "قطاع خدمة المواطنين",
}
ARABIC_CATEGORIES = {row["name"]: row["name_ar"] for row in _CATEGORY_ROWS}
