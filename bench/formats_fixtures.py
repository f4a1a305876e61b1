"""Fixture documents the format tests and the format bench (``bench/formats.py``) make themselves: one invented
plan written as text, docx, .doc (LibreOffice), PDF (LibreOffice), OFD (XML written here) and a scanned PDF
(PIL + Noto CJK)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

# An invented plan (units, numbers and wording made up), with a bracket, a labelled bracket and a table.
TITLE = "丙县农村供水保障三年行动方案"
PARAGRAPHS = [
    TITLE,
    "一、主要目标",
    "到2025年，甲指标达到85%，农村自来水普及率提高到92%以上，规模化供水工程覆盖农村人口比例达到60%。"
    "［县水利局牵头，县财政局、县卫生健康局按职责分工负责］",
    "二、重点任务",
    "（一）实施水源保护工程。划定乡镇级水源保护区，清理保护区内排污口。到2026年，新建水源地保护区12处。"
    "（责任单位：县生态环境分局、各乡镇人民政府）",
    "（二）推进管网改造。对使用年限超过二十年的供水管网实施改造，到2025年，管网漏损率控制在9%以内。"
    "［县住建局牵头，县水利局配合］",
]
TABLE = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "改造老旧管网", "县水利局", "县住建局、县财政局", "2024年6月底前"],
    ["2", "建设水质检测中心", "县卫生健康局", "县市场监管局", "2025年底前"],
    ["3", "推进智慧水务平台", "县卫生健康局", "县数据局", "长期坚持"],
]
AFTER_TABLE = "三、保障措施"
CLOSING = "各乡镇要加强组织领导，确保各项任务按时完成。"


def twin_text() -> str:
    """The plan as plain text, the table as row lines: what every reader should give back."""
    from policykb.ingest.tables import format_row

    rows = [format_row(r) for r in TABLE]
    return "\n".join([*PARAGRAPHS, *rows, AFTER_TABLE, CLOSING])


def make_docx(path: Path, merged: bool = True) -> Path:
    """The plan as a Word file; the table ruled, its lead cell of rows 2–3 merged vertically."""
    import docx

    document = docx.Document()
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    table.style = "Table Grid"
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            if not (merged and r == 3 and c == 2):
                table.cell(r, c).text = value
    if merged:
        table.cell(2, 2).merge(table.cell(3, 2))
    document.add_paragraph(AFTER_TABLE)
    document.add_paragraph(CLOSING)
    document.save(str(path))
    return path


def soffice_convert(source: Path, kind: str, outdir: Path) -> Path:
    """``source`` converted by LibreOffice headless to ``kind`` (``doc``, ``pdf``) in ``outdir``."""
    command = shutil.which("soffice")
    assert command, "LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui"
    profile = (outdir / "lo-profile").as_uri()
    subprocess.run(
        [
            command,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            kind,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = outdir / f"{source.stem}.{kind}"
    assert out.is_file()
    return out


# -- OFD ---------------------------------------------------------------------------------------------
OFD_NS = "http://www.ofdspec.org/2016"
CHARS_PER_LINE = 28  # 公文: 28 characters a line, 三号 (5.6 mm) type
SIZE, PITCH, LEFT, TOP = 5.6, 10.0, 26.0, 37.0


def _ofd_lines(paragraph: str, centred: bool) -> list[tuple[float, str]]:
    """``(x, text)`` of the visual lines a paragraph takes: first line indented two characters."""
    if centred:
        return [(LEFT + (CHARS_PER_LINE - len(paragraph)) * SIZE / 2, paragraph)]
    lines, rest, first = [], paragraph, True
    while rest:
        width = CHARS_PER_LINE - (2 if first else 0)
        lines.append((LEFT + (2 * SIZE if first else 0), rest[:width]))
        rest, first = rest[width:], False
    return lines


def make_ofd(path: Path, pages: list[list[str]], per_char: bool = False, page_numbers: bool = True) -> Path:
    """An OFD package with the paragraphs of each page laid out in 28-character lines; each line one
    ``TextObject`` (or, with ``per_char``, one object per character, as some converters write)."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" DocType="OFD" Version="1.0">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>fixture</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        package.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
            "<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            f"</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>{page_refs}"
            "</ofd:Pages></ofd:Document>",
        )
        package.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>',
        )
        for number, paragraphs in enumerate(pages):
            package.writestr(
                f"Doc_0/Pages/Page_{number}/Content.xml", _page_xml(paragraphs, per_char, number, page_numbers)
            )
    return path


