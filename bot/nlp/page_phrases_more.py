"""Page furniture and editors' notes in Russian, Chinese, Japanese and Arabic, as regular expressions and rules."""

from __future__ import annotations

from bot.nlp.page_phrases import alternatives, gates

# As in bot/nlp/page_phrases.py: lower-case alternatives (regular-expression fragments), and a label that is also a
# word of prose ("Реклама алкоголя ...", "广告公司 ...", "إعلان الحكومة ...", "来源于 ...", "شارك ...") counts only as
# a line of its own or before a colon. Chinese and Japanese write no space after a word, so a label there must be
# followed by no letter either: "関連記事を削除した" is prose. Every phrase holds a Cyrillic, Chinese, Japanese or
# Arabic letter, so no English line or sentence can match one.

# links to other articles that open no sentence of prose
READ_MORE_OPENERS = (
    r"читайте (?:также|тоже|ещё|еще)", r"читать (?:также|далее)", r"смотрите также", r"см\. также",
    r"подробнее читайте", r"читайте подробнее",
    r"相关阅读", r"延伸阅读", r"推荐阅读", r"相关新闻", r"相关链接", r"相關閱讀", r"延伸閱讀", r"相關新聞", r"猜你喜欢",
    r"関連記事", r"関連ニュース", r"あわせて読みたい", r"合わせて読みたい", r"こちらもおすすめ", r"おすすめ記事",
    r"[اإأ]قر[أا] [أا]يضاً?", r"[اإأ]قر[أا] المزيد",
)
# ... and labels that open prose too ("По теме реформы министр ...", "شاهد أيضا سكان القرية ...")
READ_MORE = (
    *READ_MORE_OPENERS, r"по теме", r"новости по теме", r"материалы по теме", r"другие новости", r"ещё по теме",
    r"самое (?:читаемое|популярное)", r"выбор редакции", r"подробнее",
    r"相关报道", r"热点推荐", r"阅读全文", r"阅读原文", r"展开全文", r"查看更多", r"更多新闻",
    r"人気記事", r"続きを読む", r"もっと見る", r"次の記事", r"前の記事", r"アクセスランキング",
    r"(?:(?:مواضيع|موضوعات|أخبار|اخبار|مقالات|قصص) )?ذات صلة", r"ال[أا]كثر (?:قراءة|مشاهدة)", r"شاهد [أا]يضاً?",
)
ADS = (
    r"реклама", r"на правах рекламы", r"партн[её]рский материал",
    r"广告", r"廣告", r"推广", r"赞助内容",
    r"広告", r"スポンサーリンク", r"スポンサード",
    r"[إا]علان", r"[إا]علانات", r"محتوى (?:مدفوع|ممول|برعاية)",
)
# calls to action that open no sentence of prose (whatever follows them)
PROMPTS = (
    r"подписывайтесь(?!\w)", r"подпишитесь(?!\w)", r"следите за нами(?!\w)", r"присоединяйтесь к нам(?!\w)",
    r"扫码关注", r"扫描二维码", r"扫一扫", r"关注我们", r"欢迎关注", r"点击关注", r"长按识别", r"下载客户端",
    r"この記事は(?:有料)?会員限定", r"続きは(?:有料)?会員", r"有料会員(?:になると|登録)", r"会員登録(?:すると|して)",
    r"(?:会員)?登録すると続き",
    r"残り\d+文字",
    r"تابعونا(?!\w)", r"تابعوا (?:آخر|اخر|أحدث|احدث) (?:الأخبار|الاخبار|المستجدات)", r"اشترك (?:الآن|الان|مجانا)",
    r"اشترك في (?:نشرتنا|النشرة|قناتنا)", r"للاشتراك في (?:نشرتنا|النشرة|قناتنا)", r"حمّ?ل تطبيق",
    r"انضم (?:إلى|الى) قناتنا",
)
# buttons: a line of their own ("Поделиться", "分享", "شارك") or before a colon ("分享到：")
BUTTONS = (
    r"поделиться", r"поделитесь", r"комментарии", r"подписаться", r"распечатать", r"версия для печати",
    r"скопировать ссылку",
    r"分享(?:到|至)?", r"转发", r"收藏", r"点赞", r"评论", r"打印", r"关闭窗口", r"返回顶部", r"返回首页", r"复制链接",
    r"シェア(?:する)?", r"ツイート", r"ブックマーク", r"印刷", r"コメント", r"フォローする",
    r"شارك(?: (?:الخبر|المقال|على \w+))?", r"مشاركة", r"طباعة", r"ال?تعليقات", r"نسخ الرابط",
)
# captions and credits, before a colon or "=" ("Фото: ...", "写真＝共同", "الصورة: ...")
CREDITS = (
    r"фото(?:графия)?", r"иллюстрация", r"источник", r"видео", r"кадр", r"коллаж", r"инфографика", r"автор фото",
    r"来源", r"图片来源", r"图源", r"图片", r"本文来源", r"视频来源", r"摄影", r"出处", r"來源", r"圖片來源",
    r"写真(?:提供)?", r"画像", r"出典", r"提供", r"撮影", r"動画", r"イラスト",
    r"ال?صورة", r"الصور", r"تصوير", r"ال?مصدر", r"مصدر الصورة", r"ال?فيديو",
)
# bylines and the labels of a reposted or edited page, before a colon ("Автор: ...", "责任编辑：...", "原标题：...");
# not "记者：" nor "Корреспондент:", which open the questions of an interview
LABELS = (
    r"автор", r"текст", r"редактор",
    r"责任编辑", r"责编", r"编辑", r"作者", r"撰文", r"编译", r"校对", r"原标题", r"原題", r"責任編輯", r"編輯",
    r"筆者", r"執筆", r"取材・文",
    r"بقلم", r"كتب", r"كتبت", r"تحرير", r"[إا]عداد", r"ترجمة",
)
# publication and update stamps: the label, then dates and times only
STAMPS = (
    r"опубликовано", r"обновлено", r"дата публикации", r"последнее обновление", r"изменено",
    r"发布时间", r"发布日期", r"更新时间", r"发表时间", r"发布于", r"更新于", r"發佈時間", r"發布時間", r"更新時間",
    r"公開日時?", r"更新日時?", r"配信日時?", r"掲載日", r"最終更新", r"投稿日",
    r"نشر (?:في|بتاريخ)", r"نُشر (?:في|بتاريخ)", r"تاريخ (?:النشر|التحديث)", r"[آا]خر تحديث", r"تم التحديث",
    r"تم النشر",
)
CORRECTION_LABELS = (
    r"исправление", r"уточнение", r"примечание редакции", r"от редакции",
    r"更正", r"勘误", r"编者注", r"編者註", r"更正启事",
    r"訂正", r"おわびと訂正", r"お詫びと訂正", r"おことわり", r"編集部注", r"編注",
    r"تصحيح", r"توضيح", r"ملاحظة (?:المحرر|من المحرر|التحرير)", r"تنويه", r"استدراك",
)
NOTE_LABELS = (*CORRECTION_LABELS, r"обновление", r"更新", r"追記", r"تحديث")
NOTE_SENTENCES = (
    r"в (?:предыдущей|первоначальной|прежней) версии (?:этой |данной )?(?:статьи|материала|публикации|заметки|новости)",
    r"ранее в (?:этой |данной )?(?:статье|материале|публикации|заметке|новости) (?:ошибочно )?"
    r"(?:говорилось|сообщалось|указывалось|утверждалось)",
    *(rf"(?:эта |данная )?{noun} (?:была )?(?:обновлена|дополнена|исправлена)"
      for noun in ("статья", "новость", "публикация", "заметка")),
    r"(?:этот |данный )?материал (?:был )?(?:обновл[её]н|дополнен|исправлен)",
    r"本文(?:此前|先前|早前)(?:的)?版本", r"本文(?:已)?(?:作)?(?:更正|更新)", r"此前版本(?:的)?(?:本文|报道)",
    r"(?:本記事の)?初出時", r"この記事(?:の一部)?を(?:更新|修正|訂正)しました", r"記事の一部を(?:修正|訂正)しました",
    r"(?:ذكرت |ورد في |في )?نسخة سابقة من هذا (?:المقال|التقرير|الخبر|الموضوع)",
    r"(?:تم|جرى) (?:تحديث|تصحيح) هذا (?:المقال|التقرير|الخبر|الموضوع)",
)
# months, weekdays and the little words of a date ("3 марта 2026 г., 10:12 мск", "الثلاثاء 3 مارس 2026 الساعة 10:12")
CALENDAR = """января февраля марта апреля мая июня июля августа сентября октября ноября декабря январь февраль март
    апрель май июнь июль август сентябрь октябрь ноябрь декабрь понедельник вторник среда среду четверг пятница
    пятницу суббота субботу воскресенье г года год в мск
    يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر كانون
    شباط آذار اذار نيسان أيار ايار حزيران تموز آب اب أيلول ايلول تشرين الأول الاول الثاني الاثنين الإثنين الثلاثاء
    الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد الساعة ص م صباحا صباحاً مساء مساءً بتوقيت غرينتش يوم في"""

