#!/usr/bin/env python3
"""Writes a synthetic glossary for the annotate benchmark, deterministically.

Entities are Vietnamese persons (vi with diacritics, and typed without),
Chinese persons (pinyin, Han, Hán-Việt reading) and organisations with
English names: about 2.2 names per entity, like the seed glossary.

    python3 tools/bench/make_glossary.py --entities 100000 --out g.jsonl --names names.txt

--names also writes every name, one a line, for make_corpus.py --names.
--tsv also writes the same entities in a compact form that nomen-bench reads
without a JSON decoder (decoding 1M entities of JSONL takes longer than
compiling them): one entity a line, tab-separated `id type name_order
family_name` and then one field per name, `text lang status kind` joined by
U+001F. Empty fields are absent values.
"""
import argparse
import json
import random
import unicodedata

VI_FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Lâm Mai Tạ Hà Lương Đoàn Cao Chu".split()
VI_MIDDLE = "Văn Thị Minh Hữu Đức Thanh Quốc Ngọc Hồng Anh Xuân Thu Kim Bảo Gia Hoài Thế Trọng Đình Công Quang Tuấn Hải Phương".split()
VI_GIVEN = """An Bình Cường Chính Dũng Đạt Giang Hà Hải Hạnh Hiếu Hoa Hòa Hùng Hương Khánh Khoa Lan Linh Long Mai Minh Nam Nga
Nghĩa Ngọc Nhung Phong Phúc Phương Quân Quang Sơn Tâm Thắng Thành Thảo Thủy Trang Trung Tú Tuấn Tùng Uyên Việt Vinh Yến Hằng
Lâm Toàn Thịnh Hưng Lộc Tài Đông Tiến Hiền Loan Oanh Quyên Huyền Ngân Nhàn Thoa Xuân Diệp Khải Luân Nhân Bách Chiến Duy Hào""".split()
ZH = [  # pinyin, Han, Hán-Việt
    ("Wang", "王", "Vương"), ("Li", "李", "Lý"), ("Zhang", "张", "Trương"), ("Liu", "刘", "Lưu"), ("Chen", "陈", "Trần"),
    ("Yang", "杨", "Dương"), ("Zhao", "赵", "Triệu"), ("Huang", "黄", "Hoàng"), ("Zhou", "周", "Chu"), ("Wu", "吴", "Ngô"),
    ("Xu", "徐", "Từ"), ("Sun", "孙", "Tôn"), ("Hu", "胡", "Hồ"), ("Zhu", "朱", "Chu"), ("Gao", "高", "Cao"),
    ("Lin", "林", "Lâm"), ("He", "何", "Hà"), ("Guo", "郭", "Quách"), ("Ma", "马", "Mã"), ("Luo", "罗", "La"),
]
ZH_GIVEN = [
    ("jian", "建", "Kiến"), ("guo", "国", "Quốc"), ("ming", "明", "Minh"), ("hua", "华", "Hoa"), ("ping", "平", "Bình"),
    ("qiang", "强", "Cường"), ("wei", "伟", "Vĩ"), ("hong", "红", "Hồng"), ("jun", "军", "Quân"), ("lei", "磊", "Lỗi"),
    ("yong", "勇", "Dũng"), ("jie", "杰", "Kiệt"), ("tao", "涛", "Đào"), ("chao", "超", "Siêu"), ("bo", "波", "Ba"),
    ("hui", "辉", "Huy"), ("gang", "刚", "Cương"), ("lin", "林", "Lâm"), ("feng", "峰", "Phong"), ("xin", "新", "Tân"),
    ("hai", "海", "Hải"), ("dong", "东", "Đông"), ("yu", "宇", "Vũ"), ("zhi", "志", "Chí"), ("qing", "清", "Thanh"),
    ("de", "德", "Đức"), ("an", "安", "An"), ("wen", "文", "Văn"), ("li", "丽", "Lệ"), ("fang", "芳", "Phương"),
    ("yan", "燕", "Yến"), ("xia", "霞", "Hà"), ("long", "龙", "Long"), ("shan", "山", "Sơn"), ("yun", "云", "Vân"),
    ("cheng", "成", "Thành"), ("sheng", "胜", "Thắng"), ("kai", "凯", "Khải"), ("rong", "荣", "Vinh"), ("xiang", "祥", "Tường"),
]
ORG_A = """Northern Southern Eastern Western Central Pacific Golden Silver Red Blue Green Royal United National Global Asian
Mekong Delta Highland Coastal River Mountain Ocean Star Sun Moon Phoenix Dragon Lotus Bamboo Jade Pearl Crystal Iron Steel
Summit Horizon Pioneer Liberty Harmony Unity Victory Zenith Apex Atlas Orion Titan Nova Vertex Quantum Vector Sigma Delta""".split()
ORG_B = """Trading Logistics Shipping Energy Power Steel Cement Textile Garment Seafood Coffee Rubber Rice Fruit Tea Timber
Mining Oil Gas Chemical Pharma Medical Software Telecom Media Finance Capital Securities Insurance Realty Construction
Engineering Transport Aviation Railway Port Tourism Hotel Foods Dairy Motors Electronics Solar Wind Water Agri Fishery""".split()
ORG_C = "Corporation Group Company Holdings Joint-Stock-Company Limited Industries Partners Ventures Alliance".split()


