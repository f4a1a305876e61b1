"""One invented five-row task-division table (东浦区, units and dates made up) in every form a plan arrives in:
Word, PDF (LibreOffice), an image-only scan of that PDF at a chosen dpi, and OFD with the table's rules drawn as
``PathObject`` lines and each line of a cell a ``TextObject`` (as converters write it)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bench.formats_fixtures import OFD_NS, soffice_convert
from bench.formats_fixtures import _worn as worn_page

__all__ = [
    "TASK_ROWS",
    "TASK_TITLE",
    "TONGXI_ROWS",
    "TONGXI_TITLE",
    "make_table_docx",
    "make_table_ofd",
    "make_table_pdf",
    "make_table_scan",
]

TASK_TITLE = "东浦区城市更新重点任务分工表"
INTRO = "为推进城市更新各项工作落到实处，现将重点任务分工如下。"
TASK_ROWS = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "建设区级智慧停车管理平台", "区交通运输局", "区公安分局、区财政局", "2025年6月底前"],
    ["2", "改造老旧小区雨污分流管网", "区住房和城乡建设局", "区水务局、各街道办事处", "2025年12月底前"],
    ["3", "开展河道清淤疏浚专项行动", "区水务局", "区农业农村局", "2026年3月底前"],
    ["4", "推进社区养老服务中心建设", "区民政局", "区卫生健康局、区财政局", "2026年6月底前"],
    ["5", "完善中小学校园安全防控体系", "区教育局", "区公安分局", "2026年9月底前"],
]
# A second invented table, its columns named in other words (责任单位 leads beside 协同单位), for the unruled forms.
TONGXI_TITLE = "桐溪县乡村振兴重点工作任务清单"
TONGXI_ROWS = [
    ["序号", "工作任务", "责任单位", "协同单位", "时间节点"],
    ["1", "实施高标准农田提质改造工程", "县农业农村局", "县财政局、县自然资源局", "2025年10月底前"],
    ["2", "建成镇村两级电商物流服务站点", "县商务局", "县邮政分公司、各镇人民政府", "2025年12月底前"],
    ["3", "推进农村生活污水集中处理", "县生态环境分局", "县住房和城乡建设局", "2026年5月底前"],
    ["4", "开展乡村医生能力提升培训", "县卫生健康局", "县人力资源和社会保障局", "2026年8月底前"],
    ["5", "打造溪岸特色农文旅示范带", "县文化广电和旅游局", "县交通运输局、县水利局", "2026年11月底前"],
]
AFTER = "各牵头单位要细化工作举措，每季度末报送工作进展。"
WIDTHS_MM = (12, 52, 30, 40, 28)  # the 配合单位 and 重点任务 cells wrap


def make_table_docx(path: Path, rows: list[list[str]] = TASK_ROWS, rules: bool = True, title: str = TASK_TITLE) -> Path:
    """The title, an opening sentence, the table (ruled, or with ``rules=False`` no lines at all) and a closing
    sentence as a Word file."""
    import docx
    from docx.shared import Mm

    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(INTRO)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    if rules:
        table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).width = Mm(WIDTHS_MM[c])
            table.cell(r, c).text = value
    document.add_paragraph(AFTER)
    document.save(str(path))
    return path


def make_table_pdf(
    folder: Path, rows: list[list[str]] = TASK_ROWS, rules: bool = True, title: str = TASK_TITLE
) -> Path:
    """The Word file printed to PDF by LibreOffice (a text layer; the table ruled unless ``rules=False``)."""
    name = "dongpu-renewal-tasks" if rows is TASK_ROWS else "table"
    return soffice_convert(make_table_docx(folder / f"{name}.docx", rows, rules, title), "pdf", folder)


def make_table_scan(pdf: Path, path: Path, dpi: int, worn: bool = False, blur: float = 0.0) -> Path:
    """An image-only PDF: every page of ``pdf`` rendered at ``dpi`` in greyscale, as a scanner gives it; ``worn``
    pages turned, speckled and JPEG-compressed (:func:`formats_fixtures.worn`), ``blur`` pages out of focus
    (a Gaussian blur of that many pixels)."""
    import pypdfium2
    from PIL import ImageFilter

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        images = [
            document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))
        ]
    finally:
        document.close()
    images = [image.filter(ImageFilter.GaussianBlur(blur)) if blur else image for image in images]
    images = [worn_page(image, seed) if worn else image for seed, image in enumerate(images)]
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


# -- OFD ---------------------------------------------------------------------------------------------
SIZE, LEFT, TOP, ROW_LINE, PAD = 4.2, 20.0, 40.0, 6.5, 1.5  # 四号 type in mm, line pitch in a cell


def make_table_ofd(path: Path, rules: bool = True, rows: list[list[str]] = TASK_ROWS, title: str = TASK_TITLE) -> Path:
    """The table as a one-page OFD package; with ``rules`` its grid is drawn as ``PathObject`` lines, without
    it the cells are only text boxes aligned in columns."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" DocType="OFD" Version="1.0">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>table</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        package.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
            "<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            '</ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="10" BaseLoc="Pages/Page_0/Content.xml"/>'
            "</ofd:Pages></ofd:Document>",
        )
        package.writestr("Doc_0/Pages/Page_0/Content.xml", _table_page(rules, rows, title))
    return path


