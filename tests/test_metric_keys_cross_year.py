"""Issue 3: on the corpora/ series of one issuer over three years, each recurring
quantity has the same ``key`` every year.

For each issuer (``corpora/gold/<issuer>_<year>_report.gold.json``) and each rendition
(the reportlab PDF and the plain text), every gold metric is matched to a predicted one
by (value, unit, qualifier), the gold metrics are grouped by their gold key, and every
group found in two or more years must have one and the same non-null predicted key.
Predicted keys need not be spelled like the gold ones; they must only not change.

The phrasing tests below check the same property on sentences written for them (not
taken from the corpus), as reports of different years would phrase one quantity.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

import govdoc_parser
from govdoc_parser.metrics import TextUnit, extract_metrics
from govdoc_parser.metrics.scoring import match_key

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
RENDITIONS = {"pdf-reportlab": ".pdf", "text": ".txt"}
_ANNUAL = re.compile(r"(?P<issuer>[a-z]+)_(?P<year>\d{4})_report")
MISSING = "MISSING"  # no predicted metric matches the gold one


def annual_series() -> dict[str, dict[str, str]]:
    """{issuer: {year: file stem}} for the issuers with reports of two or more years."""
    series: dict[str, dict[str, str]] = defaultdict(dict)
    for gold in sorted((CORPORA / "gold").glob("*.gold.json")):
        stem = gold.name.removesuffix(".gold.json")
        found = _ANNUAL.fullmatch(stem)
        if found:
            series[found["issuer"]][found["year"]] = stem
    return {issuer: years for issuer, years in series.items() if len(years) >= 2}


SERIES = annual_series()


@cache
def predicted_keys(stem: str, rendition: str) -> tuple[tuple[str, str], ...]:
    """(gold key, predicted key or MISSING) for every keyed gold metric of one file."""
    path = CORPORA / "out" / rendition / (stem + RENDITIONS[rendition])
    if not path.exists():
        pytest.skip(f"{path} not built")
    pool = defaultdict(list)
    for metric in govdoc_parser.parse(path).metrics:
        pool[match_key(metric)].append(metric)
    gold = json.loads((CORPORA / "gold" / f"{stem}.gold.json").read_text(encoding="utf-8"))["metrics"]
    pairs = []
    for expected in gold:
        if not expected.get("key"):
            continue
        candidates = pool.get(match_key(expected))
        pairs.append((expected["key"], candidates.pop(0).key if candidates else MISSING))
    return tuple(pairs)


def recurring_groups(issuer: str, rendition: str) -> dict[str, list[tuple[str, str]]]:
    """{gold key: [(year, predicted key), ...]} for the gold keys found in two or more years."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for year, stem in sorted(SERIES[issuer].items()):
        for gold_key, predicted in predicted_keys(stem, rendition):
            groups[gold_key].append((year, predicted))
    return {key: items for key, items in groups.items() if len({year for year, _ in items}) >= 2}


def is_stable(items: list[tuple[str, str]]) -> bool:
    keys = {predicted for _, predicted in items}
    return len(keys) == 1 and None not in keys and MISSING not in keys


def test_the_corpus_has_series():
    assert len(SERIES) >= 3
    assert all(len(years) >= 3 for years in SERIES.values())


@pytest.mark.parametrize("rendition", RENDITIONS)
@pytest.mark.parametrize("issuer", sorted(SERIES))
def test_recurring_quantities_keep_one_key(issuer, rendition):
    groups = recurring_groups(issuer, rendition)
    assert len(groups) >= 20, f"{issuer}: only {len(groups)} recurring quantities"
    offenders = {key: items for key, items in groups.items() if not is_stable(items)}
    report = "\n".join(f"  {key}: {items}" for key, items in sorted(offenders.items()))
    assert not offenders, (f"{issuer} ({rendition}): {len(offenders)} of {len(groups)} recurring quantities "
                           f"change key or have none:\n{report}")


# --- the same quantity, phrased as other years would ---------------------------------------

def keys(text: str) -> list:
    return [metric.key for metric in extract_metrics([TextUnit(text)])]


