"""What the command line says to a person, in Chinese (the default) and in English (``--lang en``): one
table of templates with named placeholders, looked up by a stable key. Codes, rule names, option names,
format names and JSON keys are never translated."""

from __future__ import annotations

LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # refusals (exit 2)
    "no-path": ("没有给出要检查的文件或文件夹（例如：fazhi-check 报告/）", "no PATH given (try: fazhi-check reports/)"),
    "nothing-to-check": ("未找到可检查的文件：{paths}（支持 {suffixes}）", "no file to check in {paths} ({suffixes})"),
    "output-is-input": (
        "输出文件 {output} 也是要检查的文件，不会覆盖它；请换一个 -o 文件名",
        "the output {output} is one of the inputs; it is not overwritten: choose another -o name",
    ),
    "unknown-encoding": ("不认识的编码名称：{name}（可用 gb18030、big5、utf-8 等）", "unknown encoding '{name}'"),
    "no-rule": ("没有编号或名称为 {code} 的规则（见 --list-rules）", "no rule '{code}' (see --list-rules)"),
    "selection": (
        "没有与 {selector} 相符的规则{suggestion}（见 --list-rules）",
        "no rule matches '{selector}'{suggestion_en} (see --list-rules)",
    ),
    "fix-needs-files": (
        "--fix、--diff 和 --annotate 只能用于文件，不能用于标准输入",
        "--fix, --diff and --annotate need files, not standard input",
    ),
    "annotate.not-folder": ("--annotate {folder}：这不是文件夹", "--annotate {folder}: not a folder"),
    "annotate.holds-input": (
        "--annotate {folder}：该文件夹里有要检查的文件（{path}），审阅副本可能覆盖它；请另选一个文件夹",
        "--annotate {folder}: the folder holds an input ({path}); choose another folder",
    ),
    "fix-and-diff": (
        "--fix 与 --diff 不能同时使用：--diff 只显示修改而不写入，--fix 直接改写文件",
        "--fix and --diff cannot be used together: --diff shows the changes and writes nothing, --fix writes them",
    ),
    "format-not-for": (
        "{option} 不支持 --format {format}（可用：{formats}）",
        "{option} does not support --format {format} (use: {formats})",
    ),
    "data-file": ("{label} {path}：{where}：{message}", "{label} {path}: at {where}: {message}"),
    "label.config": ("配置文件有误", "bad configuration"),
    "label.waivers": ("豁免清单有误", "bad waiver file"),
    "label.rules": ("规则文件有误", "bad rule file"),
    "label.file": ("文件有误", "bad file"),
    # the command line itself
    "usage": ("用法：", "usage: "),
    "arguments": ("参数", "arguments"),
    "options": ("选项", "options"),
    "unknown-option": ("不认识的选项或参数：{options}（见 --help）", "unrecognised arguments: {options} (see --help)"),
    "needs-value": ("选项 {option} 后面需要一个值（见 --help）", "option {option} needs a value (see --help)"),
    "takes-no-value": ("选项 {option} 不带值（见 --help）", "option {option} takes no value (see --help)"),
    "bad-value": ("选项 {option}：{problem}", "option {option}: {problem}"),
    "bad-arguments": ("命令行有误（{detail}）；见 --help", "bad command line ({detail}); see --help"),
    "value.format": ("不支持的格式“{value}”，可用：{choices}", "no format '{value}'; use one of {choices}"),
    "value.lang": ("不支持的语言“{value}”，可用：zh、en", "no language '{value}'; use zh or en"),
    "value.size": ("“{value}”不是以 MB 计的大小", "not a size in MB: '{value}'"),
    "value.seconds": ("“{value}”不是秒数", "not a number of seconds: '{value}'"),
    "value.jobs": ("“{value}”不是进程数", "not a number of processes: '{value}'"),
    "value.date": (
        "“{value}”不是有效的日期（应为 YYYY-MM-DD，如 2025-03-31）",
        "not a valid date in YYYY-MM-DD form: '{value}'",
    ),
    "value.year": (
        "“{value}”不是报告年度：应为 {low}—{high} 之间的四位年份",
        "not a report year: '{value}' (four digits, {low} to {high})",
    ),
    # notes on standard error
    "strict-fails": (
        "没有错误，但有警告：按 --strict 警告也算不通过（退出码 1）",
        "no errors, but warnings: with --strict they fail the run (exit 1)",
    ),
    "test-rules": (
        "共 {rules} 条规则、{examples} 个示例：{wrong} 个不符合预期",
        "{rules} rule(s), {examples} example(s): {wrong} do not behave",
    ),
    "waivers-added": ("已向 {path} 写入 {count} 条豁免", "{count} waiver(s) added to {path}"),
    # what goes wrong inside
    "internal": (
        "内部错误（{error}）；这不是报告的问题，请加 --debug 重新运行，并把输出告知维护者",
        "internal error ({error}); not a problem of the report: run again with --debug and report the output",
    ),
    "interrupted": ("已中断", "interrupted"),
    # --help
    "serve.description": (
        "在浏览器中检查报告的网页服务（也提供供程序调用的接口）",
        "a web page (and JSON service) that checks reports in the browser",
    ),
    "serve.host": (
        "监听的地址（默认 127.0.0.1：仅本机可访问）",
        "address to listen on (default 127.0.0.1: this machine only)",
    ),
    "serve.port": ("端口（默认 8000；0 表示任选一个空闲端口）", "port (default 8000; 0 picks a free one)"),
    "serve.config": (
        "所有上传文件使用的配置文件（默认：启动服务的文件夹中的 .fazhi-check.yaml）",
        "the configuration for every upload (default: the .fazhi-check.yaml of the folder the service starts in)",
    ),
    "serve.workers": (
        "检查上传文件的进程数（默认：每个核一个，至少 2 个）",
        "processes that check uploads (default: one per core, at least 2)",
    ),
    "serve.token": (
        "每个请求都须携带的访问口令（更好的做法：设置环境变量 {variable}，它不会出现在进程列表中）",
        "an access token that every request must carry (better: set {variable}, which ps does not show)",
    ),
    "serve.max_upload": ("单个请求的最大大小（默认 100 MB）", "largest request (default 100 MB)"),
    "serve.max_files": (
        "每个请求检查的文件数上限，含压缩包中的文件（默认 100）",
        "files checked per request, members of a .zip included (default 100)",
    ),
    "serve.max_size": (
        "单个文件的最大大小；更大的文件报告为无法读取（FZ001），与命令行相同（默认 50 MB）",
        "largest file; a larger one is a finding (FZ001), as for the command line (default 50 MB)",
    ),
    "serve.needs-extra": (
        "serve 需要可选组件（缺少 {name}），请先安装：{command}",
        "serve needs an optional component (missing {name}): {command}",
    ),
    "serve.open-without-token": (
        "警告：服务对其他计算机开放（{host}）却未设访问口令；建议设置 {variable}",
        "warning: the service is open to other machines ({host}) without an access token; set {variable}",
    ),
    "serve.bad-config": ("{problem}", "{problem}"),
    "serve.starting": (
        "检查服务正在启动，启动后请在浏览器中打开下面的地址（按 {stop} 停止）",
        "the service is starting: open the address below in a browser ({stop} stops it)",
    ),
    "help.description": (
        "检查法治政府建设年度报告是否符合规定，逐条给出问题及其位置。",
        "Checks 法治政府建设 annual reports against the rules that govern them.",
    ),
    "help.epilog": (
        "退出码：0 没有错误；1 有错误（--strict：警告也算）；2 用法或配置有误；3 内部错误；130 已中断。"
        "在浏览器中检查：fazhi-check serve（见 fazhi-check serve --help）。",
        "Exit status: 0 no error; 1 errors (--strict: warnings too); 2 usage or configuration; 3 internal error; "
        "130 interrupted. To check in a browser: fazhi-check serve (see fazhi-check serve --help).",
    ),
    "help.paths": ("要检查的文件或文件夹；- 表示标准输入", "files or folders; - reads standard input"),
    "help.help": ("显示本帮助并退出", "show this help and exit"),
    "help.version": ("显示版本并退出", "show the version and exit"),
    "help.format": (
        "输出格式：text（默认）、json、sarif、github（GitHub 注释）、summary（每个文件一行）、csv、"
        "html（带结论的单个网页，配合 -o）",
        "text (default), json, sarif, github (Actions annotations), summary (one row per file), csv, "
        "html (one self-contained page with a verdict; use -o)",
    ),
    "help.outline": (
        "显示工具所理解的报告结构（标题、年度、各部分）",
        "print the outline as fazhi-check understood it",
    ),
    "help.statistics": ("只显示每条规则命中的次数", "print how often each rule fired instead of findings"),
    "help.show_info": (
        "逐条列出每一条提示（默认同一文件中同一规则的提示合并为一行）",
        "list every info finding (by default a rule's info findings in a file are one line)",
    ),
    "help.select": (
        "只运行这些规则：编号、编号前缀、名称或分组（如 FZ2、FZ201、plan-year）",
        "replace the default rules: codes, prefixes, names, groups",
    ),
    "help.extend_select": ("在默认规则之外再运行这些规则", "add rules to the selection"),
    "help.ignore": ("不运行这些规则（FZ001 不能忽略）", "leave rules out (FZ001 cannot be)"),
    "help.encoding": ("按此编码读取文本文件，不自动识别（如 big5）", "read text files in this encoding (e.g. big5)"),
    "help.exclude": ("跳过与此通配符相符的文件和文件夹", "skip files and folders matching GLOB"),
    "help.stdin_filename": (
        "标准输入显示的文件名（其后缀决定格式）",
        "the name shown for - (its suffix tells the format)",
    ),
    "help.max_size": (
        "大于此大小的文件不检查，报告为无法读取（FZ001；默认 50 MB）",
        "larger files are not checked but reported as unreadable (FZ001; default 50 MB)",
    ),
    "help.timeout": (
        "每个文件的处理时限（默认 {seconds:g} 秒；0 表示不限），超时的文件记为 FZ001",
        "each file's time budget (default {seconds:g} s; 0: none); past it the file gets FZ001",
    ),
    "help.max_memory": (
        "每个文件的内存上限（默认 {megabytes} MB；0 表示不限），超出的文件记为 FZ001",
        "each file's memory budget (default {megabytes} MB; 0: none); past it the file gets FZ001",
    ),
    "help.debug": ("内部错误时显示详细的调用栈", "show the traceback of an internal error"),
    "help.rules": ("另加一个规则包（存放 YAML 规则文件的文件夹）", "an extra rule pack (a folder of YAML rule files)"),
    "help.year": ("指定报告年度（四位年份），不按正文判断", "the report year, overriding what the text says"),
    "help.published": ("报告公开的日期（FZ208 检查）", "the date the report was made public (FZ208)"),
    "help.lang": ("提示信息的语言：zh（中文，默认）或 en（英文）", "language of messages: zh (default) or en"),
    "help.strict": ("有警告也算不通过", "warnings fail too"),
    "help.quiet": ("只显示最后的汇总", "print only the summary"),
    "help.exit_zero": ("总是以 0 退出（问题照常列出）", "always exit 0 (findings still printed)"),
    "help.output": ("把结果写入此文件", "write the report to FILE"),
    "help.fix": (
        "直接改正 .txt 和 .md 文件中可安全自动修复的问题",
        "apply every safe fix to .txt and .md files, in place",
    ),
    "help.diff": ("以差异形式显示自动修复的内容，不写入", "print the safe fixes as a unified diff; write nothing"),
    "help.config": ("使用此配置文件，不再自动查找", "use this configuration file instead of searching for one"),
    "help.isolated": ("忽略所有配置文件", "ignore every configuration file"),
    "help.show_config": ("显示适用于该路径的设置后退出", "print the settings that apply to PATH and exit"),
    "help.waivers": ("豁免清单：审核人已接受的问题", "a waiver file: findings accepted by a reviewer"),
    "help.add_waivers": ("把当前所有问题写入此豁免清单", "write a waiver for every current finding to FILE"),
    "help.jobs": (
        "用 N 个进程检查（0 表示每个核一个；默认文件多于 {count} 个时每个核一个），结果与单进程相同",
        "check files in N processes (0: one per core; default: one per core for more than {count} files); "
        "the report is the same as with --jobs 1",
    ),
    "help.annotate": (
        "把每个 Word 文件的审阅副本写入此文件夹：问题写成批注，可自动修复的写成修订",
        "write a reviewed copy of each Word file into FOLDER: findings as comments, safe fixes as tracked changes",
    ),
    "help.test_rules": (
        "运行此文件夹中规则包自带的通过/不通过示例，列出不符合预期的（退出码 0：都符合，1：有不符合，2：规则包有误）",
        "run the pass/fail examples of the rule pack in FOLDER and say which do not behave "
        "(exit 0: all behave, 1: some do not, 2: the pack is invalid)",
    ),
    "help.list_rules": ("列出所有规则后退出", "list the rules and exit"),
    "help.explain": ("显示一条规则的说明后退出", "show a rule's page and exit"),
    "metavar.paths": ("路径", "PATH"),
    "metavar.file": ("文件", "FILE"),
    "metavar.folder": ("文件夹", "FOLDER"),
    "metavar.codes": ("规则", "CODES"),
    "metavar.glob": ("通配符", "GLOB"),
    "metavar.name": ("名称", "NAME"),
    "metavar.seconds": ("秒数", "SECONDS"),
    "metavar.megabytes": ("兆字节", "MB"),
    "metavar.year": ("年份", "YYYY"),
    "metavar.date": ("日期", "YYYY-MM-DD"),
    "metavar.jobs": ("进程数", "N"),
    "metavar.code": ("规则", "CODE"),
    "metavar.format": ("格式", "FORMAT"),
    "metavar.lang": ("语言", "LANG"),
    "metavar.encoding": ("编码", "ENCODING"),
    # words of the reports
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    "report.collapsed": ("（共{count}处）", " ({count} places)"),
    "report.page": ("第{page}页", "page {page}"),
    "report.errors-first": ("须改正的错误（{count} 条）：", "Errors to correct ({count}):"),
    "report.more-errors": ("……另有 {count} 条错误，见上文", "... {count} more error(s) above"),
    "report.summary": (
        "共检查 {files} 个文件：错误 {error} 条，警告 {warning} 条，提示 {info} 条{waived}{fixable}",
        "{files} file(s) checked: {error} error(s), {warning} warning(s), {info} info{waived}{fixable}",
    ),
    "report.waived": ("（另有 {count} 条已豁免）", " ({count} waived)"),
    "report.fixable": ("；其中 {count} 条可用 --fix 自动修复", "; {count} fixable with --fix"),
    "report.notice": ("另有提示 {count} 条：{counts}", "{count} info finding(s): {counts}"),
    "fix.delete-space": ("删除空格", "delete the space"),
    "fix.delete": ("删除“{text}”", "delete '{text}'"),
    "fix.replace": ("改为“{text}”", "change to '{text}'"),
    "fix.unsafe": (
        "（会改变内容，--fix 不自动修改，请核对后手工修改）",
        " (changes what it says: not applied by --fix)",
    ),
    # the outline
    "source.title": ("标题", "title"),
    "source.formula": ("开篇“现将……报告如下”", "the opening formula"),
    "source.opening": ("开篇", "opening"),
    "source.heading": ("部分标题", "a heading"),
    "source.plan": ("下一年度安排", "the plan"),
    "source.date": ("成文日期", "the date"),
    "source.option": ("--year 指定", "--year"),
    "via.subheading": ("二级标题", "a subheading"),
    "via.sentence": ("句子", "a sentence"),
    "outline.folded": ("并入", "folded"),
    "outline.empty": ("（没有文字）", "(empty)"),
    # tables and lists
    "table.verdict": ("结论", "verdict"),
    "table.reason": ("无法读取的原因", "why unreadable"),
    "table.totals": ("合计", "total"),
    "table.files": ("共 {count} 个文件", "{count} file(s)"),
    "verdict.fail": ("不合格", "fails"),
    "verdict.revise": ("需修改", "needs changes"),
    "verdict.pass": ("通过", "passes"),
    "rules.code": ("编号", "code"),
    "rules.name": ("名称", "name"),
    "rules.group": ("分组", "group"),
    "rules.severity": ("级别", "severity"),
    "rules.summary": ("说明", "summary"),
    "rules.off": ("（默认关闭）", " (off)"),
}


def say(key: str, lang: str = "zh", **params) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**params)
