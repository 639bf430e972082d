#!/usr/bin/env python3
"""Writes the benchmark corpus: mixed Vietnamese, English and Chinese prose.

Deterministic (a fixed seed, no clock): the same arguments give the same
bytes. About a tenth of the Vietnamese documents are written in NFD, and the
case of names varies, as real text does. Each document is one line (uconv
transliterates line by line, so a blank line would split its white-space runs).

    python3 tools/bench/make_corpus.py --megabytes 50 --out tools/bench/out/corpus.txt

With --names FILE (one name per line, e.g. from a glossary export), names
from the file are sprinkled through the text, with and without diacritics.
"""
import argparse
import random
import unicodedata

# Vocabulary written for this benchmark: common words of each language.
VIETNAMESE = """
và của là có được trong cho với các những người một này đã không khi đến từ
theo về như cũng tại sẽ hai bên hợp tác kinh tế thương mại biên giới cửa khẩu
hàng hóa xuất khẩu nhập khẩu tăng trưởng năm tháng ngày tuần trước sau chính
phủ bộ trưởng chủ tịch tổng bí thư thủ tướng quốc hội đại biểu nhân dân đảng
cộng sản ngoại giao quốc phòng an ninh phát triển đầu tư dự án đường sắt cao
tốc cảng biển sân bay khu công nghiệp doanh nghiệp nông sản trái cây thanh
long sầu riêng vải thiều gạo cà phê cao su thủy sản du lịch khách hội nghị
thỏa thuận ký kết văn kiện tuyên bố chung hòa bình ổn định khu vực hữu nghị
truyền thống láng giềng toàn diện chiến lược đối tác tin cậy thúc đẩy mở rộng
kết nối giao thông vận tải logistics chuỗi cung ứng thị trường giá cả lãi
suất ngân hàng tỷ đồng triệu đô la phần trăm so với cùng kỳ báo cáo cho biết
nhấn mạnh khẳng định đề nghị hoan nghênh đánh giá cao kết quả quan trọng mới
lớn nhỏ nhanh chậm mạnh yếu tốt xấu khỏe thủy điện hóa chất hoà giải thuỷ lợi
""".split()

ENGLISH = """
the of and to in a is that for on with as by at from was were said will
would has have had its their which about after before between more than
border trade gate cargo export import growth year month week government
minister president party general secretary prime national assembly delegation
foreign affairs defence security development investment project railway
high speed seaport airport industrial park enterprise agricultural fruit
dragon durian lychee rice coffee rubber seafood tourism visitors conference
agreement signed documents joint statement peace stability region friendship
traditional neighbour comprehensive strategic partnership trust promote expand
connectivity transport logistics supply chain market prices interest bank
billion million dollars percent compared same period report stressed affirmed
proposed welcomed highly results important new large small fast strong good
""".split()

CHINESE = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则"
    "任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美"
    "再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元"
    "况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委"
    "素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江"
    "型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
)

SEPARATOR_PUNCT = [", ", ", ", ". ", "; ", " — ", " (", ") ", ": "]


def sentence(rng, words, names, name_rate, join=" "):
    length = rng.randint(8, 22)
    parts = []
    for _ in range(length):
        if names and rng.random() < name_rate:
            parts.append(vary_name(rng, rng.choice(names)))
        else:
            parts.append(rng.choice(words))
    text = join.join(parts)
    return text[0].upper() + text[1:]


def strip_marks(text):
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


def vary_name(rng, name):
    roll = rng.random()
    if roll < 0.6:
        return name
    if roll < 0.8:
        return strip_marks(name)
    if roll < 0.9:
        return name.upper()
    return name.lower()


def chinese_sentence(rng, names, name_rate):
    length = rng.randint(15, 40)
    chars = []
    for _ in range(length):
        if names and rng.random() < name_rate:
            chars.append(rng.choice(names))
        else:
            chars.append(rng.choice(CHINESE))
    return "".join(chars) + rng.choice(["。", "，", "；", "。"])


def document(rng, names_by_script, name_rate):
    kind = rng.choices(["vi", "en", "zh"], weights=[45, 35, 20])[0]
    sentences = []
    for _ in range(rng.randint(6, 14)):
        if kind == "vi":
            sentences.append(sentence(rng, VIETNAMESE, names_by_script["latin"], name_rate) + rng.choice([".", ".", "!", "?"]))
        elif kind == "en":
            sentences.append(sentence(rng, ENGLISH, names_by_script["latin"], name_rate) + ".")
        else:
            sentences.append(chinese_sentence(rng, names_by_script["han"], name_rate))
    text = ("" if kind == "zh" else " ").join(sentences)
    if kind == "vi" and rng.random() < 0.1:
        text = unicodedata.normalize("NFD", text)
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--out", required=True)
    parser.add_argument("--names", help="file with one name per line to mention in the text")
    parser.add_argument("--name-rate", type=float, default=0.03, help="share of words that are names")
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    names_by_script = {"latin": [], "han": []}
    if args.names:
        with open(args.names, encoding="utf-8") as handle:
            for line in handle:
                name = line.strip()
                if not name:
                    continue
                is_han = any("\u4e00" <= c <= "\u9fff" for c in name)
                names_by_script["han" if is_han else "latin"].append(name)
        for names in names_by_script.values():
            names.sort()
    target = int(args.megabytes * 1_000_000)
    written = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        while written < target:
            text = document(rng, names_by_script, args.name_rate) + "\n"
            out.write(text)
            written += len(text.encode("utf-8"))
    print(f"wrote {written} bytes to {args.out}")


if __name__ == "__main__":
    main()
