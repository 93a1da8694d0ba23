"""Mentions: units, qualifiers and exclusions (metrics-annotation.md)."""

import pytest

from govdoc_parser.metrics import TextUnit, extract_metrics


def mentions(text):
    return [(m.text, m.value, m.unit, m.qualifier, m.kind) for m in extract_metrics([TextUnit(text)])]


def values(text):
    return [m.value for m in extract_metrics([TextUnit(text)])]


@pytest.mark.parametrize("text, expected", [
    ("受理行政审批和公共服务事项831件", ("831件", 831, "件", "exact", "count")),
    ("接待群众咨询533余人次", ("533余人次", 533, "人次", "more_than", "count")),
    ("共排查矛盾纠纷 262 起", ("262 起", 262, "起", "exact", "count")),
    ("办理时间缩减50%以上", ("50%以上", 50, "%", "at_least", "percent")),
    ("共备案约78.9万个登记表", ("约78.9万个", 789000, "个", "approx", "count")),
    ("成功提交不超过10分钟", ("不超过10分钟", 10, "分钟", "at_most", "duration")),
    ("累计组织宣讲1.2万余次", ("1.2万余次", 12000, "次", "more_than", "count")),
    ("挽回经济损失一千二百余万元", ("一千二百余万元", 12_000_000, "元", "more_than", "money")),
    ("罚没款3.5亿元", ("3.5亿元", 350_000_000, "元", "exact", "money")),
    ("开展普法活动十余场", ("十余场", 10, "场", "more_than", "count")),
    ("覆盖群众两千余人次", ("两千余人次", 2000, "人次", "more_than", "count")),
    ("成立了四十七个调解组织", ("四十七个", 47, "个", "exact", "count")),
    ("分七期进行培训", ("七期", 7, "期", "exact", "count")),
    ("满意率达到百分之九十五", ("百分之九十五", 95, "%", "exact", "percent")),
    ("同比下降3.2个百分点", ("3.2个百分点", 3.2, "pp", "exact", "percent")),
    ("审批时限压缩至5个工作日以内", ("5个工作日以内", 5, "个工作日", "at_most", "duration")),
    ("受理案件１２０件", ("１２０件", 120, "件", "exact", "count")),
    ("办理案件1,234件", ("1,234件", 1234, "件", "exact", "count")),
    ("服务企业近300家", ("近300家", 300, "家", "approx", "count")),
    ("收到申请不足20件", ("不足20件", 20, "件", "less_than", "count")),
    ("参训人员200人左右", ("200人左右", 200, "人", "approx", "count")),
    ("新增减税降费超过8亿元", ("超过8亿元", 800_000_000, "元", "more_than", "money")),
    ("实际使用外资381万美元", ("381万美元", 3_810_000, "美元", "exact", "money")),
])
def test_mention(text, expected):
    (found,) = mentions(text)
    written, value, *rest = found
    assert written == expected[0]
    assert value == pytest.approx(expected[1])
    assert tuple(rest) == expected[2:]


@pytest.mark.parametrize("text", [
    # dates and periods
    "2021年以来，截至8月上旬，2022年1月4日印发，2021 年度",
    "《法治政府建设实施纲要(2021—2025年)》，(2021-2025年)",
    # ordinals and sequence words, section numbers
    "第一责任人，十九届六中全会，一是加强，二是完善，首次，第二批，（三）规范行政权力运行，一、加强组织领导",
    "市政府召开八届第14次常务会议，省委十二届二次全会，市委八届二次、六次全会精神，十二届市委三次、四次全会",
    "举办第九期培训班，第11期研讨班，排名前三名，每周三组织学习",
    # names, slogans and fixed terms with numbers
    "“三项制度”，为加快建设“六个新城”提供保障，按照“一村（社区）一法律顾问”目标",
    "观看《义马气化厂“7.19”重大爆炸事故教训警示教育片》，“8·31”事件，实现两个全覆盖",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”，“十四五”时期，“八五”普法，落实三项制度",
    "把示范创建作为一项重要政治任务来抓，进一步加强，统一部署，一把手，一次性告知",
    "推进“一件事”改革，落实“十项行动”，深化“双随机、一公开”监管，创建“两张清单”",
    # document numbers, phone numbers, versions, codes, law titles
    "平示范工〔2021〕117号，(石政办函〔2016〕50号)，开州府办发〔202526号，(开州委法20239)",
    "咨询电话:12345678，拨打12345热线，索引号11500230008689762A/2026-00004",
    "实施营商环境6.0版改革方案，深化综合窗口2.0改革，评分标准(2022版)，4.0版",
    "《中华人民共和国行政复议法》第二十四条，《接诉即办“每月一题”专项清单(四)》",
    # placeholders
    "共办理×件，开展X次，满意率XX%，受理*件",
    # headings and page furniture
    "6.1 人力资源保障，(16页珍藏版)，更新时间:2021/03/29 11:30:01，发布时间:2024-03-28 09:18",
    # frequencies, vague numbers, words that only start with a unit
    "每季度召开1次，每年两次，数十次宣讲，上百场活动，几十个，保持两位数增长，三位一体，工期2个多月",
    "打造15分钟公共法律服务圈，实现7×24小时在线服务，属于三类内部事务信息，四个一",
    # measures that are not counts
    "发生1.8级和2.5级地震，四级网上政务服务体系，围绕二级指标，市县两级部门",
])
def test_excluded(text):
    assert values(text) == []


def test_traditional_and_ascii_punctuation():
    found = mentions("全區(qū)累計組織各類學習、培訓、宣講1.2萬余次,研究議題12次;滿意率100%")
    assert [(t, v, u) for t, v, u, *_ in found] == [("1.2萬余次", 12000, "次"), ("12次", 12, "次"), ("100%", 100, "%")]


def test_mention_text_is_as_written_in_traditional():
    (metric,) = extract_metrics([TextUnit("共受理信訪事項二百四十五項")])
    assert metric.text == "二百四十五項" and metric.unit == "项" and metric.value == 245


def test_comma_lists_in_ascii_text():
    assert values("分别为12,15件") == [15]
    assert values("受理312件,审结298件") == [312, 298]


def test_lone_one_is_an_article_but_one_with_more_than_counts():
    assert values("作为一项重要任务") == []
    assert values("讲法治课1次") == [1]


def test_occurrence_twice_listed_twice():
    assert values("召开会议3次，研究议题3次") == [3, 3]