def strip(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=100000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--names", help="also write every name, one a line")
    parser.add_argument("--tsv", help="also write the entities in the compact form nomen-bench reads")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names_out = open(args.names, "w", encoding="utf-8") if args.names else None
    tsv_out = open(args.tsv, "w", encoding="utf-8") if args.tsv else None
    total_names = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for index in range(args.entities):
            kind = rng.random()
            if kind < 0.45:
                family = rng.choice(VI_FAMILY)
                parts = [family] + rng.sample(VI_MIDDLE, rng.choice([1, 1, 2])) + [rng.choice(VI_GIVEN)]
                vi = " ".join(parts)
                entity = {"id": f"syn.person.vi-{index}", "type": "person", "name_order": "family_first", "family_name": family,
                          "names": [{"text": vi, "lang": "vi", "status": "preferred", "kind": "full"},
                                    {"text": strip(vi), "lang": "en", "status": "preferred", "kind": "full"}]}
            elif kind < 0.75:
                family = rng.choice(ZH)
                given = [rng.choice(ZH_GIVEN) for _ in range(rng.choice([1, 2, 2]))]
                pinyin = family[0] + " " + ("".join(g[0] for g in given)).capitalize()
                han = family[1] + "".join(g[1] for g in given)
                hanviet = " ".join([family[2]] + [g[2] for g in given])
                entity = {"id": f"syn.person.zh-{index}", "type": "person", "name_order": "family_first", "family_name": family[1],
                          "names": [{"text": pinyin, "lang": "en", "status": "preferred", "kind": "full"},
                                    {"text": han, "lang": "zh-Hans", "status": "preferred", "kind": "full"},
                                    {"text": hanviet, "lang": "vi", "status": "preferred", "kind": "full"}]}
            else:
                name = f"{rng.choice(ORG_A)} {rng.choice(ORG_B)} {rng.choice(ORG_C).replace('-', ' ')}"
                names = [{"text": name, "lang": "en", "status": "preferred", "kind": "full"}]
                if rng.random() < 0.5:
                    names.append({"text": name.rsplit(" ", 1)[0], "lang": "en", "status": "admitted", "kind": "short"})
                entity = {"id": f"syn.org.{index}", "type": "organization", "names": names}
            if names_out and index % 10 == 0:  # a sample of names for the corpus (before the check below)
                for name in entity["names"]:
                    names_out.write(name["text"] + "\n")
            # A name typed without diacritics can equal its "en" form: keep one (the import refuses twins).
            seen = set()
            entity["names"] = [n for n in entity["names"] if not (n["text"] in seen or seen.add(n["text"]))]
            total_names += len(entity["names"])
            out.write(json.dumps(entity, ensure_ascii=False) + "\n")
            if tsv_out:
                fields = [entity["id"], entity["type"], entity.get("name_order", ""), entity.get("family_name", "")]
                fields += ["\x1f".join((n["text"], n["lang"], n["status"], n["kind"])) for n in entity["names"]]
                tsv_out.write("\t".join(fields) + "\n")
    print(f"{args.entities} entities, {total_names} names")


if __name__ == "__main__":
    main()
