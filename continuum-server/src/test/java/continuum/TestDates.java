package continuum;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;

/**
 * Dates for tests that generate slots and book them: always in the future, whatever day
 * the suite runs on, and two years and more ahead, where the demo hospital's appointments
 * (three months) never reach. Computed once per run from the day it starts, so every test
 * class of a run sees the same dates; callers keep to their own ranges of weeks so that
 * their schedules never meet.
 */
public final class TestDates {

	/** The demo hospital's zone. */
	public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	private static final LocalDate FIRST_MONDAY = LocalDate.now(BRUSSELS)
		.plusYears(2)
		.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));

	private TestDates() {
	}

	/** The Monday {@code weeks} weeks after the first test Monday. */
	public static LocalDate monday(int weeks) {
		if (weeks < 0) {
			throw new IllegalArgumentException("weeks must not be negative: " + weeks);
		}
		return FIRST_MONDAY.plusWeeks(weeks);
	}

	/**
	 * The first day of 23 hours in Brussels (clocks go forward) at least {@code weeks}
	 * weeks after the first test Monday.
	 */
	public static LocalDate springForward(int weeks) {
		return transition(weeks, true);
	}

	/**
	 * The first day of 25 hours in Brussels (clocks go back) at least {@code weeks} weeks
	 * after the first test Monday.
	 */
	public static LocalDate fallBack(int weeks) {
		return transition(weeks, false);
	}

	private static LocalDate transition(int weeks, boolean gap) {
		var instant = monday(weeks).atStartOfDay(BRUSSELS).toInstant();
		ZoneOffsetTransition next = BRUSSELS.getRules().nextTransition(instant);
		while (next.isGap() != gap) {
			next = BRUSSELS.getRules().nextTransition(next.getInstant());
		}
		return next.getDateTimeBefore().toLocalDate();
	}

}
