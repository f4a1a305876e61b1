"""The glossary of everyday and official words, the plans' own definitions, and the one lexicon."""

from __future__ import annotations

import re

import pytest

from policykb.kb.glossary import Glossary, GlossaryError, definitions, load_glossary, shipped_glossary
from policykb.kb.lexicon import COMPARATORS, QUANTITY_UNITS, REFUSAL_MARK, UNIT_PATTERN, alternation
from policykb.kb.settings import Settings


def test_shipped_glossary_links_everyday_and_official_words():
    glossary = shipped_glossary()
    assert "充电基础设施" in glossary.equivalents("充电桩")
    assert "充电桩" in glossary.equivalents("充电基础设施")
    assert glossary.equivalents("GDP")[0] == "地区生产总值"
    assert "新能源汽车" in glossary.equivalents("电动车")
    assert "人均" in glossary.equivalents("每人")
    assert "燃煤" in glossary.equivalents("烧煤")
    assert "PM2.5" in glossary.equivalents("细颗粒物")
    assert glossary.equivalents("没有这个词") == []


def test_find_takes_the_longest_word_at_each_place():
    glossary = Glossary([("供电煤耗", "每度电耗煤"), ("燃煤", "烧煤"), ("火电", "烧煤发电")])
    found = glossary.find("烧煤发电每度电耗煤要降到多少")
    assert found == [(0, 4, "烧煤发电"), (4, 9, "每度电耗煤")]
    assert glossary.find("问题以充电桩结尾") == []


def test_rewrite_uses_the_words_the_plans_use():
    glossary = Glossary([("公共机构", "机关单位"), ("人均", "每人"), ("城镇", "城里")])
    corpus = "公共机构人均综合能耗下降6%。县城污水处理率达到95%。"
    assert glossary.rewrite("机关单位每人能耗要降多少", lambda w: w in corpus) == "公共机构人均能耗要降多少"
    # a word the plans use is never replaced, and a word with no known equivalent stays as written
    assert glossary.rewrite("公共机构怎么样", lambda w: w in corpus) == "公共机构怎么样"
    assert glossary.rewrite("城里怎么样", lambda w: False) == "城里怎么样"
    # only whole words: 城里 inside 县城里 is not a word of the question
    boundaries = {0, 2, 3, 5, 6, 8}  # 县城/里/处理/了/多少
    assert glossary.rewrite("县城里处理了多少", lambda w: w in corpus, boundaries) == "县城里处理了多少"


def test_expansions_list_the_other_words_of_each_group():
    glossary = Glossary([("充电基础设施", "充电桩", "充电设施")])
    assert glossary.expansions("小区充电桩有多少") == ["充电基础设施", "充电设施"]
    assert glossary.expansions("与此无关") == []


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("落实能源消费强度和总量双控（以下简称能耗双控）制度", "能耗双控", "能源消费强度和总量双控"),
        ("严把高耗能高排放项目（以下称“两高”项目）准入关", "两高项目", "高耗能高排放项目"),
        ("设立市营商环境建设监督局（简称营商局），负责督办", "营商局", "市营商环境建设监督局"),
        ("推进城乡客运一体化示范县（下称“示范县”）创建", "示范县", "城乡客运一体化示范县"),
        ("实施农村人居环境整治提升五年行动（以下统称“整治行动”）", "整治行动", "农村人居环境整治提升五年行动"),
    ],
)
def test_definitions_of_a_plan(text, short, full):
    assert definitions(text) == {short: full}


def test_definitions_ignore_brackets_that_define_nothing():
    assert definitions("推进PM2.5（细颗粒物）治理（市生态环境局负责）") == {}


def test_plan_definitions_extend_a_glossary():
    glossary = shipped_glossary().merged({"能耗双控": "能源消费强度和总量双控"})
    assert "能源消费强度和总量双控" in glossary.equivalents("能耗双控")
    assert len(glossary) == len(shipped_glossary()) + 1


