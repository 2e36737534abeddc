"""Date formats of every source, time zones (DST included), datelines and URL dates."""

from __future__ import annotations

import pytest

from tui.archive.read import dates


@pytest.mark.parametrize(
    ("text", "zone", "want"),
    [
        ("Wed, 10 Apr 2024 01:54:23 GMT", None, "2024-04-10T01:54:23+00:00"),  # VOA
        ("07/01/2022 - 13:38", "Europe/Paris", "2022-01-07T13:38:00+01:00"),  # RFI: day first, winter
        ("20/07/2020 - 17:50", "Europe/Paris", "2020-07-20T17:50:00+02:00"),  # RFI: summer time
        ("30/03/2024 - 12:00", "Europe/Paris", "2024-03-30T12:00:00+01:00"),  # day before the switch
        ("31/03/2024 - 12:00", "Europe/Paris", "2024-03-31T12:00:00+02:00"),  # day of the switch
        ("13/07/2020", "Europe/Paris", "2020-07-13"),  # 13 can only be a day
        ("2020年 7月 20日", None, "2020-07-20"),  # BBC: a day only
        ("2020-07-20T05:29:07", "UTC", "2020-07-20T05:29:07+00:00"),  # Reuters: UTC
        ("2020-07-20T13:24:12.498Z", None, "2020-07-20T13:24:12+00:00"),  # DW
        ("2020-07-20 17:51:00", "Asia/Shanghai", "2020-07-20T17:51:00+08:00"),  # NYT: Beijing
        ("日期：Sat, 13 Jun 2020 13:10:44 +0000", None, "2020-06-13T13:10:44+00:00"),  # CDT
        ("2014-09-02T15:47:20+02:00", None, "2014-09-02T15:47:20+02:00"),  # front matter
        ("2020-07-20", None, "2020-07-20"),
        ("２０２０年７月２０日", None, "2020-07-20"),
        ("", None, ""),
        ("not a date", None, ""),
        ("32/13/2020 - 10:00", "Europe/Paris", ""),
        ("Array", None, ""),
    ],
)
def test_parse_date(text: str, zone: str | None, want: str) -> None:
    assert dates.parse_date(text, zone) == want


def test_source_zones_were_checked() -> None:
    assert dates.NAIVE_ZONES["reuters"] == "UTC"
    assert dates.NAIVE_ZONES["nyt"] == "Asia/Shanghai"
    assert dates.NAIVE_ZONES["rfi"] == "Europe/Paris"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("【大纪元2022年01月11日讯】（大纪元记者戴芙若综合报导）", ("2022-01-11", "大纪元")),
        ("【希望之声2020年9月30日】（本台记者）", ("2020-09-30", "希望之声")),
        ("【新唐人北京时间2019年10月16日讯】", ("2019-10-16", "新唐人")),
        ("【看中国2020年9月7日讯】", ("2020-09-07", "看中国")),
        ("【大紀元2022年01月11日訊】", ("2022-01-11", "大紀元")),  # Traditional
        ("【明慧网二零二零年十一月二十七日】", ("2020-11-27", "明慧网")),  # Chinese numerals
        ("【明慧網二〇二一年三月一日】", ("2021-03-01", "明慧網")),
        ("【新唐人２０１９年１０月１６日讯】", ("2019-10-16", "新唐人")),  # full-width digits
        ("【九評之二】評中國共產黨是怎樣起家的", ("", "")),
        ("2020年1月25日 without brackets is no dateline", ("", "")),
        ("【大纪元2022年02月30日讯】", ("", "")),  # no such day
    ],
)
def test_dateline(text: str, want: tuple[str, str]) -> None:
    assert dates.dateline(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [("二零二零", 2020), ("十一", 11), ("二十七", 27), ("三十", 30), ("十", 10), ("９", 9), ("两", 2),
     ("abc", None)],
)
def test_cn_number(text: str, want: int | None) -> None:
    assert dates.cn_number(text) == want


@pytest.mark.parametrize(
    ("url", "want"),
    [
        # RFA: -MMDDYYYYHHMMSS.html in US Eastern time (checked against archived stamps)
        ("https://www.rfa.org/mandarin/yataibaodao/zhengzhi/cm-07202020104623.html",
         "2020-07-20T10:46:23-04:00"),
        ("https://www.rfa.org/mandarin/pinglun/hql-01152020105309.html", "2020-01-15T10:53:09-05:00"),
        ("https://www.epochtimes.com/gb/22/1/10/n13495702.htm", "2022-01-10"),
        ("https://www.rfi.fr/cn/%E5%9B%BD%E9%99%85/20240303-%E6%BE%B3", "2024-03-03"),
        ("https://www.ntdtv.com/gb/2020/10/08/a102959061.html", "2020-10-08"),
        ("https://cn.nytimes.com/usa/20200720/trump-coronavirus-failure-takeaways/", "2020-07-20"),
        ("https://chinadigitaltimes.net/chinese/2020/07/abc/", ""),  # a month is not a day
        ("https://www.soundofhope.org/post/344539", ""),
        ("", ""),
    ],
)
def test_from_url(url: str, want: str) -> None:
    assert dates.from_url(url) == want


def test_epoch_ms() -> None:
    assert dates.from_epoch_ms("1712714343000") == "2024-04-10T01:59:03+00:00"
    assert dates.from_epoch_ms("NaN") == ""
    assert dates.from_epoch_ms("99999999999999999999") == ""


def test_precise_prefers_a_clock_time() -> None:
    assert dates.precise("2020-07-20", "2020-07-20T01:00:00+08:00") == "2020-07-20T01:00:00+08:00"
    first = "2020-07-20T01:00:00+02:00"
    assert dates.precise(first, "2020-07-19T23:00:00+00:00") == first
    assert dates.precise("", "") == ""


def test_wechat_epoch_in_beijing_time() -> None:
    assert dates.iso_in_zone(1601794143, "Asia/Shanghai") == "2020-10-04T14:49:03+08:00"
