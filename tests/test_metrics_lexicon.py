"""The metric lexicon: stable keys for the same quantity phrased differently."""

import pytest

from govdoc_parser.metrics import TextUnit, extract_metrics
from govdoc_parser.metrics.lexicon import ENTRIES, key_for
from govdoc_parser.metrics.tables import TABLES

AREAS = {  # domain-spec §4.5 A–O
    "gov_services", "admin_reconsideration", "admin_litigation", "admin_enforcement",
    "normative_docs", "legality_review", "major_decisions", "legal_counsel", "legal_education",
    "dispute_resolution", "petitions", "hotline", "gov_transparency", "business_env",
    "safety_emergency", "leadership", "oversight", "legislation", "market_regulation", "justice",
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
    ("公共服务等其他事项297项", "gov_services.public_service_items"),
    ("研究和办理各类涉法事务57件", "legality_review.legal_affairs_handled"),
    ("全年落实“第一议题”学习20余次", "legal_education.first_agenda_study_sessions"),
    ("全年收取政府信息公开信息处理费3940元", "gov_transparency.processing_fees"),
    ("组织全市2960名行政执法人员参加公共法律知识培训考试", "admin_enforcement.officers_trained"),
    ("组织1862名领导干部参加年度学法考试", "legal_education.cadre_exam_participants"),
    ("全市持证行政执法人员2860名", "admin_enforcement.certified_officers"),
    ("提出修改意见280余条", "legality_review.opinions_issued"),
    ("对其中3件提出修改意见", None),  # the documents amended, not the opinions
    ("举办“政策进园区”宣讲会12场", None),  # a policy briefing is no legal education
    ("解读信息发布7条", "gov_transparency.policy_interpretations"),
    ("兑现惠企政策资金5620万元", "business_env.support_funds_paid"),
    ("县政务服务中心集中办理政务服务事项1350项", "gov_services.service_items_total"),  # items, not cases (件)
    ("县政务服务中心进驻事项1286项", "gov_services.service_items_total"),
    ("向社会公开征求意见21次", "major_decisions.public_consultations"),
    ("对拟出台的规范性文件、重大合同、行政协议开展合法性审核102件", "legality_review.documents_and_contracts_reviewed"),
    ("共清理文件31件", None),
    ("局党组先后7次专题研究法治政府建设工作", "leadership.standing_committee_meetings"),
    ("党组理论学习中心组集体学法12次", "legal_education.theory_group_study_sessions"),
    ("全年中心组开展专题学法4次", "legal_education.theory_group_study_sessions"),
    ("作出减轻处罚决定87件", "admin_enforcement.mitigated_penalty_cases"),
    ("全年对轻微违法行为依法不予处罚或减轻处罚301件", "admin_enforcement.lenient_cases_combined"),
    ("全年立案查办违法案件1422件", "admin_enforcement.penalty_cases"),
    ("向公安机关移送涉嫌犯罪案件17件", "admin_enforcement.cases_transferred"),
    ("被申请行政复议19件", "admin_reconsideration.respondent_cases"),
    ("被诉行政诉讼案件6件", "admin_litigation.first_instance_cases"),
    ("全年受理消费者投诉举报4.87万件", "market_regulation.complaints_received"),
    ("12345热线受理群众诉求12.6万件", "hotline.requests"),
    ("帮助1342家企业完成信用修复", "market_regulation.credit_repairs"),
    ("清退违规收费92.3万元", "market_regulation.illegal_fees_refunded"),
    ("全年完成食品安全抽检9150批次", "market_regulation.food_sampling_batches"),
    ("新发展ODR企业58家", None),  # enterprises joining a scheme are no new market entities
    ("全市基层市场监管所平均执法人员不足8人", None),
    ("组织“法律明白人”“法治带头人”开展法治宣讲300余场", "legal_education.lectures"),  # 带头人 is no head lecturing
    ("主要负责人带头讲授法治专题课1次", "leadership.head_lectures"),
    ("共清理规范性文件71件", "normative_docs.cleanup_reviewed"),
    ("将《城区停车设施专项规划》等5项事项纳入目录管理", "major_decisions.catalog_items"),
    ("“双随机、一公开”监管，全县各部门共开展抽查检查458次", "admin_enforcement.random_inspection_batches"),
    ("年末全县经营主体达4.35万户", "business_env.entities_total"),
    ("组织执法技能比武1次", None),
    ("举办领导干部法治专题讲座2期", "legal_education.cadre_lectures"),
    ("全年开展各类法治宣讲280场次", "legal_education.lectures"),
    ("法律援助经费纳入财政预算686万元", "justice.legal_aid_funding"),
    ("司法鉴定机构完成鉴定业务4320件", "justice.judicial_appraisals"),
    ("12348法律服务热线全年接线近6.3万人次", "dispute_resolution.legal_consultations"),
    ("常态化开展矛盾纠纷排查4860次", "dispute_resolution.screening_rounds"),
    ("截至12月底，全市在册社区矫正对象1238人", "justice.community_corrections_total"),
    ("社区矫正对象再犯罪率0.07%", "justice.recidivism_rate"),
    ("对拟出台的文件、重大行政决策事项进行合法性审核162件", "legality_review.documents_reviewed"),
    ("年内新增持证执法人员528名", None),  # additions are no count of officers holding a certificate
    ("镇综合行政执法队全年日常巡查460余次", "admin_enforcement.inspections_conducted"),
    ("拆除违法建筑42处", "admin_enforcement.illegal_buildings_demolished"),
    ("配备专兼职网格员96名", "dispute_resolution.grid_workers"),
    ("举办依法行政专题培训班六期", "legal_education.seminars"),
    ("组织专家论证会4次", "major_decisions.expert_consultations"),
    ("为企业和个人办理各项税费优惠及退税4.6亿元", "business_env.tax_fee_relief"),
    ("被诉行政机关负责人出庭应诉88件次", None),  # appearances, not lawsuits
    ("公职律师参与重大项目谈判、信访积案化解等法律事务52件次", "legal_counsel.matters_participated"),
])
def test_key(text, key):
    assert keys(text) == [key]


