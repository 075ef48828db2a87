package io.platinur.domain.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncWindowsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  private static final WeeklyWindow OFFICE_HOURS = new WeeklyWindow(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN);
  private static final WeeklyWindow FRIDAY_FREEZE =
      new WeeklyWindow(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(12, 0), LocalTime.of(2, 0), BERLIN);

  @ParameterizedTest(name = "{0}: allow {1}, allow+deny {2}")
  @CsvSource({
      // Tuesday 2026-12-01; Berlin is UTC+1 in winter
      "2026-12-01T07:59:59Z, false, false",
      "2026-12-01T08:00:00Z, true,  true",
      "2026-12-01T15:59:59Z, true,  true",
      "2026-12-01T16:00:00Z, false, false",
      // Friday 2026-12-04: the freeze runs from 12:00 Berlin into Saturday 02:00 and wins over office hours
      "2026-12-04T10:59:59Z, true,  true",
      "2026-12-04T11:00:00Z, true,  false",
      "2026-12-05T00:59:59Z, false, false",
      // Sunday: no allow window
      "2026-12-06T10:00:00Z, false, false",
      // summer time: Berlin is UTC+2, so 09:00 local is 07:00 UTC
      "2026-07-07T07:00:00Z, true,  true",
      "2026-07-07T06:59:59Z, false, false",
  })
  void deny_windows_win_and_local_time_follows_the_zone(String at, boolean allowOnly, boolean withFreeze) {
    Instant now = Instant.parse(at);
    assertThat(SyncWindows.allowing(OFFICE_HOURS).isOpenAt(now)).isEqualTo(allowOnly);
    assertThat(SyncWindows.allowing(OFFICE_HOURS).denying(FRIDAY_FREEZE).isOpenAt(now)).isEqualTo(withFreeze);
  }

  @Test
  void no_allow_window_means_any_time_not_denied() {
    SyncWindows freezeOnly = SyncWindows.always().denying(FRIDAY_FREEZE);
    assertThat(freezeOnly.isOpenAt(Instant.parse("2026-12-06T10:00:00Z"))).isTrue();
    assertThat(freezeOnly.closedBecause(Instant.parse("2026-12-04T12:00:00Z"))).contains(
        "A deny window (FRI 12:00–02:00 Europe/Berlin) is in force; deny windows win over allow windows.");
  }

  @Test
  void says_which_windows_are_allowed_when_none_is_open() {
    assertThat(SyncWindows.allowing(OFFICE_HOURS).closedBecause(Instant.parse("2026-12-06T10:00:00Z")))
        .contains("No sync window is open now (allowed: MON,TUE,WED,THU,FRI 09:00–17:00 Europe/Berlin).");
  }

  @Test
  void refuses_an_unknown_time_zone_and_an_empty_window_at_once() {
    assertThat(WeeklyWindow.parse(Set.of(), LocalTime.NOON, LocalTime.NOON, "Mars/Olympus").getError()).containsExactly(
        "A window needs at least one day.",
        "A window's start and end must differ.",
        "Unknown time zone ‘Mars/Olympus’: use an IANA zone name such as Europe/Berlin or UTC.");
    assertThat(WeeklyWindow.parse(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0), "Europe/Berlin").get()).isEqualTo(OFFICE_HOURS);
  }
}
