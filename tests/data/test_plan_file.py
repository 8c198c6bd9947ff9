"""The plan file data/plans/ningxia-2023-2025.json checked against the plan's text.

The file is the plan as data (docs/plan-format.md): its sections, its 43
tasks with their responsible units, and every deadline the text sets. This
test reads the plan text the file was transcribed from (by default the
copy beside it, named by the file's "text_file") and checks that the file
says what the text says: the tasks are the text's numbered tasks, verbatim
and in their sections; every date-like phrase of the text is either a
deadline of the task it is written in or listed in "undated_phrases" with a
reason; every deadline's date follows from its phrase.

Python 3 standard library only. Run it directly or through CTest:

    /usr/bin/python3 tests/data/test_plan_file.py
    ctest --test-dir build -R plan_file

Environment (CMake sets both):
    LAWENFORCE_PLAN_FILE  the plan file (default data/plans/ningxia-2023-2025.json)
    LAWENFORCE_PLAN_TEXT  the plan text (default: the file's text_file, beside it)
"""

import calendar
import datetime
import json
import os
import re
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLAN_FILE = Path(os.environ.get("LAWENFORCE_PLAN_FILE",
                                REPO / "data" / "plans" / "ningxia-2023-2025.json"))

EXPECTED_TASKS = 43

TOP_KEYS = ["format", "id", "title", "issuer", "document_number", "issued",
            "period", "text_file", "sections", "tasks", "undated_phrases"]
SECTION_KEYS = ["number", "parent", "title"]
TASK_KEYS = ["number", "section", "title", "text", "responsible_units",
             "responsible_units_text", "deadlines"]
DEADLINE_KEYS = {
    "once": ["kind", "date", "source"],
    "yearly": ["kind", "month", "day", "source"],
    "yearly_total": ["kind", "what", "amount", "month", "day", "source"],
}
UNDATED_KEYS = ["phrase", "task", "reason"]
# What a yearly_total counts, and the word the text uses for its unit.
TOTAL_UNITS = {"training_hours": "学时"}

NUMERALS = "一二三四五六七八九十"
TOP_HEADING = re.compile(r"^([%s]+)、(.+)$" % NUMERALS)
SUB_HEADING = re.compile(r"^([(（][%s]+[)）])([^。]+)(?:。|$)" % NUMERALS)
TASK_LINE = re.compile(r"^(\d+)\.")
RESPONSIBLE = r"[((]责任单位[::]%s[))]"

# Anything in the text that speaks of a time: every 年 and 月, a day of a
# month, a four-digit year (also in document numbers such as 〔2023〕),
# quarters, ten-day periods, "every week/month/quarter" and "periodically".
DATE_HITS = re.compile(r"年|月|(?<!\d)\d{1,2}日|(?<!\d)(?:19|20)\d\d(?!\d)|季度|旬|每周|每月|定期")

# How a deadline's source phrase gives its date (docs/plan-format.md).
ONCE_RULES = [
    (re.compile(r"(?:到|在|于)?(\d{4})年(?:年底|底)前?"),
     lambda y: (int(y), 12, 31)),
    (re.compile(r"(?:到|在|于)?(\d{4})年(\d{1,2})月底前?"),
     lambda y, m: (int(y), int(m), calendar.monthrange(int(y), int(m))[1])),
    (re.compile(r"(?:到|在|于)?(\d{4})年(\d{1,2})月(\d{1,2})日前?"),
     lambda y, m, d: (int(y), int(m), int(d))),
    (re.compile(r"(?:到|在|于)?(\d{4})年上半年"), lambda y: (int(y), 6, 30)),
    (re.compile(r"(?:到|在|于)?(\d{4})年下半年"), lambda y: (int(y), 12, 31)),
    (re.compile(r"(?:到|在|于)?(\d{4})年第([一二三四])季度(?:末)?前?"),
     lambda y, q: (int(y), 3 * (" 一二三四".index(q)),
                   calendar.monthrange(int(y), 3 * (" 一二三四".index(q)))[1])),
]
YEARLY_RULES = [
    (re.compile(r"每年(\d{1,2})月底前?"),
     lambda m: (int(m), calendar.monthrange(2023, int(m))[1])),
    (re.compile(r"每年(\d{1,2})月(\d{1,2})日前?"), lambda m, d: (int(m), int(d))),
]