def test_unknown_phrasing_has_no_key():
    assert key_for("磷酸铁锂", "年产", "other") is None
    assert key_for("", "") is None


# --- labels and unit families (issue 13: keys that hold on real phrasing) -----------------------

from govdoc_parser.metrics.lexicon import FAMILIES, LABELS, change_key, family_of, label_of  # noqa: E402


def test_every_key_has_a_chinese_label_and_a_family_of_units_toml():
    for table in TABLES.lexicon_file["metric"]:
        assert any("\u4e00" <= c <= "\u9fff" for c in table["label"]), table["key"]
        assert table["family"] in FAMILIES, table["key"]
    for entry in ENTRIES:  # the family decides the kind; an entry's units are some of the family's
        assert entry.family is not None and entry.kind == entry.family.kind, entry.key
        assert set(entry.units) <= entry.family.units, entry.key
    assert len(set(LABELS.values())) == len(LABELS), "two keys with one label cannot be told apart"


def test_families_are_data_with_their_units():
    units = TABLES.units_file["families"]
    assert {"matters", "events", "people", "places", "documents", "money", "percent", "duration"} <= set(units)
    assert {"件", "起", "项", "宗"} <= set(units["matters"]["units"])
    assert {"次", "场", "场次", "期", "轮"} <= set(units["events"]["units"])
    assert {"名", "人", "人次"} <= set(units["people"]["units"])
    assert {"个", "家", "户", "处"} <= set(units["places"]["units"])
    assert {"份", "件"} <= set(units["documents"]["units"])
    assert "课时" not in units["events"]["units"]  # 课时 are no count of 次
    assert "pp" in FAMILIES["percent"].units  # the unit as the Metric record writes 个百分点


