"""Offline readability measures: Flesch-Kincaid grade, SMOG, Flesch Reading Ease, and a
separate set of measures for Chinese.

Nothing is downloaded at run time, so syllables come from a heuristic (vowel groups with
corrections for silent and split vowels) plus a small table of words it gets wrong. The
heuristic is within one syllable of a dictionary for almost all words, which is what the
formulas tolerate. Markdown markup is stripped first, and each line (heading, bullet) ends a
sentence, as a reader perceives it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from domain.model import ChineseReadability, Readability

__all__ = [
    "ChineseReadability",
    "count_syllables",
    "is_chinese",
    "score",
    "score_chinese",
    "sentences",
    "strip_markdown",
    "words",
]

# Words the heuristic miscounts; also fixes common medical words.
_EXCEPTIONS: dict[str, int] = {
    "the": 1, "every": 2, "everyone": 3, "different": 3, "evening": 2, "business": 2,
    "family": 3, "several": 3, "interest": 3, "average": 3, "general": 3, "natural": 3,
    "people": 2, "area": 3, "idea": 3, "real": 1, "being": 2, "doing": 2, "going": 2,
    "create": 2, "science": 2, "quiet": 2, "diet": 2, "via": 2, "video": 3, "radio": 3,
    "poem": 2, "lion": 2, "ion": 2, "violence": 3, "diabetes": 4, "anemia": 4,
    "pneumonia": 4, "insomnia": 4, "hernia": 3, "leukemia": 4, "mania": 3, "media": 3,
    "bacteria": 4, "criteria": 4, "dementia": 3, "sepsis": 2, "cancer": 2, "aspirin": 3,
    "vaccine": 2, "vaccines": 2, "medicine": 3, "medicines": 3, "pregnancy": 3,
    "preeclampsia": 4, "mammogram": 3, "mammography": 4, "biopsy": 3, "therapy": 3,
    "surgery": 3, "chlamydia": 4, "gonorrhea": 4, "syphilis": 3, "hepatitis": 4,
    "tuberculosis": 6, "biennial": 4, "biennially": 5,
    "osteoporosis": 6, "scoliosis": 4, "glaucoma": 3, "fibromyalgia": 5,
    "opioid": 3, "opioids": 3, "naloxone": 3, "someone": 2, "somewhere": 2, "sometimes": 2,
    "something": 2, "likely": 2, "lovely": 2, "lives": 1, "little": 2, "whole": 1,
    "once": 1, "one": 1, "ones": 1, "done": 1, "gone": 1, "none": 1, "whose": 1, "where": 1,
    "there": 1, "here": 1, "were": 1, "are": 1, "fire": 1, "hour": 1, "hours": 1,
    "our": 1, "sure": 1, "ask": 1, "asked": 1, "used": 1, "uses": 2, "based": 1,
    "cases": 2, "makes": 1, "takes": 1, "changes": 2, "advised": 2, "caused": 1,
    "increased": 2, "decreased": 2, "named": 1, "aged": 1, "ages": 2, "years": 1,
    "create's": 2, "mr": 2, "mrs": 2, "dr": 2, "ok": 2, "tv": 2, "usa": 3, "covid": 2,
    "rhythm": 2, "prism": 2, "wednesday": 2, "clothes": 1, "table": 2, "able": 2,
    "guideline": 2, "guidelines": 2, "baseline": 2, "lifestyle": 2, "someone's": 2,
    "likelihood": 3, "immediately": 5, "adequately": 4, "management": 3, "statement": 2,
    "statements": 2, "requirements": 3, "improvement": 3, "movement": 2,
    "possible": 3, "simple": 2, "middle": 2, "single": 2, "couple": 2, "trouble": 2,
}

_VOWELS = re.compile(r"[aeiouy]+")
_SPLIT_DIPHTHONG = re.compile(r"(?:ia|io(?!u)|iu|eo|ua|uo|ii|ea(?=l$)|ie(?=t))")


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Syllables in an English word, at least 1 for anything containing a letter or digit.

    Heuristic: count groups of vowels (``y`` counts as a vowel after the first letter), then
    subtract a silent final ``e`` (but not ``-le`` after a consonant, nor ``-ee``), subtract
    silent ``-es``/``-ed`` endings after most consonants, and add one for vowel pairs that are
    usually split (``ia``, ``io``, ``eo``, ``ua``...). Numbers count as one syllable per
    token; the exception table covers frequent words the rules get wrong.
    """
    w = word.lower().strip(".,;:!?\"'()[]{}")
    w = w.replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if not w:
        return 0
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    letters = re.sub(r"[^a-z]", "", w)
    if not letters:
        return 1 if re.search(r"\d", w) else 0
    if "-" in w:
        return sum(max(1, count_syllables(p)) for p in w.split("-") if re.search("[a-z]", p))
    if len(letters) <= 3:
        return 1
    if letters.isupper() or not re.search("[aeiouy]", letters):
        return max(1, len(letters))  # an acronym is spelled out letter by letter
    core = letters[0] + letters[1:]
    groups = _VOWELS.findall(core if core[0] != "y" else core[1:])
    count = len(groups)
    count += len(_SPLIT_DIPHTHONG.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif letters.endswith("le") and len(letters) > 2 and letters[-3] in "aeiouy" and count > 1:
        count -= 1  # "whale", "pale"
    if re.search(r"[^aeiouytd]ed$", letters) and count > 1:
        count -= 1  # "helped", "screened"; but "needed", "wanted" keep the syllable
    elif re.search(r"[^aeiouyscxzgh]es$", letters) and count > 1:
        count -= 1  # "takes", "homes"; but "boxes", "changes" keep it
    # A silent "e" before a suffix: "safely", "management", "useful", "lateness".
    count -= len(re.findall(r"[^aeiouy]e(?:ly|ment|ments|ful|ness|less)$", letters))
    if re.search(r"(?:tion|sion|cian|tial|cial|gious|cious|tious)", letters):
        # These spellings are one syllable, but the split-pair rule counted two.
        count -= len(re.findall(r"(?:tion|sion|cian|tial|cial|gious|cious|tious)", letters))
    return max(1, count)


_ABBREVIATIONS = (
    "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "no", "fig", "al", "approx", "st",
    "u.s", "inc", "jr", "sr", "ca", "cf",
)
_SENTENCE_END = re.compile(
    r"([.!?])(?:[\"'\u201d\u2019)\]]*)(\s+)(?=[\"'\u201c(\[]?[A-Z0-9\u2022-])"
)
_MARKUP = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE), ""),
    (re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)]|[a-z][.)])\s+", re.MULTILINE), ""),
    (re.compile(r"^\s*>\s?", re.MULTILINE), ""),
    (re.compile(r"\\\*"), "\x00"),
    (re.compile(r"\\([_\[\]()#])"), r"\1"),
    (re.compile(r"(\*\*|__|\*|`)"), ""),
    (re.compile("\x00"), "*"),
    (re.compile(r"\s*\|\s*"), ". "),
]


