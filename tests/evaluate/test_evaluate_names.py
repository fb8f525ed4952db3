from incidentwatch.evaluate.names import loose_actor, loose_label, loose_place, same_set


def test_admin_spellings_compare_equal() -> None:
    pairs = [
        ("Dara", "Dar'a"),
        ("Al Hasakeh", "Al-Hasakeh"),
        ("Idleb", "Idlib"),
        ("Deir ez Zor", "Deir-ez-Zor"),
        ("Ar Raqqa", "Raqqah"),
        ("Salah Al-Din", "Salah ad Din"),
        ("Ninewa", "Nineveh"),
        ("Ḥamāh", "Hama"),
        ("Tikrit District", "Tikrit"),
        ("Al-Kadhmiyah", "Kadhimiya"),
    ]
    for a, b in pairs:
        assert loose_place(a) == loose_place(b), (a, b)


def test_different_admins_stay_different() -> None:
    pairs = [
        ("Damascus", "Rural Damascus"),
        ("Baghdad", "Basra"),
        ("Homs", "Hama"),
        ("Al Anbar", "Al Najaf"),
        ("Erbil", "Duhok"),
    ]
    for a, b in pairs:
        assert loose_place(a) != loose_place(b), (a, b)


def test_actor_names_ignore_acled_period_and_case() -> None:
    assert loose_actor("Military Forces of Syria (2000-)") == loose_actor(
        "military forces of syria"
    )
    assert loose_actor("Military Forces of Turkey (2016-)") != loose_actor(
        "Military Forces of Syria (2000-)"
    )
    # The country in brackets is part of the name: it is not a period.
    assert loose_actor("Civilians (Iraq)") != loose_actor("Civilians (Syria)")
    assert loose_actor("Hayat Tahrir al-Sham") == loose_actor("Hayat Tahrir al Sham")


def test_labels_and_sets() -> None:
    assert loose_label("Explosions/Remote violence") == loose_label("explosions / remote violence")
    assert loose_label(None) is None
    assert same_set(["Explosives", "Firearms"], ["firearms", "explosives"])
    assert not same_set(["Explosives"], ["Explosives", "Firearms"])
