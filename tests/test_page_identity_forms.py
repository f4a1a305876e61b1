"""A plan's identity from pages copied with heavy site chrome (session 42, invented pages of 苇洲市/青禾市/东浦区): a
应急预案 or a 目标责任分解书 as the title, a bare ``时间`` field, a law database's 发文标题/发文部门/发文时间, a seal
note under the signer, a column name over the title, a ``（来源：…）`` note before the opening, ``label:value``
cells in a ``|`` row, the files of a 预案's 编制依据 part, and the short name after a cited 文号.
docs/identity-fields.md says the rules; each test fails without its rule."""

from __future__ import annotations

from policykb.ingest.parser import parse_text

BODY = "一、工作目标\n到2026年，全市应急演练覆盖率达到95%。\n"


def doc(text: str):
    return parse_text(text, "d", "weizhou-2024.txt", 400)


def test_an_emergency_plan_is_a_title():
    """``…应急预案`` is a plan's kind: the title line is read (before, the file's name stood as the title)."""
    record = doc(
        "手机版\n首页 > 应急管理\n苇洲市森林火灾应急预案\n1 总则\n1.1 编制目的\n为做好森林火灾应对工作，制定本预案。\n"
    )  # noqa: E501
    assert record.title == "苇洲市森林火灾应急预案"
    assert record.place == "苇洲市"


def test_a_responsibility_book_in_title_marks_is_a_title():
    """A title that opens with 《…》 and ends with 分解书, under 手机版 and a breadcrumb."""
    record = doc(
        "手机版\n\n手机版\n\n首页 > 纲要规划\n\n《苇洲市妇女发展纲要(2021—2030年)》目标责任分解书\n\n"
        "来源:本网 时间:2024-05-06\n\n领域\n\n主要目标\n\n1.妇女健康水平提高。\n"
    )
    assert record.title == "《苇洲市妇女发展纲要(2021—2030年)》目标责任分解书"
    assert record.dates.get("发布日期") == "2024年5月6日"


def test_a_bare_time_field_is_the_date_published():
    """``来源:本网 时间:2023-05-06`` (the space lost in normalising) gives the date published; ``本网`` stays the
    source only."""
    record = doc("青禾市应急广播建设方案\n来源:本网 时间:2023-05-06 10:20\n为加强应急广播建设，制定本方案。\n" + BODY)
    assert record.dates == {"发布日期": "2023年5月6日"}
    assert record.page_fields.get("时间") == "2023-05-06 10:20"
    assert record.authority == ""


def test_a_time_inside_a_phrase_stays_text():
    """``完成时间：2024年6月30日`` is a task's deadline line, kept in the text; no date is taken from it."""
    record = doc("青禾市应急广播建设方案\n为加强应急广播建设，制定本方案。\n一、建设任务\n完成时间：2024年6月30日\n")
    assert "完成时间：2024年6月30日" in record.text
    assert "发布日期" not in record.dates


def test_a_law_database_prints_title_issuer_and_date_as_fields():
    """``发文标题:``, ``发文部门:``, ``发文时间:``: the notice in the title field gives the plan and its issuer."""
    record = doc(
        "首页 > 法规库 >\n发文标题: 苇洲市人民政府办公室关于印发苇洲市科普基地建设方案的通知\n发文文号: 苇政办[2024]8号\n"  # noqa: E501
        "发文部门: 苇洲市人民政府办公室\n发文时间: 2024-03-08\n实施时间: 2024-03-08\n发文内容:\n"
        "各区人民政府，市政府各部门：\n《苇洲市科普基地建设方案》已经市政府同意，现印发给你们。\n" + BODY
    )
    assert record.title == "苇洲市科普基地建设方案"
    assert record.authority == "苇洲市人民政府办公室"
    assert record.number == "苇政办[2024]8号"
    assert record.date == "2024年3月8日"


def test_a_seal_note_under_the_signer_is_no_issuer():
    """``（甲办公厅代章）`` between the signer and the date: the signer is the line above it."""
    record = doc(
        "苇洲市科普工作要点\n苇洲市科普工作联席会议办公室\n（苇洲市科协办公室代章）\n2024年3月19日\n"
        "为做好全年科普工作，制定本要点。\n" + BODY
    )
    assert record.authority == "苇洲市科普工作联席会议办公室"
    assert record.date == "2024年3月19日"


