"""What each field of each content kind means, in Vietnamese, for the officers who fill it in.

The one place field labels and help live: the JSON Schemas for editors (editor_schema.py),
the web editor's form (cms.py), and anyone else who names a field to an officer (e.g. the
comments of `cchc new`) read them through `describe(kind, path)`. A path is the field's
dotted path in the file ("issuer.level"; list items add no segment). Lookup order: the kind's
own entry for the full path, then the shared entry for the full path, then for the field's
last name; a field without any entry gets its name as label (tests/test_editor_schema.py
asserts that every field of every kind has an entry, so that fallback is never shipped).
"""
from __future__ import annotations

from . import schema

# Field name (or dotted path) -> (label, help). Help says what goes there and how to write it.
SHARED: dict[str, tuple[str, str]] = {
    "abstract": ("Trích yếu", "Trích yếu nội dung văn bản, chép đúng như trên văn bản."),
    "address": ("Địa chỉ", "Địa chỉ trụ sở: số nhà, đường, phường/xã, tỉnh/thành phố."),
    "after": ("Đoạn sau danh sách", "Đoạn văn in ngay sau danh sách các mục của phần này."),
    "agency": ("Cơ quan", "Tên đầy đủ của cơ quan, đơn vị."),
    "alt": ("Mô tả ảnh", "Mô tả ngắn nội dung ảnh cho người khiếm thị (bắt buộc)."),
    "answer": ("Trả lời", "Nội dung trả lời của cơ quan."),
    "appendix": ("Phụ lục", "Phụ lục: bảng nhiệm vụ kèm theo kế hoạch."),
    "applicants": ("Đối tượng thực hiện", "Ai được làm thủ tục này (công dân, tổ chức…)."),
    "approval": ("Quyết định phê duyệt", "Quyết định phê duyệt đề án (khi đề án được ban hành kèm một quyết định)."),
    "areas": ("Lĩnh vực cải cách", "Chọn một hoặc nhiều lĩnh vực cải cách hành chính mà tin bài nói về."),
    "articles": ("Các điều", "Các điều của quyết định, theo thứ tự."),
    "attached_to": ("Kèm theo văn bản", "Dòng “Kèm theo …” in dưới tiêu đề, chép như văn bản gốc."),
    "audio": ("Tệp âm thanh", "Đường dẫn tệp âm thanh (.mp3, .m4a, .ogg…) đặt cạnh tệp này, ví dụ audio/so-1.mp3."),
    "author": ("Tác giả", "Họ tên người viết bài."),
    "authority": ("Thẩm quyền ký", "Dòng thẩm quyền trên chữ ký, ví dụ “TM. ỦY BAN NHÂN DÂN”."),
    "by": ("Người trả lời", "Người hoặc đơn vị trả lời."),
    "cadence": ("Định kỳ phát sóng", "Bao lâu phát một lần, ví dụ monthly (hằng tháng) hoặc {when: monthly, count: 2}."),
    "channel": ("Kênh", "Kênh phát: phát thanh, truyền hình, cổng thông tin hoặc Zalo."),
    "channels": ("Cách thức nộp hồ sơ", "Mỗi cách nộp (trực tiếp, trực tuyến, bưu chính) với thời hạn giải quyết và phí."),
    "choices": ("Các phương án", "Từ 2 đến 6 phương án trả lời, khác nhau."),
    "closing": ("Đoạn kết", "Đoạn kết của văn bản, trước nơi nhận và chữ ký."),
    "closures": ("Ngày tạm nghỉ", "Những ngày đường dây tạm ngừng (ngoài lịch nghỉ lễ, Tết)."),
    "code": ("Mã thủ tục", "Mã thủ tục trên Cổng Dịch vụ công quốc gia, viết trong ngoặc kép, ví dụ \"1.001193\"."),
    "columns": ("Tên cột", "Tên các cột của bảng nhiệm vụ, khi khác tên mặc định."),
    "common": ("Thủ tục thường gặp", "Thứ tự trong mục “Thủ tục thường gặp” của trang chủ (1 là đầu tiên, tối đa 6); để trống nếu không đưa lên trang chủ."),
    "content": ("Nội dung", "Nội dung công việc."),
    "coordinating": ("Cơ quan phối hợp", "Cơ quan, đơn vị phối hợp thực hiện."),
    "copies": ("Số bản sao", "Số bản sao cần nộp."),
    "date": ("Ngày", "Ngày."),
    "days": ("Các ngày trong tuần", "Những ngày làm việc theo khung giờ này."),
    "decision": ("Quyết định công bố", "Số, ngày của quyết định công bố thủ tục."),
    "delivers": ("Thực hiện nhiệm vụ", "Nhiệm vụ của kế hoạch mà nội dung này thực hiện: tên tệp kế hoạch, dấu # và số nhiệm vụ, ví dụ \"2021-tp-soc-trang-15#2\"."),
    "description": ("Mô tả", "Vài câu giới thiệu."),
    "discrepancies": ("Chỗ khác nhau trong bản gốc", "Những chỗ văn bản gốc tự mâu thuẫn, ghi lại để người đọc biết."),
    "document": ("Văn bản trả lời", "Số, ngày của văn bản trả lời (nếu có)."),
    "dossier": ("Thành phần hồ sơ", "Từng giấy tờ cần nộp, với số bản chính, bản sao."),
    "draft": ("Bản nháp", "Bật khi bài chưa được đăng: bài chỉ hiện khi xem thử."),
    "duration": ("Thời lượng", "Thời lượng chương trình, ví dụ \"15 phút\"."),
    "effective": ("Ngày hiệu lực", "Ngày văn bản có hiệu lực."),
    "email": ("Thư điện tử", "Địa chỉ thư điện tử, ví dụ ten@example.gov.vn."),
    "end": ("Kết thúc", "Ngày giờ kết thúc."),
    "explanation": ("Giải thích", "Vì sao đáp án đúng, hiện sau khi trả lời."),
    "fee": ("Phí, lệ phí", "Số tiền bằng đồng, không dấu chấm (0 là miễn phí), hoặc ghi bằng chữ trong ngoặc kép."),
    "field": ("Lĩnh vực", "Lĩnh vực của thủ tục, như trên Cổng Dịch vụ công, ví dụ “Hộ tịch”."),
    "file": ("Tệp văn bản", "Tệp văn bản (.pdf, .docx…) đặt cạnh tệp này, hoặc địa chỉ https:// của văn bản."),
    "form": ("Mẫu đơn, tờ khai", "Tệp mẫu đặt cạnh trang, hoặc địa chỉ https:// để tải mẫu."),
    "from": ("Từ ngày", "Ngày đầu tạm nghỉ."),
    "functions": ("Chức năng, nhiệm vụ", "Mỗi dòng một chức năng, nhiệm vụ."),
    "heading": ("Tiêu đề phần", "Tiêu đề của phần, chép như văn bản gốc."),
    "holidays": ("Ngày lễ, Tết", "Đường dây có làm việc vào ngày lễ, Tết không."),
    "hours": ("Giờ làm việc", "Các ngày và khung giờ làm việc."),
    "image": ("Ảnh đại diện", "Ảnh đại diện và mô tả ảnh."),
    "issuer": ("Cơ quan ban hành", "Cơ quan ban hành văn bản, ghi đúng tên tại thời điểm ban hành."),
    "items": ("Các mục", "Các mục của phần, theo thứ tự."),
    "kind": ("Loại", "Chọn loại phù hợp."),
    "label": ("Ghi chú số điện thoại", "Ghi chú ngắn cho số này, ví dụ “Trực ban”."),
    "labels": ("Tên nhãn", "Tên các nhãn khi khác tên mặc định."),
    "last_checked": ("Ngày đối chiếu", "Ngày gần nhất cán bộ đối chiếu thủ tục với Cổng Dịch vụ công quốc gia."),
    "last_verified": ("Ngày gọi thử", "Ngày gần nhất gọi thử các số và thấy liên lạc được."),
    "lead": ("Cơ quan chủ trì", "Cơ quan, đơn vị chủ trì thực hiện."),
    "leaflet": ("In trên tờ rơi", "Bật để đưa thủ tục này lên tờ rơi in (tối đa 6 thủ tục)."),
    "legal_bases": ("Căn cứ pháp lý", "Các văn bản làm căn cứ, mỗi dòng một văn bản."),
    "level": ("Cấp", "Cấp của cơ quan."),
    "link": ("Liên kết nghe, xem", "Địa chỉ https:// nơi nghe hoặc xem chương trình (khi không có tệp)."),
    "links": ("Liên kết", "Các liên kết liên quan, mỗi liên kết có tiêu đề và địa chỉ."),
    "marker": ("Kiểu đánh dấu", "Cách đánh dấu các mục: -, a), 1. hoặc none (không đánh dấu)."),
    "missing": ("Phần thiếu trong bản gốc", "Những phần bản gốc không có hoặc không đọc được."),
    "name": ("Tên", "Tên đầy đủ."),
    "needs_check": ("Chưa gọi thử", "Bật khi chưa gọi thử các số: trang sẽ ghi rõ số chưa được kiểm tra."),
    "no": ("Số thứ tự", "Số thứ tự như in trong văn bản, ví dụ 1, 2.1 hoặc a)."),
    "note": ("Ghi chú", "Ghi chú thêm."),
    "number": ("Số, ký hiệu", "Số và ký hiệu văn bản, ví dụ \"15/KH-UBND\"."),
    "ocr": ("Chép từ bản quét (OCR)", "Bật khi nội dung được đọc từ bản quét bằng phần mềm nhận dạng chữ (OCR): trang ghi rõ điều này."),
    "officials": ("Cán bộ đầu mối", "Họ tên, chức vụ, điện thoại, thư điện tử của cán bộ đầu mối."),
    "online": ("Mức độ trực tuyến", "Thủ tục được cung cấp trực tuyến toàn trình, một phần, hay chưa."),
    "online_form": ("Biểu mẫu trực tuyến", "Địa chỉ https:// của biểu mẫu gửi phản ánh trực tuyến."),
    "online_url": ("Địa chỉ nộp trực tuyến", "Địa chỉ https:// để nộp hồ sơ trực tuyến (mặc định: trang thủ tục trên Cổng Dịch vụ công quốc gia)."),
    "organiser": ("Đơn vị tổ chức", "Cơ quan, đơn vị tổ chức hoạt động."),
    "originals": ("Số bản chính", "Số bản chính cần nộp."),
    "outputs": ("Kết quả, sản phẩm", "Kết quả, sản phẩm của hoạt động, mỗi dòng một kết quả."),
    "parent": ("Cơ quan cấp trên", "Cơ quan cấp trên trực tiếp."),
    "participants": ("Số người tham dự", "Số người tham dự, chỉ ghi số."),
    "period": ("Thời kỳ", "Những năm được áp dụng, ví dụ 2021 hoặc \"2021..2025\"."),
    "phone": ("Điện thoại", "Số điện thoại trong ngoặc kép, ví dụ \"0299 3821 234\"."),
    "phones": ("Số điện thoại", "Các số điện thoại, mỗi số trong ngoặc kép, ví dụ \"0299 3821 234\"."),
    "photos": ("Ảnh hoạt động", "Ảnh của hoạt động, mỗi ảnh có đường dẫn và mô tả."),
    "pinned": ("Ghim trên mọi trang", "Bật để hiện đường dây này ở mọi trang (tối đa 3)."),
    "place": ("Địa điểm", "Nơi diễn ra, hoặc địa danh ghi trên văn bản."),
    "plan": ("Kế hoạch", "Tên tệp kế hoạch trong thư mục plans/, không có .yml, ví dụ \"2021-tp-soc-trang-15\"."),
    "position": ("Chức vụ", "Chức vụ của cán bộ."),
    "preamble": ("Căn cứ, mở đầu", "Đoạn mở đầu của văn bản, trước phần nội dung."),
    "procedure": ("Thủ tục liên quan", "Mã thủ tục liên quan, trong ngoặc kép, ví dụ \"1.001193\"."),
    "procedures": ("Thủ tục liên quan", "Mã các thủ tục bài viết nói đến, mỗi mã trong ngoặc kép."),
    "products": ("Sản phẩm", "Sản phẩm, kết quả dự kiến."),
    "publish": ("Hẹn giờ đăng", "Ngày giờ bài được đăng lên trang (để trống: đăng theo ngày của bài)."),
    "published_by": ("Văn bản công bố", "Văn bản công bố số đường dây nóng: số, ngày, tên, địa chỉ."),
    "question": ("Câu hỏi", "Nội dung câu hỏi."),
    "questions": ("Các câu hỏi", "Các câu hỏi của cuộc thi."),
    "received": ("Ngày nhận", "Ngày nhận phản ánh."),
    "receives": ("Tiếp nhận", "Những loại phản ánh, kiến nghị đường dây tiếp nhận."),
    "recipients": ("Nơi nhận", "Các nơi nhận, mỗi dòng một nơi."),
    "reform_area": ("Lĩnh vực cải cách", "Lĩnh vực cải cách hành chính của phần này."),
    "request": ("Là đề nghị", "Bật khi phần này là lời đề nghị gửi các cơ quan."),
    "requirements": ("Điều kiện", "Điều kiện thực hiện thủ tục (nếu có)."),
    "result": ("Kết quả", "Kết quả người dân nhận được."),
    "sample": ("Nội dung mẫu", "Bật cho nội dung mẫu: trang ghi rõ “Nội dung mẫu”."),
    "sections": ("Các phần", "Các phần của văn bản, theo thứ tự."),
    "sender": ("Người gửi", "Người gửi (có thể để trống để giữ kín)."),
    "short": ("Tên ngắn", "Tên ngắn gọn của cơ quan."),
    "show": ("Chỉ xuất trình", "Bật khi giấy tờ chỉ cần mang theo để xuất trình, không nộp."),
    "signer": ("Người ký", "Chức vụ, thẩm quyền và họ tên người ký."),
    "source": ("Nguồn", "Nơi có thông tin."),
    "src": ("Đường dẫn ảnh", "Đường dẫn tệp ảnh, tính từ tệp này, ví dụ anh/hoi-nghi.jpg."),
    "steps": ("Trình tự thực hiện", "Các bước thực hiện, theo thứ tự."),
    "stripped": ("Phần đã lược", "Những phần của bản gốc không chép lên trang."),
    "structure": ("Cơ cấu tổ chức", "Các bộ phận, đơn vị trực thuộc."),
    "summary": ("Tóm tắt", "Một, hai câu tóm tắt, hiện trong danh sách và khi chia sẻ."),
    "tags": ("Từ khóa", "Các từ khóa, mỗi từ một dòng."),
    "targets": ("Chỉ tiêu", "Các chỉ tiêu của phần này."),
    "tasks": ("Nhiệm vụ", "Các dòng của bảng nhiệm vụ."),
    "text": ("Nội dung", "Nội dung, có thể dùng Markdown."),
    "time": ("Thời hạn giải quyết", "Thời hạn giải quyết, ví dụ “03 ngày làm việc”."),
    "timeframe": ("Thời gian thực hiện", "Thời gian, ví dụ 2026-03, 2026-Q2, 2026, monthly, \"before 2026-11\"."),
    "times": ("Khung giờ", "Khung giờ trong ngoặc kép, ví dụ \"07:00-11:00\"."),
    "title": ("Tiêu đề", "Tiêu đề."),
    "to": ("Đến ngày", "Ngày cuối tạm nghỉ."),
    "topic": ("Chủ đề", "Chủ đề của phản ánh, kiến nghị."),
    "type": ("Loại văn bản", "Loại văn bản."),
    "typos": ("Lỗi chính tả trong bản gốc", "Lỗi chính tả của bản gốc, giữ nguyên trên trang và ghi lại ở đây."),
    "unit": ("Đơn vị", "Đơn vị, bộ phận."),
    "updated": ("Ngày cập nhật", "Ngày thông tin được cập nhật."),
    "url": ("Địa chỉ", "Địa chỉ trang, bắt đầu bằng https://."),
    "value": ("Giá trị", "Giá trị chỉ tiêu, chỉ ghi số, ví dụ 95."),
    "video": ("Tệp video", "Đường dẫn tệp video (.mp4, .webm) đặt cạnh tệp này."),
    "way": ("Cách thức", "Nộp trực tiếp, trực tuyến hay qua bưu chính."),
    "when": ("Thời gian", "Thời gian, ví dụ 2026, 2026-Q2, monthly."),
    "count": ("Số lần", "Số lần mỗi kỳ, chỉ ghi số."),
    "where": ("Nơi nộp hồ sơ", "Nơi tiếp nhận hồ sơ."),
    "who": ("Đối tượng", "Ai đạt chỉ tiêu."),
    "zalo": ("Zalo", "Số điện thoại Zalo, hoặc địa chỉ https:// của trang Zalo chính thức."),
    # Paths where a shared name means something else.
    "answer.date": ("Ngày trả lời", "Ngày trả lời."),
    "answer.text": ("Nội dung trả lời", "Nội dung trả lời của cơ quan."),
    "closures.note": ("Lý do", "Lý do tạm nghỉ."),
    "issuer.name": ("Tên cơ quan ban hành", "Tên cơ quan ban hành, đúng như trên văn bản, ví dụ “Ủy ban nhân dân thành phố Sóc Trăng”."),
    "issuer.level": ("Cấp cơ quan ban hành", "Cấp tỉnh, cấp huyện (trước 01/7/2025) hoặc cấp xã."),
    "questions.answer": ("Đáp án", "Số thứ tự của phương án đúng, đếm từ 1."),
    "questions.source": ("Nguồn tham khảo", "Trang của cổng (bắt đầu bằng /) hoặc địa chỉ https:// có câu trả lời."),
    "published_by.title": ("Tên văn bản", "Trích yếu văn bản công bố."),
    "published_by.url": ("Địa chỉ văn bản", "Địa chỉ https:// của văn bản công bố."),
    "phones.number": ("Số điện thoại", "Số điện thoại trong ngoặc kép, ví dụ \"0299 3821 234\"."),
    "phone.number": ("Số điện thoại", "Số điện thoại trong ngoặc kép, ví dụ \"0299 3821 234\"."),
    "structure.name": ("Tên bộ phận", "Tên bộ phận, đơn vị."),
    "structure.description": ("Nhiệm vụ của bộ phận", "Nhiệm vụ chính của bộ phận."),
    "officials.name": ("Họ và tên", "Họ và tên cán bộ."),
    "targets.text": ("Chỉ tiêu", "Nội dung chỉ tiêu, như trong văn bản."),
    "targets.unit": ("Đơn vị tính", "Đơn vị tính của chỉ tiêu, ví dụ %."),
    "targets.by": ("Thời hạn", "Thời hạn đạt chỉ tiêu, ví dụ 2030."),
    "legal_bases.number": ("Số, ký hiệu", "Số và ký hiệu văn bản căn cứ, ví dụ \"63/2010/NĐ-CP\"."),
    "legal_bases.title": ("Tên văn bản", "Trích yếu văn bản căn cứ."),
    "legal_bases.issuer": ("Cơ quan ban hành", "Cơ quan ban hành văn bản căn cứ."),
    "legal_bases.date": ("Ngày ban hành", "Ngày ban hành."),
    "links.title": ("Tiêu đề liên kết", "Tên trang được liên kết."),
    "source.file": ("Tệp gốc", "Tên tệp văn bản gốc đã dùng."),
}

