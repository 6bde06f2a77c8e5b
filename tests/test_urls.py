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
    assert urls.plan_page("2021-tp-soc-trang-15") == "ke-hoach/2021-tp-soc-trang-15/index.md"
    assert urls.url_of(urls.plan_page("x")) == "/ke-hoach/x/"
    assert urls.plan_source("x") == "ke-hoach/x/x.yml"