def normalise(text):
    """Whitespace runs become one space; the ends are trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def parse_date(value):
    return datetime.date.fromisoformat(value)


def expand_units(literal):
    """The responsible units a 责任单位 list names, one name each.

    Groups are separated by "," (or "，"). A group that starts with 自治区 and
    lists several units with "、" shares the prefix: "自治区公安厅、司法厅" is
    自治区公安厅 and 自治区司法厅. Any other group is one unit as written
    ("各市、县〔区〕人民政府" is one name, not two).
    """
    if not literal:
        return []
    units = []
    for group in re.split(r"[,，]", literal):
        if group.startswith("自治区") and "、" in group:
            items = group.split("、")
            units.append(items[0])
            units += [i if i.startswith("自治区") else "自治区" + i for i in items[1:]]
        else:
            units.append(group)
    return units


def expected_from_source(deadline):
    """The fields a deadline's source phrase gives, by the rules above."""
    source, kind = deadline["source"], deadline["kind"]
    if kind == "once":
        for rule, make in ONCE_RULES:
            if m := rule.fullmatch(source):
                return {"date": datetime.date(*make(*m.groups())).isoformat()}
        return None
    if kind == "yearly":
        for rule, make in YEARLY_RULES:
            if m := rule.fullmatch(source):
                month, day = make(*m.groups())
                return {"month": month, "day": day}
        return None
    if kind == "yearly_total":
        unit = TOTAL_UNITS.get(deadline.get("what"))
        if unit is None or not re.search(r"每(?:人每)?年", source):
            return None
        m = re.search(r"(\d+)" + unit, source)
        if not m:
            return None
        for rule, make in YEARLY_RULES:
            if d := rule.search(source):
                month, day = make(*d.groups())
                break
        else:
            month, day = 12, 31  # a yearly total runs over the calendar year
        return {"amount": int(m.group(1)), "month": month, "day": day}
    return None


def occurrences(haystack, needle, start=0, end=None):
    end = len(haystack) if end is None else end
    found, at = [], haystack.find(needle, start, end)
    while at != -1 and at + len(needle) <= end:
        found.append(at)
        at = haystack.find(needle, at + 1, end)
    return found


class PlanFileTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.raw = PLAN_FILE.read_bytes()
        cls.plan = json.loads(cls.raw.decode("utf-8"))
        text_path = os.environ.get("LAWENFORCE_PLAN_TEXT")
        cls.text_path = Path(text_path) if text_path else PLAN_FILE.parent / cls.plan["text_file"]
        cls.text = cls.text_path.read_text(encoding="utf-8")
        cls.lines = cls.text.split("\n")
        cls.norm = normalise(cls.text)
        cls.tasks = cls.plan["tasks"]
        cls.sections = cls.plan["sections"]
        cls.period = (parse_date(cls.plan["period"]["start"]),
                      parse_date(cls.plan["period"]["end"]))

    # -- helpers ---------------------------------------------------------

    def headings(self):
        """(line index, number, parent, title) of each heading in the text."""
        found, top = [], None
        for i, line in enumerate(self.lines):
            line = line.strip()
            if m := TOP_HEADING.match(line):
                top = m.group(1)
                found.append((i, top, None, m.group(2)))
            elif top is not None and (m := SUB_HEADING.match(line)):
                found.append((i, top + m.group(1), top, m.group(2)))
        return found

    def task_lines(self):
        """{task number: line index} of the text's numbered task lines."""
        numbers = []
        for i, line in enumerate(self.lines):
            if m := TASK_LINE.match(line.strip()):
                numbers.append((int(m.group(1)), i))
        return numbers

    def task_span(self, task):
        """(start, end) of the task's line, number to 责任单位, in the normalised text."""
        head = normalise("%d.%s" % (task["number"], task["text"]))
        at = occurrences(self.norm, head)
        self.assertEqual(len(at), 1, "task %d: text found %d times in the plan text, want once"
                         % (task["number"], len(at)))
        end = at[0] + len(head)
        literal = task["responsible_units_text"]
        if literal:
            m = re.compile(RESPONSIBLE % re.escape(normalise(literal))).match(self.norm, end)
            self.assertIsNotNone(m, "task %d: (责任单位:%s) does not follow the task's text"
                                 % (task["number"], literal))
            end = m.end()
        return at[0], end

    # -- the file itself -------------------------------------------------

    def test_file_is_canonical_utf8_json(self):
        self.assertFalse(self.raw.startswith(b"\xef\xbb\xbf"), "no byte order mark")
        canonical = json.dumps(self.plan, ensure_ascii=False, indent=2) + "\n"
        self.assertEqual(self.raw.decode("utf-8"), canonical,
                         "the file is json.dumps(plan, ensure_ascii=False, indent=2) plus a newline")

    def test_top_level_fields(self):
        self.assertEqual(list(self.plan), TOP_KEYS)
        self.assertEqual(self.plan["format"], 1)
        self.assertEqual(self.plan["id"], PLAN_FILE.stem, "id is the file's name")
        self.assertRegex(self.plan["id"], r"^[a-z0-9]+(-[a-z0-9]+)*$")
        self.assertEqual(list(self.plan["period"]), ["start", "end"])

    def test_title_issuer_and_document_number_are_lines_of_the_text(self):
        stripped = [line.strip() for line in self.lines]
        for field in ("title", "issuer", "document_number"):
            self.assertIn(self.plan[field], stripped, field)

    def test_issued_is_the_date_written_in_the_text(self):
        issued = parse_date(self.plan["issued"])
        self.assertIn("%d年%d月%d日" % (issued.year, issued.month, issued.day), self.text)

    def test_period_is_the_years_of_the_title(self):
        start, end = self.period
        self.assertLessEqual(start, end)
        m = re.search(r"(\d{4})—(\d{4})年", self.plan["title"])
        self.assertIsNotNone(m, "the title names the plan's years")
        self.assertEqual((start.year, end.year), (int(m.group(1)), int(m.group(2))))
        self.assertEqual((start.month, start.day, end.month, end.day), (1, 1, 12, 31))

    # -- tasks and sections ----------------------------------------------

    def test_tasks_are_numbered_1_to_43_in_order(self):
        self.assertEqual([t["number"] for t in self.tasks], list(range(1, EXPECTED_TASKS + 1)))
        self.assertEqual([n for n, _ in self.task_lines()], list(range(1, EXPECTED_TASKS + 1)),
                         "the plan text numbers its tasks 1..43")

    def test_task_fields(self):
        for t in self.tasks:
            with self.subTest(task=t["number"]):
                self.assertEqual(list(t), TASK_KEYS)
                self.assertTrue(t["text"])
                self.assertEqual(t["text"], t["text"].strip())
                self.assertEqual(t["title"], t["title"].strip())
                if t["title"]:
                    self.assertIn(normalise(t["title"]), normalise(t["text"]))

    def test_sections_are_the_headings_of_the_text_in_order(self):
        self.assertEqual([(s["number"], s["parent"], s["title"]) for s in self.sections],
                         [h[1:] for h in self.headings()])
        seen = set()
        for s in self.sections:
            with self.subTest(section=s["number"]):
                self.assertEqual(list(s), SECTION_KEYS)
                self.assertNotIn(s["number"], seen, "numbers are unique")
                if s["parent"] is not None:
                    self.assertIn(s["parent"], seen, "a parent comes before its subsections")
                    self.assertTrue(s["number"].startswith(s["parent"]))
                seen.add(s["number"])

    def test_each_task_is_in_the_section_it_is_written_under(self):
        order = {s["number"]: i for i, s in enumerate(self.sections)}
        headings = self.headings()
        lines = dict(self.task_lines())
        previous = -1
        for t in self.tasks:
            with self.subTest(task=t["number"]):
                self.assertIn(t["section"], order)
                above = [h for h in headings if h[0] < lines[t["number"]]]
                self.assertTrue(above, "a heading comes before the task")
                self.assertEqual(t["section"], above[-1][1])
                self.assertGreaterEqual(order[t["section"]], previous, "sections in order")
                previous = order[t["section"]]

    def test_task_text_is_verbatim(self):
        for t in self.tasks:
            with self.subTest(task=t["number"]):
                start, end = self.task_span(t)
                line = normalise(self.lines[dict(self.task_lines())[t["number"]]])
                self.assertEqual(self.norm[start:end], line,
                                 "number, text and 责任单位 make up the whole line")

    def test_responsible_units_are_those_the_text_names(self):
        for t in self.tasks:
            with self.subTest(task=t["number"]):
                self.assertEqual(t["responsible_units"], expand_units(t["responsible_units_text"]))
                self.assertEqual(len(set(t["responsible_units"])), len(t["responsible_units"]))

    # -- deadlines -------------------------------------------------------

    def test_deadline_fields(self):
        for t in self.tasks:
            positions = []
            for d in t["deadlines"]:
                with self.subTest(task=t["number"], source=d.get("source")):
                    self.assertIn(d.get("kind"), DEADLINE_KEYS)
                    self.assertEqual(list(d), DEADLINE_KEYS[d["kind"]])
                    self.assertIn(d["source"], t["text"], "the source is written in the task")
                    for at in occurrences(t["text"], d["source"]):
                        self.assertNotEqual(t["text"][at + len(d["source"]):][:1], "前",
                                            "the source takes in the 前 that follows it")
                    positions.append(t["text"].find(d["source"]))
            self.assertEqual(positions, sorted(positions),
                             "task %d: deadlines in the order the text gives them" % t["number"])

    def test_once_deadlines_fall_in_the_plan_period(self):
        start, end = self.period
        for t in self.tasks:
            for d in t["deadlines"]:
                if d["kind"] == "once":
                    with self.subTest(task=t["number"], source=d["source"]):
                        self.assertTrue(start <= parse_date(d["date"]) <= end)

    def test_yearly_deadlines_are_real_days_in_every_year_of_the_period(self):
        start, end = self.period
        for t in self.tasks:
            for d in t["deadlines"]:
                if d["kind"] in ("yearly", "yearly_total"):
                    with self.subTest(task=t["number"], source=d["source"]):
                        self.assertIsInstance(d["month"], int)
                        self.assertIsInstance(d["day"], int)
                        for year in range(start.year, end.year + 1):
                            datetime.date(year, d["month"], d["day"])
                        if d["kind"] == "yearly_total":
                            self.assertIn(d["what"], TOTAL_UNITS)
                            self.assertIsInstance(d["amount"], int)
                            self.assertGreater(d["amount"], 0)

    def test_deadline_values_follow_from_their_source(self):
        for t in self.tasks:
            for d in t["deadlines"]:
                with self.subTest(task=t["number"], source=d["source"]):
                    expected = expected_from_source(d)
                    self.assertIsNotNone(expected, "no rule reads this phrase")
                    self.assertEqual({k: d[k] for k in expected}, expected)

    # -- date phrases ----------------------------------------------------

    def test_undated_phrases(self):
        spans = {t["number"]: self.task_span(t) for t in self.tasks}
        seen = set()
        for u in self.plan["undated_phrases"]:
            with self.subTest(phrase=u.get("phrase"), task=u.get("task")):
                self.assertEqual(list(u), UNDATED_KEYS)
                self.assertTrue(u["reason"].strip(), "a reason is given")
                self.assertIsNotNone(DATE_HITS.search(u["phrase"]), "the phrase is date-like")
                self.assertNotIn((u["phrase"], u["task"]), seen)
                seen.add((u["phrase"], u["task"]))
                if u["task"] is None:
                    outside = [a for a in occurrences(self.norm, normalise(u["phrase"]))
                               if not any(s <= a < e for s, e in spans.values())]
                    self.assertTrue(outside, "occurs outside the tasks")
                else:
                    self.assertIn(u["task"], spans)
                    self.assertIn(u["phrase"], self.tasks[u["task"] - 1]["text"])

    def test_every_date_phrase_is_a_deadline_or_undated(self):
        covered = [False] * len(self.norm)

        def cover(at, length):
            covered[at:at + length] = [True] * length

        spans = {t["number"]: self.task_span(t) for t in self.tasks}
        for t in self.tasks:
            start, end = spans[t["number"]]
            for d in t["deadlines"]:
                for at in occurrences(self.norm, normalise(d["source"]), start, end):
                    cover(at, len(normalise(d["source"])))
        for u in self.plan["undated_phrases"]:
            phrase = normalise(u["phrase"])
            if u["task"] is None:
                for at in occurrences(self.norm, phrase):
                    if not any(s <= at < e for s, e in spans.values()):
                        cover(at, len(phrase))
            elif u["task"] in spans:
                for at in occurrences(self.norm, phrase, *spans[u["task"]]):
                    cover(at, len(phrase))

        missing = []
        for m in DATE_HITS.finditer(self.norm):
            if not all(covered[m.start():m.end()]):
                task = [n for n, (s, e) in spans.items() if s <= m.start() < e]
                missing.append("%r at %d (%s): ...%s..." % (
                    m.group(), m.start(), "task %d" % task[0] if task else "outside the tasks",
                    self.norm[max(0, m.start() - 12):m.end() + 12]))
        self.assertEqual(missing, [], "date phrases neither a deadline's source in their "
                                      "task nor in undated_phrases")


if __name__ == "__main__":
    unittest.main(verbosity=2)