def strip_markdown(text: str) -> str:
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    return text


def sentences(text: str) -> list[str]:
    """Split text into sentences; every line break that ends a line of text ends one too."""
    out: list[str] = []
    for line in strip_markdown(text).split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(line):
            before = line[start : m.start(1)]
            last = before.rsplit(None, 1)[-1].lower().lstrip("([{\"'") if before.split() else ""
            if m.group(1) == "." and (last.rstrip(".") in _ABBREVIATIONS or len(last) == 1):
                continue
            piece = line[start : m.end(1)].strip()
            if piece:
                out.append(piece)
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return [s for s in out if _WORD.search(s)]


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019\-]*")


def words(text: str) -> list[str]:
    """Word tokens: runs of letters/digits (hyphenated words and numbers count as one)."""
    return _WORD.findall(text)  # every match starts with a letter or digit


def score(text: str) -> Readability:
    """FKGL, SMOG and FRE of English text, with the formulas of patient-versions.md."""
    sents = sentences(text)
    toks = [w for s in sents for w in words(s)]
    n_sent = max(1, len(sents))
    n_words = max(1, len(toks))
    syll = [count_syllables(w) for w in toks]
    n_syll = sum(syll)
    poly = sum(1 for s in syll if s >= 3)
    wps = n_words / n_sent
    spw = n_syll / n_words
    fkgl = 0.39 * wps + 11.8 * spw - 15.59
    fre = 206.835 - 1.015 * wps - 84.6 * spw
    smog = 1.0430 * math.sqrt(poly * 30 / n_sent) + 3.1291
    return Readability(fkgl=round(fkgl, 2), smog=round(smog, 2), fre=round(fre, 2))