@pytest.mark.parametrize("text, not_key", [
    ("组织专题学法12课时。", "legal_education.dept_study_sessions"),  # 课时 with 次
    ("聘请常年法律顾问单位2家。", "legal_counsel.gov_legal_advisors"),  # firms are no 名 of advisers
    ("增设“法律援助服务”“行政执法公示”两个子栏目。", "dispute_resolution.legal_aid_cases"),
    ("向市委依法治市办报送学习习近平法治思想征文30篇。", "legal_education.thought_study_sessions"),
    ("全年开展法治督察2次，推动解决问题11个。", "leadership.inspections"),
])
def test_a_unit_outside_the_family_does_not_take_the_key(text, not_key):
    assert keys(text)[-1] != not_key


def test_the_family_check_by_key_for():
    assert key_for("法律援助案件", "办理", "count", "件") == "dispute_resolution.legal_aid_cases"
    assert key_for("法律援助案件", "办理", "count", "个") is None
    assert key_for("法律顾问", "聘请", "count", "名") == "legal_counsel.gov_legal_advisors"
    assert key_for("法律顾问", "聘请", "count", "家") != "legal_counsel.gov_legal_advisors"


def test_change_amounts_keep_to_the_family():
    assert change_key("admin_reconsideration.applications_received", "件").endswith("_change")
    assert change_key("admin_reconsideration.applications_received", "%").endswith("_yoy")
    assert change_key("admin_litigation.head_appearance_rate", "pp").endswith("_change")
    assert change_key("admin_litigation.head_appearance_rate", "件") is None  # no change of a rate in 件


def test_label_of_every_key_a_metric_can_carry():
    assert label_of("admin_reconsideration.cases_accepted") == "受理行政复议案件数"
    assert label_of("petitions.items_received_yoy") == "受理信访事项数同比增减幅度"
    assert label_of("admin_litigation.head_appearance_rate_change") == "行政机关负责人出庭应诉率增减（百分点）"
    assert label_of("admin_reconsideration.applications_received_change") == "收到（受理）行政复议申请数增减量"
    assert label_of("gov_info_disclosure.requests.new.natural_person") == "本年新收政府信息公开申请数量·自然人"
    assert label_of("no_such.key") is None and label_of(None) is None
    for entry in ENTRIES:
        assert label_of(entry.key) and label_of(entry.key + "_yoy"), entry.key
    assert family_of("legal_counsel.gov_legal_advisors") == "people"
    assert family_of("petitions.items_received_yoy") == "percent"


# --- 其中: a part never takes the key of its whole ---------------------------------------------

@pytest.mark.parametrize("text", [
    "全年主动公开政府信息22432条，其中重点领域信息公开1364条。",
    "全县排查各类矛盾纠纷2103起，其中调处涉旅游纠纷近200起。",
    "审查和备案规范性文件54件，其中审查市级规范性文件27件。",
    "市政府组织43名部门主要负责人书面述法，并对其中8名主要负责人开展现场述法点评。",
    "发布政策解读58篇，其中以视频形式解读21篇。",
    "对新出台的涉企政策措施37件开展公平竞争审查，对其中2件提出修改意见。",
])
def test_a_part_introduced_by_qizhong_never_takes_the_key_of_its_whole(text):
    whole, part = keys(text)[:2]
    assert whole is not None
    assert part != whole, (text, keys(text))


def test_a_part_may_take_its_own_key():
    assert keys("共收到行政复议申请312件，其中直接纠错41件。") == [
        "admin_reconsideration.applications_received", "admin_reconsideration.corrected"]
    assert keys("发布政策解读71篇，其中主要负责同志解读3篇。") == [
        "gov_transparency.policy_interpretations", "gov_transparency.head_interpretations"]


