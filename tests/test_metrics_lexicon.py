"""The metric lexicon: stable keys for the same quantity phrased differently."""

import pytest

from govdoc_parser.metrics import TextUnit, extract_metrics
from govdoc_parser.metrics.lexicon import ENTRIES, key_for
from govdoc_parser.metrics.tables import TABLES

AREAS = {  # domain-spec §4.5 A–O
    "gov_services", "admin_reconsideration", "admin_litigation", "admin_enforcement",
    "normative_docs", "legality_review", "major_decisions", "legal_counsel", "legal_education",
    "dispute_resolution", "petitions", "hotline", "gov_transparency", "business_env",
    "safety_emergency", "leadership", "oversight", "legislation",
}


def keys(text):
    return [m.key for m in extract_metrics([TextUnit(text)])]


def test_lexicon_covers_every_area_with_at_least_sixty_keys():
    tables = TABLES.lexicon_file["metric"]  # one per key; ENTRIES adds each table's "also" phrasings
    assert len({e.key for e in ENTRIES}) == len(tables) >= 60
    assert {e.key.split(".")[0] for e in ENTRIES} >= AREAS


def test_every_entry_can_match():
    for entry in ENTRIES:
        assert entry.objects or entry.actions, entry.key
        assert entry.kind in (None, "count", "percent", "money", "duration", "other"), entry.key


@pytest.mark.parametrize("year_one, year_two, key", [
    ("共排查矛盾纠纷262起，化解261起。", "成功化解各类矛盾纠纷1200余件。",
     "dispute_resolution.disputes_resolved"),
    ("全年收到行政复议申请356件。", "收到行政复议申请四百余件。", "admin_reconsideration.applications_received"),
    ("行政机关负责人出庭应诉率达100%。", "全市行政机关负责人出庭应诉率为98.5%。",
     "admin_litigation.head_appearance_rate"),
    ("办理法律援助案件1260件。", "全年受理法律援助案件1,300件。", "dispute_resolution.legal_aid_cases"),
    ("区政府常务会议会前学法12次。", "组织区政府常务会专题学法3次。", "legal_education.exec_meeting_study_sessions"),
    ("全區累計化解矛盾糾紛520件。", "化解矛盾纠纷600件。", "dispute_resolution.disputes_resolved"),
])
def test_same_quantity_same_key_across_years(year_one, year_two, key):
    assert key in keys(year_one)
    assert key in keys(year_two)


@pytest.mark.parametrize("text, key", [
    ("受理信访事项2475件", "petitions.items_received"),
    ("办理人大代表建议142件", "oversight.npc_proposals"),
    ("制定行政规范性文件27件", "normative_docs.issued"),
    ("检查生产经营单位5400余家次", "safety_emergency.inspected_units"),
    ("罚没款1864.3万元", "admin_enforcement.fines_confiscations"),
    ("评查行政执法案卷520卷", "admin_enforcement.case_files_reviewed"),
    ("对首次轻微违法行为不予处罚178件", "admin_enforcement.lenient_no_penalty_cases"),
    ("新增经营主体1.86万户", "business_env.new_entities"),
    ("召开新闻发布会15场", "gov_transparency.press_conferences"),
    ("区政府聘请法律顾问9名", "legal_counsel.gov_legal_advisors"),
])
def test_key(text, key):
    assert keys(text) == [key]


def test_unknown_phrasing_has_no_key():
    assert key_for("磷酸铁锂", "年产", "other") is None
    assert key_for("", "") is None
