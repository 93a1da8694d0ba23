"""Changes: a change word governing the number makes the value a change."""

import pytest

from govdoc_parser.metrics import TextUnit, extract_metrics


def changes(text):
    return [(m.text, m.change, m.unit) for m in extract_metrics([TextUnit(text)])]


@pytest.mark.parametrize("text, expected", [
    ("全年收到行政复议申请356件，同比增长21.5%", [("356件", None, "件"), ("21.5%", "increase", "%")]),
    ("办理时间较法定要求缩减50%以上", [("50%以上", "decrease", "%")]),
    ("负责人出庭应诉率较上年提高6.4个百分点", [("6.4个百分点", "increase", "pp")]),
    ("网上信访占比68%，同比上升12.4个百分点", [("68%", None, "%"), ("12.4个百分点", "increase", "pp")]),
    ("考核权重提升至15%", [("15%", "increase", "%")]),
    ("环境影响报告书类别项目由40%降低至38%", [("40%", "decrease", "%"), ("38%", "decrease", "%")]),
    ("企业开办时间由15天压缩至5天", [("15天", "decrease", "天"), ("5天", "decrease", "天")]),
    ("来访批次、人次同比分别下降15.6%、18.2%", [("15.6%", "decrease", "%"), ("18.2%", "decrease", "%")]),
    ("信访总量同比减少120件", [("120件", "decrease", "件")]),
])
def test_change(text, expected):
    assert changes(text) == expected


@pytest.mark.parametrize("text", [
    "精简行政许可事项140项",       # the verb counts things, the value is no change
    "新增经营主体1.86万户",
    "取消政务服务事项18项",
    "增长点3个",
])
def test_counts_are_not_changes(text):
    assert all(change is None for _, change, _ in changes(text))


def test_change_object_is_the_measure_not_the_comparison():
    (metric,) = extract_metrics([TextUnit("项目审批备案、环评等事项办理时间较法定要求缩减50%以上")])
    assert (metric.object, metric.action) == ("事项办理时间", "缩减")  # the head after 等


def test_change_inherits_what_changed():
    first, second = extract_metrics([TextUnit("实现地区生产总值440.5亿元、增长5.4%")])
    assert second.object == "地区生产总值" and second.change == "increase"
