"""Controlled vocabularies shared by several content kinds."""

# The six reform areas of Nghị quyết 76/NQ-CP (2021–2030).
REFORM_AREAS = {
    "the_che": "Cải cách thể chế",
    "thu_tuc_hanh_chinh": "Cải cách thủ tục hành chính",
    "to_chuc_bo_may": "Cải cách tổ chức bộ máy hành chính nhà nước",
    "che_do_cong_vu": "Cải cách chế độ công vụ",
    "tai_chinh_cong": "Cải cách tài chính công",
    "chinh_phu_so": "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
}

# News is also filed under the direction of reform work (a scored field of the PAR Index).
NEWS_AREAS = {**REFORM_AREAS, "chi_dao_dieu_hanh": "Công tác chỉ đạo, điều hành cải cách hành chính"}

CHANNELS = {"radio": "Phát thanh", "tv": "Truyền hình", "portal": "Cổng thông tin điện tử", "zalo": "Zalo"}

# What a hotline receives and what published feedback is about (Nghị định 20/2008, 92/2017).
TOPICS = {
    "quy_dinh_hanh_chinh": "Quy định hành chính",
    "thu_tuc_hanh_chinh": "Thủ tục hành chính, giải quyết hồ sơ",
    "can_bo": "Tinh thần trách nhiệm, thái độ, ứng xử của cán bộ, công chức",
    "dich_vu_cong": "Hỗ trợ dịch vụ công trực tuyến",
    "cai_cach_hanh_chinh": "Cải cách hành chính nói chung",
}
