"""Reports built from parts, as the tests need them: a head of any form, a body of four parts numbered in
any of the styles real reports use. Every text is a complete, compliant report unless told otherwise."""

ADDRESSEES = ["", "市人民政府：", "中共某州委、某州人民政府：", "区委、区政府：", "市委全面依法治市委员会办公室："]
PAGE_LINES = [
    "来源：某区司法局　　时间：{p}-03-12 10:21:33",
    "发布日期：{p}-03-12",
    "浏览次数：1287",
    "字号：大 中 小",
    "分享到：微信 微博",
    "【打印】【关闭】",
]
TITLES = [
    "关于{y}年法治政府建设情况的报告",
    "某区{y}年度法治政府建设工作报告",
    "某区人民政府法治政府建设情况报告（{y}年度）",
    "某市{y}年法治政府建设情况",
    "[某政发〔{p}〕7号]某区人民政府关于{y}年法治政府建设情况的报告",
    "某 区 {y} 年 度 法 治 政 府 建 设 工 作 报 告",
    "某区司法局法治政府建设工作报告",  # no year: it is stated elsewhere
    None,  # no title at all
]
CITED = "认真贯彻《法治政府建设实施纲要（2021—2025年）》和《某省{p}年依法行政工作要点》，"


def report(year, *, title, addressee="", page=(), formula="end", opening_year=False, plan=None, cited=False):
    """A complete report of ``year``: its head as drawn, then four parts; the plan for ``plan`` (the
    year after, unless given). ``formula``: where 现将……Y年度……报告如下 stands (end of the opening
    paragraph, a line of its own, after a 根据《…》要求, or nowhere)."""
    p = year + 1
    plan = p if plan is None else plan
    head = []
    if title is not None:
        head.append(title.format(y=year, p=p))
    head += [line.format(p=p) for line in page]
    if addressee:
        head.append(addressee)
    first = f"{year}年，区政府" if opening_year else "一年来，区政府"
    opening = first + "在市委、市政府的坚强领导下，" + (CITED.format(p=p) if cited else "") + "扎实推进法治政府建设。"
    sentence = f"现将{year}年度法治政府建设情况报告如下："
    if formula == "end":
        opening += sentence
    elif formula == "line":
        opening += "\n" + sentence
    elif formula == "basis":
        opening += "\n根据《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）要求，" + sentence
    body = [
        "一、推进法治政府建设的主要举措和成效",
        "审查规范性文件12件，办理行政复议案件30件，开展普法宣传活动40场。",
        "二、存在的不足和原因",
        "一是行政执法力量不足，原因是编制紧张；二是普法针对性不强，原因是调研不够。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "区政府主要负责人认真履行第一责任人职责，专题研究法治工作4次。",
        f"四、{plan}年推进法治政府建设的工作安排",
        "一是深化依法行政；二是加强行政执法监督。",
        "某区人民政府",
        f"{p}年2月14日",
    ]
    return "\n".join([*head, opening, *body]) + "\n"


# The body of a report as parts and their thematic sub-parts, for the numbering styles.
PARTS = [
    (
        "推进法治政府建设的主要举措和成效",
        [
            ("健全依法决策机制", "审查规范性文件12件，办理行政复议案件30件。"),
            ("严格规范公正文明执法", "开展行政执法案卷评查2次，评查案卷80卷。"),
            ("深化普法宣传教育", "开展普法宣传活动40场，发放资料1.2万份。"),
        ],
    ),
    (
        "存在的不足和原因",
        [("", "一是行政执法力量不足，基层执法队伍专业人员偏少，原因是编制紧张；二是普法针对性不强，原因是调研不够。")],
    ),
    (
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        [("", "区政府主要负责人认真履行推进法治建设第一责任人职责，专题研究法治工作4次，带头述法。")],
    ),
    (
        "{plan}年推进法治政府建设的工作安排",
        [("", "一是深化依法行政，健全重大行政决策程序；二是加强行政执法监督，提升执法规范化水平。")],
    ),
]
CN = "一二三四五六七八九十"
STYLES = {
    # name: (level-1 marker, level-2 marker); None: no marker (lost)
    "gbt9704": ("{cn}、", "（{cn}）"),
    "arabic_dot": ("{n}.", "（{cn}）"),
    "arabic_comma": ("{n}、", "（{cn}）"),
    "arabic_fullwidth": ("{n}．", "（{cn}）"),
    "roman": ("{roman}、", "（{cn}）"),
    "bracketed": ("【{cn}、", "（{cn}）"),
    "bold": ("**{cn}、", "（{cn}）"),
    "lost_level1": (None, "（{cn}）"),
}
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"


def numbered(year: int, style: str, plan: int | None = None, opening: str = "") -> tuple[str, list[int]]:
    """A report of ``year`` whose parts are numbered in ``style``; and the lines of its four parts."""
    plan = year + 1 if plan is None else plan
    top, sub = STYLES[style]
    lines = [
        f"关于{year}年法治政府建设情况的报告",
        opening or f"{year}年，区政府扎实推进法治政府建设，依法行政水平不断提高。",
    ]
    heads = []
    for k, (heading, subs) in enumerate(PARTS):
        heading = heading.format(plan=plan)
        marker = top.format(cn=CN[k], n=k + 1, roman=ROMAN[k]) if top else ""
        closing = "**" if style == "bold" else "】" if style == "bracketed" else ""
        lines.append(marker + heading + closing)
        heads.append(len(lines))
        for j, (title, body) in enumerate(subs):
            if title:
                lines.append(sub.format(cn=CN[j]) + title)
            lines.append(body)
    lines += ["某区人民政府", f"{year + 1}年2月14日"]
    return "\n".join(lines) + "\n", heads
