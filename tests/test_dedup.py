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


def test_identical_texts_have_identical_fingerprints():
    assert dedup.simhash(BASE) == dedup.simhash(BASE)
    assert dedup.simhash(BASE) != 0


def test_syndicated_copy_with_a_changed_header_is_a_near_duplicate():
    copy = "Reprinted from the wire. " + BASE.replace("Tuesday evening", "Tuesday night")
    assert dedup.is_near_duplicate(dedup.simhash(BASE), dedup.simhash(copy))


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
    assert not dedup.is_near_duplicate(dedup.simhash(BASE), dedup.simhash(other))


def test_short_text_has_no_fingerprint():
    assert dedup.simhash("Too short to fingerprint.") == 0
    assert not dedup.is_near_duplicate(0, 0)


def test_bands_agree_when_within_distance():
    a = dedup.simhash(BASE)
    b = a ^ 0b101  # two bits flipped
    assert dedup.distance(a, b) == 2
    assert any(x == y for x, y in zip(dedup.bands(a), dedup.bands(b), strict=True))
