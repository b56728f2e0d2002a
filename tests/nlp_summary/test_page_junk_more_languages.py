"""Page furniture and editors' notes in Russian, Chinese, Japanese and Arabic never reach a summary, whether the page's
lines are cleaned first or the raw text is summarised; prose that only looks like it stays; a Thai page keeps its
paragraphs though only one ends with a full stop."""

from __future__ import annotations

import hashlib

import pytest

from bot.ingest.junk import clean_text, is_junk_line
from bot.models import Article
from bot.nlp.revisions import is_note, numbers
from bot.nlp.sentence_quality import junk_reason
from bot.nlp.sentences import split_sentences
from bot.nlp.summarise import default_summariser
from tests.nlp_summary.junk_more_languages_samples import PAGES, THAI_PARAGRAPHS, THAI_RAW, THAI_TITLE, Page
from tests.nlp_summary.samples import T0

_IDS = [page.language for page in PAGES]


def article(page: Page, text: str) -> Article:
    ident = hashlib.sha1((page.title + text).encode()).hexdigest()[:12]
    return Article(ident, "", page.title, "Outlet", text, split_sentences(text), published=T0, language=page.language)


@pytest.mark.parametrize("page", PAGES, ids=_IDS)
def test_cleaning_drops_the_furniture_and_keeps_news_note_and_look_alikes(page: Page) -> None:
    kept = [line for line in page.raw.split("\n") if line and line not in page.junk]
    assert clean_text(page.raw, title=page.title).split("\n\n") == kept
    assert page.note in kept and all(line in kept for line in page.look_alikes)


@pytest.mark.parametrize("page", PAGES, ids=_IDS)
def test_summaries_of_raw_and_cleaned_pages_hold_only_news(page: Page) -> None:
    summariser = default_summariser()
    for text in (page.raw, clean_text(page.raw, title=page.title)):
        for count in (2, 3, 5):
            summary = summariser.summarise([article(page, text)], count)
            assert len(summary) >= min(count, 3)
            for line in summary:
                assert any(line.text in news for news in page.news), line.text
                assert junk_reason(line.text) is None


@pytest.mark.parametrize("page", PAGES, ids=_IDS)
def test_every_furniture_line_is_junk_and_every_look_alike_is_usable(page: Page) -> None:
    assert [line for line in page.junk if not is_junk_line(line)] == []
    for line in page.look_alikes:
        assert not is_junk_line(line), line
        assert junk_reason(line) is None, line


@pytest.mark.parametrize("page", PAGES, ids=_IDS)
def test_the_editors_note_is_a_note_and_no_summary_line(page: Page) -> None:
    assert is_note(page.note, page.language)
    assert junk_reason(page.note) == "editor-note"
    assert [line for line in page.news if is_note(line, page.language)] == []


@pytest.mark.parametrize("sentence", [
    "Читайте также, как в Зареченске ремонтировали старый мост в прошлом веке.",
    "Подписывайтесь на наш канал, чтобы не пропустить новости.",
    "Фото: прохожие снимают обрушившуюся опору моста на телефоны.",
    "相关阅读：青川市今年将新建三座过江桥梁和两条隧道",
    "责任编辑：林小雨 审核：王大山 校对：张晓东 青川日报",
    "あわせて読みたい：みなと市の新しい路面電車の計画とは",
    "اقرأ أيضا: البلدية تعلن خطة جديدة لتوسيع الطرق في المدينة",
    "تابعونا على فيسبوك وتويتر لمعرفة آخر الأخبار المحلية.",
])
def test_furniture_sentences_are_junk(sentence: str) -> None:
    assert junk_reason(sentence) is not None


@pytest.mark.parametrize("sentence", [
    "Реклама — двигатель торговли, говорил владелец магазина у старого моста.",
    "Источник в мэрии сообщил, что ремонт может затянуться до лета.",
    "Фотографии трещин в опорах мэрия опубликовала на своём сайте в среду.",
    "По теме реформы транспорта депутаты спорили почти три часа.",
    "来源于河北的货车司机表示，绕行将使每趟运输多花一个小时。",
    "广告公司的员工表示，新规定将于下月起正式实施。",
    "分享经验的工程师来自三个不同的省份，他们参与过类似的维修工程。",
    "関連記事を削除したと、同社の広報担当者が明らかにした。",
    "写真を撮影した住民によると、橋の一部が崩れていたという。",
    "إعلان الحكومة عن الخطة الجديدة فاجأ سكان المدينة، حسبما قال رئيس البلدية.",
    "اشترك في الهجوم ثلاثة مسلحين على الأقل بحسب الشرطة المحلية.",
    "تصحيح المسار الاقتصادي يحتاج إلى سنوات من العمل، قال الوزير أمس.",
    "شاهد أيضا سكان القرية الحريق من نوافذ منازلهم في الليل.",
])
def test_prose_that_looks_like_furniture_stays(sentence: str) -> None:
    assert junk_reason(sentence) is None, sentence
    assert not is_junk_line(sentence), sentence


@pytest.mark.parametrize("line", [
    "Опубликовано: 3 марта 2026, 10:12", "Обновлено 3 марта 2026 г., 14:40 мск", "发布时间：2026-03-03 10:12",
    "2026年03月03日 10:12 来源：新华社", "3/3(火) 10:12配信", "更新日：2026年3月3日", "آخر تحديث: 3 مارس 2026",
    "نشر في: الثلاثاء 3 مارس 2026 - 10:12 صباحاً", "写真＝共同", "图/青川日报", "新华社记者 陈明 摄",
])
def test_stamps_and_credits_are_junk_lines(line: str) -> None:
    assert is_junk_line(line)


@pytest.mark.parametrize("line", [
    "Опубликовано решение суда по делу о ремонте моста 2026 года.", "2026年3月3日，市政府宣布大桥封闭。",
    "نشر في الصحيفة تقرير عن الجسر يوم 3 مارس.", "记者：您认为大桥什么时候可以重新开放？",
    "Корреспондент: Когда мост откроют снова?", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 года x",
])
def test_prose_and_interview_questions_are_no_junk_lines(line: str) -> None:
    assert not is_junk_line(line)


def test_a_stamp_label_hides_its_clock_time_from_the_edit_judgement() -> None:
    assert numbers("更新时间：2026-03-03 10:12", "zh") == numbers("更新时间：2026-03-03 14:40", "zh")
    assert numbers("Обновлено: 3 марта, 10:12", "ru") == numbers("Обновлено: 3 марта, 14:40", "ru")


def test_a_thai_page_keeps_paragraphs_without_full_stops_beside_one_with_a_full_stop() -> None:
    cleaned = clean_text(THAI_RAW)
    assert cleaned.split("\n\n") == list(THAI_PARAGRAPHS)
    assert THAI_TITLE not in cleaned and "แชร์" not in cleaned


def test_a_thai_page_of_one_sentence_paragraphs_without_spaces_is_read() -> None:
    # before, no line read as prose nor as "substantial" (four words, two sentences): "no article text found"
    paragraphs = THAI_PARAGRAPHS[1], THAI_PARAGRAPHS[2].replace(" ", "")
    assert clean_text("\n\n".join((THAI_TITLE, *paragraphs))).split("\n\n") == list(paragraphs)