# --- new vs total -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("本年新承接市级行政权力事项12项，累计承接55项。",
     ["gov_services.powers_devolved", "gov_services.powers_devolved_total"]),
    ("新增“一件事”集成服务8个，总数达到26个。",
     ["gov_services.one_thing_services_new", "gov_services.one_thing_services"]),
    ("全县新培育“法律明白人”190名，“法律明白人”总数达到1450名。",
     ["legal_education.legal_literate_persons_new", "legal_education.legal_literate_persons"]),
    ("新创建省级民主法治示范村3个，全县累计创建省级民主法治示范村26个。",
     ["legal_education.demo_villages_new", "legal_education.demo_villages_total"]),
    ("全市共有人民调解委员会3268个，新建行业性专业性人民调解委员会12个。",
     ["dispute_resolution.mediation_committees", "dispute_resolution.mediation_committees_new"]),
    ("全年新登记经营主体4260户，全区累计登记经营主体4.2万户。",
     ["business_env.new_entities", "business_env.entities_total"]),
])
def test_new_and_total_get_different_keys(text, expected):
    assert keys(text) == expected


def test_a_flow_counted_in_the_year_stays_the_years():
    # 全年累计 is the year's total of a flow, not a cumulative figure
    assert keys("全年累计化解矛盾纠纷520件。") == ["dispute_resolution.disputes_resolved"]
    assert keys("全年累计下放行政权力事项30项。") == ["gov_services.powers_devolved"]


# --- phrasings from the review of real texts --------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("组织52名领导干部参加学法考试。", "legal_education.cadre_exam_participants"),  # not 述法
    ("政府网站和政务新媒体检查合格率均为100%。", "gov_transparency.website_check_pass_rate"),
    ("评查案卷3200卷，优秀率38.6%、合格率97.8%。", "admin_enforcement.case_file_pass_rate"),
    ("行政诉讼案件结果维持25件。", "admin_litigation.upheld_or_dismissed"),
    ("全年依申请公开信息8件。", "gov_transparency.requests_handled"),
    ("政务新媒体全年发布信息610条。", "gov_transparency.new_media_posts"),
    ("全年在局网站和政务新媒体主动公开政府信息421条。", "gov_transparency.proactive_disclosures"),
    ("举办全县政务公开业务培训班2期。", "gov_transparency.trainings"),
    ("办理人大代表建议和政协委员提案共7件。", "oversight.proposals_total"),
    ("办理专利侵权纠纷行政裁决案件74件。", "dispute_resolution.admin_adjudication_cases"),
    ("推行告知承诺制审批事项128项。", "gov_services.notification_commitment_items"),
    ("全年带头讲授法治专题课1次。", "leadership.head_lectures"),
    ("开展普法“七进”活动36场次。", "legal_education.campaign_events"),
])
def test_key_of_a_reviewed_phrasing(text, key):
    assert keys(text)[-1] == key


@pytest.mark.parametrize("text, not_key", [
    ("新增“五上”企业62户。", "business_env.new_entities"),
    ("组织政银企对接活动11场次。", "legal_education.campaign_events"),
    ("紧急转移安置群众1.8万人。", "legal_education.audience"),
    ("回复网民留言咨询214条。", "dispute_resolution.legal_consultations"),
    ("查处非法营运等违法行为1870起。", "safety_emergency.violations_penalised"),
    ("明确行政调解事项216项。", "dispute_resolution.admin_mediation_cases"),
    ("县政府主要负责同志出席发布会并解读政策2次。", "gov_transparency.press_conferences"),
    ("全区累计组织各类学习、培训、宣讲1.2万余次。", "legal_education.lectures"),
    ("行政诉讼案件中结果维持25件。", "admin_reconsideration.upheld_or_dismissed"),
])
def test_a_reviewed_phrasing_that_is_no_such_quantity(text, not_key):
    assert not_key not in keys(text)


def test_keys_are_decided_on_folded_text():
    assert keys("新增經營主體1.86萬戶。") == keys("新增经营主体1.86万户。") == ["business_env.new_entities"]
    assert keys("本年新承接市級行政權力事項12項，累計承接55項。") == [
        "gov_services.powers_devolved", "gov_services.powers_devolved_total"]