# Kind name -> {path: (label, help)}, where a kind means something of its own by a field.
BY_KIND: dict[str, dict[str, tuple[str, str]]] = {
    "plans": {
        "type": ("Loại văn bản", "ke_hoach (Kế hoạch) hoặc de_an (Đề án)."),
        "number": ("Số, ký hiệu", "Số và ký hiệu của kế hoạch, trong ngoặc kép, ví dụ \"15/KH-UBND\"."),
        "date": ("Ngày ban hành", "Ngày ban hành."),
        "title": ("Tên kế hoạch", "Trích yếu, chép đúng như văn bản."),
        "period": ("Thời kỳ kế hoạch", "Những năm kế hoạch áp dụng, ví dụ 2021 hoặc \"2022-06-30..2030\"."),
        "sections.kind": ("Loại phần", "Phần này nói về gì (mục đích, nhiệm vụ, kinh phí…)."),
        "sections.text": ("Nội dung phần", "Đoạn văn của phần, có thể dùng Markdown."),
        "sections.timeframe": ("Thời gian", "Thời gian của phần tiến độ, ví dụ \"2021..2025\"."),
        "source": ("Ghi chú về bản gốc", "Những điều cần biết về văn bản gốc (lỗi, phần thiếu)."),
        "approval.number": ("Số quyết định", "Số và ký hiệu quyết định phê duyệt, ví dụ \"1738/QĐ-UBND\"."),
        "approval.date": ("Ngày quyết định", "Ngày ký quyết định."),
        "approval.title": ("Trích yếu quyết định", "Trích yếu quyết định phê duyệt."),
        "approval.articles.text": ("Nội dung điều", "Nội dung của điều."),
        "appendix.tasks.units": ("Giao cho đơn vị cấp dưới", "Các đơn vị cấp dưới thực hiện nhiệm vụ: all (mọi đơn vị) hoặc danh sách tên cổng thông tin của đơn vị, ví dụ [phuong-1, phuong-2]. Mỗi đơn vị thấy nhiệm vụ trên cổng của mình; báo cáo của cơ quan ban hành tổng hợp kết quả từng đơn vị."),
    },
    "articles": {
        "title": ("Tiêu đề bài", "Tiêu đề bài viết."),
        "date": ("Ngày đăng", "Ngày (và giờ) của bài."),
        "agency": ("Cơ quan đăng tin", "Cơ quan, đơn vị đưa tin."),
    },
    "episodes": {
        "title": ("Tiêu đề số phát", "Tiêu đề của số phát sóng này."),
        "date": ("Ngày phát sóng", "Ngày (và giờ) phát sóng."),
    },
    "series": {
        "name": ("Tên chuyên mục", "Tên chuyên mục, chương trình."),
        "agency": ("Cơ quan thực hiện", "Cơ quan sản xuất, phát sóng."),
        "delivers": ("Thực hiện nhiệm vụ", "Nhiệm vụ kế hoạch mà chuyên mục thực hiện, ví dụ \"2021-tp-soc-trang-15#2\"."),
        "period": ("Thời kỳ phát sóng", "Những năm chuyên mục phát sóng, ví dụ \"2021..2025\"."),
    },
    "activities": {
        "title": ("Tên hoạt động", "Tên hoạt động."),
        "kind": ("Loại hoạt động", "Hội nghị, tập huấn, hội thi, đối thoại…"),
        "date": ("Ngày diễn ra", "Ngày (và giờ) bắt đầu."),
    },
    "procedures": {
        "name": ("Tên thủ tục", "Tên thủ tục, như trên Cổng Dịch vụ công quốc gia."),
        "level": ("Cấp thực hiện", "Cấp cơ quan giải quyết thủ tục."),
        "agency": ("Cơ quan thực hiện", "Cơ quan giải quyết thủ tục."),
        "hours": ("Thời gian tiếp nhận", "Giờ tiếp nhận hồ sơ, ví dụ “Sáng thứ Hai đến sáng thứ Bảy”."),
        "legal_bases": ("Căn cứ pháp lý", "Các văn bản căn cứ, mỗi văn bản có số, tên, ngày."),
        "summary": ("Tóm tắt", "Một, hai câu nói thủ tục dùng để làm gì."),
        "steps.title": ("Tên bước", "Tên ngắn của bước."),
        "steps.text": ("Nội dung bước", "Làm gì ở bước này."),
        "dossier.name": ("Tên giấy tờ", "Tên giấy tờ, như trong thành phần hồ sơ."),
        "dossier.note": ("Ghi chú giấy tờ", "Ghi chú cho giấy tờ này."),
    },
    "hotlines": {
        "agency": ("Cơ quan", "Cơ quan có đường dây nóng."),
        "unit": ("Bộ phận", "Bộ phận trực đường dây (nếu có)."),
        "level": ("Cấp", "Cấp của cơ quan."),
        "note": ("Ghi chú", "Ghi chú hiện dưới đường dây."),
        "published_by.number": ("Số văn bản", "Số và ký hiệu văn bản công bố."),
        "published_by.date": ("Ngày văn bản", "Ngày văn bản công bố."),
    },
    "feedback": {
        "title": ("Tiêu đề phản ánh", "Tóm tắt nội dung phản ánh, kiến nghị trong một câu."),
        "agency": ("Cơ quan trả lời", "Cơ quan tiếp nhận, trả lời."),
        "question": ("Nội dung phản ánh", "Nội dung phản ánh, kiến nghị của người dân (chỉ chữ, không định dạng)."),
    },
    "documents": {
        "type": ("Loại văn bản", "Luật, nghị định, quyết định, kế hoạch…"),
        "issuer": ("Cơ quan ban hành", "Cơ quan ban hành văn bản."),
        "date": ("Ngày ban hành", "Ngày ban hành."),
        "plan": ("Là kế hoạch", "Khi văn bản là một kế hoạch trong plans/: tên tệp kế hoạch, không có .yml."),
    },
    "organisation": {"name": ("Tên cơ quan", "Tên đầy đủ của cơ quan.")},
    "organisation_en": {"name": ("Tên cơ quan (tiếng Anh)", "Tên cơ quan bằng tiếng Anh."),
                        "functions": ("Chức năng, nhiệm vụ (tiếng Anh)", "Mỗi dòng một chức năng, bằng tiếng Anh.")},
    "search_words": {
        "terms": ("Từ khóa", "Mỗi mục: những từ người dân hay gõ và từ dùng trên trang."),
        "terms.words": ("Người dân gõ", "Những cách người dân hay gõ, ví dụ \"sdt\", \"hotline\"."),
        "terms.means": ("Nghĩa là", "Từ dùng trên trang mà ô tìm kiếm sẽ tìm thay, ví dụ \"đường dây nóng\"."),
        "ignore": ("Bỏ qua", "Những từ để hỏi ô tìm kiếm bỏ qua, ví dụ \"ở đâu\", \"là gì\"."),
    },
    "quizzes": {
        "title": ("Tên cuộc thi", "Tên cuộc thi tìm hiểu."),
        "description": ("Giới thiệu", "Giới thiệu ngắn về cuộc thi."),
        "plan": ("Thực hiện nhiệm vụ", "Nhiệm vụ kế hoạch mà cuộc thi thực hiện, ví dụ \"2021-tp-soc-trang-15#2\"."),
    },
}