def _page_xml(paragraphs: list[str], per_char: bool, number: int, page_numbers: bool) -> str:
    objects, y, ident = [], TOP, 100
    for paragraph in paragraphs:
        centred = paragraph == TITLE
        for x, text in _ofd_lines(paragraph, centred):
            pieces = [(x + i * SIZE, ch) for i, ch in enumerate(text)] if per_char else [(x, text)]
            for px, piece in pieces:
                ident += 1
                delta = f' DeltaX="g {len(piece) - 1} {SIZE}"' if len(piece) > 1 else ""
                objects.append(
                    f'<ofd:TextObject ID="{ident}" Boundary="{px:.2f} {y:.2f} {len(piece) * SIZE + 1:.2f} {SIZE * 1.5}"'
                    f' Font="2" Size="{SIZE}"><ofd:FillColor Value="0 0 0"/>'
                    f'<ofd:TextCode X="0" Y="{SIZE:.2f}"{delta}>{_escape(piece)}</ofd:TextCode></ofd:TextObject>'
                )
            y += PITCH
    if page_numbers:
        objects.append(
            f'<ofd:TextObject ID="{ident + 1}" Boundary="95 275 30 8" Font="2" Size="4.9">'
            f'<ofd:TextCode X="0" Y="4.9">— {number + 1} —</ofd:TextCode></ofd:TextObject>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
        f'<ofd:Layer ID="1">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- a scanned page ---------------------------------------------------------------------------------
def cjk_font() -> str:
    """The Noto CJK font file (fonts-noto-cjk)."""
    found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    files = sorted(line.split(":")[0] for line in found.splitlines() if re.search(r"Noto(Sans|Serif)CJK-Regular", line))
    assert files, "Noto CJK fonts are needed: apt-get install fonts-noto-cjk"
    return files[0]


def make_scanned_pdf(path: Path, paragraphs: list[str], dpi: int = 200, pages: int = 1, worn: bool = True) -> Path:
    """An image-only PDF: the paragraphs drawn on A4 page images in 三号 type, first lines indented
    two characters, lines broken where the next character would pass the right margin; ``worn``
    pages look scanned (turned 0.4°, blurred, grey paper with speckles, JPEG-compressed)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    font = ImageFont.truetype(cjk_font(), int(16 / 72 * dpi))
    left, right, pitch = int(1.1 * dpi), width - int(1.1 * dpi), int(font.size * 1.75)
    images = []
    for number in range(pages):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        y = int(1.45 * dpi)
        for paragraph in paragraphs:
            if paragraph == TITLE:
                draw.text(((width - draw.textlength(paragraph, font=font)) / 2, y), paragraph, font=font, fill=0)
                y += pitch
                continue
            x, line = left + 2 * font.size, ""
            for char in paragraph:
                if x + draw.textlength(line + char, font=font) > right:
                    draw.text((x, y), line, font=font, fill=0)
                    x, line, y = left, "", y + pitch
                line += char
            draw.text((x, y), line, font=font, fill=0)
            y += pitch
        draw.text((width // 2 - font.size, height - int(0.8 * dpi)), f"- {number + 1} -", font=font, fill=0)
        images.append(_worn(image, number) if worn else image.convert("RGB"))
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def _worn(image, seed: int):  # noqa: ANN001, ANN202 - PIL images
    import random

    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    page = image.rotate(0.4, resample=Image.Resampling.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.8))
    pixels = page.load()
    for _ in range(page.width * page.height // 400):
        x, y = rng.randrange(page.width), rng.randrange(page.height)
        pixels[x, y] = rng.choice((90, 160))
    page = page.point(lambda v: int(v * 0.88 + 14))  # grey paper, ink not quite black
    buffer = io.BytesIO()
    page.convert("RGB").save(buffer, "JPEG", quality=55)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance between the two texts over the reference's length."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref_char in enumerate(reference, 1):
        current = [i]
        for j, hyp_char in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_char != hyp_char)))
        previous = current
    return previous[-1] / max(len(reference), 1)


# -- a page printed by a browser ---------------------------------------------------------------------
# A longer invented plan, for the tests of a plan printed over several pages (wrapped lines, page breaks).
LONG_TITLE = "苇洲市城乡冷链物流提升行动方案"
LONG_PARAGRAPHS = [
    LONG_TITLE,
    "为加快补齐冷链物流设施短板，提升农产品流通效率，保障居民消费品质，结合本市实际，制定本方案。",
    "一、总体目标",
    "到2026年，全市冷库总容量达到45万吨，冷藏车保有量达到1800辆，果蔬产地低温处理率提高到35%以上，"
    "肉类冷链流通率达到80%，水产品冷链流通率达到85%，基本建成布局合理、衔接顺畅、绿色高效的城乡冷链物流网络，"
    "冷链物流成本较2023年下降10%，冷链食品安全事件零发生，群众对冷链食品质量满意度持续提升。",
    "二、重点任务",
    "（一）建设产地冷链集配中心。在蔬菜、水果主产乡镇布局建设产地冷链集配中心，配备预冷、分级、包装、"
    "仓储等设施设备，推动产地冷链设施共享共用，到2025年底前，新建产地冷链集配中心14个，改造提升既有冷库"
    "设施30处，新增预冷能力每日1200吨。（牵头单位：市农业农村局；配合单位：市发展改革委、市财政局）",
    "（二）完善城市冷链配送网络。支持大型商贸流通企业建设城市冷链配送中心，鼓励社区菜店、生鲜超市配置"
    "冷藏冷冻设施，发展共同配送、夜间配送等集约化配送模式，推动冷链配送车辆通行便利化，到2026年，城区"
    "冷链配送站点覆盖率达到90%，生鲜农产品城区24小时送达率达到95%。（牵头单位：市商务局；配合单位："
    "市公安局、市交通运输局）",
    "（三）推进冷链物流数字化。建设全市冷链物流公共信息平台，汇集冷库、冷藏车、货源等信息，推动冷链"
    "温度全程监测、产品全程追溯，引导企业应用物联网、大数据等技术提升管理水平，到2025年，重点冷链企业"
    "接入平台比例达到70%。（牵头单位：市数据局；配合单位：市市场监管局）",
    "（四）强化冷链食品安全监管。落实冷链食品生产经营者主体责任，加强进口冷链食品检验检疫和市场流通"
    "环节监督抽检，每年开展冷链食品专项抽检不少于600批次，对发现的问题依法从严查处，坚决守住食品安全"
    "底线。（牵头单位：市市场监管局；配合单位：市卫生健康委、市商务局）",
    "三、保障措施",
    "（一）加强组织领导。成立由分管副市长任组长的冷链物流发展工作专班，统筹推进各项任务落实，定期调度"
    "工作进展，协调解决重大问题，各区县要结合实际制定具体实施方案，明确责任分工和时间节点。",
    "（二）加大政策支持。统筹用好中央和省级冷链物流专项资金，市级财政每年安排冷链物流发展资金3000万元，"
    "对符合条件的冷链设施建设项目给予补助，鼓励金融机构开发冷链物流专属信贷产品。",
]


def make_browser_pdf(path: Path, paragraphs: list[str], header: str, footer: str) -> Path:
    """``paragraphs`` printed by Chromium (``/usr/bin/chromium``) on A4 pages in 三号-like type, with the
    browser's running ``header`` and ``footer`` (HTML templates: ``pageNumber``, ``totalPages``, ``date``,
    ``title``, ``url`` spans) on every page; the text wraps mid-sentence and across page breaks."""
    from html import escape

    from playwright.sync_api import sync_playwright

    style = (
        "body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC';font-size:16pt;line-height:1.6}"
        "p{margin:0;text-indent:2em}"
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(
            f"<html><head><meta charset='utf-8'><title>{escape(paragraphs[0])}</title>"
            f"<style>{style}</style></head><body>{body}</body></html>"
        )
        page.pdf(
            path=str(path), format="A4", display_header_footer=True, header_template=header,
            footer_template=footer, margin={"top": "2.2cm", "bottom": "2.2cm", "left": "2.6cm", "right": "2.4cm"},
        )  # fmt: skip
        browser.close()
    return path
