"""jieba with the documents' own words; unit aliases; phrase templates."""

from __future__ import annotations

import pytest

from policykb.ingest.parser import parse_text
from policykb.kb.segmenter import Segmenter
from policykb.kb.units import UnitDirectory
from policykb.prompts.library import REQUIRED, PromptError, load_phrases, validate


def test_user_dictionary_keeps_document_terms_whole(plan_text):
    record = parse_text(plan_text, "qq", "plan.txt", 160)
    plain = Segmenter()
    tuned = Segmenter(record.terms)
    text = "市发改委落实能耗双控和“三改联动”"
    assert "市发改委" not in plain.words(text)
    words = tuned.words(text)
    assert {"市发改委", "能耗双控", "三改联动"} <= set(words)


def test_unit_aliases_find_canonical_names():
    units = UnitDirectory(["市发改委", "市生态环境局", "市林草局", "市委组织部"])
    assert units.find("发改委负责哪些工作？") == ["市发改委"]
    assert units.find("生态环境局和林草局") == ["市生态环境局", "市林草局"]
    assert units.find("组织部参与什么") == ["市委组织部"]
    full = UnitDirectory(["市发展和改革委员会"])
    assert full.find("发改委牵头哪些工作") == ["市发展和改革委员会"]


def test_unknown_bodies_are_noticed():
    units = UnitDirectory(["市发改委"])
    assert units.unknown_org_mentions("市教育局负责哪些工作？") == ["市教育局"]
    assert units.unknown_org_mentions("城市公交由哪个部门负责？") == []


def test_phrase_templates_load_and_are_checked():
    phrases = load_phrases()
    assert phrases("owner.lead", units="甲、乙") == "牵头单位：甲、乙"
    broken = {"owner": {"lead": "牵头单位：{unit}"}}
    with pytest.raises(PromptError):
        validate(broken, {"owner.lead": REQUIRED["owner.lead"]})


def test_segmenters_share_one_tag_table_and_keep_their_own_words():
    """The part-of-speech table of jieba's dictionary is read once per process; each segmenter keeps its own words."""
    with_place, plain = Segmenter(["青禾市"]), Segmenter()
    with_place.warm()
    assert with_place.tagged("青禾市推进清洁取暖") == [("青禾市", "x"), ("推进", "v"), ("清洁", "a"), ("取暖", "v")]
    assert plain.tagged("青禾市推进清洁取暖")[:3] == [("青", "ns"), ("禾", "n"), ("市", "n")]
    assert with_place._pos_tagger().word_tag_tab is plain._pos_tagger().word_tag_tab