@pytest.mark.parametrize("text, expected", [
    ("行政诉讼案件审结40件，结果维持25件。",
     ["admin_litigation.cases_concluded", "admin_litigation.upheld_or_dismissed"]),
    ("全区行政复议案件审结40件，维持25件。",
     ["admin_reconsideration.cases_concluded", "admin_reconsideration.upheld_or_dismissed"]),
    ("共排查矛盾纠纷262起，化解261起。", ["dispute_resolution.disputes_handled", "dispute_resolution.disputes_resolved"]),
])
def test_a_value_with_its_own_verb_does_not_take_the_verb_of_the_value_before(text, expected):
    assert keys(text) == expected


def test_the_people_an_activity_reached_are_counted_per_activity():
    assert keys("开展法治讲座36场受众4万余人，开展法治宣传300余次受众10万余人。") == [
        "legal_education.lectures", "legal_education.lectures_reach",
        "legal_education.campaign_events", "legal_education.campaign_events_reach"]
    assert keys("开展普法宣传，惠及群众5万余人次。") == ["legal_education.audience"]  # no count of events before it
    assert label_of("legal_education.lectures_reach").startswith(label_of("legal_education.lectures"))
    assert family_of("legal_education.lectures_reach") == "people"


def test_each_part_of_a_sentence_between_semicolons_has_its_own_subject():
    text = ("政府信息公开行政复议351件，其中结果维持72件，结果纠正64件；"
            "政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件。")
    assert keys(text) == ["gov_transparency.disclosure_reconsiderations", "admin_reconsideration.upheld_or_dismissed",
                          "admin_reconsideration.corrected", "gov_transparency.disclosure_lawsuits",
                          "admin_litigation.upheld_or_dismissed", None]  # a court's 纠正 is no reconsideration's


def test_a_count_after_dui_is_of_what_follows_not_more_of_the_value_before():
    assert keys("年度重大行政决策事项目录确定决策事项7项，对2项已实施的重大行政决策开展后评估。") == [
        "major_decisions.catalog_items", "major_decisions.post_evaluations"]
    assert keys("审查报备规范性文件52件，对其中2件存在问题的文件及时提出纠正意见并督促整改到位。") == [
        "normative_docs.filed_reviewed", "normative_docs.corrected"]  # 其中: a part, keyed by its own verb


@pytest.mark.parametrize("text, expected", [
    ("经复议维持18件、确认违法1件、申请人撤回申请4件。", ["admin_reconsideration.upheld_or_dismissed",
     "admin_reconsideration.corrected", "admin_reconsideration.terminated"]),
    ("行政诉讼案件由上年的9件降至7件。", ["admin_litigation.first_instance_cases"] * 2),
    ("“铁拳”行动查办案件261件，1件案件入选省级典型案例。", ["market_regulation.iron_fist_cases", None]),
    ("执业律师1338名，较上年净增78名。", ["justice.practising_lawyers", "justice.practising_lawyers_change"]),
    ("全区实有经营主体6.45万户，比上年末增长7.3%。", ["business_env.entities_total", "business_env.entities_total_yoy"]),
    ("全年开展随机抽查1680户次。", ["admin_enforcement.inspected_entities"]),
    ("举办镇村干部法治专题培训8场，累计培训410人次。",
     ["legal_education.cadre_trainings", "legal_education.cadre_training_attendance"]),
    ("备案审查规范性文件46件，纠错2件。", ["normative_docs.filed_reviewed", "normative_docs.corrected"]),
    ("年内新增省级法治政府建设示范项目2个，全市累计达到4个。",
     ["leadership.demo_projects_new", "leadership.demo_projects"]),
    ("12315平台接收诉求5.32万件，办结率99.8%；12345热线受理诉求12.6万件，办结率99.2%。",
     ["market_regulation.complaints_received", "market_regulation.complaints_conclusion_rate",
      "hotline.requests", "hotline.completion_rate"]),
])
def test_keys_of_values_in_one_sentence(text, expected):
    assert keys(text) == expected


def test_a_justice_bureaus_community_corrections_figures():
    assert keys("年末全市在矫人员1186名，年内新入矫782人，期满解矫834人。") == [
        "justice.community_corrections_total", "justice.community_corrections_intake",
        "justice.community_corrections_released"]
