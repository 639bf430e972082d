#!/usr/bin/env python3
"""Regenerate Tests/NomenNormalizationTests/Fixtures/legacy/ deterministically.

    python3 tools/encodings/make_fixtures.py   # writes every fixture file
    python3 tools/encodings/legacy_encode.py --selftest

The Vietnamese paragraphs below were written for this project (no third-party
text). Edit them here, never the generated files. Stdlib only.
"""
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import legacy_encode as le  # noqa: E402

OUT = le.FIXTURES

PARAS = {
"p1-da-nang": (
"Đà Nẵng là thành phố lớn nhất miền Trung Việt Nam, nằm bên bờ biển Đông, cách Hà Nội "
"khoảng 764 km về phía nam. Ủy ban Nhân dân thành phố vừa công bố kế hoạch xây thêm 12 "
"cây cầu và mở rộng sân bay quốc tế. Ông Nguyễn Văn Thụy, 58 tuổi, một ngư dân ở quận Sơn "
"Trà, kể rằng mỗi sáng ông ra khơi lúc 4 giờ, khi trời còn tối và sóng vẫn lặng. \"Biển cho "
"chúng tôi cá, cho con cháu đi học,\" ông nói. Du khách từ Ấn Độ, Hàn Quốc và châu Âu "
"thường ghé chợ Hàn để mua mực khô, nước mắm và bánh tráng. Giá phòng khách sạn dao động "
"từ 350.000 đến 2,5 triệu đồng mỗi đêm; riêng dịp lễ 30/4 thì đắt gấp đôi."
),
"p2-chu-viet": (
"Năm 1945, sau nhiều thế kỷ chịu ảnh hưởng của văn hóa phương Bắc và phương Tây, người "
"Việt đã chọn chữ Quốc ngữ làm chữ viết chính thức. Trước đó, các nhà nho dùng chữ Hán và "
"chữ Nôm để ghi chép sử sách, thơ ca và gia phả. Ở làng quê, ông đồ ngồi bên hè phố viết "
"câu đối đỏ mỗi dịp Tết. Ả Rập, Ý, Nhật Bản... mỗi nơi đều có lối viết riêng, nhưng ít "
"ngôn ngữ nào có hệ thống dấu thanh phức tạp như tiếng Việt: sáu thanh điệu, kể cả thanh "
"ngã và thanh hỏi mà nhiều người miền Nam phát âm giống nhau. Kỹ sư Lê Thị Ánh, người giữ "
"kho tư liệu ở Huế, nói: \"Mất chữ là mất cả ký ức.\" Cụ đồ già ngồi cạnh gật gù, đôi chân "
"mỏi như muốn quỵ xuống."
),
"p3-ech-nhai": (
"Ếch, nhái và cóc thường xuất hiện sau những cơn mưa rào đầu hạ. Các nhà khoa học ở Viện "
"Sinh thái học (thuộc Viện Hàn lâm) đã ghi nhận 45 loài lưỡng cư mới trong giai đoạn "
"2010-2020. Ông Trương Quốc Khải giải thích: muốn hiểu rõ hệ sinh thái, phải đo nhiệt độ, "
"độ ẩm, độ pH của nước suối và đếm số trứng mỗi tuần. Ương nuôi nòng nọc trong phòng thí "
"nghiệm không dễ: chúng yếu ớt, dễ bị nấm và vi khuẩn tấn công. Kỳ lạ thay, kết quả lại "
"khả quan hẳn: tỉ lệ sống tăng từ 31% lên 67%. Ơn trời, mùa khô năm nay ngắn hơn, suối không "
"cạn, và lũ trẻ trong bản lại được tắm mát ở khe đá, vẽ lên vách những con cá bằng than."
),
"p4-thu-vien": (
"Hỏi: \u201cEm tên gì?\u201d Cô bé đáp: \u201cDạ, em tên là Ngô Thị Tuyết Nhung, học lớp 5A.\u201d "
"Câu chuyện nhỏ ấy xảy ra ở Ea Súp, một huyện biên giới của tỉnh Đắk Lắk, nơi đồng bào "
"Ê Đê và M\u2019nông sinh sống. Ở đây, ngoài tiếng mẹ đẻ, trẻ em còn học tiếng Việt; nhiều "
"em nói chưa sõi nhưng rất chăm. Thầy giáo Hoàng Văn Quý kể: \u201cTôi ở lại vì thương các "
"em\u2026\u201d Mỗi tháng, thầy nhận lương 6,2 triệu đồng, đi bộ gần 9 km qua rừng khộp. Ước "
"mơ của thầy? Một thư viện nhỏ với vài trăm cuốn sách, ánh đèn ổn định, và con đường "
"không còn lầy lội mỗi mùa mưa. Ừ thì khó, nhưng ai cũng hiểu: chữ nghĩa mở ra cả thế giới "
"\u2013 kể cả cho những đứa trẻ ở nơi xa xôi nhất."
),
}