_CJK_LETTER = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_COLON = r"\s*[:：]"
# one piece of a date or a clock time: digits (with a Chinese or Japanese unit), a separator, a weekday in brackets
# ("(火)"), or a calendar word; atomic, and repeated possessively (``++``), so that a long line of figures that is no
# stamp fails at once
_DATE_TOKEN = (r"(?>\d++[年月日时時分秒号號]?|[（(][月火水木金土日][)）]|星期[一二三四五六日天]|周[一二三四五六日]"
               r"|[\s,，、.。/／:：|–—()（）\u064b-\u0652-]|午前|午後|上午|下午"
               rf"|{alternatives(tuple(CALENDAR.split()))}(?!\w))")
# what may follow a Chinese or Japanese date on its line: where it came from, who wrote it, that it was posted (names,
# never a sentence ended by a full stop: a paragraph run onto the date's line is prose)
_DATE_TAIL = (r"(?:\s*(?:配信|更新|公開|掲載|发布|發布)?"
              r"(?:\s*(?:来源|來源|作者|编辑|责任编辑|出处)\s*[:：][^。！？]{0,80})?)")
STAMP = rf"{alternatives(STAMPS)}{_COLON}?(?=\D{{0,30}}\d){_DATE_TOKEN}++{_DATE_TAIL}$"
# a Chinese or Japanese line of a date and time alone ("2026年03月03日 10:12 来源：新华社", "3/3(火) 10:12配信")
BARE_DATE = rf"(?=.*{_CJK_LETTER})\d{_DATE_TOKEN}++{_DATE_TAIL}$"
# a Chinese photographer's credit ("新华社记者 王明 摄")
PHOTOGRAPHER = r"[（(]?[^。！？]{0,40}(?:记者|通讯员|記者)[^。！？]{0,20}摄[）)]?$"
_LABEL_END = r"\s*(?:[:：|｜]|$)"  # a label of its own, or before a colon


