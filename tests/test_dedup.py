from factionlens import dedup

BASE = (
    "Armed drones struck a convoy on the road west of the town on Tuesday evening, local officials "
    "said, adding that two vehicles were destroyed and that the injured were taken to the district "
    "hospital. A statement from the provincial council called for an inquiry and asked the federal "
    "government to explain who had authorised flights over the area during the holiday week. "
    "Residents interviewed by telephone described hearing two loud blasts shortly after sunset, "
    "followed by the sound of aircraft circling for almost an hour. The road, which links the "
    "town to the border crossing, was closed until the following afternoon while engineers "
    "inspected a damaged culvert, and traffic was diverted through farm tracks to the south."
)


def test_identical_texts_have_identical_signatures():
    assert dedup.signature(BASE) == dedup.signature(BASE)
    assert len(dedup.signature(BASE)) == dedup.NUM_PERM
    assert dedup.similarity(dedup.signature(BASE), dedup.signature(BASE)) == 1.0


def test_syndicated_copy_with_a_changed_header_is_a_near_duplicate():
    copy = "Reprinted from the wire. " + BASE.replace("Tuesday evening", "Tuesday night")
    assert dedup.is_near_duplicate(dedup.signature(BASE), dedup.signature(copy))


def test_copy_with_new_header_footer_and_edits_is_a_near_duplicate():
    copy = (
        "Regional Courier | World\n\nConvoy hit west of town\n\nPublished: 13/03/2020\n\n"
        + BASE.replace("said, adding", "said on Wednesday, adding").replace("explain", "clarify")
        + "\n\n(c) Regional Courier. Distributed under licence."
    )
    assert dedup.is_near_duplicate(dedup.signature(BASE), dedup.signature(copy))


def test_different_story_is_not_a_near_duplicate():
    other = (
        "Protesters gathered outside the governorate building for a third day, demanding jobs and "
        "reliable electricity; police used water cannon after some threw stones, and the governor "
        "promised to meet a delegation of the organisers before the end of the week, his office said "
        "in a short statement carried by the local television station on Thursday. Shops in the "
        "centre stayed closed, and the teachers' union said its members would join the sit-in "
        "from Sunday unless the ministry paid the salaries that have been delayed since the "
        "spring, a demand the finance ministry described as already met in a written reply."
    )
    assert not dedup.is_near_duplicate(dedup.signature(BASE), dedup.signature(other))


def test_short_text_has_no_signature():
    assert dedup.signature("Too short to fingerprint.") == []
    assert not dedup.is_near_duplicate([], [])
    assert dedup.bands([]) == []


def test_near_duplicates_share_a_band():
    a = dedup.signature(BASE)
    b = dedup.signature(BASE.replace("Tuesday evening", "Tuesday night"))
    assert set(dedup.bands(a)) & set(dedup.bands(b))


def test_in_memory_index_links_a_copy_to_the_first_document():
    index = dedup.NearDuplicateIndex()
    assert index.add("first", dedup.signature(BASE)) is None
    copy = BASE.replace("Tuesday evening", "Tuesday night")
    assert index.add("copy", dedup.signature(copy)) == "first"
    assert index.add("short", dedup.signature("Too short.")) is None
