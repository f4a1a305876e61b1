"""``落实意见`` and ``贯彻落实意见`` name a plan (its title noun), not the file it carries out: ``…工作落实意见的文号``
asks that plan's own 文号."""

from __future__ import annotations

import pytest

from policykb.bot.question import BASIS

PLAN = """\
白沙区人民政府印发《白沙区关于古渠修缮工作落实意见》的通知
白政发〔2031〕6号
各街道办事处：
现将《白沙区关于古渠修缮工作落实意见》印发给你们，请认真执行。
白沙区关于古渠修缮工作落实意见
按照青禾市古渠修缮的统一安排，白沙区拟定本落实意见。
一、总体要求
到2032年，完成古渠沿线10处遗存修缮。（区文旅局牵头）
"""


TITLE_NOUNS = ["白沙区古渠修缮工作落实意见的文号是什么？", "白沙区贯彻落实意见的文号是多少？"]
BASIS_ASKED = ["这个意见落实的是哪个文件？", "贯彻落实的上级文件的文号是什么？", "依据的文件文号是多少？"]


@pytest.mark.parametrize("question", TITLE_NOUNS)
def test_a_title_noun_is_no_basis_question(question):
    assert BASIS.search(question) is None


@pytest.mark.parametrize("question", BASIS_ASKED)
def test_a_basis_question_is_still_read(question):
    assert BASIS.search(question) is not None


def test_the_plans_own_number_answers_its_title_noun(tmp_path, e5):
    from tests.conftest import e5_shelf

    shelf = e5_shelf(tmp_path, e5, {"baisha-canal.txt": PLAN})
    answer = shelf.ask("白沙区古渠修缮工作落实意见的文号是什么？")
    assert answer.answerable and "白政发〔2031〕6号" in answer.answer
