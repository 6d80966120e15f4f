package continuum.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates laid over local dates in Europe/Brussels, including both daylight-saving
 * nights of 2027 (28 March: 02:00 becomes 03:00; 31 October: 03:00 becomes 02:00).
 */
class SlotGeneratorTests {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	static final LocalDate SPRING_FORWARD = LocalDate.of(2027, 3, 28);

	static final LocalDate FALL_BACK = LocalDate.of(2027, 10, 31);

	static final TemplateLine NIGHT = new TemplateLine(DayOfWeek.SUNDAY, LocalTime.of(0, 0), LocalTime.of(6, 0),
			AppointmentType.CT, 30);

	@Test
	void springForwardNightHasTenRealHalfHoursAndNoSlotInTheMissingHour() {
		List<SlotGenerator.Planned> slots = SlotGenerator.generate(List.of(NIGHT), BRUSSELS, SPRING_FORWARD,
				SPRING_FORWARD.plusDays(1), List.of());
		assertThat(slots).hasSize(10);
		assertThat(slots).allSatisfy(s -> assertThat(Duration.between(s.start(), s.end())).hasMinutes(30));
		assertThat(slots).noneMatch(s -> local(s.start()).getHour() == 2);
		assertThat(local(slots.get(3).start()).toLocalTime()).isEqualTo(LocalTime.of(1, 30));
		assertThat(local(slots.get(4).start()).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
		assertThat(slots.get(4).start()).isEqualTo(slots.get(3).end());
		assertThat(slots.get(9).end())
			.isEqualTo(ZonedDateTime.of(SPRING_FORWARD, LocalTime.of(6, 0), BRUSSELS).toInstant());
	}

	@Test
	void fallBackNightHasFourteenRealHalfHoursWithTheRepeatedHourTwice() {
		List<SlotGenerator.Planned> slots = SlotGenerator.generate(List.of(NIGHT), BRUSSELS, FALL_BACK,
				FALL_BACK.plusDays(1), List.of());
		assertThat(slots).hasSize(14);
		assertThat(slots).allSatisfy(s -> assertThat(Duration.between(s.start(), s.end())).hasMinutes(30));
		for (int i = 1; i < slots.size(); i++) {
			assertThat(slots.get(i).start()).isEqualTo(slots.get(i - 1).end());
		}
		assertThat(slots).filteredOn(s -> local(s.start()).toLocalTime().equals(LocalTime.of(2, 0))).hasSize(2);
		assertThat(slots).filteredOn(s -> local(s.start()).toLocalTime().equals(LocalTime.of(2, 30))).hasSize(2);
	}

	@Test
	void aConsultationHourOnTheSpringForwardDayIsUnaffected() {
		TemplateLine morning = TemplateLine.of(DayOfWeek.SUNDAY, LocalTime.of(9, 0), LocalTime.of(10, 0),
				AppointmentType.CONSULTATION);
		List<SlotGenerator.Planned> slots = SlotGenerator.generate(List.of(morning), BRUSSELS, SPRING_FORWARD,
				SPRING_FORWARD.plusDays(1), List.of());
		assertThat(slots).extracting(s -> local(s.start()).toLocalTime())
			.containsExactly(LocalTime.of(9, 0), LocalTime.of(9, 20), LocalTime.of(9, 40));
		assertThat(slots.get(0).start()).isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
	}

	@Test
	void followsTheWeekdaysAndBlocksSlotsInAnException() {
		TemplateLine monday = new TemplateLine(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0),
				AppointmentType.MRI, 30);
		TemplateLine wednesday = new TemplateLine(DayOfWeek.WEDNESDAY, LocalTime.of(13, 0), LocalTime.of(14, 0),
				AppointmentType.MRI, 30);
		LocalDate from = LocalDate.of(2027, 5, 3);
		Instant closedFrom = ZonedDateTime.of(from, LocalTime.of(10, 15), BRUSSELS).toInstant();
		Instant closedTo = ZonedDateTime.of(from, LocalTime.of(11, 0), BRUSSELS).toInstant();
		List<SlotGenerator.Planned> slots = SlotGenerator.generate(List.of(monday, wednesday), BRUSSELS, from,
				from.plusDays(7), List.of(new SlotGenerator.Closed(closedFrom, closedTo)));
		assertThat(slots).hasSize(8 + 2);
		assertThat(slots).filteredOn(SlotGenerator.Planned::blocked)
			.extracting(s -> local(s.start()).toLocalTime())
			.containsExactly(LocalTime.of(10, 0), LocalTime.of(10, 30));
		assertThat(slots).extracting(s -> local(s.start()).getDayOfWeek())
			.containsOnly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
	}

	@Test
	void aLineThatIsNotAMultipleOfTheSlotLengthEndsWithTheLastWholeSlot() {
		TemplateLine line = new TemplateLine(DayOfWeek.TUESDAY, LocalTime.of(8, 0), LocalTime.of(9, 0),
				AppointmentType.BLOOD_SAMPLING, 25);
		List<SlotGenerator.Planned> slots = SlotGenerator.generate(List.of(line), BRUSSELS, LocalDate.of(2027, 5, 4),
				LocalDate.of(2027, 5, 5), List.of());
		assertThat(slots).hasSize(2);
	}

	static ZonedDateTime local(Instant instant) {
		return instant.atZone(BRUSSELS);
	}

}
