"""Page furniture written in scripts other than Latin is set aside as the Latin kind is: pointers
to other stories, bylines and calls to subscribe or follow, in Arabic, Hebrew, Chinese, Japanese,
Hindi and Russian; sentences of news that open with the same words stay claims."""

import pytest

from factcheck.text.boilerplate import BYLINE, CROSS_PROMOTION, classify_boilerplate
from factcheck.text.calls_to_action import CALL_TO_ACTION


@pytest.mark.parametrize(
    ("unit", "reason"),
    [
        ("اقرأ أيضا | الحكومة ترفع الضرائب", CROSS_PROMOTION),
        ("קראו גם: הממשלה אישרה את התקציב", CROSS_PROMOTION),
        ("相关阅读：政府发布新政策", CROSS_PROMOTION),
        ("【関連記事】政府が新たな対策", CROSS_PROMOTION),
        ("यह भी पढ़ें: सरकार ने नई नीति घोषित की", CROSS_PROMOTION),
        ("Читайте также: Правительство повысило налоги", CROSS_PROMOTION),
        ("بقلم أحمد حسن", BYLINE),
        ("מאת דנה כהן", BYLINE),
        ("记者 王伟 北京报道", BYLINE),
        ("Автор: Иван Петров", BYLINE),
        ("اشترك في نشرتنا البريدية", CALL_TO_ACTION),
        ("تابعونا على تويتر", CALL_TO_ACTION),
        ("הירשמו לניוזלטר שלנו", CALL_TO_ACTION),
        ("扫描二维码关注我们的公众号", CALL_TO_ACTION),
        ("Подписывайтесь на наш канал в Telegram", CALL_TO_ACTION),
    ],
)
def test_furniture_in_other_scripts_is_set_aside(unit, reason):
    assert (classify_boilerplate(unit) or "").startswith(reason)


@pytest.mark.parametrize(
    "sentence",
    [
        "اشترك في الحرب أكثر من ألف جندي، حسب الجيش.",  # "took part in": no newsletter
        "记者从市政府获悉，今年全市GDP增长5%。",  # "the reporter learned": a report's opening
        "מאת השנה הבאה יעלה המחיר ב-10%, אמר השר.",  # "from next year"
        "Автор законопроекта заявил, что налоги вырастут на 5%.",
        "关注我们的未来是政府的责任，部长说。",  # reported: what the minister said
        "政府表示今年将实现百分之五的增长目标。",
        "מאתיים הרוגים בפיגוע",  # "two hundred killed"
        "Авторитет президента падает",
        "Автор законопроекта ушел в отставку",
        "记者遇袭身亡",  # "reporter attacked and killed"
        "记者被捕",
        "社会各界高度关注本案的审理，法院将于下周公布判决结果。",
        "全国二维码支付用户已超过8亿，占网民总数的86%。",
        "انضم إلى يوتيوب أكثر من مليون مستخدم جديد في مصر العام الماضي",  # "joined YouTube"
    ],
)
def test_news_that_opens_with_the_same_words_stays_a_claim(sentence):
    assert classify_boilerplate(sentence) is None