def test_a_user_glossary_extends_the_shipped_one(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[terms]\n"城市绿色出行比例" = ["坐公交骑车走路的比例", "绿色出行率"]\n', encoding="utf-8")
    glossary = load_glossary(str(path))
    assert glossary.equivalents("绿色出行率") == ["城市绿色出行比例", "坐公交骑车走路的比例"]
    assert "充电基础设施" in glossary.equivalents("充电桩")  # the shipped words still hold


def test_a_bad_user_glossary_gets_a_clear_message(tmp_path):
    with pytest.raises(GlossaryError, match="无法读取词表文件"):
        load_glossary(str(tmp_path / "missing.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("[terms]\n充电桩 = \n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="格式有误"):
        load_glossary(str(bad))
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[terms]\n"充电桩" = [1, 2]\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="格式有误"):
        load_glossary(str(wrong))


def test_the_glossary_setting_is_read_from_the_environment(tmp_path):
    settings = Settings.from_env({"POLICYKB_GLOSSARY": str(tmp_path / "g.toml")}, home=tmp_path)
    assert settings.glossary == str(tmp_path / "g.toml")
    assert Settings.from_env({}, home=tmp_path).glossary == ""


def test_the_lexicon_lists_longest_first_and_builds_patterns():
    assert list(QUANTITY_UNITS) == sorted(QUANTITY_UNITS, key=len, reverse=True)
    assert QUANTITY_UNITS.index("万吨标准煤") < QUANTITY_UNITS.index("万吨") < QUANTITY_UNITS.index("吨")
    assert re.fullmatch(UNIT_PATTERN, "克标准煤/千瓦时")
    assert re.match(UNIT_PATTERN, "万吨标准煤以上").group(0) == "万吨标准煤"
    assert re.match(alternation(COMPARATORS), "下降到70%").group(0) == "下降到"
    assert "蒸吨" in QUANTITY_UNITS and "工作日" in QUANTITY_UNITS
    assert REFUSAL_MARK == "方案中未找到"


def test_the_engine_reads_the_users_glossary(tmp_path, minilm):
    from policykb.bot.engine import KnowledgeBot

    path = tmp_path / "mine.toml"
    path.write_text('[terms]\n"港口岸电覆盖率" = ["船靠岸用电的比例"]\n', encoding="utf-8")
    settings = Settings.from_env({}, home=tmp_path / "home", glossary=str(path))
    bot = KnowledgeBot(settings, embeddings=minilm, show_progress=False)
    assert "港口岸电覆盖率" in bot.glossary.equivalents("船靠岸用电的比例")
    with pytest.raises(GlossaryError):
        KnowledgeBot(Settings.from_env({}, home=tmp_path / "home", glossary=str(tmp_path / "none.toml")))


def test_contrasts_tell_a_neighbour_from_the_thing_asked():
    text = '[terms]\n"人均" = ["每人"]\n[contrasts]\nplaces = [["城镇", "农村"]]\nfuels = ["柴油", "汽油"]\n'
    glossary = Glossary.from_toml(text)
    assert glossary.neighbour("农村绿色建筑占比", "城镇新建民用建筑中绿色建筑占比达到85%") == ("农村", "城镇")
    assert glossary.neighbour("柴油车有多少", "汽油车达到10万辆") == ("柴油", "汽油")
    assert glossary.neighbour("城镇和农村的占比", "城镇占比85%，农村占比40%") is None  # both asked
    assert glossary.neighbour("绿色建筑占比", "城镇绿色建筑占比85%") is None  # nothing asked that differs
    merged = glossary.merged({"能耗双控": "能源消费强度和总量双控"})
    assert merged.contrasts == glossary.contrasts
    assert shipped_glossary().neighbour("农村污水处理率", "城镇污水处理率达到95%") == ("农村", "城镇")


def test_a_neighbour_is_found_among_the_contrasts_a_question_names_as_among_all():
    glossary = shipped_glossary()
    assert glossary.contrasts  # the shipped glossary has contrasts to narrow
    texts = ["城镇污水处理率达到95%", "农村生活污水治理率达到40%", "柴油货车达到国六标准", "绿色建筑占比85%", ""]
    for question in ["农村污水处理率", "城镇和农村的占比", "柴油车有多少", "绿色建筑占比", "清洁取暖率要到多少"]:
        among = glossary.asked_contrasts(question)
        assert all(any(w in question for w in contrast) for contrast in among)
        narrowed = [glossary.neighbour(question, t, among) for t in texts]
        assert narrowed == [glossary.neighbour(question, t) for t in texts]
    assert glossary.asked_contrasts("农村污水处理率") and not glossary.asked_contrasts("清洁取暖率要到多少")


def test_a_bad_contrasts_table_gets_a_clear_message(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[terms]\n"人均" = ["每人"]\n[contrasts]\nplaces = [1, 2]\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="格式有误"):
        load_glossary(str(bad))