# Kind name -> (title, description): what each kind's schema and web-editor collection is called.
KINDS: dict[str, tuple[str, str]] = {
    "plans": ("Kế hoạch", "Một kế hoạch hoặc đề án: plans/<năm>-<đơn vị>-<số>.yml"),
    "articles": ("Tin tức", "Bài tin tức: content/tin-tuc/"),
    "series": ("Chuyên mục phát thanh, truyền hình", "Thông tin chuyên mục: content/chuong-trinh/<chuyên mục>/series.yml"),
    "episodes": ("Chương trình phát sóng", "Một số phát sóng: content/chuong-trinh/<chuyên mục>/"),
    "activities": ("Hoạt động", "Hội nghị, tập huấn, hội thi…: content/hoat-dong/"),
    "procedures": ("Thủ tục hành chính", "Hướng dẫn một thủ tục: content/thu-tuc/"),
    "hotlines": ("Đường dây nóng", "Một đường dây nóng: content/duong-day-nong/<tên>.yml"),
    "feedback": ("Phản ánh, kiến nghị", "Một phản ánh và câu trả lời: content/phan-anh/<tên>.yml"),
    "documents": ("Văn bản", "Một văn bản: content/van-ban/"),
    "organisation": ("Giới thiệu cơ quan", "content/gioi-thieu/co-quan.yml"),
    "organisation_en": ("Giới thiệu cơ quan (tiếng Anh)", "content/en/organisation.yml"),
    "quizzes": ("Hội thi tìm hiểu", "Một cuộc thi: content/hoi-thi/<tên>.yml"),
    "search_words": ("Từ khóa tìm kiếm", "Những từ người dân hay gõ và nghĩa của chúng trên trang: content/tim-kiem/tu-khoa.yml"),
}

