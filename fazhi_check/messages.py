"""What the command line says to a person, in Chinese and in English (``--lang en``): one table of
templates with named placeholders, looked up by a stable key. Codes, rule names, option names and
JSON keys are never translated."""

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
    "unknown-encoding": ("不认识的编码名称：{name}（例如 gb18030、big5、utf-8）", "unknown encoding '{name}'"),
    "no-rule": ("没有编号或名称为 {code} 的规则（见 --list-rules）", "no rule '{code}' (see --list-rules)"),
    "selection": ("没有规则与 {selector} 相符（见 --list-rules）", "no rule matches '{selector}' (see --list-rules)"),
    "fix-needs-files": (
        "--fix 和 --diff 只能用于文件，不能用于标准输入",
        "--fix and --diff need files, not standard input",
    ),
    "data-file": ("{label} {path}：{where}：{message}", "{label_en} {path}: at {where}: {message}"),
    # notes on standard error
    "waivers-added": ("已向 {path} 写入 {count} 条豁免", "{count} waiver(s) added to {path}"),
    # what goes wrong inside
    "internal": (
        "内部错误（{error}）；这不是报告的问题，请加 --debug 重新运行并把输出报告给维护者",
        "internal error ({error}); not a problem of the report: run again with --debug and report the output",
    ),
    "interrupted": ("已中断", "interrupted"),
}


def say(key: str, lang: str = "zh", **params) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**params)