def _line_rule() -> str:
    """The regular expression of a line that is page furniture in these languages (matched from its start). The
    leading non-word characters are taken possessively (``\\W*+``): every rule but PHOTOGRAPHER starts with a word
    character, and PHOTOGRAPHER may start anywhere in them, so no rule matches differently, but a line of 200,000
    "«" fails at once instead of retrying every rule (BARE_DATE's look-ahead reads to the line's end) at each of
    them: quadratic, minutes (docs/BENCHMARKS.md, "Long hostile lines")."""
    return ("^\\W*+(?:" + "|".join([
        rf"{alternatives((*READ_MORE, *ADS, *BUTTONS))}\W*$",
        rf"{alternatives((*READ_MORE, *ADS, *BUTTONS))}\s*[:：|｜]",
        rf"{alternatives(PROMPTS)}.*", rf"{alternatives(CREDITS)}\s*[:：=＝].{{0,100}}$",
        rf"{alternatives(LABELS)}{_COLON}.{{0,60}}$", r"(?:图|文)\s*[/／].{0,40}$",
        rf"{alternatives(CORRECTION_LABELS)}\s*[】\]]\W*$", STAMP, BARE_DATE, PHOTOGRAPHER,
        r"بقلم\s+\w+(?:\s+\w+){0,3}\W*$",
    ]) + ")")


LINE = _line_rule()
# (reason, gates, pattern) for the summary's sentence filter (bot/nlp/sentence_quality.py); the leading non-word
# characters possessive, as in LINE
SENTENCE_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("read-more", gates(READ_MORE),
     rf"^\W*+{alternatives(READ_MORE_OPENERS)}(?!\w)|^\W*+{alternatives(READ_MORE)}\s*[:：|｜]"),
    ("prompt", gates(PROMPTS), rf"^\W*+{alternatives(PROMPTS)}"),
    ("prompt", gates(BUTTONS), rf"^\W*+{alternatives(BUTTONS)}{_LABEL_END}"),
    ("ad", gates(ADS), rf"^\W*+{alternatives(ADS)}{_LABEL_END}"),
    ("credit", gates(CREDITS), rf"^\W*+{alternatives(CREDITS)}\s*[:：=＝]"),
    ("credit", ("摄",), rf"^{PHOTOGRAPHER}"),
    ("byline", gates(LABELS), rf"^\W*+{alternatives(LABELS)}{_COLON}"),
    ("byline", gates(STAMPS), rf"^\W*+{STAMP}"),
    ("editor-note", gates(CORRECTION_LABELS), rf"^\W*+{alternatives(CORRECTION_LABELS)}\s*[:：\-–—】\]]"),
    ("editor-note", gates(NOTE_SENTENCES), rf"^\W*+{alternatives(NOTE_SENTENCES)}"),
)
