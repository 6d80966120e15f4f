package continuum.patients;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import continuum.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A birth date may be today's date anywhere on Earth, never later: a child born just
 * after midnight in Brussels is registered while the server's UTC clock still says
 * yesterday.
 */
class BirthDateRuleTests {

	private static PatientData bornOn(LocalDate date) {
		return new PatientData(java.util.List.of(), "Peeters", java.util.List.of("Lotte"), null, date, Gender.FEMALE,
				Address.NONE, null, null, null, false);
	}

	@Test
	void aChildBornAfterMidnightInBrusselsIsRegisteredWhileUtcIsStillOnYesterday() {
		// 6 December, 23:30 UTC: already 7 December, 00:30 in Brussels.
		Clock clock = Clock.fixed(Instant.parse("2026-12-06T23:30:00Z"), ZoneOffset.UTC);
		LocalDate brussels = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Brussels"));
		assertThat(brussels).isEqualTo(LocalDate.of(2026, 12, 7));
		bornOn(brussels).requireBornBy(clock);
		assertThat(PatientData.latestBirthDate(clock)).isEqualTo(LocalDate.of(2026, 12, 7));
	}

	@Test
	void theDayAfterTodayAnywhereIsRefused() {
		Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
		assertThat(PatientData.latestBirthDate(clock)).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThatThrownBy(() -> bornOn(LocalDate.of(2026, 3, 2)).requireBornBy(clock))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("Birth date is in the future");
		assertThatThrownBy(() -> bornOn(LocalDate.of(2999, 1, 1)).requireBornBy(clock))
			.isInstanceOf(InvalidInputException.class);
	}

}