# Texts a detector must NOT report as legacy Vietnamese.
NEGATIVES = {
    # ASCII English full of VIQR look-alikes: vowel + ' ? . ( ^ + ~ `, "dd", "d-".
    "en-plain": (
        "Don't panic: the meeting is at 10 a.m. on Friday (room 4B). Did you read the "
        "memo? I'd say it's fine, e.g. the budget's up 5% vs. last year. Please add the "
        "address to the to-do list, then e-mail Ed at ed@example.org or visit "
        "www.example.com/docs?id=42. Use 'single', \"double\" and `back` quotes; "
        "~approx. 3+4=7, a^2 + b^2 = c^2 (see note). Odd-numbered rooms are on the "
        "left. Who's there? Hello? Idea... maybe."
    ),
    # English with Western European accents: Latin-1 letters a VNI/TCVN3 reading
    # would also claim (é è ê ô ö ü ñ ç).
    "en-accents": (
        "Zoë and Renée met at a café in São Paulo; Müller ordered a crème brûlée, "
        "Núñez a piña colada, and the naïve façade fooled nobody. Price: 12 € or "
        "£10 \u2014 déjà vu at the Hôtel Côte d'Azur, with rôti on the side."
    ),
    # Simplified Chinese (mentions Vietnamese places, in Hanzi only).
    "zh-plain": (
        "越南位于东南亚中南半岛东部，首都是河内，最大城市是胡志明市。岘港是越南中部"
        "最大的城市，人口约一百二十万。2023年，越南的国内生产总值增长了百分之五点零五。"
        "许多中国游客喜欢去下龙湾和会安古城旅游，品尝河粉和越南咖啡。"
    ),
}
# Extra byte renderings of the negatives (legacy single/double-byte, not Vietnamese).
NEGATIVE_BYTES = {
    "en-accents": [("cp1252", ".cp1252.bin", "cp1252")],
    "zh-plain": [("gb18030", ".gb18030.bin", "gb18030")],
}

FORMS = [  # (form, file suffix, decoded-text suffix for the manifest)
    ("viqr", ".viqr.txt", ".utf8.txt"),
    ("vni", ".vni.bin", ".utf8.txt"),
    ("tcvn3", ".tcvn3.bin", ".tcvn3.expected.txt"),
    ("cp1258", ".cp1258.bin", ".utf8.txt"),
    ("mojibake-cp1252", ".mojibake-cp1252.txt", ".utf8.txt"),
    ("mojibake-latin1", ".mojibake-latin1.txt", ".utf8.txt"),
    ("mojibake-cp1252x2", ".mojibake-cp1252x2.txt", ".utf8.txt"),
]


def write(path, data):
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = [("file", "form", "expected", "is_legacy_vietnamese")]
    for name, text in PARAS.items():
        text = unicodedata.normalize("NFC", text) + "\n"
        write(name + ".utf8.txt", text.encode("utf-8"))
        manifest.append((name + ".utf8.txt", "utf8", name + ".utf8.txt", "no"))
        write(name + ".tcvn3.expected.txt", le.tcvn3_expected(text).encode("utf-8"))
        for form, suffix, expected in FORMS:
            write(name + suffix, le.ENCODERS[form](text))
            manifest.append((name + suffix, form, name + expected, "yes"))
    for name, text in NEGATIVES.items():
        text = unicodedata.normalize("NFC", text) + "\n"
        write(name + ".utf8.txt", text.encode("utf-8"))
        manifest.append((name + ".utf8.txt", "utf8", name + ".utf8.txt", "no"))
        for form, suffix, codec in NEGATIVE_BYTES.get(name, []):
            write(name + suffix, text.encode(codec))
            manifest.append((name + suffix, form, "", "no"))
    write("manifest.tsv", "".join("\t".join(r) + "\n" for r in manifest).encode("utf-8"))
    print("wrote %d files to %s" % (len(os.listdir(OUT)), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