# Fields whose text runs to several lines: the web editor gives them a text area.
LONG = frozenset({
    "summary", "text", "question", "explanation", "description", "preamble", "closing", "after", "abstract",
    "answer.text", "note",
})

# How a value of each type is written, added to the help of every field of that type.
FORMATS: dict[type, str] = {
    schema.Date: "Viết năm-tháng-ngày, ví dụ 2026-11-28.",
    schema.DateTime: "Viết năm-tháng-ngày, có thể thêm giờ: 2026-11-28 08:30.",
    schema.Flag: "true (có) hoặc false (không).",
    schema.WebAddress: "Địa chỉ đầy đủ, bắt đầu bằng https://.",
}


def describe(kind: str, path: str) -> tuple[str, str]:
    """The Vietnamese (label, help) of the field at `path` in a file of `kind`."""
    own = BY_KIND.get(kind, {})
    last = path.rsplit(".", 1)[-1]
    tail = ".".join(path.split(".")[-2:])
    for table, key in ((own, path), (SHARED, path), (own, tail), (SHARED, tail), (own, last), (SHARED, last)):
        if key in table:
            return table[key]
    return last.replace("_", " ").capitalize(), ""


def documented(kind: str, path: str) -> bool:
    """Whether the field has an entry of its own (not the fallback label)."""
    last = path.rsplit(".", 1)[-1]
    tail = ".".join(path.split(".")[-2:])
    return any(key in table for table in (BY_KIND.get(kind, {}), SHARED) for key in (path, tail, last))


def is_long(path: str) -> bool:
    tail = ".".join(path.split(".")[-2:])
    return tail in LONG or path.rsplit(".", 1)[-1] in LONG


def format_help(type_) -> str:
    return next((text for cls, text in FORMATS.items() if isinstance(type_, cls)), "")
