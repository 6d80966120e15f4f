package continuum.lab;

import java.math.BigDecimal;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A result's value: a number (with an optional comparator, {@code <} or {@code >}, for a
 * value beyond the measuring range) or a text.
 */
public record ResultValue(@Nullable BigDecimal number, @Nullable String text, @Nullable String comparator) {

	public ResultValue {
		if ((number == null) == (text == null || text.isBlank())) {
			throw new InvalidInputException("A result has either a number or a text");
		}
		if (comparator != null && !comparator.isEmpty() && !comparator.matches("<|>|<=|>=")) {
			throw new InvalidInputException("A result's comparator is one of <, >, <=, >=");
		}
		if (comparator != null && comparator.isEmpty()) {
			comparator = null;
		}
	}

	public static ResultValue number(BigDecimal number) {
		return new ResultValue(number, null, null);
	}

	public static ResultValue text(String text) {
		return new ResultValue(null, text.strip(), null);
	}

	/**
	 * Reads what a person typed or an analyzer sent: a decimal, with an optional leading
	 * comparator, for a numeric test; any text otherwise.
	 */
	public static ResultValue parse(String input, boolean numeric) {
		String value = input.strip();
		if (!numeric) {
			if (value.isEmpty()) {
				throw new InvalidInputException("The result is empty");
			}
			return text(value);
		}
		String comparator = null;
		for (String c : new String[] { "<=", ">=", "<", ">" }) {
			if (value.startsWith(c)) {
				comparator = c;
				value = value.substring(c.length()).strip();
				break;
			}
		}
		try {
			return new ResultValue(new BigDecimal(value.replace(',', '.')), null, comparator);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("The result of a numeric test must be a number");
		}
	}

	/** As shown and as sent in OBX-5. */
	public String display() {
		if (number != null) {
			return (comparator == null ? "" : comparator) + number.toPlainString();
		}
		return text;
	}

}