def test_a_column_name_over_a_title_is_not_its_first_line():
    """``民族政策`` above ``甲省…规划纲要``: a column's words naming no place over a title that opens with its place."""
    record = doc(
        "双拥工作\n苇洲市双拥模范城创建规划纲要\n时间:2016年09月06日 来源:市双拥办 作者: 点击:\n"
        "为创建双拥模范城，特制定本规划纲要。\n"
    )
    assert record.title == "苇洲市双拥模范城创建规划纲要"
    assert record.place == "苇洲市"
    assert record.dates.get("发布日期") == "2016年9月6日"


def test_a_title_broken_over_two_lines_is_still_joined():
    """The column rule keeps a real break: the first line names the place, the second carries on."""
    record = doc("苇洲市加快推进档案数字化\n转型升级实施方案\n为推进档案数字化，制定本方案。\n")
    assert record.title == "苇洲市加快推进档案数字化转型升级实施方案"


def test_a_source_note_before_the_opening_keeps_the_opening():
    """``（来源：甲委）为…，特制定本规划。`` is the plan's opening with the page's note before it: the note goes, the
    sentence stays (before, the whole line was taken for a 来源 field and the opening was lost)."""
    record = doc(
        "苇洲市民族团结进步创建规划\n（来源：苇洲市民宗委）为争创民族团结进步示范市，特制定本规划。\n一、指导思想\n"
    )  # noqa: E501
    assert "为争创民族团结进步示范市，特制定本规划。" in record.text
    assert "（来源" not in record.text


def test_label_value_cells_in_a_row_of_fields():
    """``主题词: | 发布日期:2024年03月02日 | 文 号: |``: a cell holding its label and value is a field."""
    record = doc(
        "索引号:QH-2024-01 | 公开目录:应急管理 | 发布机构:青禾市人民政府办公室 |\n"
        "主题词: | 发布日期:2024年03月02日 | 文 号: |\n青禾市地震应急预案\n"
        "各县市人民政府：\n《青禾市地震应急预案》已经市人民政府同意，现印发给你们。\n青禾市人民政府办公室\n2024年2月5日\n"
    )
    assert record.dates == {"成文日期": "2024年2月5日", "发布日期": "2024年3月2日"}
    assert record.number == ""


def test_the_files_of_an_emergency_plans_basis_part():
    """A 预案 names its basis under ``1.2 编制依据`` with no verb: every file in book-title marks; the ``等法律法规和``
    between them is no issuer."""
    record = doc(
        "青禾市地震应急预案\n1 总则\n1.1 编制目的\n减少人员伤亡。\n1.2 编制依据\n"
        "《中华人民共和国甲法》、《乙省防震减灾条例》等法律法规和《乙省地震应急预案》等。\n1.3 适用范围\n本市。\n"
    )
    assert record.basis == ["《中华人民共和国甲法》", "《乙省防震减灾条例》", "《乙省地震应急预案》"]


def test_a_short_name_after_a_cited_number():
    """``（甲发[2006]7号,以下简称《纲要》）``: the 文号 is read with the short name in its bracket."""
    record = doc(
        "苇洲市科学素质实施方案\n为贯彻落实《甲国关于印发科学素质纲要的通知》(甲发[2006]7号,以下简称《纲要》)精神，"
        "结合我市实际，制定本方案。\n" + BODY
    )
    assert record.basis == ["《甲国关于印发科学素质纲要的通知》（甲发[2006]7号）"]


def test_a_basis_part_asked_in_a_plans_own_words_is_a_basis_question():
    """``编制依据有哪些``, ``依据的条例是什么``, ``依据哪些法律法规编制的`` ask the files the plan rests on."""
    from policykb.bot.question import BASIS

    for question in (
        "青禾市地震应急预案的编制依据有哪些？",
        "该意见依据的条例是什么？令号多少？",
        "它是依据哪些法律法规编制的？",
    ):  # noqa: E501
        assert BASIS.search(question), question
    for question in ("违反规定的按照哪些法规处理？", "应急物资储备依据什么标准？"):
        assert not BASIS.search(question), question


def test_a_file_name_standing_as_the_title_is_no_plan_name():
    """A text that gave no title keeps its file's name as its title; a pronoun is not replaced by that name (its
    year would be read as the question's)."""
    from policykb.bot.scope import file_named as _file_named

    assert _file_named("10-weizhou-chronicles-2019", "plans/10-weizhou-chronicles-2019.txt")
    assert not _file_named("苇洲市地方志工作实施意见", "10-weizhou-chronicles-2019.txt")


def test_a_period_whose_opening_bracket_was_lost_under_a_title_printed_twice():
    """``…规划纲要`` printed twice, then ``2015—2020年)``: the period belongs to the title, its bracket restored."""
    record = doc(
        "苇洲市档案事业发展规划纲要\n苇洲市档案事业发展规划纲要\n2021—2025年)\n为推进档案事业发展，特制定本规划纲要。\n"
    )  # noqa: E501
    assert record.title == "苇洲市档案事业发展规划纲要(2021—2025年)"


