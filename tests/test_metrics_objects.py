"""What each number counts (object), its verb (action), and the record around it."""

import pytest

from govdoc_parser.metrics import TextUnit, extract_metrics
from govdoc_parser.model import Where


def read(text):
    return [(m.text, m.object, m.action) for m in extract_metrics([TextUnit(text)])]


def objects(text):
    return [m.object for m in extract_metrics([TextUnit(text)])]


@pytest.mark.parametrize("text, expected", [
    # VERB + OBJECT + NUM + UNIT
    ("累计受理行政审批和公共服务事项831件", ("831件", "行政审批和公共服务事项", "受理")),
    ("研究部署法治政府建设重点工作2次", ("2次", "法治政府建设重点工作", "研究部署")),
    ("审查、备案政府合同122件", ("122件", "政府合同", "审查、备案")),
    ("各级理论学习中心组开展习近平法治思想专题学习100余次",
     ("100余次", "习近平法治思想专题学习", "开展")),
    ("全区累计组织各类学习、培训、宣讲1.2万余次", ("1.2万余次", "各类学习、培训、宣讲", "组织")),
    ("依法完成教师资格认定等582件", ("582件", "教师资格认定", "完成")),
    ("发放宣传资料12万份", ("12万份", "宣传资料", "发放")),
    # OBJECT + NUM + UNIT
    ("群众满意度100%", ("100%", "群众满意度", None)),
    ("全局执法人员持证比例98%以上", ("98%以上", "执法人员持证比例", None)),
    ("区政府常务会、区依法行政领导小组会议5次以法治政府建设为主题",
     ("5次", "区政府常务会、区依法行政领导小组会议", None)),
    ("网上普法考试参考率和合格率均达100%", ("100%", "网上普法考试参考率和合格率", None)),
    ("行政机关负责人出庭应诉率达100%", ("100%", "行政机关负责人出庭应诉率", None)),
    # NUM + UNIT + OBJECT
    ("全面完成全区47个村居法律顾问与村居对接", ("47个", "村居法律顾问", "完成")),
    ("成立了包括法治政府建设在内的五个专项小组", ("五个", "专项小组", "成立")),
    ("90%以上事项实现“一门”集中进驻", ("90%以上", "事项", None)),
    ("4个“区域评估”事项实现成果应用", ("4个", "“区域评估”事项", None)),
    ("2017年全国环保系统共备案约78.9万个登记表", ("约78.9万个", "登记表", "备案")),
    ("对其中8项清单事项提出删、改、增建议", ("8项", "清单事项", None)),
    # NUM + 次/期 + VERB PHRASE
    ("先后4次在区委常委会研究依法治区重点工作", ("4次", "依法治区重点工作", "研究")),
    ("分七期对机关全体党员干部进行集中脱产培训", ("七期", "集中脱产培训", "进行")),
    # the people a pivot verb brings along
    ("组织公职人员线上旁听行政案件庭审3000余人次", ("3000余人次", "公职人员", None)),
    # 以…的价格 + VERB + OBJECT
    ("以每年5万元的价格购买专业律师服务", ("5万元", "专业律师服务", "购买")),
    # 对 + OBJECT + VERB + NUM
    ("对首次轻微违法行为不予处罚178件", ("178件", "轻微违法行为", "不予处罚")),
])
def test_object_and_action(text, expected):
    (found,) = [r for r in read(text) if r[0] == expected[0]]
    assert found[1] == expected[1]
    if expected[2] is not None:
        assert found[2] == expected[2]


def test_several_counts_in_one_phrase():
    assert read("制定了7个方面58项具体措施") == [("7个", "方面", "制定"), ("58项", "具体措施", "制定")]
    meetings = objects("部党组先后召开6次部党组会暨12次理论学习中心组集体学习会")
    assert meetings == ["部党组会", "理论学习中心组集体学习会"]
    assert objects("东城、通州、延庆3个区和4个项目分别被命名为示范地区和示范项目") == ["区", "项目"]


def test_missing_comma_between_two_counts():
    assert objects("开展线上线下法治讲座36场受众4万余人") == ["线上线下法治讲座", "受众"]


def test_implicit_object_is_inherited():
    assert read("截至目前，共排查矛盾纠纷 262 起，化解 261 起。") == [
        ("262 起", "矛盾纠纷", "排查"), ("261 起", "矛盾纠纷", "化解")]
    assert objects("坚持每周三组织全体人员开展习近平法治思想专题集中学习,全年累计开展20余次,实现学习全覆盖。") == [
        "习近平法治思想专题集中学习"]
    assert objects("排查调处矛盾纠纷5632件，调解成功5571件，成功率98.9%。") == ["矛盾纠纷", "矛盾纠纷", "成功率"]