@pytest.mark.parametrize("phrasings, position, key", [
    (["全年新登记经营主体4800户。", "全区新设立市场主体5200户。", "新增各类经营主体6100户。"], 0,
     "business_env.new_entities"),
    (["全年收到行政复议申请126件。", "县政府受理行政复议申请98件。", "区政府办理行政复议案件143件。", "行政复议申请160件。"], 0,
     "admin_reconsideration.applications_received"),
    (["排查矛盾纠纷3120件，调解成功3087件。", "调处矛盾纠纷9026件，成功化解8893件。", "调处化解矛盾纠纷1900余件。"], -1,
     "dispute_resolution.disputes_resolved"),
    (["区劳动人事争议仲裁院受理劳动争议案件512件。", "区劳动人事争议仲裁院受理案件430件。"], 0,
     "dispute_resolution.labor_arbitration_cases"),
    (["受理劳动争议案件512件，结案率95.6%。", "区劳动人事争议仲裁院受理案件430件，结案率提高到97.1%。"], 1,
     "dispute_resolution.labor_arbitration_closure_rate"),
    (["参考率、合格率均达到100%。", "合格率99.6%。", "学法考试合格率保持100%。"], 0,
     "legal_education.cadre_exam_pass_rate"),
    (["参考人数620名。", "全区684名机关干部参加年度学法考试。", "组织1862名领导干部参加学法用法考试。"], 0,
     "legal_education.cadre_exam_participants"),
    (["全年开展会前学法12次。", "区政府常务会议会前学法14次。", "区政府坚持常务会议会前学法，学法13次。"], -1,
     "legal_education.exec_meeting_study_sessions"),
    (["举办“法治讲堂”8期。", "“法治大讲堂”全年举办9期。", "开展法治讲座12场。"], 0, "legal_education.lectures"),
    (["区政府常务会议专题研究法治政府建设工作6次。", "区政府常务会议8次研究法治政府建设有关事项。",
      "全年共有7次区政府常务会议专题听取法治政府建设工作汇报。", "区政府11次在常务会议上研究依法行政具体事项。"], 0,
     "leadership.meetings_on_rule_of_law"),
    (["区委常委会会议研究法治建设议题5次。", "区委常委会会议6次专题研究法治建设重大事项。"], 0,
     "leadership.standing_committee_meetings"),
    (["工程建设项目审批时间压缩至60天以内。", "工程建设项目审批全流程时间控制在40天以内。"], 0,
     "gov_services.construction_approval_days"),
    (["全区一审行政诉讼案件187件。", "新收一审行政诉讼案件198件。", "区涉诉一审行政案件29件。"], 0,
     "admin_litigation.first_instance_cases"),
    (["区政务服务中心全年办件量11.3万件。", "政务服务中心全年办理各类事项9.6万件。", "政务服务中心全年受理办件12.7万件。"],
     0, "gov_services.cases_handled"),
    (["依申请公开办理158件。", "受理政府信息公开申请173件。", "收到依申请公开196件。"], 0,
     "gov_transparency.requests_received"),
    (["办理人大代表建议214件、政协提案265件，办结率均为100%。", "承办人大代表建议236件和政协提案281件，按期办结率100%。",
      "办理人大代表建议87件、政协委员提案104件，办复率100%。"], -1, "oversight.proposal_completion_rate"),
])
def test_one_quantity_one_key_across_phrasings(phrasings, position, key):
    for text in phrasings:
        assert keys(text)[position] == key, (text, keys(text))


@pytest.mark.parametrize("text, expected", [
    # a change amount is keyed by the quantity it changes
    ("全年新设立市场主体8600户，比上年增长5.1%。", ["business_env.new_entities", "business_env.new_entities_yoy"]),
    ("全县信访事项612件，同比下降10.5%。", ["petitions.items_received", "petitions.items_received_yoy"]),
    ("收到行政复议申请79件，比上年增加15件。",
     ["admin_reconsideration.applications_received", "admin_reconsideration.applications_received_change"]),
    ("行政机关负责人出庭应诉率达到86.5%，较上年提高23.1个百分点。",
     ["admin_litigation.head_appearance_rate", "admin_litigation.head_appearance_rate_change"]),
    ("生产安全事故起数和死亡人数同比分别下降25%、20%。",
     ["safety_emergency.accidents_yoy", "safety_emergency.deaths_yoy"]),
    # a level reached is the quantity itself
    ("企业开办时间由3天压缩至1天。", ["business_env.company_setup_time", "business_env.company_setup_time"]),
    ("工程建设项目审批时间由60天压减到45天。",
     ["gov_services.construction_approval_days", "gov_services.construction_approval_days"]),
    # an entry may name the change itself
    ("承诺办结时限平均压缩70%以上。", ["gov_services.time_limit_reduction_rate"]),
    # an implicit object is the one of the value before it, a part (其中) is not the whole
    ("开展法治督察3次，查找问题31个，整改到位31个。",
     ["leadership.inspections", "leadership.issues_found", "leadership.issues_rectified"]),
    ("评查案卷480卷，优良率较上年提高2.3个百分点，达到93.5%。",
     ["admin_enforcement.case_files_reviewed", "admin_enforcement.case_file_good_rate_change",
      "admin_enforcement.case_file_good_rate"]),
    ("全年收到行政复议申请367件，其中由市政府管辖的231件。", ["admin_reconsideration.applications_received", None]),
])
def test_changes_levels_and_implicit_objects(text, expected):
    assert keys(text) == expected
