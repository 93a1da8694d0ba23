"""The long benchmark report (about 40 pages): 松岚市人民政府 2023 年度法治政府建设情况报告.

City-wide sections are hand-written paragraphs (below, with inline metric markup).  The
sections on the ten counties/districts and twelve municipal departments are assembled from
hand-written sentence variants (several phrasings per kind of statement, so that the text is
not a repetition of one template) filled with figures drawn from a fixed-seed generator and
kept arithmetically consistent (成功 ≤ 受理, rates computed from the counts).

``write_sources`` writes ``src/generated/songlan_2023_long_report.json``; build.py then treats
it like any hand-written source.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

DOC_ID = "songlan_2023_long_report"

PREAMBLE = """2023年，在省委、省政府和市委的坚强领导下，在市人大及其常委会的监督支持下，市政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》和省、市实施方案，以创建全国法治政府建设示范市为牵引，统筹推进依法行政各项工作，全市法治政府建设迈上新台阶。现将有关情况报告如下。"""

# ---------------------------------------------------------------------------
# 一、city-wide measures: (heading, [run-in paragraphs])

AREAS = [
    ("深入学习贯彻习近平法治思想，加强党对法治政府建设的领导", [
        "> 1.坚持学思践悟。把习近平法治思想作为市政府党组理论学习中心组学习的重要内容，全年开展专题学习[[9次|专题学习|开展|legal_education.theory_group_sessions]]，组织市政府系统领导干部赴先进地区学习考察法治政府建设经验。市政府常务会议坚持会前学法，全年学法[[15次|会前学法|-|legal_education.exec_meeting_study_sessions]]，内容涵盖行政复议法、外商投资法、安全生产法等与政府工作密切相关的法律法规。",
        "> 2.健全领导体制。市政府成立由市长任组长的法治政府建设领导小组，召开领导小组会议[[3次|领导小组会议|召开|leadership.group_meetings]]，研究部署示范创建、行政复议体制改革等重点工作。市政府常务会议专题研究法治政府建设议题[[11次|法治政府建设议题|专题研究|leadership.meetings_on_rule_of_law]]，审议通过《松岚市法治政府建设示范创建工作方案》等文件。",
        "> 3.压实工作责任。将法治政府建设纳入全市高质量发展综合绩效考评，考评分值占比提高到[[6%|考评分值占比|提高|leadership.assessment_weight]]。对各县（市、区）政府和市政府部门开展法治政府建设专项督察，督察单位[[32个|单位|督察|leadership.inspected_units]]，反馈问题[[147个|问题|反馈|leadership.issues_found]]，已整改[[139个|问题|整改|leadership.issues_rectified]]，整改率[[94.6%|整改率|-|leadership.issues_rectification_rate]]。",
        "> 4.抓好示范创建。对照全国法治政府建设示范指标体系，逐项分解创建任务[[104项|创建任务|分解|leadership.demo_tasks]]，建立“周调度、月通报、季督导”工作机制。全市[[3个|县（市、区）|-|leadership.provincial_demo_areas]]县（市、区）被命名为省级法治政府建设示范地区，[[5个|项目|-|leadership.demo_projects]]项目被命名为省级法治政府建设示范项目。",
    ]),
    ("健全政府机构职能体系，推动更好发挥政府作用", [
        "> 1.深化行政审批制度改革。动态调整市级行政许可事项清单，全市行政许可事项精简至[[412项|行政许可事项|精简|gov_services.admin_license_items]]，其中市级实施[[236项|行政许可事项|实施|gov_services.city_license_items]]。推行告知承诺制审批事项[[128项|告知承诺制审批事项|推行|gov_services.notification_commitment_items]]，全年通过告知承诺方式办理审批[[1.9万件|审批|办理|gov_services.commitment_cases]]。",
        "> 2.提升政务服务效能。市级政务服务事项网上可办率达到[[99.6%|政务服务事项网上可办率|-|gov_services.online_availability_rate]]，全程网办率[[92.3%|全程网办率|-|gov_services.online_full_process_rate]]，较上年提高[[5.8个百分点|全程网办率|提高|gov_services.online_full_process_rate_change|inc]]。“一件事一次办”上线主题套餐[[86个|主题套餐|上线|gov_services.one_thing_services]]，全年办件[[12.4万件|办件|-|gov_services.one_thing_cases]]，“好差评”好评率[[99.9%|好评率|-|gov_services.satisfaction_rate]]。",
        "> 3.优化法治化营商环境。出台优化营商环境措施[[38条|优化营商环境措施|出台|business_env.measures_issued]]，全年新增经营主体[[5.6万户|经营主体|新增|business_env.new_entities]]，年末经营主体总量[[突破48万户|经营主体总量|-|business_env.entities_total]]。新增减税降费及退税缓费[[42.7亿元|减税降费及退税缓费|新增|business_env.tax_fee_relief]]，为企业减轻负担。开展公平竞争审查[[635件|公平竞争审查|开展|business_env.fair_competition_reviews]]，清理妨碍统一市场和公平竞争的政策措施[[14件|政策措施|清理|business_env.policies_cleaned]]。",
        "> 4.加强事中事后监管。全面推行信用分级分类监管，对[[12.6万户|经营主体|评价|business_env.credit_rated_entities]]经营主体开展信用风险分类评价，依据评价结果合理确定抽查比例和频次。对新技术、新产业、新业态实行包容审慎监管，推行首次轻微违法告知承诺制，帮助经营主体主动纠正违法行为，全年完成信用修复[[3400余户|信用修复|完成|business_env.credit_repairs]]。",
    ]),
    ("健全依法行政制度体系，提高制度建设质量", [
        "> 1.加强政府立法。坚持立改废释并举，提请市人大常委会审议地方性法规草案[[3件|地方性法规草案|提请审议|legislation.regulation_drafts]]，制定修订政府规章[[4部|政府规章|制定修订|legislation.rules_enacted]]。立法过程中召开论证会、座谈会[[26场|论证会、座谈会|召开|legislation.consultation_meetings]]，收到社会公众意见[[1300余条|社会公众意见|收到|legislation.public_comments]]，采纳[[212条|社会公众意见|采纳|legislation.public_comments_adopted]]。",
        "> 2.规范行政规范性文件管理。严格落实合法性审核机制，市政府及其办公室制发行政规范性文件[[23件|行政规范性文件|制发|normative_docs.issued]]，全部经过合法性审核。市司法局审查县（市、区）政府和市政府部门报备的规范性文件[[168件|规范性文件|审查|normative_docs.filed_reviewed]]，发现问题并督促纠正[[7件|规范性文件|纠正|normative_docs.corrected]]。",
        "> 3.开展文件清理。围绕优化营商环境、民营经济发展等重点领域，对市政府现行有效的规范性文件开展专项清理，保留[[318件|规范性文件|保留|normative_docs.cleanup_retained]]，修改[[26件|规范性文件|修改|normative_docs.cleanup_amended]]，废止[[41件|规范性文件|废止|normative_docs.cleanup_repealed]]，宣布失效[[12件|规范性文件|宣布失效|normative_docs.cleanup_expired]]。",
        "> 4.健全备案审查衔接联动机制。建立规范性文件备案审查与人大、党委备案审查衔接联动机制，向市人大常委会报备政府规章和规范性文件[[27件|政府规章和规范性文件|报备|normative_docs.filed_with_npc]]，报备率、及时率、规范率均达到[[100%|报备率、及时率、规范率|-|normative_docs.filing_rate]]。在市政府门户网站设立行政规范性文件统一发布平台，集中公布现行有效的规范性文件目录，方便企业和群众查询。",
    ]),
    ("健全行政决策制度体系，推进决策科学化、民主化、法治化", [
        "> 1.严格落实决策程序。公布市政府年度重大行政决策事项目录，确定决策事项[[12项|决策事项|确定|major_decisions.catalog_items]]，全部履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序。组织召开决策听证会[[5场|决策听证会|召开|major_decisions.public_hearings]]，公开征求意见收到意见建议[[2600余条|意见建议|收到|major_decisions.public_comments]]。",
        "> 2.强化合法性审查。市司法局全年审查市政府文件[[426件|市政府文件|审查|legality_review.documents_reviewed]]、合同[[187份|合同|审查|legality_review.contracts_reviewed]]，审查市政府常务会议议题[[132个|市政府常务会议议题|审查|legality_review.meeting_items_reviewed]]，提出修改意见建议[[1900余条|修改意见建议|提出|legality_review.opinions_issued]]。",
        "> 3.发挥法律顾问作用。市政府聘请法律顾问[[11名|法律顾问|聘请|legal_counsel.gov_legal_advisors]]，全市党政机关公职律师达到[[684名|公职律师|-|legal_counsel.public_lawyers]]。法律顾问和公职律师全年参与重大决策论证、重大项目谈判[[530余次|重大决策论证、重大项目谈判|参与|legal_counsel.consultations]]，出具法律意见书[[2100余份|法律意见书|出具|legal_counsel.legal_opinions]]。对[[3项|重大行政决策|后评估|major_decisions.post_evaluations]]已实施的重大行政决策开展后评估，根据评估结果及时调整完善相关政策。",
        "> 4.推进决策过程和结果公开。对涉及群众切身利益的重大行政决策事项，通过政府门户网站、政务新媒体、新闻媒体等渠道公开决策草案及其说明，公开征求意见时间充分、渠道多元；决策作出后，及时公开决策结果并做好政策解读，对公众意见的采纳情况作出说明。",
    ]),
    ("健全行政执法工作体系，全面推进严格规范公正文明执法", [
        "> 1.深化综合行政执法改革。在市场监管、生态环境、文化市场、交通运输、农业、应急管理等领域全面推行综合行政执法，乡镇（街道）综合行政执法队伍实现全覆盖，全市持证行政执法人员[[1.12万名|持证行政执法人员|-|admin_enforcement.certified_officers]]。",
        "> 2.全面落实行政执法“三项制度”。全市行政执法机关全年作出行政处罚决定[[4.86万件|行政处罚决定|作出|admin_enforcement.penalty_cases]]，罚没款[[3.27亿元|罚没款|-|admin_enforcement.fines_confiscations]]；作出行政许可决定[[31.5万件|行政许可决定|作出|admin_enforcement.license_decisions]]，行政检查[[9.7万次|行政检查|-|admin_enforcement.inspections]]。重大执法决定法制审核[[2315件|重大执法决定|法制审核|admin_enforcement.major_decision_legal_reviews]]，审核率[[100%|审核率|-|admin_enforcement.major_decision_review_rate]]。",
        "> 3.推行包容审慎监管。全面实施市场主体轻微违法行为免罚清单，全市依法不予处罚、减轻处罚案件[[6432件|案件|不予处罚、减轻处罚|admin_enforcement.lenient_no_penalty_cases]]，涉及金额[[约4800万元|金额|涉及|admin_enforcement.lenient_amount]]。“双随机、一公开”监管实现市场监管领域全覆盖，开展部门联合抽查[[1260次|部门联合抽查|开展|admin_enforcement.joint_inspections]]，联合抽查占比提高到[[42.3%|联合抽查占比|提高|admin_enforcement.joint_inspection_share]]。",
        "> 4.加强执法监督。组织开展行政执法案卷评查，评查案卷[[3200卷|案卷|评查|admin_enforcement.case_files_reviewed]]，优秀率[[38.6%|优秀率|-|admin_enforcement.case_file_excellent_rate]]、合格率[[97.8%|合格率|-|admin_enforcement.case_file_pass_rate]]。开展行政执法突出问题专项整治，梳理问题线索[[412条|问题线索|梳理|admin_enforcement.issue_leads]]，已完成整改[[398条|问题线索|整改|admin_enforcement.issues_rectified]]。",
        "> 5.推进行政执法协调监督工作体系建设。市、县两级全部设立行政执法监督机构，聘请特邀行政执法监督员[[126名|特邀行政执法监督员|聘请|admin_enforcement.special_supervisors]]，在乡镇（街道）设立行政执法监督联系点[[168个|行政执法监督联系点|设立|admin_enforcement.supervision_points]]。开展行政执法监督检查[[4轮|行政执法监督检查|开展|admin_enforcement.supervision_rounds]]，制发行政执法监督意见书[[31份|行政执法监督意见书|制发|admin_enforcement.supervision_letters]]，推动解决一批群众反映强烈的执法问题。",
    ]),
    ("健全突发事件应对体系，依法预防处置重大突发事件", [
        "> 1.完善应急预案体系。修订市级专项应急预案和部门应急预案[[57个|市级专项应急预案和部门应急预案|修订|safety_emergency.plans_revised]]，组织开展防汛抗旱、地震、危险化学品泄漏等综合应急演练[[1800余场次|综合应急演练|开展|safety_emergency.drills]]，参演人员[[26万人次|参演人员|-|safety_emergency.drill_participants]]。",
        "> 2.依法强化安全生产监管。全市检查生产经营单位[[5.4万余家次|生产经营单位|检查|safety_emergency.inspected_units]]，排查整改隐患[[13.6万处|隐患|排查整改|safety_emergency.hazards_rectified]]，整改率[[99.2%|整改率|-|safety_emergency.rectification_rate]]。立案查处安全生产违法行为[[1268起|安全生产违法行为|立案查处|safety_emergency.violations_penalised]]，罚款[[3890万元|罚款|-|safety_emergency.fines]]。全年发生生产安全事故[[41起|生产安全事故|发生|safety_emergency.accidents]]、死亡[[37人|死亡|-|safety_emergency.deaths]]，同比分别下降[[18%|生产安全事故|下降|safety_emergency.accidents_yoy|dec]]、[[15.9%|死亡|下降|safety_emergency.deaths_yoy|dec]]。",
        "> 3.提升基层应急处置能力。推进乡镇（街道）应急管理规范化建设，全市乡镇（街道）全部建立应急管理办公室和应急救援队伍，村（社区）应急服务站覆盖率达到[[95%以上|村（社区）应急服务站覆盖率|-|safety_emergency.village_station_coverage]]。依法做好防汛救灾工作，全年成功应对强降雨过程[[9次|强降雨过程|应对|safety_emergency.floods_handled]]，紧急转移安置群众[[1.8万人|群众|转移安置|safety_emergency.people_evacuated]]，未发生因灾死亡事件。",
    ]),
    ("健全社会矛盾纠纷行政预防调处化解体系，推进社会治理法治化", [
        "> 1.发挥行政复议主渠道作用。全市各级行政复议机关收到行政复议申请[[3126件|行政复议申请|收到|admin_reconsideration.applications_received]]，同比增长[[24.7%|行政复议申请|增长|admin_reconsideration.applications_received_yoy|inc]]；受理[[2764件|行政复议申请|受理|admin_reconsideration.cases_accepted]]，审结[[2618件|行政复议申请|审结|admin_reconsideration.cases_concluded]]。审结案件中，维持、驳回[[1705件|审结案件|维持、驳回|admin_reconsideration.upheld_or_dismissed]]，直接纠错[[338件|审结案件|纠错|admin_reconsideration.corrected]]，直接纠错率[[12.9%|直接纠错率|-|admin_reconsideration.correction_rate]]；通过调解、和解方式结案[[575件|审结案件|结案|admin_reconsideration.mediated_settled]]，占审结案件的[[22%|审结案件|占|admin_reconsideration.mediated_share]]。制发行政复议意见书、建议书[[46份|行政复议意见书、建议书|制发|admin_reconsideration.opinion_letters_issued]]。",
        "> 2.提升行政应诉质效。全市法院新收一审行政诉讼案件[[1874件|一审行政诉讼案件|新收|admin_litigation.first_instance_cases]]，同比下降[[6.3%|一审行政诉讼案件|下降|admin_litigation.first_instance_cases_yoy|dec]]；行政机关败诉[[97件|一审行政诉讼案件|败诉|admin_litigation.cases_lost]]，败诉率[[5.2%|败诉率|-|admin_litigation.loss_rate]]。行政机关负责人出庭应诉[[1620余人次|行政机关负责人|出庭应诉|admin_litigation.head_appearance_person_times]]，出庭应诉率[[98.7%|出庭应诉率|-|admin_litigation.head_appearance_rate]]。办理人民法院司法建议[[23件|人民法院司法建议|办理|admin_litigation.judicial_suggestions]]，按期回复率[[100%|按期回复率|-|admin_litigation.judicial_suggestion_reply_rate]]。",
        "> 3.推进矛盾纠纷多元化解。全市共有人民调解委员会[[3268个|人民调解委员会|-|dispute_resolution.mediation_committees]]、人民调解员[[1.9万名|人民调解员|-|dispute_resolution.mediators]]，全年排查调处矛盾纠纷[[8.6万件|矛盾纠纷|排查调处|dispute_resolution.disputes_handled]]，调解成功[[8.45万件|矛盾纠纷|调解成功|dispute_resolution.mediation_success]]，涉及金额[[27.3亿元|涉及金额|-|dispute_resolution.amount_involved]]。办理法律援助案件[[1.36万件|法律援助案件|办理|dispute_resolution.legal_aid_cases]]，提供法律咨询[[21.7万人次|法律咨询|提供|dispute_resolution.legal_consultations]]。",
        "> 4.推进信访工作法治化。全市信访部门受理信访事项[[1.52万件|信访事项|受理|petitions.items_received]]，及时受理率[[100%|及时受理率|-|petitions.timely_acceptance_rate]]，按期办结率[[99.3%|按期办结率|-|petitions.on_time_completion_rate]]；化解信访积案[[286件|信访积案|化解|petitions.backlog_resolved]]。12345政务服务便民热线受理诉求[[412.6万件|诉求|受理|hotline.requests]]，办结率[[99.5%|办结率|-|hotline.completion_rate]]，满意率[[95.8%|满意率|-|hotline.satisfaction_rate]]。",
        "> 5.加强行政调解工作。制定行政调解事项清单，明确行政调解事项[[216项|行政调解事项|明确|dispute_resolution.admin_mediation_items]]，全市各级行政机关受理行政调解案件[[2.1万件|行政调解案件|受理|dispute_resolution.admin_mediation_cases]]，调解成功[[1.86万件|行政调解案件|调解成功|dispute_resolution.admin_mediation_success]]。在交通事故、医疗纠纷、劳动争议等领域推行“调解优先”，减少了矛盾纠纷进入诉讼程序的数量。",
    ]),
    ("健全行政权力制约和监督体系，促进行政权力规范透明运行", [
        "> 1.自觉接受人大监督和政协民主监督。认真执行向市人大及其常委会报告工作制度，全年向市人大常委会报告工作[[14项|工作|报告|oversight.reports_to_npc]]。办理市人大代表建议[[612件|市人大代表建议|办理|oversight.npc_proposals]]、市政协提案[[735件|市政协提案|办理|oversight.cppcc_proposals]]，均在规定时限内办结答复。",
        "> 2.加强审计监督。全市审计机关完成审计项目[[186个|审计项目|完成|oversight.audit_projects]]，对[[74名|领导干部|审计|oversight.economic_audits]]领导干部开展经济责任审计，促进增收节支和挽回损失[[6.8亿元|增收节支和挽回损失|-|oversight.audit_savings]]。",
        "> 3.全面推进政务公开。全市主动公开政府信息[[21.4万条|政府信息|主动公开|gov_transparency.proactive_disclosures]]，发布政策解读[[1630篇|政策解读|发布|gov_transparency.policy_interpretations]]，召开新闻发布会[[152场|新闻发布会|召开|gov_transparency.press_conferences]]。收到政府信息公开申请[[2871件|政府信息公开申请|收到|gov_transparency.requests_received]]，因政府信息公开引发行政复议[[96件|行政复议|引发|gov_transparency.disclosure_reconsiderations]]、行政诉讼[[41件|行政诉讼|引发|gov_transparency.disclosure_lawsuits]]。",
        "> 4.强化统计监督和财会监督。开展统计造假专项治理，立案查处统计违法案件[[37件|统计违法案件|立案查处|oversight.statistics_cases]]；开展财经纪律重点检查，检查单位[[210个|单位|检查|oversight.finance_checks]]，督促整改问题资金[[1.3亿元|问题资金|整改|oversight.funds_rectified]]。自觉接受司法监督、社会监督和舆论监督，对媒体曝光和群众反映的问题及时调查处理、回应关切。",
    ]),
    ("健全法治政府建设科技保障体系，加快推进数字法治政府建设", [
        "> 1.推进政务数据共享。市一体化政务服务平台汇聚政务数据[[38.6亿条|政务数据|汇聚|digital_gov.data_records]]，向各部门提供数据共享服务[[1.2亿次|数据共享服务|提供|digital_gov.data_sharing_calls]]，电子证照归集[[426类|电子证照|归集|digital_gov.e_license_types|u=类]]，办事材料免提交[[1.8万份|办事材料|免提交|digital_gov.materials_waived]]。",
        "> 2.推进“互联网＋监管”。行政执法综合管理监督平台上线运行，接入执法主体[[486个|执法主体|接入|digital_gov.enforcement_bodies_connected]]，执法办案全程网上流转率达到[[91.5%|执法办案全程网上流转率|-|digital_gov.online_case_rate]]，非现场执法案件占比[[27%|非现场执法案件占比|-|digital_gov.remote_enforcement_share]]。",
        "> 3.推进“数字普法”和智慧公共法律服务。建成“松岚智慧普法”平台，上线普法微课[[320个|普法微课|上线|legal_education.online_courses]]，年访问量[[近500万人次|年访问量|-|legal_education.online_reach]]；市公共法律服务网络平台和热线平台全年提供法律咨询[[9.6万人次|法律咨询|提供|dispute_resolution.online_consultations]]，群众满意率[[98.3%|群众满意率|-|dispute_resolution.consultation_satisfaction_rate]]。",
    ]),
    ("加快法治社会建设，推动全社会尊法学法守法用法", [
        "> 1.深入实施“八五”普法规划。落实“谁执法谁普法”普法责任制，全市开展各类普法活动[[1.1万余场|普法活动|开展|legal_education.campaign_events]]，发放普法资料[[126万份|普法资料|发放|legal_education.materials_distributed]]，受众[[近300万人次|受众|-|legal_education.audience]]。组织国家工作人员参加学法考试[[9.8万人|国家工作人员|参加|legal_education.cadre_exam_participants]]，参考率[[99.7%|参考率|-|legal_education.cadre_exam_participation_rate]]。",
        "> 2.推进法治乡村建设。培育农村学法用法示范户[[1.5万户|农村学法用法示范户|培育|legal_education.model_households]]、“法律明白人”[[2.6万名|“法律明白人”|-|legal_education.legal_literate_persons]]，新创建全国民主法治示范村（社区）[[4个|全国民主法治示范村（社区）|新创建|legal_education.national_demo_villages_new]]、省级民主法治示范村（社区）[[37个|省级民主法治示范村（社区）|新创建|legal_education.demo_villages_new]]。",
        "> 3.推进社会信用体系建设。完善守信联合激励和失信联合惩戒机制，依法规范失信惩戒措施，全年退出失信被执行人名单[[1.2万人次|失信被执行人名单|退出|legal_education.dishonesty_exits]]。深化诚信政府建设，开展政府机构失信问题专项治理，政府机构失信案件实现动态清零。",
    ]),
]

# ---------------------------------------------------------------------------
# 二、counties and departments

COUNTIES = [
    # name, kind ("区"/"县"/"高新区"), hand-written local feature (may carry markup)
    ("岚城区", "区", "岚城区在全市率先推行“首席法律咨询官”制度，为辖区重点企业提供“一对一”法律服务[[260余次|法律服务|提供|legal_counsel.enterprise_services]]。"),
    ("桐溪区", "区", "桐溪区探索“街道吹哨、部门报到”执法协作机制，推动基层执法力量下沉，街道综合执法案件办理时限由平均[[15天|办理时限|缩短|admin_enforcement.case_duration_days|dec]]缩短至[[9天|办理时限|缩短|admin_enforcement.case_duration_days|dec]]。"),
    ("北麓区", "区", "北麓区建成区级行政争议调解中心，依托人民调解、行业调解力量实质性化解行政争议，行政争议调解成功率明显提升。"),
    ("云栖县", "县", "云栖县围绕茶叶产业发展，组建茶产业法律服务团，帮助茶企修订完善合同文本[[140余份|合同文本|修订完善|legal_counsel.contracts_reviewed]]。"),
    ("青萝县", "县", "青萝县深化“法治乡村”建设，推行村级事务“阳光公开”，村（社区）公开事项清单实现全覆盖。"),
    ("白沙湾县", "县", "白沙湾县聚焦海洋渔业领域，联合海警、渔政等部门开展海上综合执法行动[[36次|海上综合执法行动|开展|admin_enforcement.joint_operations]]，查处非法捕捞案件[[58件|非法捕捞案件|查处|admin_enforcement.illegal_fishing_cases]]。"),
    ("望湖县", "县", "望湖县推行“承诺即入营”改革，将工业项目审批时间压缩至[[30个工作日以内|工业项目审批时间|压缩|gov_services.industrial_approval_days|dec]]。"),
    ("枫林县", "县", "枫林县在乡镇推广“一村一法律顾问”微信群，年内通过线上方式解答群众法律咨询[[4300余人次|群众法律咨询|解答|dispute_resolution.legal_consultations]]。"),
    ("鹿鸣县", "县", "鹿鸣县建立行政规范性文件“一文一评”制度，对文件实施情况开展评估，评估结果作为修改、废止文件的重要依据。"),
    ("南屏县", "县", "南屏县针对农村宅基地纠纷多发问题，组建乡镇“法律诊所”，年内调处宅基地纠纷[[320余件|宅基地纠纷|调处|dispute_resolution.homestead_disputes]]。"),
    ("石门区", "区", "石门区推行“一业一证”改革，将[[18个|行业|-|gov_services.one_industry_one_license]]行业的多张许可证整合为一张行业综合许可证，实现“一证准营”。"),
    ("雁回县", "县", "雁回县推行行政执法“首违不罚”“轻微免罚”清单动态调整机制，清单事项由[[86项|清单事项|增加|admin_enforcement.lenient_list_items|inc]]增加到[[132项|清单事项|增加|admin_enforcement.lenient_list_items|inc]]。"),
    ("栖凤区", "区", "栖凤区建立“法治体检”服务机制，组织律师为中小微企业开展法律风险排查，帮助企业规范劳动用工、合同管理等制度。"),
    ("岚东区", "区", "岚东区探索“信用+执法”监管模式，对信用良好的企业实行“无事不扰”，对失信企业提高抽查比例，执法资源配置更加精准。"),
    ("松岚高新区", "高新区", "松岚高新区推行涉企检查“综合查一次”，全年减少对企业的重复检查[[1100余次|重复检查|减少|business_env.duplicate_inspections_avoided|dec]]。"),
]

LEADERS = {"区": ("区委", "区政府"), "县": ("县委", "县政府"), "高新区": ("党工委", "管委会")}

# Each kind of statement has several phrasings.  Slots are filled with already marked-up
# metric strings, so every variant keeps the same keys.
V_LEAD = [
    "{p}常委会会议、{g}常务会议研究法治建设议题{a}，{g}常务会议会前学法{b}。",
    "全年{g}常务会议专题研究法治政府建设工作{a}，坚持会前学法制度，学法{b}。",
    "{p}、{g}把法治政府建设纳入重要议事日程，研究法治建设重大事项{a}，组织领导干部会前学法{b}。",
]
V_SERV = [
    "政务服务事项全程网办率达到{r}，新增经营主体{n}。",
    "推进政务服务“一网通办”，全程网办率{r}；全年新登记经营主体{n}。",
    "新增经营主体{n}，政务服务事项全程网办率提高到{r}。",
]
V_NORM = [
    "制定行政规范性文件{n}，全部按规定报送备案。",
    "严格规范性文件合法性审核，制发规范性文件{n}，备案审查率{r}。",
    "出台行政规范性文件{n}，未发现违法违规情形。",
]
V_ENF = [
    "全年办理行政处罚案件{a}，罚没款{m}，对轻微违法行为依法不予处罚{b}。",
    "行政执法机关作出行政处罚决定{a}，罚没金额{m}；适用免罚清单不予处罚{b}。",
    "办理行政处罚案件{a}、不予处罚案件{b}，罚没款{m}。",
]
V_LIT = [
    "收到行政复议申请{a}，办结{b}；新收一审行政诉讼案件{c}，行政机关负责人出庭应诉率{r}。",
    "{g}作为行政复议机关收到复议申请{a}、办结{b}，新收一审行政诉讼案件{c}，负责人出庭应诉率达到{r}。",
    "行政复议申请{a}，已办结{b}；一审行政诉讼案件{c}，行政机关负责人出庭应诉率{r}。",
]
V_DISP = [
    "排查化解矛盾纠纷{a}，调解成功{b}，调解成功率{r}。",
    "各级人民调解组织调处矛盾纠纷{a}，成功{b}，成功率{r}。",
    "共排查矛盾纠纷{a}，化解{b}，化解率达到{r}。",
]
V_PUFA = [
    "开展各类普法活动{a}，培育“法律明白人”{b}。",
    "组织主题普法活动{a}，“法律明白人”队伍达到{b}。",
    "培育“法律明白人”{b}，全年开展普法宣传{a}。",
]

DEPARTMENTS = [
    ("市发展改革委", "严格落实政府投资项目审批程序，审批、核准、备案投资项目[[1264个|投资项目|审批、核准、备案|gov_services.investment_projects]]，开展价格监督检查[[48次|价格监督检查|开展|admin_enforcement.price_inspections]]。"),
    ("市市场监管局", "查处各类市场违法案件[[2846件|市场违法案件|查处|admin_enforcement.market_cases]]，罚没款[[4120万元|罚没款|-|admin_enforcement.market_fines]]，“双随机、一公开”抽查经营主体[[1.6万户次|经营主体|抽查|admin_enforcement.inspected_entities]]。"),
    ("市生态环境局", "办理环境行政处罚案件[[512件|环境行政处罚案件|办理|admin_enforcement.environment_cases]]，罚款[[5260万元|罚款|-|admin_enforcement.environment_fines]]，对[[164家|企业|纳入|admin_enforcement.environment_positive_list]]企业实行监督执法正面清单管理。"),
    ("市交通运输局", "开展道路运输、水路运输执法检查[[1.3万次|执法检查|开展|admin_enforcement.transport_inspections]]，查处非法营运等违法行为[[1870起|非法营运等违法行为|查处|admin_enforcement.transport_violations]]。"),
    ("市住房城乡建设局", "深化工程建设项目审批制度改革，全流程审批时间压缩至[[80天以内|全流程审批时间|压缩|gov_services.construction_approval_days|dec]]，查处建筑市场违法违规行为[[96起|建筑市场违法违规行为|查处|admin_enforcement.construction_violations]]。"),
    ("市人力资源社会保障局", "开展根治欠薪专项行动，办理劳动保障监察案件[[1432件|劳动保障监察案件|办理|admin_enforcement.labor_inspection_cases]]，为[[1.1万名|劳动者|追发|dispute_resolution.wage_arrears_workers]]劳动者追发工资待遇[[1.9亿元|工资待遇|追发|dispute_resolution.wage_arrears_recovered]]。"),
    ("市应急管理局", "推行安全生产“执法+专家”检查模式，检查企业[[3260家次|企业|检查|safety_emergency.inspected_units]]，实施行政处罚[[412起|行政处罚|实施|safety_emergency.violations_penalised]]。"),
    ("市卫生健康委", "开展医疗卫生、公共场所、职业卫生等领域监督检查，办理卫生行政处罚案件[[786件|卫生行政处罚案件|办理|admin_enforcement.health_cases]]，罚没款[[590万元|罚没款|-|admin_enforcement.health_fines]]。"),
    ("市农业农村局", "开展农资打假、渔政执法等专项行动，查处农业违法案件[[344件|农业违法案件|查处|admin_enforcement.agriculture_cases]]，抽检农产品[[6800批次|农产品|抽检|admin_enforcement.agri_product_samples]]，合格率[[98.9%|合格率|-|admin_enforcement.agri_product_pass_rate]]。"),
    ("市自然资源和规划局", "依法查处违法用地、违法建设案件[[268件|违法用地、违法建设案件|查处|admin_enforcement.land_cases]]，收回闲置土地[[1860亩|闲置土地|收回|admin_enforcement.idle_land_recovered|u=亩 kind=other]]。"),
    ("市教育局", "开展校外培训机构专项治理，检查校外培训机构[[1240家次|校外培训机构|检查|admin_enforcement.training_institution_inspections]]，查处违规培训行为[[63起|违规培训行为|查处|admin_enforcement.training_violations]]。"),
    ("市公安局", "依法查处治安案件[[1.46万起|治安案件|查处|admin_enforcement.public_security_cases]]，推行轻微治安案件快速办理机制，平均办案时长缩短至[[3天以内|平均办案时长|缩短|admin_enforcement.case_duration_days|dec]]。"),
    ("市民政局", "开展社会组织年度检查和专项整治，依法查处非法社会组织[[17个|非法社会组织|查处|admin_enforcement.illegal_organizations]]，对[[46家|社会组织|责令整改|admin_enforcement.organizations_rectified]]社会组织责令限期整改。"),
    ("市水利局", "开展河湖“清四乱”和水行政执法专项行动，巡查河道[[2.3万公里|河道|巡查|admin_enforcement.river_patrol_km|u=公里 kind=other]]，立案查处水事违法案件[[87件|水事违法案件|立案查处|admin_enforcement.water_cases]]。"),
    ("市城市管理局", "推行城市管理“721”工作法，以服务解决问题为主，全年办理城市管理行政处罚案件[[3916件|城市管理行政处罚案件|办理|admin_enforcement.urban_cases]]，其中简易程序案件占[[64%|简易程序案件|占|admin_enforcement.simple_procedure_share]]。"),
    ("市医疗保障局", "开展医保基金监管专项检查，检查定点医药机构[[1520家|定点医药机构|检查|admin_enforcement.medical_institutions_inspected]]，追回医保基金[[3280万元|医保基金|追回|admin_enforcement.medical_funds_recovered]]。"),
    ("市林业局", "开展打击毁林专项行动，查处林业行政案件[[129件|林业行政案件|查处|admin_enforcement.forestry_cases]]，恢复林地[[约420亩|林地|恢复|admin_enforcement.forest_restored|kind=other]]。"),
    ("市商务局", "落实外商投资准入前国民待遇加负面清单管理制度，办理外商投资企业投诉[[19件|外商投资企业投诉|办理|business_env.foreign_investor_complaints]]，办结率[[100%|办结率|-|business_env.foreign_complaint_completion_rate]]。"),
    ("市审计局", "完成各类审计项目[[63个|审计项目|完成|oversight.audit_projects_city]]，发现问题金额[[12.4亿元|问题金额|发现|oversight.audit_issue_amount]]，移送违纪违法问题线索[[21件|违纪违法问题线索|移送|oversight.audit_referrals]]。"),
    ("市财政局", "加强政府采购监管，处理政府采购投诉举报[[34件|政府采购投诉举报|处理|oversight.procurement_complaints]]，对[[12家|供应商|处罚|admin_enforcement.suppliers_penalised]]供应商依法作出处罚，全市政府采购项目电子化交易率达到[[100%|政府采购项目电子化交易率|-|gov_services.e_procurement_rate]]。"),
    ("市科技局", "推进科技领域“放管服”改革，开展科研项目经费管理专项检查，检查项目[[146个|项目|检查|oversight.research_projects_checked]]，督促整改问题[[27个|问题|整改|oversight.research_issues_rectified]]。"),
    ("市退役军人事务局", "依法保障退役军人合法权益，办理退役军人来信来访[[1180件|退役军人来信来访|办理|petitions.veteran_petitions]]，为退役军人提供法律援助[[96件|法律援助|提供|dispute_resolution.veteran_legal_aid]]。"),
    ("市知识产权局", "加强知识产权行政保护，办理专利侵权纠纷行政裁决案件[[74件|专利侵权纠纷行政裁决案件|办理|admin_enforcement.patent_cases]]，查处商标侵权案件[[215件|商标侵权案件|查处|admin_enforcement.trademark_cases]]。"),
    ("市文化广电旅游局", "开展文化和旅游市场执法检查[[4600余次|文化和旅游市场执法检查|开展|admin_enforcement.culture_inspections]]，办理旅游投诉[[1380件|旅游投诉|办理|dispute_resolution.tourism_complaints]]，按时办结率[[100%|按时办结率|-|dispute_resolution.tourism_complaint_rate]]。"),
]


V_DEC = [
    "合法性审查{g}文件{a}、合同{b}，法律顾问和公职律师出具法律意见{c}。",
    "{g}法律顾问全年出具法律意见{c}，司法行政部门审查{g}文件{a}、重大合同{b}。",
    "严把合法性审查关口，审查文件{a}、合同协议{b}，提出法律意见{c}。",
]
V_OPEN = [
    "主动公开政府信息{a}，办理政府信息公开申请{b}，均在法定期限内答复。",
    "深化基层政务公开，发布各类政府信息{a}，受理依申请公开{b}。",
    "政府信息主动公开{a}，依申请公开办理{b}，未发生因信息公开引发的败诉案件。",
]
V_SAFE = [
    "排查整改安全隐患{a}，组织开展应急演练{b}。",
    "开展安全生产大排查大整治，整改隐患{a}，组织各类应急演练{b}。",
    "组织应急演练{b}，检查整改各类安全隐患{a}，安全生产形势总体平稳。",
]
V_PET = [
    "受理信访事项{a}，按期办结率{r}，化解信访积案{b}。",
    "信访事项受理{a}，化解积案{b}，信访事项按期办结率{r}。",
    "依法分类处理信访诉求{a}，按期办结率达到{r}，推动化解信访积案{b}。",
]
V_TRAIN = [
    "举办行政执法人员培训{a}，培训{b}。",
    "分领域开展执法人员业务培训{a}、{b}。",
    "组织执法人员法律知识轮训{a}，参训{b}。",
]
NARRATIVES = [
    "{n}把法治政府建设纳入经济社会发展总体规划和年度工作要点，健全党政主要负责人述法评议机制，推动第一责任人职责落实落细。",
    "{n}建立行政执法与刑事司法衔接工作机制，完善案件移送标准和程序，加强与公安机关、检察机关的信息共享。",
    "{n}推行重大行政决策事项目录化管理，对涉及群众切身利益的决策事项坚持公开征求意见，广泛听取各方面意见建议。",
    "{n}持续深化乡镇（街道）综合行政执法改革，统一执法文书、执法证件和执法着装，执法规范化水平不断提升。",
    "{n}健全行政复议案件审理机制，对重大疑难案件实行集体讨论，推行行政复议决定书网上公开。",
    "{n}深化“枫桥经验”实践，推动矛盾纠纷多元化解中心实体化运行，实现群众矛盾纠纷化解“只进一扇门”。",
    "{n}以“宪法宣传周”“民法典宣传月”为抓手，推动普法宣传进机关、进乡村、进社区、进学校、进企业、进单位。",
    "{n}注重运用信息化手段提升执法效能，推广移动执法终端，执法全过程记录更加规范。",
    "{n}建立政府法律顾问工作考核评价制度，将法律顾问履职情况作为续聘的重要依据。",
    "{n}对照法治政府建设示范指标体系逐项查漏补缺，建立问题清单、任务清单、责任清单，推动示范创建工作落地见效。",
    "{n}推行涉企行政检查备案和计划管理，防止检查过多过频，减轻企业负担。",
    "{n}开展行政规范性文件“回头看”，对与上位法不一致、不适应改革发展要求的文件及时修改或者废止。",
    "{n}健全领导干部学法用法考核制度，将学法考试成绩作为干部年度考核的重要参考。",
    "{n}推进公共法律服务实体平台、热线平台、网络平台融合发展，为群众提供“一站式”法律服务。",
    "{n}完善行政机关负责人出庭应诉工作机制，对出庭应诉情况进行定期通报。",
    "{n}建立健全行政执法责任制，对执法过错行为依法依规追究责任，倒逼执法人员规范履职。",
    "{n}组织开展政务服务“好差评”回访，对差评事项及时核实整改，不断提升群众满意度。",
    "{n}推动行政调解与人民调解、司法调解衔接联动，构建多层次、全覆盖的矛盾纠纷调处网络。",
    "{n}结合产业特点编制企业合规指引，引导企业依法经营、合规经营。",
    "{n}建立重大行政执法决定法制审核目录清单，法制审核人员配备达到规定要求。",
]

V_DEPT = [
    "部门党组理论学习中心组开展法治专题学习{a}，聘请法律顾问{b}，评查行政执法案卷{c}、优良率{r}。",
    "全年组织干部学法{a}，法律顾问{b}参与重大事项合法性论证，自查评查执法案卷{c}，优良率达到{r}。",
    "坚持领导干部集体学法，学法{a}；配备法律顾问{b}；开展案卷评查{c}，案卷优良率{r}。",
]


def m(mention: str, obj: str, action: str | None, key: str, flags: str = "") -> str:
    fields = [mention, obj, action or "-", key] + ([flags] if flags else [])
    return "[[" + "|".join(fields) + "]]"


def pct(x: float) -> str:
    s = f"{x:.1f}"
    return (s[:-2] if s.endswith(".0") else s) + "%"


def county_section(i: int, name: str, kind: str, feature: str, rng: random.Random) -> list[str]:
    p, g = LEADERS[kind]
    big = kind == "区"
    v = i % 3
    lines = [f"# {i + 1}.{name}"]
    meet = rng.randint(5, 14)
    study = rng.randint(10, 16)
    s1 = V_LEAD[v].format(
        p=p, g=g,
        a=m(f"{meet}次", {0: "法治建设议题", 1: "法治政府建设工作", 2: "法治建设重大事项"}[v], "研究",
            "leadership.meetings_on_rule_of_law"),
        b=m(f"{study}次", "会前学法" if v != 2 else "领导干部", "学法" if v != 2 else "组织",
            "legal_education.exec_meeting_study_sessions"))
    rate = rng.uniform(86, 98.5)
    ent = rng.randint(2100, 9800) if kind != "高新区" else rng.randint(1200, 2600)
    s2 = V_SERV[(v + 1) % 3].format(
        r=m(pct(rate), "全程网办率" if (v + 1) % 3 == 1 else "政务服务事项全程网办率", None,
            "gov_services.online_full_process_rate"),
        n=m(f"{ent}户", "经营主体", {0: "新增", 1: "新登记", 2: "新增"}[(v + 1) % 3],
            "business_env.new_entities"))
    ndoc = rng.randint(3, 12)
    vn = (v + 2) % 3
    s3 = V_NORM[vn].format(
        n=m(f"{ndoc}件", "行政规范性文件" if vn != 1 else "规范性文件",
            {0: "制定", 1: "制发", 2: "出台"}[vn], "normative_docs.issued"),
        r=m("100%", "备案审查率", None, "normative_docs.filing_rate"))
    cases = rng.randint(900, 4800)
    lenient = rng.randint(60, 420)
    money = round(rng.uniform(180, 1600), 1)
    ve = v
    enf_obj = {0: "行政处罚案件", 1: "行政处罚决定", 2: "行政处罚案件"}[ve]
    s4 = V_ENF[ve].format(
        a=m(f"{cases}件", enf_obj, {0: "办理", 1: "作出", 2: "办理"}[ve],
            "admin_enforcement.penalty_cases"),
        m=m(f"{money}万元", {0: "罚没款", 1: "罚没金额", 2: "罚没款"}[ve], None,
            "admin_enforcement.fines_confiscations"),
        b=m(f"{lenient}件", {0: "轻微违法行为", 1: "免罚清单", 2: "不予处罚案件"}[ve],
            {0: "不予处罚", 1: "适用", 2: "办理"}[ve], "admin_enforcement.lenient_no_penalty_cases"))
    rec = rng.randint(40, 320) if kind != "高新区" else rng.randint(12, 40)
    done = rec - rng.randint(2, max(3, rec // 12))
    lit = rng.randint(25, 190)
    app = rng.choice([96.4, 97.5, 98.2, 100.0, 100.0])
    vl = (v + 1) % 3
    s5 = V_LIT[vl].format(
        g=g,
        a=m(f"{rec}件", {0: "行政复议申请", 1: "复议申请", 2: "行政复议申请"}[vl],
            {0: "收到", 1: "收到", 2: None}[vl], "admin_reconsideration.applications_received"),
        b=m(f"{done}件", {0: "行政复议申请", 1: "复议申请", 2: "行政复议申请"}[vl], "办结",
            "admin_reconsideration.cases_concluded"),
        c=m(f"{lit}件", "一审行政诉讼案件", None if vl == 2 else "新收",
            "admin_litigation.first_instance_cases"),
        r=m("100%" if app == 100.0 else pct(app),
            "行政机关负责人出庭应诉率" if vl != 1 else "负责人出庭应诉率", None,
            "admin_litigation.head_appearance_rate"))
    disp = rng.randint(1800, 9600)
    ok = disp - rng.randint(10, max(12, disp // 60))
    vd = (v + 2) % 3
    s6 = V_DISP[vd].format(
        a=m(f"{disp}件", "矛盾纠纷", {0: "排查化解", 1: "调处", 2: "排查"}[vd],
            "dispute_resolution.disputes_handled"),
        b=m(f"{ok}件", "矛盾纠纷", {0: "调解成功", 1: "成功", 2: "化解"}[vd],
            "dispute_resolution.mediation_success"),
        r=m(pct(ok / disp * 100), {0: "调解成功率", 1: "成功率", 2: "化解率"}[vd], None,
            "dispute_resolution.mediation_success_rate"))
    events = rng.randint(3, 12) * 100
    lit_people = rng.randint(900, 3600)
    vp = v
    s7 = V_PUFA[vp].format(
        a=m(f"{events}余场", {0: "普法活动", 1: "主题普法活动", 2: "普法宣传"}[vp],
            {0: "开展", 1: "组织", 2: "开展"}[vp], "legal_education.campaign_events"),
        b=m(f"{lit_people}名", "“法律明白人”", {0: "培育", 1: None, 2: "培育"}[vp],
            "legal_education.legal_literate_persons"))
    docs = rng.randint(60, 260)
    contracts = rng.randint(20, 120)
    ops = rng.randint(150, 900)
    vdc = (v + 1) % 3
    s8 = V_DEC[vdc].format(
        g=g,
        a=m(f"{docs}件", {0: "文件", 1: "文件", 2: "文件"}[vdc], "审查" if vdc != 0 else "合法性审查",
            "legality_review.documents_reviewed"),
        b=m(f"{contracts}份", {0: "合同", 1: "重大合同", 2: "合同协议"}[vdc],
            "审查" if vdc != 0 else "合法性审查", "legality_review.contracts_reviewed"),
        c=m(f"{ops}份", {0: "法律意见", 1: "法律意见", 2: "法律意见"}[vdc],
            {0: "出具", 1: "出具", 2: "提出"}[vdc], "legal_counsel.legal_opinions"))
    info = rng.randint(1800, 9800)
    reqs = rng.randint(15, 160)
    vo = (v + 2) % 3
    s9 = V_OPEN[vo].format(
        a=m(f"{info}条", {0: "政府信息", 1: "政府信息", 2: "政府信息"}[vo],
            {0: "主动公开", 1: "发布", 2: "主动公开"}[vo], "gov_transparency.proactive_disclosures"),
        b=m(f"{reqs}件", {0: "政府信息公开申请", 1: "依申请公开", 2: "依申请公开"}[vo],
            {0: "办理", 1: "受理", 2: "办理"}[vo], "gov_transparency.requests_received"))
    haz = rng.randint(2000, 16000)
    drills = rng.randint(8, 40) * 10
    s10 = V_SAFE[v].format(
        a=m(f"{haz}处", "安全隐患" if v != 1 else "隐患", {0: "排查整改", 1: "整改", 2: "检查整改"}[v],
            "safety_emergency.hazards_rectified"),
        b=m(f"{drills}余场次", "应急演练", {0: "组织开展", 1: "组织", 2: "组织"}[v],
            "safety_emergency.drills"))
    pet = rng.randint(300, 2600)
    backlog = rng.randint(5, 40)
    prate = rng.choice([98.6, 99.1, 99.4, 99.7, 100.0])
    vq = (v + 1) % 3
    s11 = V_PET[vq].format(
        a=m(f"{pet}件", {0: "信访事项", 1: "信访事项", 2: "信访诉求"}[vq],
            {0: "受理", 1: "受理", 2: "处理"}[vq], "petitions.items_received"),
        b=m(f"{backlog}件", "信访积案" if vq != 1 else "积案", "化解", "petitions.backlog_resolved"),
        r=m("100%" if prate == 100.0 else pct(prate), "按期办结率", None,
            "petitions.on_time_completion_rate"))
    sess = rng.randint(4, 16)
    ppl = rng.randint(4, 30) * 100
    vt = (v + 2) % 3
    s12 = V_TRAIN[vt].format(
        a=m(f"{sess}期" if vt != 1 else f"{sess}场次",
            {0: "行政执法人员培训", 1: "执法人员业务培训", 2: "执法人员法律知识轮训"}[vt],
            {0: "举办", 1: "开展", 2: "组织"}[vt], "admin_enforcement.training_sessions"),
        b=m(f"{ppl}余人次", {0: "培训", 1: "执法人员业务培训", 2: "参训"}[vt],
            {0: None, 1: "开展", 2: None}[vt], "admin_enforcement.training_person_times"))
    n1 = NARRATIVES[(2 * i) % len(NARRATIVES)].format(n=name)
    n2 = NARRATIVES[(2 * i + 1) % len(NARRATIVES)].format(n="该" + ("区" if kind != "县" else "县"))
    para1 = n1 + s1 + s2 + s3 + s8 + (feature if i % 2 == 0 else "")
    n3 = NARRATIVES[(2 * i + 7) % len(NARRATIVES)].format(n="同时，" + name)
    para2 = s4 + s12 + s5 + s6 + s11 + n3
    para3 = n2 + s9 + s10 + s7 + (feature if i % 2 == 1 else "")
    return lines + [para1, para2, para3]


def dept_section(i: int, name: str, special: str, rng: random.Random) -> list[str]:
    v = i % 3
    a = rng.randint(6, 14)
    b = rng.randint(1, 4)
    c = rng.randint(60, 420)
    r = rng.uniform(88, 97.5)
    tail = V_DEPT[v].format(
        a=m(f"{a}次", {0: "法治专题学习", 1: "干部学法", 2: "学法"}[v],
            {0: "开展", 1: "组织", 2: None}[v], "legal_education.dept_study_sessions"),
        b=m(f"{b}名", "法律顾问", {0: "聘请", 1: None, 2: "配备"}[v], "legal_counsel.dept_legal_advisors"),
        c=m(f"{c}卷", {0: "行政执法案卷", 1: "执法案卷", 2: "案卷评查"}[v],
            {0: "评查", 1: "自查评查", 2: "开展"}[v], "admin_enforcement.case_files_reviewed"),
        r=m(pct(r), {0: "优良率", 1: "优良率", 2: "案卷优良率"}[v], None,
            "admin_enforcement.case_file_good_rate"))
    nd = rng.randint(1, 6)
    pub = rng.randint(180, 1600)
    tail2 = V_DEPT2[v].format(
        a=m(f"{nd}件", "规范性文件", {0: "制定", 1: "制发", 2: "出台"}[v], "normative_docs.issued"),
        b=m(f"{pub}条", "政府信息", "主动公开", "gov_transparency.proactive_disclosures"))
    narr = DEPT_NARR[i % len(DEPT_NARR)] + DEPT_NARR[(i + 3) % len(DEPT_NARR)]
    return [f"> {i + 1}.{name}。{special}{tail}{tail2}{narr}"]


V_DEPT2 = [
    "制定部门规范性文件{a}，全部经合法性审核并向社会公开；主动公开政府信息{b}。",
    "全年制发规范性文件{a}，主动公开各类政府信息{b}。",
    "出台规范性文件{a}，部门网站主动公开政府信息{b}。",
]
DEPT_NARR = [
    "动态调整部门权责清单，实现清单之外无权力。",
    "落实“谁执法谁普法”责任制，编制年度普法责任清单。",
    "建立执法人员资格动态管理制度，未取得执法证件的人员一律不得从事执法活动。",
    "推行柔性执法方式，综合运用行政指导、约谈提醒等手段，实现执法效果与社会效果相统一。",
    "完善内部合法性审查机制，重大事项均经法制机构审核后提交党组会议研究。",
    "推进行政执法公示平台建设，执法主体、权限、依据、程序、结果依法公开。",
]


CASES = [
    "> 1.“府院联动”化解一批涉企行政争议。市司法局与市中级人民法院建立行政争议实质性化解联席会议制度，对涉及土地征收、工程建设等领域的行政争议开展联合调解。年内通过诉前调解、复议调解等方式化解涉企行政争议[[86件|涉企行政争议|化解|admin_litigation.disputes_resolved_jointly]]，涉及金额[[3.6亿元|涉及金额|-|admin_litigation.amount_involved]]，有效稳定了企业预期。",
    "> 2.“综合查一次”减轻企业迎检负担。针对涉企检查多头、重复等问题，市市场监管局牵头梳理跨部门联合检查事项，编制“综合查一次”场景清单[[42个|“综合查一次”场景清单|编制|admin_enforcement.joint_inspection_scenarios]]，实现“进一次门、查多项事”。企业对涉企检查的满意度明显提升，相关做法被省级部门推广。",
    "> 3.行政复议“阳光审理”提升办案公信力。市行政复议机构对社会关注度高、争议较大的案件实行公开听证，邀请人大代表、政协委员、法学专家参与听证，全年举行听证会[[64场|听证会|举行|admin_reconsideration.hearings]]。听证后，相关案件申请人服判息诉率明显提高，行政复议化解行政争议的主渠道作用进一步彰显。",
    "> 4.“法律明白人”助力乡村善治。青萝县、枫林县等地选聘村干部、网格员、人民调解员担任“法律明白人”，建立“法律明白人”参与矛盾纠纷排查、法治宣传、法律援助引导等工作机制，相关经验入选全省法治乡村建设优秀案例。",
]

OTHER = """按照中央和省委关于行政复议体制改革的部署，全市行政复议体制改革任务已全面完成，市、县两级政府统一行使行政复议职责，市本级和各县（市、区）全部设立行政复议咨询接待中心。按照国家统一部署，全市顺利完成新修订的行政复议法施行准备工作，组织行政复议人员开展新法集中培训，修订行政复议案件办理流程和文书样式，为新法实施打下了良好基础。"""

FIRST_RESP = """市政府主要负责同志认真履行推进法治建设第一责任人职责，坚持把法治政府建设作为“一把手工程”，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。一是带头学法用法，全年主持市政府常务会议会前学法，并以《深入学习贯彻习近平法治思想，加快建设更高水平法治政府》为题为全市领导干部讲授法治专题课。二是带头依法决策，严格执行市政府工作规则和重大行政决策程序规定，坚持重大决策事项未经合法性审查的不提交讨论。三是带头推动解决法治建设重点难点问题，主持召开专题会议研究行政复议体制改革、综合行政执法改革等事项[[8次|专题会议|主持召开|leadership.head_meetings]]，实地调研督导法治政府建设工作[[5次|法治政府建设工作|调研督导|leadership.head_inspections]]。四是带头述法，在市委全面依法治市委员会会议上报告履行推进法治建设第一责任人职责情况，并组织[[46名|市政府部门主要负责人|述法|leadership.shufa_officials]]市政府部门主要负责人年终述法，实现述法全覆盖。"""

SHORTCOMINGS = """一年来，全市法治政府建设取得了明显成效，但对照党中央、国务院的部署要求和人民群众的期待，还存在一些差距和不足。一是法治政府建设推进不够平衡，县（市、区）之间、部门之间在制度执行、执法规范化等方面差距较大，少数单位存在“上热中温下冷”现象。二是行政执法质量有待提升，案卷评查中仍发现证据收集不全面、裁量说理不充分、文书制作不规范等问题，个别执法人员存在机械执法、简单执法现象。三是行政复议、行政应诉工作压力较大，行政复议案件持续大幅增长，部分县（市、区）行政复议机构办案力量不足，行政机关败诉案件仍集中在土地征收、房屋拆迁等领域。四是数字法治政府建设仍需加强，部门之间数据壁垒尚未完全打通，执法监督平台的数据分析和预警功能有待完善。产生上述问题的原因，主要是部分领导干部对法治政府建设的重要性认识不足，运用法治思维和法治方式推动工作的能力不强；法治工作队伍建设相对滞后，基层法治机构人员配备不足、专业化程度不高；考核评价的激励约束作用发挥不够充分。"""

PLANS = [
    ("深入学习宣传贯彻习近平法治思想", "把学习贯彻习近平法治思想作为政府系统干部教育培训的必修课，健全领导干部学法用法制度，推动党政主要负责人切实履行推进法治建设第一责任人职责，以创建全国法治政府建设示范市为抓手，带动全市法治政府建设整体提升。健全法治政府建设督察工作机制，把督察结果作为对领导班子和领导干部综合考核评价的重要参考。"),
    ("持续优化法治化营商环境", "深化“放管服”改革，全面推行政务服务事项标准化管理，持续推进“一件事一次办”扩面增效，依法平等保护各类经营主体产权和合法权益，开展损害营商环境突出问题专项治理。推进跨部门综合监管，完善涉企行政检查统筹机制，让经营主体有更多获得感。"),
    ("提高制度建设和依法决策水平", "围绕城市更新、生态环境保护等重点领域加强政府立法，健全行政规范性文件动态清理工作机制，严格落实重大行政决策程序，推进重大行政决策后评估常态化。加强行政规范性文件备案审查能力建设，推动备案审查信息平台与上级平台互联互通。"),
    ("全面提升行政执法质量", "深入实施提升行政执法质量三年行动计划，加快构建市、县、乡全覆盖的行政执法协调监督工作体系，健全行政裁量权基准制度，持续开展行政执法突出问题专项整治。加强乡镇（街道）执法人员培训，推动基层执法队伍专业化、规范化建设。"),
    ("推动行政争议实质性化解", "全面贯彻实施新修订的行政复议法，推进行政复议规范化、专业化、信息化建设，加强行政应诉能力建设，健全府院联动机制，降低行政机关败诉率。加强行政复议调解和解工作，推动更多行政争议在复议阶段实质性化解。"),
    ("加快数字法治政府建设", "推进政务数据有序共享，完善行政执法综合管理监督平台功能，推动执法监督数字化、智能化，以数字化改革助力政府治理流程优化和模式创新。加强数据安全和个人信息保护，确保数字政府建设在法治轨道上运行。"),
]


def build_body() -> str:
    rng = random.Random(20240226)
    out = [PREAMBLE, "# 一、2023年度推进法治政府建设的主要举措和成效"]
    cn = "一二三四五六七八九十"
    for i, (head, paras) in enumerate(AREAS):
        out.append(f"# （{cn[i]}）{head}")
        out.extend(paras)
    out.append("# 二、各县（市、区）和市政府部门推进法治政府建设情况")
    out.append("# （一）各县（市、区）推进法治政府建设情况")
    out.append("各县（市、区）认真落实市委、市政府部署，结合本地实际推进法治政府建设，形成了一批各具特色的经验做法。")
    for i, (name, kind, feature) in enumerate(COUNTIES):
        out.extend(county_section(i, name, kind, feature, rng))
    out.append("# （二）市政府部门推进法治政府建设情况")
    out.append("市政府各部门认真履行法定职责，扎实推进本部门本系统依法行政工作。")
    for i, (name, special) in enumerate(DEPARTMENTS):
        out.extend(dept_section(i, name, special, rng))
    out.append("# （三）典型案例")
    out.extend(CASES)
    out.append("# 三、党政主要负责人履行推进法治建设第一责任人职责情况")
    out.append(FIRST_RESP)
    out.append("# 四、存在的不足和原因")
    out.append(SHORTCOMINGS)
    out.append("# 五、2024年度推进法治政府建设的主要安排")
    out.append("2024年，市政府将坚持以习近平法治思想为指导，全面贯彻党的二十大和二十届二中全会精神，重点抓好以下工作。")
    for i, (head, text) in enumerate(PLANS):
        out.append(f"# （{cn[i]}）{head}")
        out.append(text)
    out.append("# 六、其他需要报告的情况")
    out.append(OTHER)
    return "\n".join(out)


def source() -> dict:
    return {
        "id": DOC_ID,
        "doc_type": "报告",
        "title": "松岚市人民政府关于2023年度法治政府建设情况的报告",
        "title_lines": ["松岚市人民政府关于2023年度", "法治政府建设情况的报告"],
        "addressees": "市委、市人大常委会：",
        "note": "（此件公开发布）",
        "body": build_body(),
        "meta": {"issuer_group": "songlan", "year": 2023, "generated_by": "corpusgen/longdoc.py",
                 "purpose": "benchmark (long document)"},
        "style": {"red": "cmyk", "bold": "stroke", "indent_text": True, "seal": True},
        "portal": {"site": "松岚市人民政府门户网站", "index_no": "11440900MB2D55117W/2024-00021",
                   "category": "政府工作/法治政府建设", "published": "2024-03-26",
                   "channel": ["政府信息公开", "法定主动公开内容", "法治政府建设年度报告"]},
        "header": {"mark_names": ["松岚市人民政府"], "mark_suffix": "文件",
                   "document_number": "岚府报〔2024〕9号", "signatories": ["韩立群"]},
        "signature": {"issuers": ["松岚市人民政府"], "date": "2024年2月26日"},
        "imprint": {"copied_to": ["省人民政府", "省委全面依法治省委员会办公室", "省司法厅",
                                  "市政协办公室"],
                    "printed_by": "松岚市人民政府办公室", "printed_on": "2024年2月27日"},
    }


def write_sources(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / f"{DOC_ID}.json"
    text = json.dumps(source(), ensure_ascii=False, indent=1) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
