"""Generator tests (hand-made cases): slugs and URLs."""
from generator import urls


def test_slugs_are_ascii_without_tone_marks_and_d_for_dd():
    assert urls.slugify("Đường dây nóng") == "duong-day-nong"
    assert urls.slugify("Thủ tục đăng ký khai sinh") == "thu-tuc-dang-ky-khai-sinh"
    assert urls.slugify("I. MỤC TIÊU, YÊU CẦU") == "i-muc-tieu-yeu-cau"
    assert urls.slugify("Kế hoạch 15/KH-UBND") == "ke-hoach-15-kh-ubnd"


def test_slugify_folds_decomposed_unicode_like_composed():
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"  # "Kế hoạch" typed with combining marks
    assert urls.slugify(decomposed) == "ke-hoach"


def test_slugify_takes_the_toc_separator_argument():
    assert urls.slugify("Phụ lục nhiệm vụ", "_") == "phu_luc_nhiem_vu"


def test_plan_urls():
    assert urls.plan_url("2021-tp-soc-trang-15") == "/ke-hoach/2021-tp-soc-trang-15/"
    assert urls.src_of(urls.plan_url("x")) == "ke-hoach/x/index.md"
    assert urls.dest_of(urls.plan_url("x")) == "ke-hoach/x/index.html"
    assert urls.task_url("x", "3") == "/ke-hoach/x/#nhiem-vu-3"
    assert urls.plan_source("x") == "ke-hoach/x/x.yml"


def test_news_and_programme_urls():
    assert urls.news_page_url(1) == "/tin-tuc/" and urls.news_page_url(2) == "/tin-tuc/trang/2/"
    assert urls.news_month_url(2021, 3) == "/tin-tuc/2021/03/"
    assert urls.area_url("thu_tuc_hanh_chinh") == "/tin-tuc/linh-vuc/thu-tuc-hanh-chinh/"
    assert urls.tag_url("Dịch vụ công trực tuyến") == "/tin-tuc/the/dich-vu-cong-truc-tuyen/"
    assert urls.series_year_url("nguoi-dan", 2021) == "/chuong-trinh/nguoi-dan/2021/"
