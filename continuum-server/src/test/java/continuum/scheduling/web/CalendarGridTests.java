package continuum.scheduling.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import continuum.scheduling.AppointmentType;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotId;
import continuum.scheduling.SlotStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar grid in Brussels time: 23 and 25 hour days at the clock changes, the
 * repeated hour labelled by its offset, every slot shown exactly once.
 */
class CalendarGridTests {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	static final LocalDate SPRING_FORWARD = LocalDate.of(2027, 3, 28);

	static final LocalDate FALL_BACK = LocalDate.of(2027, 10, 31);

	@Test
	void anOrdinaryDayHas24HoursAndClockChangeDays23And25() {
		assertThat(CalendarGrid.hoursOf(LocalDate.of(2027, 3, 27), BRUSSELS)).hasSize(24);
		assertThat(CalendarGrid.hoursOf(SPRING_FORWARD, BRUSSELS)).hasSize(23);
		assertThat(CalendarGrid.hoursOf(FALL_BACK, BRUSSELS)).hasSize(25);
	}

	@Test
	void theRepeatedHourIsShownTwiceWithItsOffsetAndEachSlotOnce() {
		Instant firstTwoThirty = ZonedDateTime.ofLocal(FALL_BACK.atTime(2, 30), BRUSSELS, null).toInstant();
		Instant secondTwoThirty = firstTwoThirty.plusSeconds(3600);
		List<CalendarGrid.Entry> entries = List.of(entry(1, firstTwoThirty), entry(2, secondTwoThirty),
				entry(3, at(FALL_BACK, 9, 0)));

		List<CalendarGrid.HourRow> rows = CalendarGrid.day(FALL_BACK, BRUSSELS, entries);

		assertThat(rows).extracting(CalendarGrid.HourRow::label)
			.contains("02:00 (UTC+02:00)", "02:00 (UTC+01:00)", "09:00", "17:00")
			.doesNotContain("01:00", "18:00");
		assertThat(rows.stream().flatMap(r -> r.entries().stream()).map(e -> e.slot().id().value())).containsExactly(1L,
				2L, 3L);
		assertThat(rows.stream().filter(r -> r.label().startsWith("02:00")).map(r -> r.entries().size()))
			.containsExactly(1, 1);
	}

	@Test
	void theMissingHourHasNoRowOnTheDayClocksGoForward() {
		List<CalendarGrid.HourRow> rows = CalendarGrid.day(SPRING_FORWARD, BRUSSELS,
				List.of(entry(1, at(SPRING_FORWARD, 1, 30)), entry(2, at(SPRING_FORWARD, 3, 0))));
		assertThat(rows).extracting(CalendarGrid.HourRow::label).startsWith("01:00", "03:00").doesNotContain("02:00");
	}

	@Test
	void aWeekPutsEachSlotInItsDayAndLocalHour() {
		LocalDate monday = LocalDate.of(2027, 10, 25);
		List<CalendarGrid.Entry> entries = List.of(entry(1, at(monday, 7, 40)), entry(2, at(monday.plusDays(6), 9, 0)),
				entry(3, at(monday.plusDays(6), 9, 20)));

		List<CalendarGrid.WeekRow> rows = CalendarGrid.week(monday, BRUSSELS, entries);

		assertThat(rows.get(0).label()).isEqualTo("07:00");
		assertThat(rows.get(0).cells().get(0)).extracting(e -> e.slot().id().value()).containsExactly(1L);
		CalendarGrid.WeekRow nine = rows.stream().filter(r -> r.label().equals("09:00")).findFirst().orElseThrow();
		assertThat(nine.cells().get(6)).extracting(e -> e.slot().id().value()).containsExactly(2L, 3L);
		assertThat(nine.cells().subList(0, 6)).allMatch(List::isEmpty);
		assertThat(rows).last().extracting(CalendarGrid.WeekRow::label).isEqualTo("17:00");
	}

	private static Instant at(LocalDate date, int hour, int minute) {
		return ZonedDateTime.of(date, LocalTime.of(hour, minute), BRUSSELS).toInstant();
	}

	private static CalendarGrid.Entry entry(long id, Instant start) {
		Slot slot = new Slot(new SlotId(id), new ScheduleId(1), AppointmentType.ULTRASOUND, start,
				start.plusSeconds(1200), SlotStatus.FREE, false, 1, start);
		return new CalendarGrid.Entry(slot, List.of());
	}

}
