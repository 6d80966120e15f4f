package continuum.patients.fhir;

import java.time.LocalDate;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.DateTimeType;
import org.jspecify.annotations.Nullable;

/**
 * Date search parameters on date-only data: each bound (with prefix eq, ge, gt, le, lt;
 * precision year, month or day) narrows an inclusive range of days.
 */
final class FhirDates {

	/** An inclusive range of days; either end may be open. */
	record Range(@Nullable LocalDate from, @Nullable LocalDate to) {

		Range narrow(@Nullable LocalDate newFrom, @Nullable LocalDate newTo) {
			LocalDate f = from == null || (newFrom != null && newFrom.isAfter(from)) ? newFrom : from;
			LocalDate t = to == null || (newTo != null && newTo.isBefore(to)) ? newTo : to;
			return new Range(f, t);
		}

	}

	private FhirDates() {
	}

	static Range range(@Nullable DateRangeParam param) {
		Range range = new Range(null, null);
		if (param == null) {
			return range;
		}
		for (DateParam bound : new DateParam[] { param.getLowerBound(), param.getUpperBound() }) {
			if (bound == null || bound.getValueAsString() == null) {
				continue;
			}
			String text = bound.getValueAsString();
			LocalDate start;
			LocalDate end;
			try {
				TemporalPrecisionEnum precision = bound.getPrecision();
				if (precision == TemporalPrecisionEnum.YEAR) {
					start = LocalDate.of(Integer.parseInt(text.substring(0, 4)), 1, 1);
					end = start.plusYears(1).minusDays(1);
				}
				else if (precision == TemporalPrecisionEnum.MONTH) {
					start = LocalDate.parse(text.substring(0, 7) + "-01");
					end = start.plusMonths(1).minusDays(1);
				}
				else {
					start = LocalDate.parse(text.substring(0, 10));
					end = start;
				}
			}
			catch (RuntimeException ex) {
				throw new InvalidRequestException("A date parameter must be a FHIR date such as 1985-07-30");
			}
			ParamPrefixEnum prefix = bound.getPrefix() == null ? ParamPrefixEnum.EQUAL : bound.getPrefix();
			range = switch (prefix) {
				case EQUAL, APPROXIMATE -> range.narrow(start, end);
				case GREATERTHAN_OR_EQUALS, STARTS_AFTER -> range.narrow(start, null);
				case GREATERTHAN -> range.narrow(end.plusDays(1), null);
				case LESSTHAN_OR_EQUALS, ENDS_BEFORE -> range.narrow(null, end);
				case LESSTHAN -> range.narrow(null, start.minusDays(1));
				default -> throw new InvalidRequestException("Date prefix " + prefix.getValue() + " is not supported");
			};
		}
		return range;
	}

	static @Nullable DateTimeType dateTime(@Nullable LocalDate date) {
		return date == null ? null : new DateTimeType(date.toString());
	}

	static @Nullable LocalDate date(@Nullable DateTimeType dateTime) {
		if (dateTime == null || dateTime.getValueAsString() == null) {
			return null;
		}
		String text = dateTime.getValueAsString();
		return text.length() >= 10 ? LocalDate.parse(text.substring(0, 10))
				: text.length() == 7 ? LocalDate.parse(text + "-01") : LocalDate.parse(text.substring(0, 4) + "-01-01");
	}

}
