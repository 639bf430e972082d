#!/usr/bin/env python3
"""Writes a deterministic glossary CSV for the benchmark in glossary.sh:
N entities (default 100,000) with about 2.3 names each, Vietnamese, Chinese
and English, in the import format (entity_id,type,lang,text,status,kind).

Persons: Vietnamese (vi with diacritics, en without; some deprecated ASCII vi)
and Chinese (zh-Hans, pinyin under en, some Hán-Việt under vi). Places and
organizations: Vietnamese and Chinese compounds with English forms.
Usage: make_glossary_csv.py OUT.csv [N]"""
import csv
import random
import sys
import unicodedata

VI_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
             "Hồ", "Ngô", "Dương", "Lý", "Lương", "Đinh", "Trịnh", "Mai", "Tô", "Lâm", "Hà", "Cao"]
VI_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Ngọc", "Quốc", "Xuân", "Thu", "Hồng", "Kim", "Bá", "Công"]
VI_GIVEN = ["Cường", "Chính", "Hùng", "Dũng", "Lan", "Hương", "Trang", "Phúc", "Thắng", "Khánh", "Vượng", "Huệ",
            "Sơn", "Tuấn", "Hải", "Long", "Nam", "Bình", "Hòa", "Thủy", "Quý", "Giang", "Nghĩa", "Thảo", "Yến",
            "Đạt", "Tâm", "Trung", "Hiếu", "Ánh", "Phương", "Nhung", "Quang", "Lộc", "Vinh", "Toàn", "Thành"]
ZH_FAMILY = [("王", "Wang", "Vương"), ("李", "Li", "Lý"), ("张", "Zhang", "Trương"), ("刘", "Liu", "Lưu"),
             ("陈", "Chen", "Trần"), ("杨", "Yang", "Dương"), ("黄", "Huang", "Hoàng"), ("赵", "Zhao", "Triệu"),
             ("吴", "Wu", "Ngô"), ("周", "Zhou", "Chu"), ("徐", "Xu", "Từ"), ("孙", "Sun", "Tôn"), ("马", "Ma", "Mã"),
             ("胡", "Hu", "Hồ"), ("郭", "Guo", "Quách"), ("林", "Lin", "Lâm"), ("何", "He", "Hà"), ("高", "Gao", "Cao")]
ZH_GIVEN = [("伟", "wei", "Vĩ"), ("强", "qiang", "Cường"), ("平", "ping", "Bình"), ("明", "ming", "Minh"),
            ("华", "hua", "Hoa"), ("军", "jun", "Quân"), ("国", "guo", "Quốc"), ("建", "jian", "Kiến"),
            ("文", "wen", "Văn"), ("海", "hai", "Hải"), ("东", "dong", "Đông"), ("林", "lin", "Lâm"),
            ("新", "xin", "Tân"), ("志", "zhi", "Chí"), ("红", "hong", "Hồng"), ("春", "chun", "Xuân"),
            ("德", "de", "Đức"), ("安", "an", "An"), ("庆", "qing", "Khánh"), ("宁", "ning", "Ninh")]
VI_PLACE = ["Hải", "Phòng", "Đà", "Nẵng", "Thanh", "Hóa", "Bắc", "Giang", "Lạng", "Sơn", "Quảng", "Ninh", "Tây",
            "Nguyên", "Phú", "Yên", "Vĩnh", "Long", "Cần", "Thơ", "Hòa", "Bình", "Kiên", "Lào", "Cai", "Tuyên", "Quang"]
VI_PLACE_PREFIX = ["xã", "phường", "thị trấn", "huyện", "sông", "núi", "cửa khẩu"]
EN_PLACE_PREFIX = {"xã": "Commune", "phường": "Ward", "thị trấn": "Town", "huyện": "District", "sông": "River",
                   "núi": "Mount", "cửa khẩu": "Border Gate"}
VI_ORG = ["Công ty", "Tổng công ty", "Ngân hàng", "Tập đoàn", "Hợp tác xã", "Trường Đại học", "Bệnh viện"]
EN_ORG = {"Công ty": "Company", "Tổng công ty": "Corporation", "Ngân hàng": "Bank", "Tập đoàn": "Group",
          "Hợp tác xã": "Cooperative", "Trường Đại học": "University", "Bệnh viện": "Hospital"}


def ascii_vi(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def slug(text):
    return "-".join(ascii_vi(text).lower().replace("-", " ").split())


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rng = random.Random(20260101)
    names_total = 0
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["entity_id", "type", "lang", "text", "status", "kind"])
        for index in range(count):
            roll = rng.random()
            rows = []
            if roll < 0.40:
                full = f"{rng.choice(VI_FAMILY)} {rng.choice(VI_MIDDLE)} {rng.choice(VI_GIVEN)}"
                entity, kind = f"vn.person.{slug(full)}-{index}", "person"
                rows += [("vi", full, "preferred", "full"), ("en", ascii_vi(full), "preferred", "full")]
                if rng.random() < 0.3:
                    rows.append(("vi", full.split()[0] + " " + full.split()[-1], "admitted", "short"))
            elif roll < 0.65:
                family = rng.choice(ZH_FAMILY)
                given = [rng.choice(ZH_GIVEN) for _ in range(rng.choice([1, 2]))]
                han = family[0] + "".join(g[0] for g in given)
                pinyin = family[1] + " " + ("".join(g[1] for g in given)).capitalize()
                hanviet = " ".join([family[2]] + [g[2] for g in given])
                entity, kind = f"cn.person.{slug(pinyin)}-{index}", "person"
                rows += [("zh-Hans", han, "preferred", "full"), ("en", pinyin, "preferred", "full")]
                if rng.random() < 0.5:
                    rows.append(("vi", hanviet, "preferred", "full"))
            elif roll < 0.85:
                core = " ".join(rng.sample(VI_PLACE, 2))
                prefix = rng.choice(VI_PLACE_PREFIX)
                vi = f"{prefix.capitalize()} {core}"
                entity, kind = f"vn.place.{slug(vi)}-{index}", "place"
                rows += [("vi", vi, "preferred", "full"), ("en", f"{ascii_vi(core)} {EN_PLACE_PREFIX[prefix]}", "preferred", "full")]
                if rng.random() < 0.4:
                    rows.append(("vi", ascii_vi(vi), "deprecated", "generated"))
            else:
                core = " ".join(rng.sample(VI_PLACE, 2))
                org = rng.choice(VI_ORG)
                vi = f"{org} {core}"
                entity, kind = f"vn.org.{slug(vi)}-{index}", "organization"
                rows += [("vi", vi, "preferred", "full"), ("en", f"{ascii_vi(core)} {EN_ORG[org]}", "preferred", "full")]
                if rng.random() < 0.5:
                    initials = "".join(w[0] for w in ascii_vi(vi).split()).upper()
                    rows.append(("en", f"{initials}{index}", "admitted", "abbreviation"))
            seen = set()
            for lang, text, status, name_kind in rows:
                if text in seen:
                    continue
                seen.add(text)
                writer.writerow([entity, kind, lang, text, status, name_kind])
                names_total += 1
    print(f"{count} entities, {names_total} names -> {out}")


if __name__ == "__main__":
    main()
