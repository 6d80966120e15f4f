package continuum.fhir;

import java.time.Instant;
import java.util.Date;

import ca.uhn.fhir.util.DateUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct read's HTTP dates are IMF-fixdates (RFC 9110 §5.6.7), as HAPI writes them.
 */
class DirectReadFilterTests {

	@Test
	void writesTwoDigitDaysInGmt() {
		assertThat(DirectReadFilter.HTTP_DATE.format(Instant.parse("2026-12-06T09:05:07.999Z")))
			.isEqualTo("Sun, 06 Dec 2026 09:05:07 GMT");
		assertThat(DirectReadFilter.HTTP_DATE.format(Instant.parse("2027-01-31T23:59:59Z")))
			.isEqualTo("Sun, 31 Jan 2027 23:59:59 GMT");
	}

	@Test
	void writesWhatHapiWritesOnEveryDayOfAYear() {
		Instant day = Instant.parse("2028-01-01T00:00:01Z");
		for (int i = 0; i < 366; i++, day = day.plusSeconds(86_400 + 3_607)) {
			assertThat(DirectReadFilter.HTTP_DATE.format(day)).isEqualTo(DateUtils.formatDate(Date.from(day)));
		}
	}

}