def test_a_title_that_names_the_file_it_carries_out_gives_the_basis():
    """``贯彻落实《甲条例》推进…实施方案``: the opening cites the file only by its short name, the title names it."""
    record = doc(
        "青禾市人民政府办公厅关于印发贯彻落实《青禾市档案管理条例》推进档案数字化的实施方案的通知\n"
        "为强化《青禾市档案管理条例》（以下简称《条例》）贯彻落实，特制定本方案。\n" + BODY
    )
    assert record.basis == ["《青禾市档案管理条例》"]


def test_the_issuing_body_asked_by_its_field_name_is_a_document_question():
    """``发布机构是哪个``, ``发文单位是谁``: the issuer, not a task's unit (``牵头单位是哪个`` stays a task's)."""
    from policykb.bot.question import DOCUMENT

    assert DOCUMENT.search("青禾市地震应急预案的发布机构是哪个？")
    assert DOCUMENT.search("这份通知的发文单位是谁？")
    assert not DOCUMENT.search("应急物资储备的牵头单位是哪个？")


def test_which_file_asks_for_a_file_the_sentence_need_not_call_one():
    """``印发后哪个文件同时废止``: 文件 is the answer's form (a title in book-title marks), like 户 in 多少户."""
    from policykb.bot.evidence import asked_measures

    assert "文件" in asked_measures("印发后哪个文件同时废止？")
    assert "文件" not in asked_measures("文件印发后多久实施？")


def test_another_plan_named_after_a_question_about_a_plan_itself_is_asked_the_same():
    """``苇洲市…方案的文号是什么？`` then ``青禾2024年科普计划的呢？`` (its place, its words, not its whole title): the
    same document question of that plan; a follow-up naming no other plan is not read so."""
    from policykb.bot.dialog import Resolver, Turn
    from policykb.bot.dialog.names import PlanNames
    from policykb.kb.units import UnitDirectory

    titles = {"a": "苇洲市2023年度地震应急演练工作方案", "b": "青禾市科学普及暨科普基地建设2024年实施计划"}
    resolver = Resolver(PlanNames(UnitDirectory([]), [], [], titles, {"a": "苇洲市", "b": "青禾市"}))
    first = Turn("苇洲市2023年度地震应急演练工作方案的文号是什么？")
    resolved = resolver.resolve("青禾2024年科普计划的呢？", [first])
    assert resolved.text == "青禾2024年科普计划的文号是什么？"
    assert resolved.form == "plan"
    assert resolver.resolve("应急演练的呢？", [first]).form != "plan"  # too short to name a plan: other forms read it


def test_a_notices_handing_sentence_names_its_basis_before_its_plan():
    """``为贯彻落实《甲通知》（文号），经…同意，现将实施分工方案印发给你们``: the cited file is the basis (the sentence
    was skipped whole for its 印发给你们); a plan named after ``，现`` never is."""
    record = doc(
        "各省人民政府，各成员单位：\n为贯彻落实《甲国关于印发科普发展纲要的通知》（甲发〔2021〕9号），经领导同志同意，"
        "现将《科普发展纲要实施分工方案》印发给你们，请认真落实。\n" + BODY
    )
    assert record.basis == ["《甲国关于印发科普发展纲要的通知》（甲发〔2021〕9号）"]


def test_an_opening_broken_after_its_verb_is_read_whole():
    """``为进一步落实`` / ``《乙省…的通知》（文号）精神，…制定本方案。`` on two lines: one opening."""
    record = doc(
        "苇洲市档案工作实施方案\n为进一步落实\n《乙省人民政府关于加强档案工作的通知》（乙政发[2016]7号）精神，结合我市实际，"
        "制定本方案。\n" + BODY
    )
    assert record.basis == ["《乙省人民政府关于加强档案工作的通知》（乙政发[2016]7号）"]


def test_a_sites_latin_name_above_a_title_is_no_title_line():
    """``Network`` / breadcrumb / ``青川省…发展规划``: the site's name is not the title's first line."""
    record = doc(
        "Network\n\n当前位置:主页 > 新闻中心 > 产业规划 >\n\n青川省人防工程建设“十四五”发展规划\n\n"
        "来源:本网 日期:2023-07-28 点击:\n\n规划期限为2021年-2025年。\n"
    )
    assert record.title == "青川省人防工程建设“十四五”发展规划"
    assert record.place == "青川省"
