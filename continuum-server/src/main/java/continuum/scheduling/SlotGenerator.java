package continuum.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lays a weekly template over local dates. Opening and closing are local wall-clock
 * times, converted with {@link ZonedDateTime#of} (a time that does not exist on a
 * spring-forward night moves forward by the gap; a time that occurs twice on a fall-back
 * night takes the earlier offset); between them slots follow each other in real time, so
 * that every slot lasts exactly its minutes: a 00:00–06:00 line of 30-minute slots gives
 * 10 slots on the spring-forward night and 14 on the fall-back night, none overlapping. A
 * slot overlapping an exception is generated blocked.
 */
final class SlotGenerator {

	/** A slot to be stored. */
	record Planned(AppointmentType type, Instant start, Instant end, boolean blocked) {
	}

	/** A period in which nothing can be booked. */
	record Closed(Instant start, Instant end) {

		boolean overlaps(Instant from, Instant to) {
			return start.isBefore(to) && from.isBefore(end);
		}

	}

	private SlotGenerator() {
	}

	/** The slots of local dates {@code [from, until)}, in start order. */
	static List<Planned> generate(List<TemplateLine> template, ZoneId zone, LocalDate from, LocalDate until,
			List<Closed> closed) {
		List<Planned> slots = new ArrayList<>();
		for (LocalDate date = from; date.isBefore(until); date = date.plusDays(1)) {
			for (TemplateLine line : template) {
				if (line.weekday() != date.getDayOfWeek()) {
					continue;
				}
				Instant opens = ZonedDateTime.of(date, line.opens(), zone).toInstant();
				Instant closes = ZonedDateTime.of(date, line.closes(), zone).toInstant();
				Duration length = Duration.ofMinutes(line.slotMinutes());
				for (Instant start = opens; !start.plus(length).isAfter(closes); start = start.plus(length)) {
					Instant end = start.plus(length);
					Instant slotStart = start;
					boolean blocked = closed.stream().anyMatch(c -> c.overlaps(slotStart, end));
					slots.add(new Planned(line.type(), start, end, blocked));
				}
			}
		}
		slots.sort(Comparator.comparing(Planned::start));
		return slots;
	}

}