def test_inheritance_stops_at_the_sentence():
    assert objects("共排查矛盾纠纷262起。化解261起。") == ["矛盾纠纷", None]


def test_no_inheritance_without_a_verb():
    assert objects("共有13个村民小组,505户1748人") == ["村民小组", None, None]


def test_listed_values_share_their_object():
    assert objects("开展执法培训45场次、2800余人次") == ["执法培训", "执法培训"]


def test_distributive_lists():
    assert objects("报备率、及时率、规范率分别为98%、99%、100%") == ["报备率", "及时率", "规范率"]
    assert objects("来访批次、人次同比分别下降15.6%、18.2%") == ["来访批次", "人次"]
    assert objects("发生生产安全事故9起、死亡7人，同比分别下降25%、22.2%") == [
        "发生生产安全事故", "死亡", "发生生产安全事故", "死亡"]


def test_one_value_for_several_rates():
    (metric,) = extract_metrics([TextUnit("实现应用信用规则率、跨部门监管率、任务完成率均达100%")])
    assert metric.object == "应用信用规则率、跨部门监管率、任务完成率"


def test_traditional_script_objects_are_returned_as_written():
    (metric,) = extract_metrics([TextUnit("自治區人民政府常務會議專題研究法治政府建設有關議題12次")])
    assert (metric.object, metric.action) == ("法治政府建設有關議題", "研究")


def test_pinyin_readings_are_skipped_but_kept_in_the_text():
    (metric,) = extract_metrics([TextUnit("全區(qū)累計組(zǔ)織各類學習、培訓、宣講1.2萬余次")])
    assert metric.text == "1.2萬余次" and metric.action == "組(zǔ)織"
    assert metric.where.span == [24, 30]


def test_period_section_sentence_and_span():
    unit = TextUnit("2021年以来，学习最新党内法规法律7次，研究部署法治政府建设重点工作2次。",
                    offset=100, section=["一、加强组织领导"])
    first, second = extract_metrics([unit])
    assert first.period == "2021年以来" and second.period == "2021年以来"
    assert first.sentence == "学习最新党内法规法律7次"
    assert first.section == ["一、加强组织领导"]
    start, end = first.where.span
    assert unit.text[start - 100:end - 100] == "7次"
    assert extract_metrics([TextUnit("截至8月上旬，全面完成全区47个村居法律顾问对接工作")])[0].period == "截至8月上旬"
    assert extract_metrics([TextUnit("全年召开法治建设专题会议4次")])[0].period == "全年"
    assert extract_metrics([TextUnit("召开专题会议4次")])[0].period is None


def test_break_joined_mention_is_located_across_the_break():
    """A PDF line ends in 83 and the next begins with 1件: layout joins them, and the
    locate callback turns the joined span into the box of both lines."""
    first_line = "累计受理行政审批和公共服务事项83"
    text = first_line + "1件，接待群众咨询533余人次。"
    calls = []

    def locate(start, end):
        calls.append((start, end))
        lines = [n for n, (a, b) in enumerate([(0, len(first_line)), (len(first_line), len(text))], 1)
                 if a < end and start < b]
        return Where(page=3, line=lines[0], bbox=[72.0, 100.0, 520.0, 100.0 + 20.0 * len(lines)])

    metrics = extract_metrics([TextUnit(text, offset=40, section=["二、把握工作重点"], locate=locate)])
    assert [m.text for m in metrics] == ["831件", "533余人次"]
    joined = metrics[0]
    assert joined.object == "行政审批和公共服务事项"
    assert joined.where.page == 3 and joined.where.bbox == [72.0, 100.0, 520.0, 140.0]
    assert joined.where.span == [40 + text.index("831件"), 40 + text.index("831件") + 4]
    assert calls[0] == (text.index("831件"), text.index("831件") + 4)


def test_a_locate_returning_none_keeps_the_span():
    (metric,) = extract_metrics([TextUnit("审核合同5份", locate=lambda s, e: None)])
    assert metric.where.span == [4, 6] and metric.where.page is None


def test_units_in_order_and_empty_input():
    assert extract_metrics([]) == []
    assert extract_metrics([TextUnit(""), TextUnit("没有数字的段落。")]) == []
    metrics = extract_metrics([TextUnit("召开会议3次", offset=0), TextUnit("审核合同5份", offset=10)])
    assert [m.where.span for m in metrics] == [[4, 6], [14, 16]]
