"""The Chinese patient version: plain Chinese, addressed to 您, under Chinese headings.

Chinese guidelines speak to clinicians ("推荐18岁及以上成人……", "对于……的患者，应……").
The rules here rewrite each statement in three steps, each a whole-phrase rule, never a
character swap:

1. **lay terms**: clinical wording from :data:`LAY_TERMS` ("钠盐摄入量" → "吃盐的量",
   "检测" → "检查"); named tests, drugs and diseases are kept and explained in the glossary;
2. **the reader**: a population lead-in becomes a condition on the reader ("对于65岁及以上的
   老年高血压患者，" → "如果您是65岁及以上的老年高血压患者，"), advice verbs gain 您;
3. **short sentences**: "；" ends a sentence, and "，并……" becomes a sentence of its own.

Every rewrite is checked as the English one is: a version that lost a number or changed the
direction is replaced by a more literal one, down to the cleaned source, so fidelity never
depends on the rules being right. Comparators and units stay as printed ("≥140/90 mmHg",
"<5 g"), because patients read them that way on their own reports and quality control
reads them that way in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from domain.direction import text_direction
from domain.legend import why_zh
from domain.model import (
    Direction,
    GlossaryEntry,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    Recommendation,
    Strength,
)
from domain.numbers import missing_numbers, strip_references
from domain.readability import score_chinese
from domain.strength_words import strength_wording_zh
from domain.zh_readability import medical_terms

__all__ = [
    "DISCLAIMER_ZH", "GLOSSARY", "HEADINGS_ZH", "LAY_TERMS", "UNITS", "generate_chinese",
    "plain_chinese", "strength_wording_zh",
]

SUMMARY = "摘要"
ABOUT = "这份指南讲什么"
KEY = "主要建议"
CONSIDER = "需要考虑的事"
QUESTIONS = "可以问医生的问题"
WORDS = "需要了解的词"
NOTE = "声明"
# The English section names (domain.generation) and their Chinese headings, for checks that
# look sections up by the English name.
HEADINGS_ZH = {
    "Summary": SUMMARY, "What this guideline is about": ABOUT, "Key recommendations": KEY,
    "Things to consider": CONSIDER, "Questions to ask your clinician": QUESTIONS,
    "Words to know": WORDS, "Disclaimer": NOTE,
}
DISCLAIMER_ZH = ("这份资料帮助您了解指南的内容，不能代替医生的诊断和建议。"
                 "哪些建议适合您，请和您的医生商量。")
MAX_SUMMARY_CHARS = 200
_PROJECT = "项目编写"
_GUIDELINE = "指南原文"




# --- word lists -------------------------------------------------------------------------------

# Clinical wording and its everyday equivalent, replaced only as the whole phrase (longest
# first). None of them touches a number, a comparator or a word of negation.
LAY_TERMS: dict[str, tuple[str, str]] = {
    "进行家庭血压监测": ("在家自己测量血压", _PROJECT),
    "家庭血压监测": ("在家自己测量血压", _PROJECT),
    "复测血压": ("再测一次血压", _PROJECT),
    "钠盐摄入量": ("吃盐的量", _PROJECT),
    "食盐摄入量": ("吃盐的量", _PROJECT),
    "盐的摄入量": ("吃盐的量", _PROJECT),
    "增加富钾食物的摄入": ("多吃含钾多的食物", _PROJECT),
    "启动降压药物治疗": ("开始用降压药治疗", _PROJECT),
    "降压药物": ("降压药", _PROJECT),
    "降糖药物": ("降糖药", _PROJECT),
    "降脂治疗": ("降血脂治疗", _PROJECT),
    "起始药物": ("第一种药物", _PROJECT),
    "首选药物": ("第一选择", _PROJECT),
    "首要目标": ("最主要目标", _PROJECT),
    "目标值": ("目标", _PROJECT),
    "如能耐受": ("如果身体能承受", _PROJECT),
    "可进一步降至": ("可以再降到", _PROJECT),
    "以明确诊断": ("来确定诊断", _PROJECT),
    "以明确糖代谢状态": ("，来弄清楚身体处理糖的能力", _PROJECT),
    "必要时": ("需要时", _PROJECT),
    "利弊": ("好处和害处", _PROJECT),
    "尚不明确": ("目前还不确定", _PROJECT),
    "尚未": ("还没有", _PROJECT),
    "无症状": ("没有症状", _PROJECT),
    "非妊娠": ("没有怀孕的", _PROJECT),
    "病程较长": ("患病时间较长", _PROJECT),
    "低血糖史": ("低血糖的经历", _PROJECT),
    "较宽松的": ("宽松一些的", _PROJECT),
    "如无禁忌证": ("如果没有禁忌证", _PROJECT),
    "，并一直保留在治疗方案中": ("。以后也要一直使用它", _PROJECT),
    "具有心血管获益证据的": ("已经证明对心脏和血管有好处的", _PROJECT),
    "合并": ("同时患有", _PROJECT),
    "替代": ("代替", _PROJECT),
    "检测": ("检查", _PROJECT),
    "绝经后女性": ("已经绝经的女性", _PROJECT),
    "基线": ("治疗前的", _PROJECT),
    "未达标": ("没有达到目标", _PROJECT),
    "可联合使用": ("可以同时使用", _PROJECT),
    "联合使用": ("同时使用", _PROJECT),
    "鱼油制剂": ("鱼油", _PROJECT),
    "以指导": ("来指导", _PROJECT),
    "服用": ("吃", _PROJECT),
    "维持治疗": ("长期治疗", _PROJECT),
    "单用": ("单独使用", _PROJECT),
    "血嗜酸性粒细胞计数": ("血液中嗜酸性粒细胞的数量", _PROJECT),
    "加用": ("再加用", _PROJECT),
    "静息状态下": ("在休息不活动时", _PROJECT),
    "长期氧疗": ("长期吸氧", _PROJECT),
    "立即就医": ("马上去医院", _PROJECT),
    "就医": ("去医院看病", _PROJECT),
    "口角歪斜": ("嘴角歪斜", _PROJECT),
    "送往能够开展": ("去能做", _PROJECT),
    "溶栓治疗者": ("接受过溶栓治疗的人", _PROJECT),
    "静脉给予": ("通过静脉输液使用", _PROJECT),
    "给予": ("使用", _PROJECT),
    "使用剂量为": ("用量是", _PROJECT),
    "最大剂量为": ("最大用量是", _PROJECT),
    "改善预后": ("让病情恢复得更好", _PROJECT),
    "每日": ("每天", _PROJECT),
    "应当": ("应该", _PROJECT),
    "不推荐": ("不建议", _PROJECT),
    "可考虑": ("可以考虑", _PROJECT),
    "高危人群": ("高风险人群", _PROJECT),
}

# The meaning of every term of domain.zh_readability.MEDICAL_TERMS, in everyday words.
GLOSSARY: dict[str, tuple[str, str]] = {term: (meaning, _PROJECT) for term, meaning in {
    "临床": "指在医院给病人看病、治病的实际工作。",
    "筛查": "在还没有症状的时候做检查，目的是及早发现疾病。",
    "随访": "看病或治疗以后，按约定时间回到医院复查，让医生了解病情变化。",
    "干预": "为了预防或治疗疾病而采取的措施，比如改变生活习惯或用药。",
    "预后": "疾病今后可能的发展和结果。",
    "并发症": "由一种疾病引起的其他疾病或问题。",
    "禁忌证": "不能使用某种药物或治疗的情况，因为用了可能有危险。",
    "适应证": "适合使用某种药物或治疗的情况。",
    "荟萃分析": "把多项研究的结果放在一起分析的方法。",
    "随机对照试验": "把参加的人随机分成两组或多组、比较不同做法效果的研究。",
    "队列研究": "长期观察一群人，看哪些因素和疾病有关的研究。",
    "敏感性": "一项检查能把真正有病的人查出来的能力。",
    "特异性": "一项检查能把真正没病的人排除的能力。",
    "发病率": "一段时间内新得这种病的人所占的比例。",
    "患病率": "某个时间有这种病的人所占的比例。",
    "死亡率": "一段时间内因疾病去世的人所占的比例。",
    "循证": "根据研究证据来做决定。",
    "指征": "说明需要做某种检查或治疗的情况。",
    "鉴别诊断": "把症状相似的几种疾病区分开来。",
    "病因": "引起疾病的原因。",
    "病理": "疾病在身体里引起的变化。",
    "耐药": "药物对病菌或疾病的效果变差。",
    "疗程": "一次治疗需要持续的时间。",
    "风险分层": "按照得病或出问题的可能性大小把人分成几组。",
    "证据等级": "研究证据可靠程度的高低。",
    "一级预防": "在还没有得病的时候，预防疾病发生。",
    "二级预防": "已经得病以后，预防病情加重或再次发作。",
    "依从性": "是否按照医生的要求用药和复查。",
    "基线": "开始治疗以前的检查结果。",
    "收缩压": "心脏收缩时血管里的压力，也就是平时说的“高压”。",
    "舒张压": "心脏放松时血管里的压力，也就是平时说的“低压”。",
    "诊室血压": "在医院诊室里由医生或护士测量的血压。",
    "动态血压监测": "戴一个小血压计，在一整天里自动多次测量血压。",
    "家庭血压监测": "自己在家里用血压计测量血压。",
    "原发性高血压": "找不到其他疾病原因的高血压，大多数高血压属于这一种。",
    "继发性高血压": "由其他疾病（比如肾脏病）引起的高血压。",
    "妊娠期高血压": "怀孕期间出现的高血压。",
    "白大衣高血压": "在医院测量血压偏高，在家里测量却正常。",
    "隐蔽性高血压": "在医院测量血压正常，在家里测量却偏高。",
    "同型半胱氨酸": "血液里的一种物质，可以抽血检查。",
    "钠盐": "食盐，也就是平时做饭用的盐。",
    "空腹血糖": "至少8小时没有吃东西以后测的血糖。",
    "口服葡萄糖耐量试验": "先测一次血糖，喝下糖水以后再按时间测血糖，看身体处理糖的能力。",
    "OGTT": "口服葡萄糖耐量试验的英文缩写。",
    "糖化血红蛋白": "抽血检查的一项指标，反映最近2到3个月的平均血糖水平。",
    "HbA1c": "糖化血红蛋白的英文缩写，化验单上常这样写。",
    "低血糖": "血糖太低，可能出现心慌、出汗、手抖，严重时会昏迷。",
    "二甲双胍": "一种常用的口服降糖药。",
    "SGLT2抑制剂": "一类降糖药，让多余的糖从尿里排出去。",
    "GLP-1受体激动剂": "一类降糖药，大多是打针用的，也能帮助减轻体重。",
    "动脉粥样硬化性心血管疾病": "由血管里的斑块引起的心脏病和中风等疾病，比如冠心病。",
    "冠状动脉CT血管成像": "用CT检查给心脏的血管拍片子，看血管有没有变窄。",
    "糖代谢": "身体利用和处理糖的过程。",
    "有氧运动": "快走、慢跑、游泳、骑车这类持续一段时间、让人微微出汗的运动。",
    "妊娠期糖尿病": "怀孕期间出现的糖尿病。",
    "微血管并发症": "糖尿病损伤小血管引起的问题，比如眼睛、肾脏和神经的病变。",
    "视网膜病变": "眼底的病变，严重时会影响视力。",
    "糖尿病高危人群": "比一般人更容易得糖尿病的人，比如超重、有家族史的人。",
    "低密度脂蛋白胆固醇": "血脂化验的一项，常被叫作“坏胆固醇”，太高容易堵塞血管。",
    "LDL-C": "低密度脂蛋白胆固醇的英文缩写，化验单上常这样写。",
    "ASCVD": "动脉粥样硬化性心血管疾病的英文缩写。",
    "他汀类药物": "最常用的一类降血脂药，名字里常带“他汀”两个字。",
    "依折麦布": "一种减少肠道吸收胆固醇的降血脂药。",
    "胆固醇吸收抑制剂": "减少肠道吸收胆固醇的一类药物。",
    "肝酶": "反映肝脏是否受损的抽血化验指标。",
    "肌酸激酶": "反映肌肉是否受损的抽血化验指标。",
    "脂蛋白": "血液里运送脂肪和胆固醇的物质，可以抽血检查。",
    "家族性高胆固醇血症": "一种遗传病，从小就胆固醇很高。",
    "绝经": "女性月经永久停止。",
    "慢性阻塞性肺疾病": "一种长期的肺病，气道变窄，呼气费力，常见于长期吸烟的人。",
    "慢阻肺": "慢性阻塞性肺疾病的简称。",
    "肺功能检查": "用力对着仪器吹气，测量肺的通气能力。",
    "支气管扩张剂": "让气道放松、变宽的药物，多数是吸入用的。",
    "长效支气管扩张剂": "作用时间长、每天用1到2次的支气管扩张剂。",
    "吸入性糖皮质激素": "通过吸入器吸进肺里的激素类药物，可以减轻气道炎症。",
    "急性加重": "病情在短时间内明显变重，比如咳嗽、气短突然加重。",
    "肺炎球菌疫苗": "预防肺炎球菌引起的肺炎等感染的疫苗。",
    "嗜酸性粒细胞": "血液里的一种白细胞，可以抽血检查。",
    "肺康复": "在医护人员指导下进行的呼吸训练、运动锻炼和健康教育。",
    "动脉血氧分压": "动脉血里氧气的含量，需要抽动脉血检查。",
    "血氧饱和度": "血液带氧的程度，可以用夹在手指上的小仪器测量。",
    "长期氧疗": "每天长时间在家吸氧。",
    "氧疗": "用吸氧的方法治疗缺氧。",
    "支气管哮喘": "气道反复发炎、变窄的疾病，常有喘息。",
    "支气管扩张症": "支气管长期扩张变形、反复感染的疾病。",
    "急性缺血性脑卒中": "脑血管突然堵塞引起的中风。",
    "缺血性脑卒中": "脑血管堵塞引起的中风。",
    "出血性脑卒中": "脑血管破裂出血引起的中风。",
    "脑卒中": "也就是中风，是脑血管堵塞或破裂引起的疾病。",
    "短暂性脑缺血发作": "短时间的脑供血不足，症状很快消失，常被叫作“小中风”。",
    "静脉溶栓": "通过静脉输液用药，把堵住血管的血块溶开。",
    "动脉溶栓": "通过导管把药物直接送到堵塞的动脉，把血块溶开。",
    "溶栓": "用药物把堵住血管的血块溶开。",
    "阿替普酶": "一种溶栓药。",
    "大脑中动脉": "给大脑供血的一条主要血管。",
    "闭塞": "血管完全被堵住。",
    "抗血小板药物": "防止血液里形成血块的一类药物，比如阿司匹林。",
    "抗血小板治疗": "使用抗血小板药物的治疗。",
    "氯吡格雷": "一种抗血小板药。",
    "抗凝治疗": "使用让血液不容易凝固的药物的治疗。",
    "扩容治疗": "通过输液增加血管里血液量的治疗。",
    "神经保护药物": "希望保护脑细胞、减少脑损伤的一类药物。",
}.items()}

# Units and signs a patient meets in the numbers, explained where they appear.
UNITS: dict[str, str] = {
    "mmHg": "毫米汞柱，压力的单位，血压和血氧分压都用它。",
    "FEV1/FVC": "肺功能检查的一个比值：用力吹气时第1秒吹出的气量，占一口气全部吹出气量的多少。",
    "mmol/L": "毫摩尔每升，化验单上血糖、血脂的单位。",
    "mg/kg": "每千克体重用多少毫克药。",
    "mg/d": "每天用多少毫克药。",
    "μL": "微升，非常小的体积单位，用来表示血液中细胞的数量。",
    "≥": "大于或等于。",
    "≤": "小于或等于。",
    "<": "小于。",
    ">": "大于。",
}


# --- rewriting one statement ------------------------------------------------------------------

_NUMBER_PREFIX = re.compile(r"^\s*(?:推荐意见|推荐|建议)\s*\d+(?:\.\d+)*\s*[：:]\s*")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。；：、（）])\s+(?=[\u4e00-\u9fff，。；：、（）])")
_LAY = re.compile("|".join(re.escape(p) for p in sorted(LAY_TERMS, key=len, reverse=True)))

_WHO_NOUN = r"患者|病人|人群|成年人|成人|老年人|人|者"
_LEAD_IN = re.compile(rf"^(?:对于|对|针对)?(?P<who>[^，。；]{{1,60}}?)(?P<noun>{_WHO_NOUN})中?，")
_VERB_FIRST = re.compile(
    r"^(?P<neg>不)?(?:推荐|建议)对?(?P<who>[^，。；]{0,40}?)"
    r"(?P<noun>患者|人群|成年人|成人|老年人|女性|男性)(?![和及或、])(?P<rest>[^，。；]+)")
_SUBJECT_MODAL = re.compile(
    r"(?P<start>^|[，；])(?P<who>[^，。；]{0,40}?)(?P<noun>患者|人群|成年人|成人|者)"
    r"(?:应该|应|需要|需)(?=[\u4e00-\u9fff])")
_SUBJECT_OF = re.compile(r"^(?P<who>[^，。；]{1,20}?)患者的")
_NOT_ENOUGH = re.compile(r"^目前尚无充分证据支持(?P<what>.+?)。?$")
# A "who" that holds a verb is an object ("使用他汀类药物的患者" as what to treat), not the
# reader.
_OBJECT_VERBS = re.compile(r"使用|服用|进行|采用|给予|作为|将")
_MEASURE = re.compile(r"^(?:诊室血压|血压|收缩压|舒张压|空腹血糖|血糖|糖化血红蛋白|HbA1c|LDL-C"
                      r"|低密度脂蛋白胆固醇|年龄|体重)")
_WHEN = re.compile(r"^(?:发病|出院)")
_ACTS = re.compile(r"^(?:突然|出现|有|患有|过去|患病|症状|不能|不符合|使用|接受|吸烟|同时)")
_ADVICE_VERB = re.compile(
    r"(?P<neg>不)?建议(?!您)(?=做|进行|测|检查|使用|用|吃|接种|戒|减|增加|多|少|每|至少|定期|在|尽早"
    r"|尽快|采用|选用|开始|避免|控制|保持|复查|接受|去|拨打|口服|长期|常规|为|以)")
_ADVICE_MEASURE = re.compile(r"建议(?=糖化血红蛋白|血压|血糖|LDL-C|低密度脂蛋白胆固醇)")
_MODAL = re.compile(r"(?<![适反相对供效感响答理回])应(?![该当用对答急激有])")
_MAY = re.compile(r"可(?![以能靠见疑是否爱怕口乐])(?=[\u4e00-\u9fff])")


def _clean(text: str) -> str:
    """The statement without its number ("推荐意见3："), references and stray spaces."""
    text = _NUMBER_PREFIX.sub("", strip_references(text))
    text = _CJK_GAP.sub("", " ".join(text.split()))
    return text.strip().rstrip("。；;，,") + "。"


def _lay(text: str) -> str:
    text = _LAY.sub(lambda m: LAY_TERMS[m.group(0)][0], text)
    text = re.sub(r"推荐(?!意见)", "建议", text)
    text = re.sub(r"进行(?=\S)", "做", text)
    text = _MODAL.sub("应该", text)
    return _MAY.sub("可以", text)


def _reader(who: str, noun: str) -> str:
    """"如果您……，" for the population a statement addresses."""
    stem = who.removesuffix("的")
    if stem != who and _MEASURE.match(stem):
        return f"如果您的{stem}，"
    if stem != who and _WHEN.match(stem):
        return f"如果您在{stem}，"
    if noun == "者" or (stem != who and noun in ("人", "患者", "病人", "人群")):
        if "、" in stem and not _ACTS.match(stem):
            return f"如果您的情况符合：{stem}，"
        return f"如果您{stem}，"
    who = re.sub(r"和|及(?!以上|以下)", "或", who)
    if noun == "人群" and "者" not in who:
        return f"如果您属于{who}人群，"
    return f"如果您是{who}{noun}，"


def _qualifier(who: str) -> tuple[str, str]:
    """"所有" goes; "大多数" and "一般" become "一般来说，" after the condition."""
    for word in ("大多数", "一般"):
        if who.startswith(word):
            return who[len(word):], "一般来说，"
    return who.removeprefix("所有"), ""


def _address(text: str) -> str:
    """Turn the population the statement names into a condition on the reader."""
    m = _NOT_ENOUGH.match(text)
    if m:
        return f"目前证据不足，还不能确定是否应该{m.group('what')}。"
    m = _LEAD_IN.match(text)
    if m and "建议" not in m.group("who"):
        who, after = _qualifier(m.group("who"))
        text = _reader(who, m.group("noun")) + after + text[m.end():]
    else:
        m = _VERB_FIRST.match(text)
        if m and not _OBJECT_VERBS.search(m.group("who")):
            who, after = _qualifier(m.group("who"))
            neg = m.group("neg") or ""
            text = (f"{_reader(who, m.group('noun'))}{after}{neg}建议您{m.group('rest')}"
                    + text[m.end():])
        elif (m2 := _SUBJECT_OF.match(text)) is not None:
            text = f"如果您是{m2.group('who')}患者，您的" + text[m2.end():]
        elif text.startswith(("患者", "病人")):
            text = "您" + text[2:]
    text = _SUBJECT_MODAL.sub(_modal_subject, text)
    text = _ADVICE_VERB.sub(lambda m: f"{m.group('neg') or ''}建议您", text)
    text = _ADVICE_MEASURE.sub("建议您的", text)
    text = re.sub(r"(^|，)应该(?=按照|根据|严格)", r"\1医生应该", text)  # the care team's part
    if "您" not in text:
        text = re.sub(r"^([^，。]{2,12}后)应该", r"\1，您应该", text)
        text = re.sub(r"(^|，)应该", r"\1您应该", text, count=1)
    return text


def _modal_subject(m: re.Match[str]) -> str:
    if m.group("who").startswith("如果"):
        return m.group(0)
    lead = "" if m.group("start") == "" else "。"
    return f"{lead}{_reader(m.group('who'), m.group('noun'))}应该"


def _shorten(text: str) -> str:
    """One idea per sentence: "；" ends one, so does the comma before "并" or "需要时", and a
    long sentence is cut between clauses that stand alone."""
    text = text.replace("；", "。")
    text = re.sub(r"，并(?![发且])", "。还要", text)
    text = re.sub(r"，需要时，?", "。需要时，", text)
    text = re.sub(r"。如(?![果何下此同])", "。如果", text)
    text = re.sub(r"^如(?![果何下此同])", "如果", text)
    text = re.sub(r"，{2,}", "，", text).replace("，。", "。")
    text = re.sub(r"。{2,}", "。", text)
    return "".join(_split_long(s) for s in re.split(r"(?<=。)", text) if s)


LONG_SENTENCE = 24
# Words whose scope a split would cut: the negation, or the doubt, must stay with its clause.
_KEEP_WHOLE = re.compile(r"不建议|不推荐|避免|不要|不应|证据不足|不能确定|目前还不确定")
# Clause openings that lean on the clause before them.
_LEANS = re.compile(r"^(?:或|和|且|但|而|以|来|等|从而|以便|以及|甚至|包括|其中|尤其)")
_CONDITION = re.compile(r"^(?:如果|无论|一般来说|当|虽然|尽管|对于|对|除非|只要)"
                        r"|(?:时|后|前|期间|内|周|天|个月|年)$")  # "……时，" "……后4～8周，"


def _cjk(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def _split_long(sentence: str) -> str:
    """A long sentence ends at a comma between two clauses that stand alone: never after a
    condition ("如果……", "无论……"), never before a clause that leans on the one before."""
    if _cjk(sentence) <= LONG_SENTENCE or _KEEP_WHOLE.search(sentence):
        return sentence
    clauses = sentence.split("，")
    out = clauses[0]
    for before, clause in pairwise(clauses):
        stands = (_cjk(before) >= 8 and _cjk(clause) >= 6 and not _CONDITION.search(before)
                  and not _LEANS.match(clause))
        out += ("。" if stands else "，") + clause
    return out


def plain_chinese(text: str, level: int = 2) -> str:
    """A statement in plain Chinese: level 2 speaks to the reader, level 1 only swaps lay
    terms and shortens sentences, level 0 is the cleaned statement."""
    text = _clean(text)
    if level >= 1:
        text = _lay(text)
        if level >= 2:
            text = _address(text)
        text = _shorten(text)
    return text


def _faithful(source: str, text: str) -> bool:
    return not missing_numbers(source, text) and text_direction(text) == text_direction(source)


def _advice(rec: Recommendation) -> str:
    source = _clean(rec.text or rec.source_text)
    text = source
    for level in (2, 1):
        candidate = plain_chinese(source, level)
        if _faithful(source, candidate):
            text = candidate
            break
    said = text_direction(text)
    if rec.direction is Direction.AGAINST and said is not Direction.AGAINST:
        text = f"专家不建议：{text}"  # the label says "against", the words alone do not
    elif rec.direction is Direction.INSUFFICIENT and said is not Direction.INSUFFICIENT:
        if text.startswith("如果您") or re.search(r"不确定|好处和害处", text):
            text = f"目前证据不足。{text}"
        else:
            text = f"目前证据不足，还不能确定是否应该{text}"
    return text


# --- the sections -----------------------------------------------------------------------------

_ORDER = {Strength.STRONG: 0, Strength.MODERATE: 1, Strength.CONDITIONAL: 2,
          Strength.CONSENSUS: 3, Strength.UNGRADED: 4, Strength.INSUFFICIENT: 5}
_GROUPS = ((Direction.FOR, "建议您做的"), (Direction.AGAINST, "建议您不要做的"),
           (Direction.INSUFFICIENT, "目前证据不足、还没有结论的"))
_TARGET = re.compile(r"适用人群|目标人群|适用范围|适用对象|适用于")
_NOT_FOR = re.compile(r"不适用|不在.{0,12}范围|不包括|另见|见其他|另有|见专门")
_TOPICLESS = re.compile(r"推荐意见|推荐|^\d")


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[。！？])", re.sub(r"\s+", "", text))
    return [p for p in parts if re.search(r"[\u4e00-\u9fff]", p)]


def _target(guideline: ParsedGuideline) -> tuple[list[str], list[str]]:
    """Who the guideline is for and not for, in its own words made plain."""
    for section in guideline.sections:
        if not _TARGET.search(section.heading) or not section.text.strip():
            continue
        who: list[str] = []
        not_for: list[str] = []
        for sentence in _sentences(section.text):
            plain = _shorten(_lay(sentence.replace("本指南", "这份指南")
                                  .replace("本节", "这部分内容")))
            (not_for if _NOT_FOR.search(sentence) else who).append(plain)
        return who, not_for
    return [], []


def _summary(guideline: ParsedGuideline, recs: list[PvgRecommendation], who: list[str]) -> str:
    """At most 200 characters: what it is, for whom, how many pieces of advice, the first."""
    counts = {d: sum(1 for r in recs if r.direction is d) for d, _ in _GROUPS}
    said = "，".join(f"{n}条{word}" for n, word in (
        (counts[Direction.FOR], "建议做"), (counts[Direction.AGAINST], "建议不要做"),
        (counts[Direction.INSUFFICIENT], "目前证据不足")) if n)
    parts = [f"这份资料用简单的话介绍《{guideline.title}》的主要建议。"]
    if who:
        whom = re.sub(r"^这份指南(?:的适用人群为|适用于)|^这部分内容适用于", "", who[0])
        whom = whom.split("，")[0].rstrip("。")
        parts.append(f"它适合{whom}。")
    parts.append(f"指南共有{len(recs)}条建议：{said}。")
    strongest = [r for r in recs if r.direction is Direction.FOR
                 and r.strength_level is Strength.STRONG]
    if strongest:
        parts.append(f"例如：{_sentences(strongest[0].text)[0]}")
    summary = ""
    for part in parts:
        if len(summary + part) > MAX_SUMMARY_CHARS:
            break
        summary += part
    return summary


def _about(guideline: ParsedGuideline, who: list[str], not_for: list[str]) -> str:
    lines = [f"这是《{guideline.title}》的患者版。原来的指南是写给医生的。",
             "这份资料用简单的话说明指南的建议，以及专家的把握有多大。", "", "**适合谁：**", ""]
    lines += [f"- {w}" for w in who] or ["- 指南没有专门说明适用的人群。"]
    if not_for:
        lines += ["", "**不包括：**", ""] + [f"- {n}" for n in not_for]
    lines += ["", "如果您不确定这些建议是否适合您，请问您的医生。"]
    return "\n".join(lines)


def _key(guideline: ParsedGuideline, recs: list[PvgRecommendation]) -> str:
    """The advice grouped by what to do, strongest first."""
    blocks = ["每一条都写明专家建议什么，以及把握有多大。",
              "✔ 表示建议这样做，✖ 表示建议不要这样做，? 表示证据不足。✔✔ 和 ✖✖ 表示建议很强，"
              "✔? 表示要看您的情况和意愿。"]
    pairs = list(zip(guideline.recommendations, recs, strict=True))
    number = 0
    for direction, heading in _GROUPS:
        group = [(i, src, out) for i, (src, out) in enumerate(pairs)
                 if out.direction is direction]
        if not group:
            continue
        blocks.append(f"### {heading}")
        for _, src, out in sorted(group, key=lambda g: (_ORDER[g[2].strength_level], g[0])):
            number += 1
            topic = src.section or ""
            head = f"**第{number}条**" + (f"（{topic}）" if topic and not _TOPICLESS.search(topic)
                                        else "")
            body = [head, f"**建议强度：** {out.strength}"]
            if out.grade:
                body.append(f"**原文等级：** {out.grade}")
            body += [f"**怎么做：** {out.text}", f"**为什么：** {why_zh(src)}"]
            blocks.append("\n".join(body))
    return "\n\n".join(blocks)


def _consider(recs: list[PvgRecommendation]) -> str:
    lines = ["- 每种检查和治疗都有好处，也可能有风险。",
             "- 想一想什么对您最重要。您的医生可以帮您一起权衡。"]
    if any(r.strength.startswith("✔?") for r in recs):
        lines.append("- 标有“✔?”的建议，做不做要看您的情况和意愿，请和医生商量。")
    if any(r.direction is Direction.INSUFFICIENT for r in recs):
        lines.append("- 标有“?”的事情，目前研究还不够，专家没有给出明确的建议。")
    return "\n".join(lines)


def _questions(recs: list[PvgRecommendation]) -> str:
    qs = ["这些建议适合我吗？", "这样做对我有什么好处？可能有什么风险？",
          "如果我暂时不这样做，会怎么样？", "还有别的选择吗？"]
    if any(re.search(r"每年|每天|每周|个月|周内|复查|检查", r.text) for r in recs):
        qs.insert(2, "我需要多久检查或复查一次？")
    if any(re.search(r"药|治疗", r.text) for r in recs):
        qs.append("如果需要用药，要用多长时间？可能有什么副作用？")
    qs.append("我可以在哪里了解更多？")
    return "\n".join(f"- {q}" for q in qs)


def _defined_by_guideline(guideline: ParsedGuideline) -> dict[str, str]:
    """Abbreviations the guideline spells out itself: "慢性阻塞性肺疾病（慢阻肺）"."""
    text = "\n".join(s.text for s in guideline.sections)
    found: dict[str, str] = {}
    for m in re.finditer(r"（([A-Za-z][A-Za-z0-9\-]{1,9}|[\u4e00-\u9fff]{2,4})）", text):
        before = text[: m.start()]
        full = max((t for t in GLOSSARY if before.endswith(t) and t != m.group(1)),
                   key=len, default=None)
        if full:
            found.setdefault(m.group(1), full)
    return found


def _glossary(guideline: ParsedGuideline, texts: Iterable[str]) -> list[GlossaryEntry]:
    """Every medical term and unit left in the text, in the order a reader meets them."""
    text = "\n".join(texts)
    spelled_out = _defined_by_guideline(guideline)
    entries: dict[str, GlossaryEntry] = {}
    for term in medical_terms(text):
        if term in entries:
            continue
        meaning, source = GLOSSARY[term]
        if term in spelled_out:
            full = spelled_out[term]
            meaning = f"指南里“{full}”的简称。{GLOSSARY[full][0]}"
            source = _GUIDELINE
        entries[term] = GlossaryEntry(term=term, meaning=meaning, source=source)
    for unit, meaning in UNITS.items():
        if unit in text:
            entries.setdefault(unit, GlossaryEntry(term=unit, meaning=meaning, source=_PROJECT))
    return list(entries.values())


def _words(glossary: list[GlossaryEntry]) -> str:
    if not glossary:
        return "这份资料里没有需要特别解释的医学词语。"
    return "\n".join(f"- **{g.term}**：{g.meaning}" for g in glossary)


def generate_chinese(guideline: ParsedGuideline, name: str) -> PatientVersion:
    """The whole Chinese patient version, with its readability measured on the page."""
    recs = [
        PvgRecommendation(
            id=rec.id, text=_advice(rec), strength=strength_wording_zh(rec.direction, rec.strength),
            direction=rec.direction, source_text=rec.source_text, grade=rec.grade,
            strength_level=rec.strength)
        for rec in guideline.recommendations
    ]
    who, not_for = _target(guideline)
    about = _about(guideline, who, not_for)
    key = _key(guideline, recs)
    consider = _consider(recs)
    glossary = _glossary(guideline, [about, key, consider])
    summary = _summary(guideline, recs, who)
    pvg = PatientVersion(
        title=f"{guideline.title}：患者版",
        language="zh",
        summary=summary,
        sections=[
            PvgSection(heading=SUMMARY, body=summary),
            PvgSection(heading=ABOUT, body=about),
            PvgSection(heading=KEY, body=key),
            PvgSection(heading=CONSIDER, body=consider),
            PvgSection(heading=QUESTIONS, body=_questions(recs)),
            PvgSection(heading=WORDS, body=_words(glossary)),
            PvgSection(heading=NOTE, body=DISCLAIMER_ZH),
        ],
        recommendations=recs,
        glossary=glossary,
        generator=name,
    )
    from domain.generation import render_text  # generation dispatches here: import at use

    pvg.chinese_readability = score_chinese(render_text(pvg))  # as quality control does
    return pvg