# --- Chinese -------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ZH_SENT_END = re.compile(r"[。！？；!?;]+|\n+")

# The most frequent characters of modern Chinese (roughly the top few hundred, which cover
# about 80% of running text); characters outside this set count as uncommon.
_COMMON_ZH = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部"
    "其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又"
    "关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯"
    "月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入"
    "几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管"
    "期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像"
    "难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今"
    "切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令"
    "准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚"
    "请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早"
    "曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽"
    "推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴"
    "例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻"
    "父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普"
    "怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险"
    "待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策"
    "演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压"
    "银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛"
    "托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮"
    "露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋"
    "画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸"
    "予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒"
    "烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇"
    "肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸"
    "扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸"
    "毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊"
    "吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订"
    "彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜"
    "巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾"
    "牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮"
    "粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍"
    "码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬"
    "蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉"
    "蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘"
    "键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜"
    "豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦"
    "殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏"
    "狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋"
    "丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭韦悟聪雾锋梯猫祥阔誉筹丛牵鸣"
    "沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦"
    "纠钻晶岂峡苍喷耗凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒"
    "慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削岗晃吞宏癌肚隶履涨耀扭坛"
    "拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址"
    "庞耕锐缝悔邀玲惟斥宅添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬"
    "屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌溜鸿爵鹏鹰笼丘桂滋聊"
    "挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮"
    "逆脆喘罩卜炉柴愉绳胎蓄眠竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩"
    "遂狭肖甜霞驳裕顽於摘矮秒卿畜咽披辅勾盆疆赌塑畏吵囊嗯泊肺骤缠冈羞瞪吊贾漏斑涛悠鹿俘锡"
    "卑葬铭滩嫁催璇翅盒蛮矣潘歧赐鲍锅廊拆灌勉盲宰佐啥胀扯禧辽抹筒棋裤唉朴咐孕誓喉妄拘链驰"
    "栏逝窃艳臭纤玑棵趁匠盈翁愁瞬婴孝颈倘浙谅蔽畅赠妮莎尉冻跪闯葡後厨鸭颠遮谊圳吁仑辟瘤嫂"
    "陀框谭亨钦庸歉芝吼甫衫摊宴嘱衷娇陕矩浦讶耸裸碧摧薪淋耻胶屠鹅饥盼脖虹翠崩账萍逢赚撑翔"
    "倡绵猴枯巫昭怔渊凑溪蠢禅阐旺寓藤匪伞碑挪琼脂谎慨菩萄狮掘抄岭晕逮砍掏狄晰罕挽脾舟痴蔡"
    "剪脊弓懒叉拐喃僚捐姊骚拓歪粘柄坑陌窄湘兆崖骄刹鞭芒筋聘钩棍嚷腺弦焰耍俯厘愣厦恳饶钉寡"
    "憾摔叠惹喻谱愧煌徽溶坠煞巾滥洒堵瓷咒姨棒郡浴媚稣淮哎屁漆淫巢吩撰啸滞玫硕钓蝶膝姚茂躯"
    "吏猿寨恕渠戚辰舶颁惶狐讽笨袍嘲啡泼衔倦涵雀旬僵撕肢垄夷逸茅侨舆窑涅蒲谦杭噢弊勋刮郊凄"
    "捧浸砖鼎篮蒸饼亩肾陡爪兔殷贞荐哑炭坟眨搏咳拢舅昧擅爽咖搁禄雌哨巩绢螺裹昔轩谬谍龟媳姜"
    "瞎冤鸦蓬巷琳栽沾诈斋瞒彪厄咨纺罐桶壤糕颂膨谐垒咕隙辣绑宠嘿兑霉挫稽辐乞纱裙嘻哇绣杖塘"
    "衍轴攀膊譬斌祈踢肆坎轿棚泣屡躁邱凰溢椎砸趟帘帆栖窜丸斩堤塌贩厢掀喀乖谜捏阎滨虏匙芦苹"
    "卸沼钥株祷剖熙哗劈怯棠胳桩瑰娱娶沫嗓蹲焚淘嫩韵衬匈钧竖峻豹捞菊鄙魄兜哄颖镑屑蚁壶怡渗"
    "秃迦旱哟咸焉谴宛稻铸锻伽詹毙恍贬烛骇芯汁桓坊驴朽靖佣汝碌迄冀荆崔雁绅珊榜诵傍彦醇笛禽"
    "勿娟瞄幢寇睹贿踩霆呜拱妃蔑谕缚诡篷淹腕煮倩卒勘馨逗甸贱炒灿敞蜡囚栗辜垫妒魁谣寞蜀甩涯"
    "枕丐泳奎泌逾叮黛燥掷藉枢憎鲸弘倚侮藩拂鹤蚀浆芙垃烤晒霜剿蕴圾绸屿氢驼妆捆铅逛淑榴丙痒"
    "钞蹄犬躬昼藻蛛褐颊奠募耽蹈陋侣魅岚侄虐堕陛莹荫狡阀绞膏垮茎缅喇绒搅凳梭丫姬诏钮棺耿缔"
    "懈嫉灶匀嗣鸽澡凿纬沸畴刃遏烁嗅叭熬瞥骸奢拙栋毯桐砂莽泻坪梳杉晤稚蔬蝇捣顷麽尴镖诧尬硫"
    "嚼羡沦沪旷彬芽狸冥碳咧惕暑咯萝汹腥窥俺潭崎麟捡拯厥澄萎哉涡滔暇溯鳞酿茵愕瞅暮衙诫斧兮"
    "焕棕佑嘶妓喧蓉删樱伺嗡娥梢坝蚕敷澜杏绥冶庇挠搂倏聂婉噪稼鳍菱盏匿吱寝揽髓秉哺矢啪帜邵"
    "嗽挟缸揉腻驯缆晌瘫贮觅朦僻隋蔓咋嵌虔畔琐碟涩胧嘟蹦冢浏裔襟叨诀旭虾簿啤擒枣嘎苑牟呕骆"
    "凸熄兀喔裳凹赎屯膛浇灼裘砰棘橡碱聋姥瑜毋娅沮萌俏黯撇粟粪尹苟癫蚂禹廖俭帖煎缕窦簇棱叩"
    "呐瑶墅莺烫蛙歹伶葱哮眩坤廓讳啼乍瓣矫跋枉梗厕琢讥釉窟敛轼庐胚呻绰扼懿炯竿慷虞锤栓桨蚊"
    "磅孽惭戳禀鄂馈垣溅咚钙礁彰豁眯磷雯墟迂瞻颅琉悼蝴拣渺眷悯汰慑婶斐嘘镶炕宦趴绷窘襄珀嚣"
    "拚酌浊毓撼嗜扛峭磕翘槽淌栅颓熏瑛颐忖"
)
# A few words a patient rarely knows; their density marks a jargon-heavy Chinese text.
_ZH_JARGON = (
    "病因", "病理", "预后", "并发症", "禁忌", "适应证", "适应症", "循证", "荟萃", "随机对照",
    "敏感性", "特异性", "发病率", "患病率", "死亡率", "干预", "药代", "耐药", "剂量", "疗程",
    "指征", "鉴别诊断", "临床", "筛查", "随访", "无症状", "评估", "风险分层", "证据等级",
)


def is_chinese(text: str, threshold: float = 0.3) -> bool:
    """True when CJK characters make up most of the letters of ``text``."""
    sample = text[:50000]
    cjk = len(_CJK.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    return cjk > 0 and cjk / max(1, cjk + latin) >= threshold


def score_chinese(text: str) -> ChineseReadability:
    text = strip_markdown(text)
    sents = [s for s in _ZH_SENT_END.split(text) if _CJK.search(s)]
    chars = _CJK.findall(text)
    n_chars = max(1, len(chars))
    avg = sum(len(_CJK.findall(s)) for s in sents) / max(1, len(sents))
    uncommon = sum(1 for c in chars if c not in _COMMON_ZH) / n_chars
    jargon = sum(text.count(term) for term in _ZH_JARGON) * 100 / n_chars
    return ChineseReadability(
        avg_sentence_chars=round(avg, 2),
        uncommon_char_share=round(uncommon, 3),
        jargon_per_100_chars=round(jargon, 2),
    )