def _wrapped(text: str, width: float) -> list[str]:
    per_line = max(1, int((width - 2 * PAD) // SIZE))
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]


def _text(ident: int, x: float, y: float, text: str) -> str:
    delta = f' DeltaX="g {len(text) - 1} {SIZE}"' if len(text) > 1 else ""
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{x:.2f} {y:.2f} {len(text) * SIZE + 1:.2f} {SIZE * 1.4:.2f}"'
        f' Font="2" Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE:.2f}"{delta}>{text}</ofd:TextCode></ofd:TextObject>'
    )


def _line(ident: int, x0: float, y0: float, x1: float, y1: float) -> str:
    left, top, width, height = min(x0, x1), min(y0, y1), abs(x1 - x0) + 0.5, abs(y1 - y0) + 0.5
    return (
        f'<ofd:PathObject ID="{ident}" Boundary="{left:.2f} {top:.2f} {width:.2f} {height:.2f}"'
        f' LineWidth="0.35"><ofd:AbbreviatedData>M {x0 - left:.2f} {y0 - top:.2f} L {x1 - left:.2f} {y1 - top:.2f}'
        "</ofd:AbbreviatedData></ofd:PathObject>"
    )


def _table_page(rules: bool, rows: list[list[str]], title: str) -> str:
    objects = [_text(1, LEFT + 40, 25, title), _text(2, LEFT + 2 * SIZE, 33, INTRO)]
    ident, y = 100, TOP
    xs = [LEFT + sum(WIDTHS_MM[:i]) for i in range(len(WIDTHS_MM) + 1)]
    ys = [y]
    for row in rows:
        cells = [_wrapped(value, width) for value, width in zip(row, WIDTHS_MM)]
        height = max(len(lines) for lines in cells) * ROW_LINE + 2 * PAD
        for x, lines in zip(xs, cells):
            for k, text in enumerate(lines):
                ident += 1
                objects.append(_text(ident, x + PAD, y + PAD + k * ROW_LINE, text))
        y += height
        ys.append(y)
    if rules:
        for line_y in ys:
            ident += 1
            objects.append(_line(ident, xs[0], line_y, xs[-1], line_y))
        for line_x in xs:
            ident += 1
            objects.append(_line(ident, line_x, ys[0], line_x, ys[-1]))
    objects.append(_text(ident + 1, LEFT + 2 * SIZE, y + 8, AFTER))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
        f'<ofd:Layer ID="3">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )
