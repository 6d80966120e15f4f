package continuum.scheduling.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.patients.PatientSummary;
import continuum.scheduling.Appointment;
import continuum.scheduling.Slot;
import org.jspecify.annotations.Nullable;

/**
 * Lays slots and their appointments out on a time grid in the schedule's local time. A
 * day has as many rows as it has real hours — 23 on the day clocks go forward, 25 on the
 * day they go back, when the repeated hour is labelled with its UTC offset — so no slot
 * is ever shown twice or lost. The week grid has one row per local hour of the day; on
 * the day clocks go back, both 02:00 hours share a cell and each chip says its own time.
 */
final class CalendarGrid {

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

	/** The hours shown when a day has nothing in it. */
	private static final int FIRST_HOUR = 8;

	private static final int LAST_HOUR = 17;

	private CalendarGrid() {
	}

	/** An appointment on a slot, with the patient's banner facts. */
	record Chip(Appointment appointment, @Nullable PatientSummary patient) {
	}

	/** A slot and the appointments holding it (more than one when overbooked). */
	record Entry(Slot slot, List<Chip> chips) {
	}

	/** One real hour of a day: its start, its label and what starts in it. */
	record HourRow(Instant start, String label, List<Entry> entries) {
	}

	/** One local hour across the days of a week; {@code cells} has one list per day. */
	record WeekRow(String label, List<List<Entry>> cells) {
	}

	/** The start of every real hour of the local date: 23, 24 or 25 of them. */
	static List<Instant> hoursOf(LocalDate date, ZoneId zone) {
		Instant start = date.atStartOfDay(zone).toInstant();
		Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
		List<Instant> hours = new ArrayList<>();
		for (Instant at = start; at.isBefore(end); at = at.plus(Duration.ofHours(1))) {
			hours.add(at);
		}
		return hours;
	}

	/**
	 * The rows of a day, from the first to the last hour with something in it (office
	 * hours when empty); a local hour that occurs twice is labelled with its offset.
	 */
	static List<HourRow> day(LocalDate date, ZoneId zone, List<Entry> entries) {
		List<Instant> hours = hoursOf(date, zone);
		Map<LocalTime, Integer> seen = new HashMap<>();
		hours.forEach(h -> seen.merge(local(h, zone), 1, Integer::sum));
		List<HourRow> rows = new ArrayList<>();
		for (Instant hour : hours) {
			Instant next = hour.plus(Duration.ofHours(1));
			List<Entry> inHour = entries.stream()
				.filter(e -> !e.slot().start().isBefore(hour) && e.slot().start().isBefore(next))
				.sorted(Comparator.comparing(e -> e.slot().start()))
				.toList();
			ZonedDateTime local = hour.atZone(zone);
			String label = HOUR.format(local);
			if (seen.get(local.toLocalTime()) > 1) {
				label += " (UTC" + local.getOffset().getId() + ")";
			}
			rows.add(new HourRow(hour, label, inHour));
		}
		int first = firstUsed(rows, zone);
		int last = lastUsed(rows, zone);
		return rows.subList(first, last + 1);
	}

	/** The rows of the week starting on {@code monday}: one per local hour in use. */
	static List<WeekRow> week(LocalDate monday, ZoneId zone, List<Entry> entries) {
		int first = FIRST_HOUR;
		int last = LAST_HOUR;
		for (Entry entry : entries) {
			int hour = entry.slot().start().atZone(zone).getHour();
			first = Math.min(first, hour);
			last = Math.max(last, hour);
		}
		List<WeekRow> rows = new ArrayList<>();
		for (int hour = first; hour <= last; hour++) {
			List<List<Entry>> cells = new ArrayList<>();
			for (int d = 0; d < 7; d++) {
				LocalDate date = monday.plusDays(d);
				int h = hour;
				cells.add(entries.stream().filter(e -> {
					ZonedDateTime start = e.slot().start().atZone(zone);
					return start.toLocalDate().equals(date) && start.getHour() == h;
				}).sorted(Comparator.comparing(e -> e.slot().start())).toList());
			}
			rows.add(new WeekRow(HOUR.format(LocalTime.of(hour, 0)), cells));
		}
		return rows;
	}

	private static LocalTime local(Instant instant, ZoneId zone) {
		return instant.atZone(zone).toLocalTime();
	}

	private static int firstUsed(List<HourRow> rows, ZoneId zone) {
		for (int i = 0; i < rows.size(); i++) {
			if (!rows.get(i).entries().isEmpty() || local(rows.get(i).start(), zone).getHour() >= FIRST_HOUR) {
				return i;
			}
		}
		return 0;
	}

	private static int lastUsed(List<HourRow> rows, ZoneId zone) {
		for (int i = rows.size() - 1; i >= 0; i--) {
			if (!rows.get(i).entries().isEmpty() || local(rows.get(i).start(), zone).getHour() <= LAST_HOUR) {
				return i;
			}
		}
		return rows.size() - 1;
	}

}
